import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, eachDatabase } from "../../test/helpers/database.js";
import { type Database, openDatabase } from "./database.js";
import { users } from "./schema.js";

describe("the database", () => {
  eachDatabase((database) => {
    it("is migrated and empty at the start of a test", async () => {
      const { db } = database();
      expect(await db.select().from(users)).toEqual([]);
      await db.insert(users).values({ email: "ana@example.com", name: "Ana" });
      const [row] = await db.select().from(users).where(eq(users.email, "ana@example.com"));
      expect(row?.name).toBe("Ana");
      expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("rejects a second account with the same email", async () => {
      const { db } = database();
      await db.insert(users).values({ email: "ana@example.com", name: "Ana" });
      await expect(db.insert(users).values({ email: "ana@example.com", name: "Ana B" })).rejects.toThrow();
    });
  });
});

// A connection cut from the server's side (pg_terminate_backend: what a stopping server does to each) stands in
// for an outage here; the shared test server itself is never stopped (test/database-down.test.ts has its own).
describe.skipIf(!inject("postgresUrl"))("PostgreSQL connections that are lost", () => {
  let url: string;
  let database: Database;
  let admin: pg.Client;
  const lines: string[] = [];

  beforeAll(async () => {
    url = await createPostgresDatabase();
    database = await openDatabase({ kind: "postgres", url }, { log: (line) => lines.push(line) });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await database?.close();
    if (url) await dropPostgresDatabase(url);
  });

  const terminate = (pid: number) => admin.query("SELECT pg_terminate_backend($1)", [pid]);

  it("a connection lost in the middle of a transaction fails it as 'unavailable', and the process goes on", async () => {
    lines.length = 0;
    const transaction = database.db.transaction(async (tx) => {
      const result = (await tx.execute(sql`SELECT pg_backend_pid() AS pid`)) as unknown as { rows: { pid: number }[] };
      // The connection is lent out and idle while the transaction does its own work: no pool listener on it.
      await terminate(result.rows[0]!.pid);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.insert(users).values({ email: "never@example.com", name: "Never" });
    });
    const error = await transaction.then(
      () => null,
      (e: unknown) => e,
    );
    expect(database.availability.recognise(error)?.code).toBe("unavailable");
    // The next statement gets a new connection: the outage is over, and nothing of the transaction was kept.
    expect(await database.db.select().from(users).where(eq(users.email, "never@example.com"))).toEqual([]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^docket: the database is unavailable: /);
    expect(lines[1]).toMatch(/^docket: the database is back after \d+ s\n$/);
    expect(lines.join("")).not.toContain("never@example.com");
  });

  it("a lost LISTEN connection is opened again by itself, and says so, so the listener can catch up", async () => {
    const payloads: string[] = [];
    let reconnects = 0;
    const unlisten = await database.listen(
      "docket_test_channel",
      (payload) => payloads.push(payload),
      () => {
        reconnects += 1;
      },
    );
    try {
      const listener = async () =>
        (
          await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN docket_test_channel'",
          )
        ).rows.map((row) => row.pid);
      const [before] = await listener();
      await terminate(before!);
      await vi.waitUntil(() => reconnects === 1, { timeout: 10_000, interval: 20 });
      const after = await listener();
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);
      await admin.query("SELECT pg_notify('docket_test_channel', 'after the reconnect')");
      await vi.waitUntil(() => payloads.length === 1, { timeout: 5000, interval: 20 });
      expect(payloads).toEqual(["after the reconnect"]);
    } finally {
      await unlisten();
    }
  });
});
