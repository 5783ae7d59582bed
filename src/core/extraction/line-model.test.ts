import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { extractItems } from "./extract-items.js";
import { lineFeatures } from "./line-features.js";
import { lineContexts, lineFeatureLists, lineProbability, pickLines } from "./line-model.js";
import { MeetingState } from "./meeting-state.js";
import { readLinesAhead } from "./passes/learned.js";

const filler = [
  "Yeah.",
  "Mm-hmm.",
  "Okay.",
  "Right, I see what you mean there.",
  "I'm not sure about the colour of it.",
];

/** A long, loose conversation (like the AMI meetings) with a few lines that decide or assign. */
function meeting(lines: [string, string][], length = 220): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < length; i++) {
    const speaker = ["Project Manager", "Industrial Designer", "Marketing Expert"][i % 3]!;
    segments.push({ id: `s${i}`, speaker, text: filler[i % filler.length]!, start: i * 3, end: i * 3 + 2 });
  }
  lines.forEach(([speaker, text], k) => {
    const at = length - 20 - k * 50; // near the end, where meetings settle things
    segments[at] = { id: `s${at}`, speaker, text, start: at * 3, end: at * 3 + 2 };
  });
  return segments;
}

describe("the learned line scorer", () => {
  it("reads the language of deciding, not the topic", () => {
    const f = lineFeatures({
      lower: "so we'll go with the rubber case then",
      position: 0.9,
      isLeadSpeaker: true,
      previousLower: "what about the case?",
      previousIsOtherSpeaker: true,
      nextLower: "sounds good",
      nextIsOtherSpeaker: true,
    });
    expect(f).toEqual(expect.arrayContaining(["cue:decision", "cue:we-modal", "next:strong", "prev:question", "lead"]));
    expect(f.some((x) => x.includes("rubber"))).toBe(false);
  });

  it("scores a line that decides above small talk", () => {
    const contexts = lineContexts(
      meeting([["Project Manager", "So we've decided we'll go with the single battery and the rubber case."]]),
    );
    const decided = contexts.find((c) => c.lower.includes("decided"))!;
    const chat = contexts.find((c) => c.lower.includes("colour"))!;
    expect(lineProbability("decision", decided)).toBeGreaterThan(lineProbability("decision", chat));
  });

  it("gives the lines read as they arrived the features of the whole meeting read at its end", () => {
    const segments = meeting([
      ["Project Manager", "What about the case? Should it be rubber?"],
      ["Industrial Designer", "So we've decided we'll go with the single battery and the rubber case."],
      ["Marketing Expert", "Sounds good, I'll write it up by Friday."],
    ]);
    segments.splice(43, 0, {
      id: "q",
      speaker: "Marketing Expert",
      text: "Can we afford the rubber case?",
      start: 0,
      end: 1,
    });
    const atTheEnd = lineContexts(segments).map((c) => (c.lower.split(/\s+/).length < 4 ? null : lineFeatures(c)));
    const state = new MeetingState({ template: null, meetingDate: null, attendees: [], teams: [] });
    for (const segment of segments) {
      state.beginTurn(segment);
      state.readLines();
    }

    expect(lineFeatureLists(segments, state.lines)).toEqual(atTheEnd);
    expect(lineFeatureLists(segments)).toEqual(atTheEnd);
    const placed = atTheEnd.flat();
    for (const feature of ["next:strong", "next:question", "prev:question", "lead", "pos:9"]) {
      expect(placed).toContain(feature);
    }
  });

  it("picks at most `limit` lines, keeps them apart, and skips lines already used", () => {
    const segments = meeting([]);
    const all = pickLines("decision", lineFeatureLists(segments), {
      threshold: 0,
      limit: 5,
      spacing: 3,
      skip: new Set(),
    });
    expect(all).toHaveLength(5);
    for (const a of all) for (const b of all) if (a !== b) expect(Math.abs(a.index - b.index)).toBeGreaterThan(3);
    const skipped = pickLines("decision", lineFeatureLists(segments), {
      threshold: 0,
      limit: 5,
      spacing: 3,
      skip: new Set([all[0]!.index]),
    });
    expect(skipped.map((l) => l.index)).not.toContain(all[0]!.index);
  });

  it("adds inferred decisions only to long meetings with almost no explicit one", () => {
    const line: [string, string] = [
      "Project Manager",
      "So we're gonna keep it simple and it'll just control the TV then.",
    ];
    const long = extractItems(meeting([line]), { meetingDate: "2025-03-17" }).items;
    const inferred = long.filter((i) => i.kind === "decision");
    expect(inferred.map((i) => i.text)).toContain("We're gonna keep it simple and it'll just control the TV then");
    expect(inferred.every((i) => i.confidence < 0.75)).toBe(true);

    const short = extractItems(meeting([line], 100), { meetingDate: "2025-03-17" }).items;
    expect(short.filter((i) => i.kind === "decision")).toEqual([]);
  });
});

describe("reading lines ahead", () => {
  it("reads nothing before a meeting is very long, then every segment heard, a few old ones at a time", () => {
    const state = new MeetingState({ template: null, meetingDate: null, attendees: [], teams: [] });
    const talk = (n: number) => ({
      id: `s${n}`,
      speaker: "A",
      text: `We talked about item ${n} for a while.`,
      start: n,
      end: n + 1,
    });
    for (let n = 0; n < 1999; n++) {
      state.beginTurn(talk(n));
      readLinesAhead(state);
    }
    expect(state.lines).toHaveLength(0);
    // Past 2,000 segments it reads the new one and catches up on the others a few at a time.
    state.beginTurn(talk(1999));
    readLinesAhead(state);
    expect(state.lines).toHaveLength(21);
    for (let n = 2000; n < 2100; n++) {
      state.beginTurn(talk(n));
      readLinesAhead(state);
    }
    expect(state.lines).toHaveLength(2100);
  });
});
