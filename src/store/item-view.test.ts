import { describe, expect, it } from "vitest";
import { createItem, type Item } from "../core/item.js";
import { compareItems, isInNotes, isVisible, itemView, visibleChanges } from "./item-view.js";

const action = createItem({
  id: "action-1",
  kind: "action",
  section: "actions",
  text: "Draft the plan",
  owner: "Priya",
});

describe("the item people see", () => {
  it("is the engine's item with people's edits laid over it, naming the edited fields in a fixed order", () => {
    const view = itemView(action, { due: "2025-03-20", text: "Draft the billing plan" }, "confirmed");
    expect(view).toMatchObject({
      text: "Draft the billing plan",
      owner: "Priya",
      due: "2025-03-20",
      review: "confirmed",
    });
    expect(view.edited).toEqual(["text", "due"]);
    expect(itemView(action, { owner: null }, "suggested")).toMatchObject({ owner: null, edited: ["owner"] });
  });

  it("hides what the engine removed unless a person reviewed it", () => {
    const stored = { item: action, edits: {}, review: "suggested" as const, removed: true };
    expect(isVisible(stored)).toBe(false);
    expect(isVisible({ ...stored, review: "confirmed" })).toBe(true);
    expect(isVisible({ ...stored, edits: { text: "x" } })).toBe(true);
    expect(isVisible({ ...stored, removed: false })).toBe(true);
  });

  it.each([
    ["suggested", 0.8, true],
    ["suggested", 0.4, false],
    ["confirmed", 0.4, true],
    ["rejected", 0.9, false],
  ] as const)("goes into the notes when %s with confidence %d: %s", (review, confidence, inNotes) => {
    expect(isInNotes({ review, confidence })).toBe(inNotes);
  });

  it("reports only the engine's changes to fields nobody edited", () => {
    expect(visibleChanges(["due", "evidence", "owner"], { due: "2025-03-20" })).toEqual(["evidence", "owner"]);
    expect(visibleChanges(["due"], { due: null })).toEqual([]);
  });

  it("orders items by when they were first said, then by kind and running number", () => {
    const at = (id: string, start: number | null): Item =>
      createItem({
        id,
        kind: id.split("-")[0] as Item["kind"],
        section: "x",
        text: id,
        evidence: [{ segmentId: "s", speaker: null, quote: "", start }],
      });
    const items = [
      at("risk-1", 30),
      at("action-10", null),
      at("action-2", null),
      at("decision-1", 5),
      at("action-1", 30),
    ];
    expect(items.sort(compareItems).map((i) => i.id)).toEqual([
      "decision-1",
      "action-1",
      "risk-1",
      "action-2",
      "action-10",
    ]);
  });
});
