import { describe, expect, it } from "vitest";
import { SegmentList } from "./segment-list.js";

describe("SegmentList", () => {
  it("cleans text and speakers, drops empty segments, numbers the rest by position", () => {
    const list = new SegmentList();
    list.add({ speaker: "  Rosa \n Diaz ", text: " hello \n  there ", start: 1, end: 2 });
    list.add({ speaker: "Sam", text: " \n ", start: 2, end: 3 });
    list.add({ speaker: "  ", text: "bye", start: null, end: null });
    expect(list.segments).toEqual([
      { id: "s1", speaker: "Rosa Diaz", text: "hello there", start: 1, end: 2 },
      { id: "s2", speaker: null, text: "bye", start: null, end: null },
    ]);
  });

  it("keeps source ids and makes repeats unique, also against generated ones", () => {
    const list = new SegmentList();
    for (const id of ["7", "7", "s3", undefined, "7"])
      list.add({ id, speaker: null, text: "x", start: null, end: null });
    expect(list.segments.map((s) => s.id)).toEqual(["7", "7#2", "s3", "s4", "7#3"]);
    const clash = new SegmentList();
    for (const id of ["s2", undefined]) clash.add({ id, speaker: null, text: "x", start: null, end: null });
    expect(clash.segments.map((s) => s.id)).toEqual(["s2", "s2#2"]);
  });
});
