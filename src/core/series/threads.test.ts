import { describe, expect, it } from "vitest";
import { latestPerThread, threadOf } from "./threads.js";

describe("threads", () => {
  it("names a first recording by its meeting and item, and a copy by the thread it carries", () => {
    expect(threadOf("m1", "action-1", {})).toBe("m1/action-1");
    const carriedFrom = {
      thread: "m1/action-1",
      meetingId: "m1",
      itemId: "action-1",
      firstMeetingId: "m1",
      firstMeetingDate: "2025-03-10",
      meetings: 2,
    };
    expect(threadOf("m2", "carried-m1-action-1", { carriedFrom })).toBe("m1/action-1");
  });

  it("keeps the latest copy of each thread, ordered by where that copy sits", () => {
    const items = [
      { thread: "a", meeting: 1 },
      { thread: "b", meeting: 1 },
      { thread: "a", meeting: 2 },
      { thread: "c", meeting: 2 },
    ];
    expect(latestPerThread(items, (item) => item.thread)).toEqual([
      { thread: "b", meeting: 1 },
      { thread: "a", meeting: 2 },
      { thread: "c", meeting: 2 },
    ]);
  });
});
