import { DrizzleQueryError } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Availability } from "../store/availability.js";
import type { Database, Db } from "../store/database.js";
import type { FollowUpConfig } from "./config.js";
import { FollowUpWorker } from "./worker.js";

/** A database whose every statement fails with `error` (by default a bug's, not an outage's). */
function unreachableDatabase(
  error: Error = new Error("connect ECONNREFUSED 127.0.0.1:5432"),
  log: (line: string) => void = () => {},
): Database {
  const availability = new Availability({ log });
  return {
    db: { execute: () => Promise.reject(error) } as unknown as Db,
    kind: "postgres",
    availability,
    checkHealth: async () => ({ ok: false, problem: "unreachable" }),
    listen: () => Promise.reject(new Error("not listening")),
    close: async () => {},
  };
}

/** What node-postgres rejects with when nothing listens at the address. */
function connectionRefused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
    address: "127.0.0.1",
    port: 5432,
  });
}

const config: FollowUpConfig = {
  publicUrl: "http://localhost:3000",
  smtp: null,
  slackApiUrl: "https://slack.com/api",
  allowLocalTargets: false,
  intervalMs: 60_000,
  leaseSeconds: 60,
};

describe("the follow-up worker in the background", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("logs a failed cycle once, with its stack, however many asked for it", async () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const worker = new FollowUpWorker({ database: unreachableDatabase(), now: () => new Date(), config });
    const direct = worker.runOnce();
    await Promise.all([worker.runInBackground(), worker.runInBackground()]);
    // A caller that waits for the cycle hears of the failure itself.
    await expect(direct).rejects.toThrow("ECONNREFUSED");
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(
      /^docket: follow-up worker: a cycle failed: Error: connect ECONNREFUSED 127\.0\.0\.1:5432\n\s+at /,
    );
  });

  it("logs a failed statement without its parameters", async () => {
    const writes: string[] = [];
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "ana@secret.example"'), {
      code: "22P02",
    });
    const failing: Database = {
      ...unreachableDatabase(),
      db: {
        execute: () =>
          Promise.reject(
            new DrizzleQueryError("select * from deliveries where id = $1", ["ana@secret.example"], cause),
          ),
      } as unknown as Db,
    };
    const worker = new FollowUpWorker({
      database: failing,
      now: () => new Date(),
      config,
      log: (line) => writes.push(line),
    });
    await expect(worker.runOnce()).rejects.toThrow();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(
      /^docket: follow-up worker: a cycle failed: a database statement failed: invalid input syntax for type uuid: "…" \(SQLSTATE 22P02\) in: select \* from deliveries where id = \$1\n\s+at /,
    );
    expect(writes[0]).not.toContain("secret");
  });

  it("writes one line for a database outage, not one per cycle, and one when the database is back", async () => {
    const lines: string[] = [];
    const database = unreachableDatabase(connectionRefused(), (line) => lines.push(line));
    const writes: string[] = [];
    const worker = new FollowUpWorker({ database, now: () => new Date(), config, log: (line) => writes.push(line) });
    for (let i = 0; i < 3; i += 1) await expect(worker.runOnce()).rejects.toThrow("ECONNREFUSED");
    expect(writes).toEqual([]);
    expect(lines).toEqual([
      'docket: the database is unavailable: connection refused at 127.0.0.1:5432. Requests get "unavailable" (HTTP 503) and /api/health answers 503 until it is back\n',
    ]);
    database.availability.up();
    expect(lines[1]).toMatch(/^docket: the database is back after \d+ s\n$/);
  });
});
