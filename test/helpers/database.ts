import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, inject } from "vitest";
import { type Database, openDatabase } from "../../src/store/database.js";
import { createEmptyDatabase, dropDatabase } from "../../src/store/postgres-admin.js";

export type DatabaseKind = Database["kind"];

/** Both databases Docket runs on; PostgreSQL only when the suite's global set-up could start a server. */
export function databaseKinds(): DatabaseKind[] {
  return inject("postgresUrl") ? ["pglite", "postgres"] : ["pglite"];
}

/** A fresh, migrated database of this kind for one test file: PGlite in memory, or a new PostgreSQL database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<Database & { url: string | null }> {
  if (kind === "pglite") {
    const image = new Blob([await readFile(inject("pgliteImage"))]);
    return Object.assign(await openDatabase({ kind: "pglite", dataDir: null }, { loadDataDir: image }), { url: null });
  }
  const url = await createPostgresDatabase();
  const database = await openDatabase({ kind: "postgres", url });
  const close = database.close;
  return Object.assign(database, {
    url,
    close: async () => {
      await close();
      await dropPostgresDatabase(url);
    },
  });
}

/** An empty PostgreSQL database on the test server (for tests that start `docket serve` processes on it). */
export async function createPostgresDatabase(): Promise<string> {
  const server = inject("postgresUrl");
  if (!server) throw new Error("no PostgreSQL server for the tests");
  return createEmptyDatabase(server, "docket_test");
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const server = inject("postgresUrl");
  if (server) await dropDatabase(server, url);
}

/** Empties every table between tests (~2 ms), keeping the schema. */
export async function truncateAll(database: Database): Promise<void> {
  await database.db.execute(
    sql.raw(
      "TRUNCATE users, sessions, api_tokens, spaces, memberships, invitations, meetings, pre_read_rows, segments, items, events, space_integrations, deliveries, notification_preferences, notifications, artifacts, calendar_feeds CASCADE",
    ),
  );
}

/**
 * Runs `body` once per database kind inside its own describe block, with a database that is empty at the start
 * of every test: `eachDatabase((db) => { it(…, async () => { db().db.select()… }) })`.
 */
export function eachDatabase(body: (database: () => Database, kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds()) {
    describe(kind, () => {
      let database: Database | null = null;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await database?.close();
      });
      beforeEach(async () => {
        if (database) await truncateAll(database);
      });
      body(() => {
        if (!database) throw new Error("the test database is not open yet");
        return database;
      }, kind);
    });
  }
}

/**
 * Two databases on one PostgreSQL database (two pools, two LISTEN connections), as two `docket serve` processes
 * would have, empty at the start of every test of the calling `describe`.
 */
export function twoProcessDatabases(): { first: () => Database; second: () => Database } {
  let first: (Database & { url: string | null }) | null = null;
  let second: Database | null = null;
  beforeAll(async () => {
    first = await createTestDatabase("postgres");
    second = await openDatabase({ kind: "postgres", url: first.url! });
  }, 60_000);
  beforeEach(async () => {
    if (first) await truncateAll(first);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });
  return { first: () => first!, second: () => second! };
}
