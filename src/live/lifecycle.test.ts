import { describe, expect, it } from "vitest";
import type { MeetingStatus } from "../store/schema.js";
import { canMoveTo, checkTransition, startsOnSegment } from "./lifecycle.js";

const ALL: MeetingStatus[] = ["scheduled", "pre-read", "live", "ended"];

describe("the meeting lifecycle", () => {
  it.each([
    ["scheduled", ["pre-read", "live", "ended"]],
    ["pre-read", ["live", "ended"]],
    ["live", ["ended"]],
    ["ended", []],
  ] as const)("from %s it may go to %j and nowhere else", (from, allowed) => {
    for (const to of ALL)
      expect(canMoveTo(from, to), `${from} → ${to}`).toBe((allowed as readonly string[]).includes(to));
  });

  it("names both states, and where the meeting could go instead, when a move is refused", () => {
    expect(() => checkTransition("live", "pre-read")).toThrow(
      "the meeting cannot go from live to pre-read; from live it can go to ended",
    );
    expect(() => checkTransition("ended", "live")).toThrow(
      "the meeting cannot go from ended to live; an ended meeting stays ended",
    );
    expect(() => checkTransition("live", "live")).toThrow(/cannot go from live to live/);
  });

  it("starts a meeting that had not started when a segment arrives", () => {
    expect(ALL.filter(startsOnSegment)).toEqual(["scheduled", "pre-read"]);
  });
});
