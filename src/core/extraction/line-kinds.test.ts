import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { extractItems } from "./extract-items.js";
import { type LineKindModel, lineUnits, unitProbability } from "./line-kinds.js";

const seg = (i: number, speaker: string, text: string): Segment => ({
  id: `s${i}`,
  speaker,
  text,
  start: i * 5,
  end: i * 5 + 4,
});

function conversation(lines: [string, string][]): Segment[] {
  return lines.map(([speaker, text], i) => seg(i, speaker, text));
}

/** The learned pass reads whole meetings only: the lines, then enough back-channel to make a meeting. */
function meeting(lines: [string, string][]): Segment[] {
  const filler: [string, string][] = Array.from({ length: 30 }, (_, i) => [i % 2 ? "Ana" : "Ben", "Mm-hmm."]);
  return conversation([...lines, ...filler]);
}

describe("lineUnits", () => {
  const units = lineUnits(
    conversation([
      ["Ana", "What about the vendor contract for the warehouse scanners?"],
      ["Ben", "Okay. So we'll renew the scanner contract for one more year. Agreed?"],
      ["Ana", "Sounds good to me."],
      ["Cy", "I'll send the renewal paperwork to procurement by Friday."],
    ]),
  );

  it("reads the language of a sentence and its neighbours, never its topic", () => {
    const renew = units.find((u) => u.text.startsWith("So we'll renew"))!;
    expect(renew.features).toEqual(
      expect.arrayContaining(["cue:we-modal", "cue:so-start", "prev:question", "next:strong", "open2:so_X"]),
    );
    expect(renew.features.some((f) => /scanner|contract|renew/.test(f))).toBe(false);
  });

  it("gives no unit to sentences too short to be an item, and marks where a sentence sits in its turn", () => {
    expect(units.map((u) => u.text)).not.toContain("Okay.");
    expect(units.map((u) => u.text)).not.toContain("Agreed?");
    const renew = units.find((u) => u.text.startsWith("So we'll renew"))!;
    expect(renew.segmentIndex).toBe(1);
    expect(renew.features).toContain("after:question");
    expect(units.find((u) => u.text.startsWith("I'll send"))!.features).toContain("cue:self");
  });

  it("scores by summing the weights of the features present", () => {
    expect(unitProbability({ bias: 0 }, ["bias"])).toBe(0.5);
    expect(unitProbability({ "cue:self": 3 }, ["bias", "cue:self"])).toBeGreaterThan(0.95);
  });
});

/** A made-up model: a line opening "then X" is a decision; a line with "i'll" is surely no action. */
const MODEL: LineKindModel = {
  kinds: {
    decision: { weights: { bias: -4, "open2:then_X": 6 }, addFrom: 0.8 },
    action: { weights: { bias: 2, "cue:self": -8 }, dropBelow: 0.1 },
  },
};

describe("the learned pass at the end of a meeting", () => {
  const talk = meeting([
    ["Ana", "The scanners keep dropping off the network at night."],
    ["Ben", "Then the scanners just sit on the wired dock from Monday."],
    ["Ana", "Fine by me."],
    ["Cy", "Honestly the dock is a mess, nobody has cleaned it in months."],
    ["Ana", "I'll send the dock photos to facilities tomorrow."],
  ]);

  it("adds the items the model is sure of where no rule made one, and drops the ones it finds unlikely", () => {
    const rules = extractItems(talk, { meetingDate: "2025-06-02", lineModel: null }).items;
    expect(rules.filter((i) => i.kind === "decision")).toEqual([]);
    expect(rules.some((i) => i.kind === "action" && i.text.includes("dock photos"))).toBe(true);

    const learned = extractItems(talk, { meetingDate: "2025-06-02", lineModel: MODEL }).items;
    const decisions = learned.filter((i) => i.kind === "decision");
    expect(decisions.map((i) => i.text)).toEqual(["The scanners just sit on the wired dock from Monday"]);
    expect(decisions[0]).toMatchObject({ owner: "Ben", status: "decided" });
    expect(decisions[0]!.evidence[0]).toMatchObject({
      segmentId: "s1",
      quote: "Then the scanners just sit on the wired dock from Monday.",
    });
    expect(learned.some((i) => i.kind === "action" && i.text.includes("dock photos"))).toBe(false);
  });

  it("leaves a line alone when a rule already made an item from it or a neighbour of the same kind", () => {
    const decided = meeting([
      ["Ben", "We've decided to move the scanners to the wired dock."],
      ["Ana", "Then the scanners go on the wired dock, right."],
    ]);
    const items = extractItems(decided, { meetingDate: "2025-06-02", lineModel: MODEL }).items;
    expect(items.filter((i) => i.kind === "decision")).toHaveLength(1);
  });

  it("turns a rule's item into the kind its sentence reads as, keeping what the rule read", () => {
    const escalations: LineKindModel = {
      kinds: { escalation: { weights: { bias: -4, "cue:self": 6 }, relabelFrom: 0.8 } },
    };
    const rules = extractItems(talk, { meetingDate: "2025-06-02", lineModel: null }).items;
    const before = rules.find((i) => i.text.includes("dock photos"))!;
    const items = extractItems(talk, { meetingDate: "2025-06-02", lineModel: escalations }).items;
    expect(items.filter((i) => i.kind === "action")).toEqual([]);
    const moved = items.find((i) => i.text.includes("dock photos"))!;
    expect(moved).toMatchObject({ kind: "escalation", text: before.text, owner: before.owner, due: before.due });
    expect(moved.evidence).toEqual(before.evidence);
  });

  it("leaves a few lines of conversation to the rules", () => {
    const short = talk.slice(0, 5);
    expect(extractItems(short, { meetingDate: "2025-06-02", lineModel: MODEL }).items).toEqual(
      extractItems(short, { meetingDate: "2025-06-02", lineModel: null }).items,
    );
  });

  it("runs the shipped model by default and keeps a plain meeting's rule items", () => {
    const items = extractItems(talk, { meetingDate: "2025-06-02" }).items;
    expect(items.length).toBeGreaterThan(0);
  });
});
