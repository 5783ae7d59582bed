import { describe, expect, it } from "vitest";
import { hasAttemptsLeft, MAX_ATTEMPTS, MAX_DELAY_MS, retryDelayMs } from "./backoff.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe("retryDelayMs", () => {
  it.each([
    [1, 30 * SECOND],
    [2, 1 * MINUTE],
    [3, 2 * MINUTE],
    [4, 4 * MINUTE],
    [5, 8 * MINUTE],
    [6, 16 * MINUTE],
    [7, 32 * MINUTE],
    [8, 60 * MINUTE],
    [9, 60 * MINUTE],
    [1000, 60 * MINUTE],
  ])("waits after attempt %i as the schedule says", (attempt, wait) => {
    expect(retryDelayMs(attempt, null)).toBe(wait);
  });

  it("treats a nonsense attempt number as the first", () => {
    expect(retryDelayMs(0, null)).toBe(30 * SECOND);
    expect(retryDelayMs(-3, null)).toBe(30 * SECOND);
    expect(retryDelayMs(Number.NaN, null)).toBe(30 * SECOND);
    expect(retryDelayMs(2.7, null)).toBe(1 * MINUTE);
  });

  it("never comes back sooner than the target asked", () => {
    expect(retryDelayMs(1, 90 * SECOND)).toBe(90 * SECOND);
    expect(retryDelayMs(1, 1500.2)).toBe(30 * SECOND);
    expect(retryDelayMs(3, 10 * SECOND)).toBe(2 * MINUTE);
    // The target's word wins over the cap: asking again sooner would only be refused again.
    expect(retryDelayMs(9, 2 * 60 * MINUTE)).toBe(2 * 60 * MINUTE);
    expect(retryDelayMs(1, -5)).toBe(30 * SECOND);
  });

  it("adds up to a tenth as jitter, the same for the same key and attempt", () => {
    const first = retryDelayMs(3, null, "delivery-a");
    expect(retryDelayMs(3, null, "delivery-a")).toBe(first);
    const waits = ["a", "b", "c", "d", "e", "f", "g", "h"].map((key) => retryDelayMs(3, null, key));
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(2 * MINUTE);
      expect(wait).toBeLessThan(2 * MINUTE * 1.1);
    }
    expect(new Set(waits).size).toBeGreaterThan(4);
    expect(retryDelayMs(50, null, "z")).toBeLessThan(MAX_DELAY_MS * 1.1);
  });
});

describe("hasAttemptsLeft", () => {
  it("allows retries up to MAX_ATTEMPTS attempts in all", () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(hasAttemptsLeft(1)).toBe(true);
    expect(hasAttemptsLeft(MAX_ATTEMPTS - 1)).toBe(true);
    expect(hasAttemptsLeft(MAX_ATTEMPTS)).toBe(false);
  });

  it("gives up about an hour after the first attempt, inside a two-hour notes deadline", () => {
    let total = 0;
    for (let attempt = 1; hasAttemptsLeft(attempt); attempt++) total += retryDelayMs(attempt, null);
    expect(total).toBe(63 * MINUTE + 30 * SECOND);
  });
});
