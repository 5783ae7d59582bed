import { describe, expect, it } from "vitest";
import { type EventCursor, liveRoomPath, startCursor, stepCursor, welcomeCursor } from "./event-cursor.js";

describe("the event cursor", () => {
  const at = (lastSeq: number | null): EventCursor => ({ lastSeq });

  it.each([
    // lastSeq, seq, verdict
    [0, 1, "apply"],
    [4, 5, "apply"],
    [4, 4, "repeat"],
    [4, 1, "repeat"],
    [4, 0, "repeat"],
    [4, 6, "gap"],
    [0, 2, "gap"],
    [null, 1, "gap"],
  ] as const)("after seq %s, seq %s is a %s", (lastSeq, seq, verdict) => {
    expect(stepCursor(at(lastSeq), seq).verdict).toBe(verdict);
  });

  it("moves to the seq it applied, and names the seq a gap was waiting for", () => {
    expect(stepCursor(at(4), 5)).toEqual({ verdict: "apply", cursor: { lastSeq: 5 } });
    expect(stepCursor(at(4), 9)).toEqual({ verdict: "gap", expected: 5 });
    expect(stepCursor(at(null), 3)).toEqual({ verdict: "gap", expected: null });
  });

  it("applies a run of events once each, in order, whatever repeats and gaps come between", () => {
    let cursor = startCursor(0);
    const applied: number[] = [];
    const gaps: number[] = [];
    for (const seq of [1, 2, 2, 1, 4, 3, 3, 4, 5]) {
      const step = stepCursor(cursor, seq);
      if (step.verdict === "apply") {
        cursor = step.cursor;
        applied.push(seq);
      } else if (step.verdict === "gap") {
        gaps.push(seq);
      }
    }
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(gaps).toEqual([4]);
  });

  it("starts after a seq, or at the present the welcome names", () => {
    expect(startCursor(7)).toEqual({ lastSeq: 7 });
    expect(startCursor(0)).toEqual({ lastSeq: 0 });
    expect(startCursor()).toEqual({ lastSeq: null });
    expect(welcomeCursor(startCursor(), 12)).toEqual({ lastSeq: 12 });
    // A reconnect's welcome does not move a reader that has a place: it resumes where it was.
    expect(welcomeCursor(startCursor(7), 12)).toEqual({ lastSeq: 7 });
    expect(welcomeCursor(startCursor(0), 12)).toEqual({ lastSeq: 0 });
  });

  it("asks the room for the events after its place, or for the present", () => {
    expect(liveRoomPath("m-1", at(0), "web")).toBe("/api/meetings/m-1/live?after=0&client=web");
    expect(liveRoomPath("m-1", at(42))).toBe("/api/meetings/m-1/live?after=42");
    expect(liveRoomPath("m/1 2", at(null), "docket live")).toBe("/api/meetings/m%2F1%202/live?client=docket+live");
    expect(liveRoomPath("m-1", at(null))).toBe("/api/meetings/m-1/live");
  });
});
