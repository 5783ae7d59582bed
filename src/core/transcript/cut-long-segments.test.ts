import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { cutLongSegments } from "./cut-long-segments.js";
import { parseTranscript } from "./parse-transcript.js";

const seg = (id: string, text: string, start: number | null = null, end: number | null = null): Segment => ({
  id,
  speaker: "Priya",
  text,
  start,
  end,
});

describe("cutLongSegments", () => {
  it("leaves segments within the limit as they are", () => {
    const input = [seg("a", "Short one."), seg("b", "x".repeat(20))];
    expect(cutLongSegments(input, 20)).toEqual(input);
  });

  it("cuts at the last sentence end in the second half of a piece, keeping speaker and numbering ids", () => {
    const text = "We ship on Friday. The risk is latency. Priya owns it. Done.";
    const pieces = cutLongSegments([seg("s1", text)], 40);
    expect(pieces.map((p) => p.text)).toEqual(["We ship on Friday. The risk is latency.", "Priya owns it. Done."]);
    expect(pieces.map((p) => p.id)).toEqual(["s1", "s1#2"]);
    expect(pieces.every((p) => p.speaker === "Priya")).toBe(true);
  });

  it("cuts at a space when no sentence ends, and mid-word only when there is no space", () => {
    expect(cutLongSegments([seg("a", "alpha beta gamma delta")], 12).map((p) => p.text)).toEqual([
      "alpha beta",
      "gamma delta",
    ]);
    expect(cutLongSegments([seg("a", "x".repeat(25))], 10).map((p) => p.text)).toEqual([
      "x".repeat(10),
      "x".repeat(10),
      "x".repeat(5),
    ]);
  });

  it("shares a timed segment's times out by characters", () => {
    const pieces = cutLongSegments([seg("a", "aaaa bbbb", 10, 19)], 5);
    expect(pieces).toEqual([
      { id: "a", speaker: "Priya", text: "aaaa", start: 10, end: 14 },
      { id: "a#2", speaker: "Priya", text: "bbbb", start: 15, end: 19 },
    ]);
  });

  it("bounds a file of lines with no speaker, which the parser reads as one segment", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} of the meeting`).join("\n");
    const parsed = parseTranscript(lines, "notes.txt").segments;
    expect(parsed).toHaveLength(1);
    const pieces = cutLongSegments(parsed, 1500);
    expect(pieces.length).toBeGreaterThan(50);
    expect(Math.max(...pieces.map((p) => p.text.length))).toBeLessThanOrEqual(1500);
    // Nothing said is dropped: the pieces hold every word, in order.
    expect(
      pieces
        .map((p) => p.text)
        .join(" ")
        .split(/\s+/),
    ).toEqual(parsed[0]!.text.split(/\s+/));
  });
});
