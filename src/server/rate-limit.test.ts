import { describe, expect, it } from "vitest";
import { testClock } from "../../test/helpers/api.js";
import { SlidingWindowLimiter } from "./rate-limit.js";

describe("SlidingWindowLimiter", () => {
  it("lets a key through until it reaches the limit, then says how long to wait", () => {
    const clock = testClock();
    const limiter = new SlidingWindowLimiter(3, 60_000, clock.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds("a")).toBe(0);
      limiter.hit("a");
      clock.advance(10_000);
    }
    // Hits at 0 s, 10 s and 20 s; now is 30 s: the first leaves the window at 60 s.
    expect(limiter.retryAfterSeconds("a")).toBe(30);
    expect(limiter.retryAfterSeconds("b")).toBe(0);
  });

  it("slides: each hit leaves the window on its own", () => {
    const clock = testClock();
    const limiter = new SlidingWindowLimiter(2, 60_000, clock.now);
    limiter.hit("a");
    clock.advance(30_000);
    limiter.hit("a");
    clock.advance(29_000);
    expect(limiter.retryAfterSeconds("a")).toBe(1);
    clock.advance(1_000);
    expect(limiter.retryAfterSeconds("a")).toBe(0);
    limiter.hit("a");
    // The hit at 30 s is still inside the window, so the key is at the limit again until 90 s.
    expect(limiter.retryAfterSeconds("a")).toBe(30);
  });

  it("forgets a key on reset", () => {
    const clock = testClock();
    const limiter = new SlidingWindowLimiter(1, 60_000, clock.now);
    limiter.hit("a");
    expect(limiter.retryAfterSeconds("a")).toBeGreaterThan(0);
    limiter.reset("a");
    expect(limiter.retryAfterSeconds("a")).toBe(0);
  });

  it("never asks for less than a second while limited", () => {
    const clock = testClock();
    const limiter = new SlidingWindowLimiter(1, 1_000, clock.now);
    limiter.hit("a");
    clock.advance(999);
    expect(limiter.retryAfterSeconds("a")).toBe(1);
  });
});
