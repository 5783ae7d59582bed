import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../../test/helpers/meeting.js";
import { createItem, type Item, type MetricRow } from "../item.js";
import type { Template } from "../template/template.js";
import type { RecordedItem } from "./recorded-item.js";
import { carryOverItems, type PreReadRowInput, parseRag, type TriageInput, triagePreRead } from "./triage.js";

const template: Template = builtinTemplate("engineering-leadership-sync");
const last = {
  meetingId: "m0",
  meetingTitle: "Sync, 3 March",
  meetingDate: "2025-03-03",
  scheduledAt: "2025-03-03T15:00:00Z",
};

let position = 0;
function row(sectionId: string, cells: Record<string, string>, fields: Partial<PreReadRowInput> = {}): PreReadRowInput {
  position += 1;
  return {
    id: `row-${position}`,
    sectionId,
    ownerId: "u-mei",
    ownerName: "Mei",
    cells,
    position,
    updated: true,
    ...fields,
  };
}

function earlierItem(id: string, kind: Item["kind"], fields: Partial<Item> = {}): RecordedItem {
  const section = { decision: "decisions", action: "actions", risk: "risks", question: "open-questions" }[
    kind as string
  ];
  return { ...last, item: createItem({ id, kind, section: section ?? "notes", text: id, ...fields }) };
}

function triage(input: Partial<TriageInput<Item>>) {
  return triagePreRead({ template, rows: [], earlierMetrics: [], previous: [], ...input });
}

const brief = (entries: { reason: string; text: string }[]) => entries.map((entry) => `${entry.reason}: ${entry.text}`);

describe("parseRag", () => {
  it.each([
    ["red", "red"],
    [" Red ", "red"],
    ["🔴", "red"],
    ["🔴 Red", "red"],
    ["R", "red"],
    ["amber", "yellow"],
    ["Yellow — watching", "yellow"],
    ["🟡", "yellow"],
    ["green", "green"],
    ["🟢 on track", "green"],
    ["", null],
    ["reddish", null],
    ["blue", null],
    [undefined, null],
  ])("%j → %j", (cell, rag) => {
    expect(parseRag(cell)).toBe(rag);
  });
});

describe("carryOverItems", () => {
  it("carries open actions, unresolved red and yellow risks, open questions and pending decisions", () => {
    const carried = carryOverItems([
      earlierItem("action-open", "action", { status: "open" }),
      earlierItem("action-unstated", "action", { status: null }),
      earlierItem("action-done", "action", { status: "done" }),
      earlierItem("risk-red", "risk", { rag: "red", status: "open" }),
      earlierItem("risk-yellow", "risk", { rag: "yellow" }),
      earlierItem("risk-green", "risk", { rag: "green" }),
      earlierItem("risk-unrated", "risk", { rag: null }),
      earlierItem("risk-resolved", "risk", { rag: "red", status: "resolved" }),
      earlierItem("question-open", "question", { status: "open" }),
      earlierItem("question-answered", "question", { status: "answered" }),
      earlierItem("decision-pending", "decision", { status: "pending" }),
      earlierItem("decision-decided", "decision", { status: "decided" }),
      earlierItem("escalation", "escalation"),
    ]);
    expect(carried.map((recorded) => recorded.item.id)).toEqual([
      "action-open",
      "action-unstated",
      "risk-red",
      "risk-yellow",
      "question-open",
      "decision-pending",
    ]);
  });
});

describe("triagePreRead", () => {
  it("discusses red before yellow, then the rest, each in section order then position; green is acknowledged", () => {
    const rows = [
      row("initiatives", { initiative: "Billing v2", rag: "green", text: "On track" }),
      row("risks", { rag: "yellow", text: "Mobile capacity" }),
      row("initiatives", { initiative: "SSO", rag: "red" }),
      row("risks", { rag: "green", text: "Data migration" }),
      row("risks", { rag: "red", text: "SLA breach" }),
      row("risks", { text: "Vendor renewal" }),
      row("staffing", { team: "Mobile", role: "iOS", text: "Hire starts Monday" }),
      row("risks", { rag: "red", text: "Security audit" }),
    ];
    const result = triage({ rows });
    expect(brief(result.toDiscuss)).toEqual([
      "red risk: SLA breach",
      "red risk: Security audit",
      "red: SSO",
      "yellow risk: Mobile capacity",
      "unrated risk: Vendor renewal",
    ]);
    expect(brief(result.toAcknowledge)).toEqual([
      "update: Mobile — Hire starts Monday",
      "green risk: Data migration",
      "green: Billing v2 — On track",
    ]);
    expect(result.toDiscuss[0]).toEqual({
      id: rows[4]?.id,
      reason: "red risk",
      rag: "red",
      sectionId: "risks",
      sectionTitle: "Major Risks",
      text: "SLA breach",
      owner: "Mei",
      source: { kind: "pre-read", rowId: rows[4]?.id },
    });
  });

  it("names the person a row names before the row's owner", () => {
    const result = triage({ rows: [row("risks", { rag: "red", text: "SLA breach", owner: "Priya" })] });
    expect(result.toDiscuss[0]?.owner).toBe("Priya");
  });

  it("leaves out rows nobody has filled in", () => {
    const result = triage({ rows: [row("risks", { rag: " ", text: "" }), row("risks", {})] });
    expect([...result.toDiscuss, ...result.toAcknowledge]).toEqual([]);
    expect(result.checklist.people).toEqual([{ userId: "u-mei", name: "Mei", rows: 2, updated: 2, done: true }]);
  });

  it("discusses every escalation row", () => {
    const withEscalationRows: Template = {
      ...template,
      sections: template.sections.map((section) =>
        section.id === "escalations"
          ? { ...section, columns: [{ id: "text", label: "Escalation", type: "text" as const }] }
          : section,
      ),
    };
    const result = triagePreRead({
      template: withEscalationRows,
      rows: [row("escalations", { text: "Contractor budget" }), row("risks", { rag: "yellow", text: "Capacity" })],
      earlierMetrics: [],
      previous: [],
    });
    expect(brief(result.toDiscuss)).toEqual(["yellow risk: Capacity", "escalation: Contractor budget"]);
  });

  it("flags a metric outside the team's usual range from its earlier values, teams matched whatever the case", () => {
    const earlierMetrics: Pick<MetricRow, "team" | "values">[][] = [
      [
        { team: "Platform", values: { velocity: 80, incidents: 1 } },
        { team: "Data", values: { velocity: 70 } },
      ],
      [{ team: "PLATFORM", values: { velocity: 84, incidents: 2 } }],
      [{ team: "platform", values: { velocity: 82, incidents: 1 } }],
    ];
    const rows = [
      row("metrics", { team: "Platform ", velocity: "40", incidents: "9", open_reqs: "3" }),
      row("metrics", { team: "Platform", velocity: "85" }),
      // Two earlier values: too few for a usual range.
      row("metrics", { team: "Data", velocity: "5" }),
    ];
    const result = triage({ rows, earlierMetrics });
    expect(result.toDiscuss).toHaveLength(1);
    expect(result.toDiscuss[0]).toMatchObject({
      id: rows[0]?.id,
      reason: "metric out of range",
      rag: null,
      sectionTitle: "Key Metrics",
      text: "Platform",
      // Velocity: mean 82, SD 2. Incidents: mean 1.33, SD 0.58.
      detail: "Velocity (pts) 40 (usual 78–86); Incident Count 9 (usual 0.2–2.5)",
    });
    expect(brief(result.toAcknowledge)).toEqual(["metrics: Platform", "metrics: Data"]);
  });

  it("carries the last meeting's open business to discuss, by rating then section, after this meeting's rows", () => {
    const rows = [
      row("risks", { rag: "red", text: "SLA breach" }),
      row("actions", { text: "Mei's action", owner: "Mei" }),
    ];
    const previous = [
      earlierItem("action-1", "action", { text: "Post the JD", owner: "Wen" }),
      earlierItem("question-1", "question", { text: "Which week", status: "open" }),
      earlierItem("risk-1", "risk", { text: "Auth latency", rag: "red" }),
      earlierItem("risk-2", "risk", { text: "Capacity", rag: "yellow" }),
      earlierItem("action-2", "action", { text: "Done", status: "done" }),
    ];
    const result = triage({ rows, previous });
    expect(brief(result.toDiscuss)).toEqual([
      "red risk: SLA breach",
      "carried over: Auth latency",
      "carried over: Capacity",
      "carried over: Post the JD",
      "carried over: Which week",
    ]);
    expect(brief(result.toAcknowledge)).toEqual(["update: Mei's action"]);
    expect(result.toDiscuss[1]).toEqual({
      id: "m0:risk-1",
      reason: "carried over",
      rag: "red",
      sectionId: "risks",
      sectionTitle: "Major Risks",
      text: "Auth latency",
      owner: null,
      source: {
        kind: "item",
        itemId: "risk-1",
        meetingId: "m0",
        meetingTitle: "Sync, 3 March",
        meetingDate: "2025-03-03",
      },
    });
  });

  it("gives the template's checklist and, per person with rows, how many they updated, by name", () => {
    const rows = [
      row("risks", { rag: "red", text: "A" }, { ownerId: "u-wen", ownerName: "Wen" }),
      row("risks", { rag: "red", text: "B" }, { ownerId: "u-wen", ownerName: "Wen", updated: false }),
      row("metrics", { team: "Data" }, { ownerId: "u-ana", ownerName: "ana" }),
      row("metrics", { team: "Gone" }, { ownerId: null, ownerName: null }),
    ];
    const result = triage({ rows });
    expect(result.checklist.steps).toEqual(template.beforeMeeting);
    expect(result.checklist.people).toEqual([
      { userId: "u-ana", name: "ana", rows: 1, updated: 1, done: true },
      { userId: "u-wen", name: "Wen", rows: 2, updated: 1, done: false },
    ]);
  });
});
