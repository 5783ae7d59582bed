import { describe, expect, it } from "vitest";
import { builtinTemplate, segmentsOf } from "../../../test/helpers/meeting.js";
import { createItem, type Item } from "../item.js";
import { extractItems, toContract } from "./extract-items.js";
import { createExtractor, MIN_CONFIDENCE } from "./extractor.js";

const template = builtinTemplate("engineering-leadership-sync");
const MEETING = "2025-03-17";

const meeting = segmentsOf([
  ["Priya", "So platform, velocity was eighty-four points, two incidents, P1 MTTR forty-two minutes."],
  ["Priya", "I'll draft the migration plan for the billing service by Friday."],
  ["Kenji", "There's a risk the vendor API deprecation breaks our Salesforce sync. I'd call this one red."],
  ["Darius", "Medium likelihood, high impact."],
  ["Priya", "I propose we move the Salesforce sync to one-way for v1."],
  ["Darius", "Agreed."],
  ["Darius", "I want to escalate the Q2 mobile capacity gap to the VP."],
  ["Wen", "The quarterly numbers are in the board deck."],
  ["Darius", "Send me the quarterly numbers for the board."],
  ["Wen", "Who owns the billing migration after the reorg?"],
]);
const options = { template, meetingDate: MEETING, attendees: ["Priya", "Darius", "Wen", "Kenji"] };

describe("extractItems", () => {
  it("returns the items the live extractor is sure of, and leaves suggestions out", () => {
    const extractor = createExtractor(options);
    for (const s of meeting) extractor.push(s);
    extractor.finish();
    const live = extractor.items();
    const { items } = extractItems(meeting, options);

    expect(live.some((i) => i.confidence < MIN_CONFIDENCE)).toBe(true);
    expect(items).toEqual(live.filter((i) => i.confidence >= MIN_CONFIDENCE));
  });

  it("returns the metrics rows", () => {
    expect(extractItems(meeting, options).metrics.map((r) => [r.team, r.values])).toEqual([
      ["Platform", { velocity: 84, incidents: 2, p1_mttr_min: 42 }],
    ]);
  });

  it("gives the same answer for the same meeting", () => {
    expect(extractItems(meeting, options)).toEqual(extractItems(meeting, options));
  });

  it("returns nothing for no segments", () => {
    expect(extractItems([], options)).toEqual({ items: [], metrics: [] });
  });
});

describe("toContract: the `docket extract --json` shape", () => {
  const contract = toContract(extractItems(meeting, options));
  const byKind = (kind: string) => contract.items.filter((i) => i.kind === kind);

  it("prints exactly the contract's fields for every item", () => {
    expect(contract.items.length).toBeGreaterThan(0);
    for (const item of contract.items) {
      expect(Object.keys(item).sort()).toEqual(
        ["kind", "text", "owner", "due", "status", "rag", "likelihood", "impact", "speaker", "quote", "start"].sort(),
      );
      expect(["decision", "action", "risk", "question", "escalation"]).toContain(item.kind);
    }
  });

  it("carries each kind's attributes, with null for what is unknown", () => {
    expect(byKind("action")).toEqual([
      {
        kind: "action",
        text: "Draft the migration plan for the billing service",
        owner: "Priya",
        due: "2025-03-21",
        status: "open",
        rag: null,
        likelihood: null,
        impact: null,
        speaker: "Priya",
        quote: "I'll draft the migration plan for the billing service by Friday.",
        start: 10,
      },
    ]);
    expect(byKind("risk")).toEqual([
      expect.objectContaining({ owner: "Kenji", rag: "red", likelihood: "medium", impact: "high", due: null }),
    ]);
    expect(byKind("decision")).toEqual([expect.objectContaining({ status: "decided", speaker: "Priya", start: 40 })]);
    expect(byKind("question")).toEqual([
      expect.objectContaining({
        status: "open",
        speaker: "Wen",
        quote: "Who owns the billing migration after the reorg?",
        start: 90,
      }),
    ]);
    expect(byKind("escalation")).toEqual([expect.objectContaining({ owner: "Darius", rag: null, status: null })]);
  });

  it("flattens metric rows to {team, <column>: number}", () => {
    expect(contract.metrics).toEqual([{ team: "Platform", velocity: 84, incidents: 2, p1_mttr_min: 42 }]);
  });

  it("survives a JSON round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(contract))).toEqual(contract);
  });

  it("leaves section updates out and takes speaker, quote and start from the first evidence", () => {
    const evidence = [
      { segmentId: "a", speaker: "Wen", quote: "first words", start: 3 },
      { segmentId: "b", speaker: "Kenji", quote: "later words", start: 9 },
    ];
    const base = createItem({
      id: "action-1",
      kind: "action",
      section: "actions",
      text: "Post the JD",
      owner: "Wen",
      status: "done",
      confidence: 0.9,
      evidence,
    });
    const update: Item = { ...base, id: "update-1", kind: "update", section: "staffing", status: null };
    const out = toContract({ items: [update, base], metrics: [] });
    expect(out.items).toEqual([
      {
        kind: "action",
        text: "Post the JD",
        owner: "Wen",
        due: null,
        status: "done",
        rag: null,
        likelihood: null,
        impact: null,
        speaker: "Wen",
        quote: "first words",
        start: 3,
      },
    ]);
    expect(toContract({ items: [{ ...base, evidence: [] }], metrics: [] }).items[0]).toMatchObject({
      speaker: null,
      quote: null,
      start: null,
    });
  });
});
