import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { joinCutSentences } from "./cut-sentences.js";

const cue = (id: string, speaker: string | null, text: string, start: number | null, end: number | null): Segment => ({
  id,
  speaker,
  text,
  start,
  end,
});

describe("joinCutSentences", () => {
  it("joins a sentence one speaker's cue cut mid-clause: first id and start, last end", () => {
    const input = [
      cue("1", "Noor", "The point is we're the team you call when", 10, 14),
      cue("2", "Noor", "something breaks at night, not a vendor.", 14.2, 18),
    ];
    expect(joinCutSentences(input)).toEqual([
      cue("1", "Noor", "The point is we're the team you call when something breaks at night, not a vendor.", 10, 18),
    ]);
    expect(input[0]?.text).toBe("The point is we're the team you call when"); // the input is not changed
  });

  it("joins a run of cuts into one sentence", () => {
    const input = [
      cue("1", "Noor", "We move the", 0, 1),
      cue("2", "Noor", "launch to the", 1.1, 2),
      cue("3", "Noor", "ninth.", 2.1, 3),
    ];
    expect(joinCutSentences(input).map((s) => s.text)).toEqual(["We move the launch to the ninth."]);
  });

  it.each([
    [
      "the cue ends a sentence",
      cue("1", "Noor", "That's settled.", 0, 1),
      cue("2", "Noor", "next, the budget", 1.1, 2),
    ],
    ["the cue ends on a comma", cue("1", "Noor", "The hero image is fine,", 0, 1), cue("2", "Noor", "mostly.", 1.1, 2)],
    [
      "the next cue starts a sentence",
      cue("1", "Noor", "So the plan", 0, 1),
      cue("2", "Noor", "Wait, who's on call?", 1.1, 2),
    ],
    ["another speaker goes on", cue("1", "Noor", "We should ship the", 0, 1), cue("2", "Ilse", "beta first", 1.1, 2)],
    ["a long pause comes between", cue("1", "Noor", "We should ship the", 0, 1), cue("2", "Noor", "beta first", 9, 10)],
    // A plain "Name: text" line is a whole turn as written: no timing, no join.
    [
      "the cues have no timing",
      cue("1", "Noor", "we should ship the", null, null),
      cue("2", "Noor", "beta first", null, null),
    ],
    ["no speaker is known", cue("1", null, "We should ship the", 0, 1), cue("2", null, "beta first", 1.1, 2)],
  ])("keeps cues apart when %s", (_why, first, second) => {
    expect(joinCutSentences([first, second])).toEqual([first, second]);
  });
});
