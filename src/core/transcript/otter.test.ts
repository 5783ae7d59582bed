import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { looksLikeOtter, parseOtter, readOtterHeader } from "./otter.js";

describe("parseOtter", () => {
  it("reads `Name  M:SS` headers, multi-line paragraphs, H:MM:SS, and drops Otter's footer", () => {
    const { segments, format } = parseOtter(readFixture("docket/otter_export.txt"), "otter.txt");
    expect(format).toBe("otter");
    expect(segments).toEqual([
      {
        id: "s1",
        speaker: "Rosa Diaz",
        text: "Okay, so the first item is the pricing page. We agreed last week to test two layouts.",
        start: 3,
        end: null,
      },
      { id: "s2", speaker: "Sam O'Neil", text: "Right. I have the numbers from the first week.", start: 41, end: null },
      { id: "s3", speaker: "Unknown Speaker", text: "Can everyone hear me?", start: 3727, end: null },
    ]);
  });

  it("reads the single-space variant, where only a paragraph's first line is a header", () => {
    const { segments } = parseOtter(readFixture("docket/otter_single_space.txt"), "otter.txt");
    expect(segments.map((s) => [s.speaker, s.start, s.text])).toEqual([
      ["Rosa Diaz", 3, "Okay, so the first item is the pricing page. Let's meet at 3:30"],
      ["Sam O'Neil", 41, "Right. I have the numbers from the first week."],
    ]);
  });

  it("takes the date from a title block", () => {
    const { date } = parseOtter("Meeting date: 17 March 2025\n\nRosa  0:01\nHello\n", "o.txt");
    expect(date).toBe("2025-03-17");
  });
});

describe("looksLikeOtter", () => {
  it("accepts both Otter layouts", () => {
    expect(looksLikeOtter(readFixture("docket/otter_export.txt"))).toBe(true);
    expect(looksLikeOtter(readFixture("docket/otter_single_space.txt"))).toBe(true);
  });

  it("rejects plain lines and prose that merely ends in a time", () => {
    expect(looksLikeOtter(readFixture("ami_plain/ES2002a.transcript.txt"))).toBe(false);
    expect(looksLikeOtter("Let's meet at 3:30\nok\n\nsounds good\n")).toBe(false);
    // Single space, but not every paragraph starts with a header.
    expect(looksLikeOtter("Rosa 0:03\nhello\n\njust text\n")).toBe(false);
  });

  it("reads headers", () => {
    expect(readOtterHeader("Rosa Diaz  0:03")).toEqual({ speaker: "Rosa Diaz", start: 3, wide: true });
    expect(readOtterHeader("Rosa Diaz 1:02:03")).toEqual({ speaker: "Rosa Diaz", start: 3723, wide: false });
    expect(readOtterHeader("Rosa: at  0:03")).toBeNull();
    expect(readOtterHeader("0:03")).toBeNull();
  });
});
