import { describe, expect, it, vi } from "vitest";
import { eachDatabase } from "../../test/helpers/database.js";
import { Availability, HealthCheck } from "./availability.js";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
    address: "127.0.0.1",
    port: 5432,
  });

/** A probe the test answers by hand, counting how often it was started. */
function manualProbe() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const probe = () =>
    new Promise<void>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { probe, calls };
}

function setUp(options: { timeoutMs?: number } = {}) {
  let clock = 0;
  const lines: string[] = [];
  const availability = new Availability({ log: (line) => lines.push(line), now: () => clock });
  const { probe, calls } = manualProbe();
  const health = new HealthCheck({ probe, availability, maxAgeMs: 1000, now: () => clock, ...options });
  return {
    health,
    availability,
    calls,
    lines,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("the outage log", () => {
  it("writes one line when the database goes, however many failures follow, and one when it is back", () => {
    let clock = 1_000;
    const lines: string[] = [];
    const availability = new Availability({ log: (line) => lines.push(line), now: () => clock });
    for (let i = 0; i < 50; i += 1) expect(availability.recognise(refused())?.code).toBe("unavailable");
    expect(availability.recognise(new Error("a bug"))).toBeNull();
    expect(availability.problem).toBe("connection refused at 127.0.0.1:5432");
    clock += 12_400;
    availability.up();
    availability.up();
    expect(lines).toEqual([
      'docket: the database is unavailable: connection refused at 127.0.0.1:5432. Requests get "unavailable" (HTTP 503) and /api/health answers 503 until it is back\n',
      "docket: the database is back after 12 s\n",
    ]);
    expect(availability.problem).toBeNull();
  });

  it("looks again by itself during an outage, so its end is logged even when nothing else asks", async () => {
    const lines: string[] = [];
    const availability = new Availability({ log: (line) => lines.push(line), recheckMs: 5 });
    let checks = 0;
    availability.watchWith(async () => {
      checks += 1;
      if (checks < 3) availability.recognise(refused());
      else availability.up();
    });
    availability.recognise(refused());
    await vi.waitUntil(() => lines.length === 2, { timeout: 2000, interval: 5 });
    expect(lines[1]).toMatch(/^docket: the database is back after \d+ s\n$/);
    expect(checks).toBe(3);
    // Back: no more looking.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(checks).toBe(3);
    availability.stop();
  });
});

/** Lets the probe's promise chain run to its end. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("the health check", () => {
  it("runs one statement for every caller at once, and reuses its answer for a second", async () => {
    const { health, calls, advance } = setUp();
    const first = [health.check(), health.check(), health.check()];
    expect(calls).toHaveLength(1);
    calls[0]?.resolve();
    expect(await Promise.all(first)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    advance(999);
    expect(await health.check()).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    advance(1);
    // An old answer is given at once while the next statement runs: health never waits behind other work.
    expect(await health.check()).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    calls[1]?.reject(refused());
    await settled();
    expect(await health.check()).toEqual({ ok: false, problem: "connection refused at 127.0.0.1:5432" });
    expect(calls).toHaveLength(2);
  });

  it("notes the outage and its end, so the log has its two lines", async () => {
    const { health, calls, lines, advance } = setUp();
    const down = health.check();
    calls[0]?.reject(refused());
    await down;
    advance(3000);
    expect(await health.check()).toEqual({ ok: false, problem: "connection refused at 127.0.0.1:5432" });
    calls[1]?.resolve();
    await settled();
    expect(await health.check()).toEqual({ ok: true });
    expect(lines.map((line) => line.slice(0, 40))).toEqual([
      "docket: the database is unavailable: con",
      "docket: the database is back after 3 s\n",
    ]);
  });

  it("answers at its timeout when the statement hangs, and starts no second one while it is out", async () => {
    const { health, calls, advance } = setUp({ timeoutMs: 20 });
    expect(await health.check()).toEqual({ ok: false, problem: "the database did not answer within 20 ms" });
    advance(5000);
    expect(await health.check()).toEqual({ ok: false, problem: "the database did not answer within 20 ms" });
    expect(calls).toHaveLength(1);
    // Once it ends, the next check (its answer being old) asks again.
    calls[0]?.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    await health.check();
    expect(calls).toHaveLength(2);
    calls[1]?.resolve();
    await settled();
    expect(await health.check()).toEqual({ ok: true });
  });

  eachDatabase((database) => {
    it("checks the real database through the same path", async () => {
      expect(await database().checkHealth()).toEqual({ ok: true });
      expect(database().availability.problem).toBeNull();
    });
  });
});
