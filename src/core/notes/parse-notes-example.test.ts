import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TemplateError } from "../errors.js";
import type { Template } from "../template/template.js";
import { parseTemplate } from "../template/validate-template.js";
import { parseNotesExample } from "./parse-notes-example.js";

const templatesUrl = new URL("../../../templates/", import.meta.url);

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(path, templatesUrl), "utf8"));
}

function builtin(id: string): Template {
  return parseTemplate(readJson(`${id}.json`), `${id}.json`);
}

describe("parseNotesExample", () => {
  const leadership = builtin("engineering-leadership-sync");
  const example = () => readJson("examples/engineering-leadership-sync.example.json");

  it("reads the seed example rows as items and metrics", () => {
    const notes = parseNotesExample(example(), leadership, "example.json");
    const count = (section: string) => notes.items.filter((item) => item.section === section).length;
    expect([count("staffing"), count("risks"), count("initiatives"), count("decisions"), count("escalations")]).toEqual(
      [3, 3, 2, 2, 2],
    );
    expect(notes.items.filter((item) => item.kind === "action").map((item) => [item.owner, item.due])).toEqual([
      ["Priya", "2025-03-21"],
      ["Darius", "2025-03-19"],
      ["Wen", "2025-03-28"],
    ]);
    expect(notes.metrics.map((row) => row.team)).toEqual(["Platform", "Mobile", "Data"]);
    expect(notes.metrics[0]?.values).toEqual({
      velocity: 84,
      incidents: 2,
      p1_mttr_min: 42,
      open_reqs: 3,
      attrition_90d: 0,
    });
  });

  it("fills in what an example leaves out", () => {
    const notes = parseNotesExample(example(), leadership, "example.json");
    expect(notes.items[0]).toMatchObject({ id: "staffing-1", owner: null, due: null, confidence: 1, evidence: [] });
    expect(notes.items.find((item) => item.section === "risks")?.id).toBe("risks-1");
  });

  it("reads the Product–Engineering Sync example", () => {
    const notes = parseNotesExample(
      readJson("examples/product-engineering-sync.example.json"),
      builtin("product-engineering-sync"),
      "example.json",
    );
    expect(notes.items.filter((item) => item.kind === "action")).toHaveLength(4);
    expect(notes.items.filter((item) => item.section === "roadmap").map((item) => item.fields.feature)).toEqual([
      "AI meeting summaries v2",
      "Enterprise SSO (SAML)",
      "Salesforce integration",
      "Timeline view improvements",
    ]);
    expect(notes.items.find((item) => item.status === "pending")?.owner).toBe("Rosa");
  });

  const cases: [string, (json: Record<string, unknown>) => void, string][] = [
    [
      "another template's example",
      (json) => {
        json.template = "team-sync";
      },
      'template: must be "engineering-leadership-sync"; got "team-sync"',
    ],
    [
      "an item in a section the template lacks",
      (json) => {
        (json.items as Record<string, unknown>[])[0]!.section = "questions";
      },
      'items[0].section: must be one of details, metrics, staffing, risks, initiatives, decisions, escalations, actions, open-questions; got "questions"',
    ],
    [
      "a status that does not fit the kind",
      (json) => {
        (json.items as Record<string, unknown>[])[3]!.status = "decided";
      },
      'items[3].status: a risk status must be one of open, resolved; got "decided"',
    ],
    [
      "a due date that is not ISO",
      (json) => {
        (json.items as Record<string, unknown>[])[12]!.due = "March 21";
      },
      'items[12].due: must be a date written YYYY-MM-DD; got "March 21"',
    ],
    [
      "a metric the template has no column for",
      (json) => {
        (json.metrics as { values: Record<string, number> }[])[0]!.values.uptime = 99;
      },
      "metrics[0].values.uptime: is not a metrics column: must be one of velocity, incidents, p1_mttr_min, open_reqs, attrition_90d",
    ],
  ];

  it.each(cases)("rejects %s, naming the field", (_name, edit, expected) => {
    const json = example();
    edit(json);
    expect(() => parseNotesExample(json, leadership, "example.json")).toThrow(TemplateError);
    expect(() => parseNotesExample(json, leadership, "example.json")).toThrow(`example.json: ${expected}`);
  });
});
