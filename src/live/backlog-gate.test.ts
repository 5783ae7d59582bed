import { describe, expect, it } from "vitest";
import { BacklogGate, MAX_RETRY_AFTER_MS, MIN_RETRY_AFTER_MS, slowDownMessage } from "./backlog-gate.js";

function fakeClock(start = 1000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function admitted(gate: BacklogGate) {
  const admission = gate.admit();
  if (!admission.admitted) throw new Error(`refused, retry after ${admission.retryAfterMs} ms`);
  return admission;
}

describe("BacklogGate", () => {
  it("admits segments until the waiting count reaches the limit, then refuses with a time to wait", () => {
    const clock = fakeClock();
    const gate = new BacklogGate({ maxWaiting: 3, maxWaitMs: 10_000 }, clock.now);
    const tickets = [admitted(gate), admitted(gate), admitted(gate)];
    expect(gate.waiting).toBe(3);
    expect(gate.admit()).toEqual({ admitted: false, retryAfterMs: MIN_RETRY_AFTER_MS });
    // A refusal is not counted: it was never queued.
    expect(gate.waiting).toBe(3);

    tickets[1]?.leave();
    expect(gate.waiting).toBe(2);
    expect(gate.admit().admitted).toBe(true);
    expect(gate.admit().admitted).toBe(false);
  });

  it("refuses while the oldest waiting segment has waited the longest allowed, whatever the count", () => {
    const clock = fakeClock();
    const gate = new BacklogGate({ maxWaiting: 1000, maxWaitMs: 500 }, clock.now);
    const oldest = admitted(gate);
    clock.advance(300);
    const younger = admitted(gate);
    clock.advance(199);
    expect(gate.oldestWaitMs()).toBe(499);
    expect(gate.admit().admitted).toBe(true);
    clock.advance(1);
    // Asked to wait about as long as a segment now waits to be stored.
    expect(gate.admit()).toEqual({ admitted: false, retryAfterMs: 500 });

    // The oldest is stored (in any order): the age is the next oldest's, and segments are admitted again.
    oldest.leave();
    expect(gate.oldestWaitMs()).toBe(200);
    expect(gate.admit().admitted).toBe(true);
    younger.leave();
  });

  it("bounds the time it asks a sender to wait", () => {
    const clock = fakeClock();
    const gate = new BacklogGate({ maxWaiting: 1, maxWaitMs: 60_000 }, clock.now);
    expect(gate.retryAfterMs()).toBe(MIN_RETRY_AFTER_MS);
    admitted(gate);
    clock.advance(30_000);
    expect(gate.admit()).toEqual({ admitted: false, retryAfterMs: MAX_RETRY_AFTER_MS });
  });

  it("counts a segment once however often its leave is called (stored, then its reply failed)", () => {
    const gate = new BacklogGate({ maxWaiting: 2, maxWaitMs: 1000 }, fakeClock().now);
    const first = admitted(gate);
    admitted(gate);
    first.leave();
    first.leave();
    expect(gate.waiting).toBe(1);
    expect(gate.admit().admitted).toBe(true);
    expect(gate.admit().admitted).toBe(false);
  });

  it("is empty with no wait when nothing is waiting", () => {
    const gate = new BacklogGate({ maxWaiting: 1, maxWaitMs: 1 }, fakeClock().now);
    expect(gate.waiting).toBe(0);
    expect(gate.oldestWaitMs()).toBe(0);
    admitted(gate).leave();
    expect(gate.oldestWaitMs()).toBe(0);
  });

  it("rejects limits below one", () => {
    expect(() => new BacklogGate({ maxWaiting: 0, maxWaitMs: 100 }, fakeClock().now)).toThrow(RangeError);
    expect(() => new BacklogGate({ maxWaiting: 10, maxWaitMs: Number.NaN }, fakeClock().now)).toThrow(RangeError);
  });

  it("says what a refused sender sees", () => {
    expect(slowDownMessage(250)).toBe("the server is busy: slow down and send again in 250 ms");
  });
});
