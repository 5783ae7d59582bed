import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, MIGRATIONS_DIR, openDatabase } from "./database.js";
import { isSchemaCurrent } from "./schema-version.js";
import { query } from "./sql.js";

interface Journal {
  entries: { tag: string }[];
}

async function readJournal(dir: string): Promise<Journal> {
  return JSON.parse(await readFile(join(dir, "meta", "_journal.json"), "utf8")) as Journal;
}

/** A copy of the migrations folder that stops before `tag`: the database as it was before that migration. */
async function migrationsBefore(tag: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "docket-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, "meta", "_journal.json");
  const journal = await readJournal(dir);
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at === -1) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  await writeFile(journalFile, JSON.stringify(journal));
  return dir;
}

describe("migrations rewrite stored values", () => {
  let client: PGlite;
  let before: string;
  beforeAll(async () => {
    client = await PGlite.create();
    before = await migrationsBefore("0003_ad_hoc_cadence");
  }, 60_000);
  afterAll(async () => {
    await client.close();
    await rm(before, { recursive: true, force: true });
  });

  it('0003: a Space\'s cadence "ad hoc" becomes "ad-hoc", the templates\' spelling', async () => {
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: before });
    const insert = (name: string, cadence: string) =>
      db.execute(sql`insert into spaces (name, template_id, template, cadence, duration_minutes, timezone, distribution)
        values (${name}, 'eng-leadership', '{}'::jsonb, ${cadence}, 45, 'UTC', '{}'::jsonb)`);
    await insert("Incidents", "ad hoc");
    await insert("Eng sync", "weekly");
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    const rows = await db.execute<{ name: string; cadence: string }>(
      sql`select name, cadence from spaces order by name`,
    );
    expect(rows.rows).toEqual([
      { name: "Eng sync", cadence: "weekly" },
      { name: "Incidents", cadence: "ad-hoc" },
    ]);
  });
});

describe("opening an embedded database migrates what it lacks", () => {
  let client: PGlite;
  let before: string;
  let newest: string;
  beforeAll(async () => {
    client = await PGlite.create();
    newest = (await readJournal(MIGRATIONS_DIR)).entries.at(-1)?.tag ?? "";
    before = await migrationsBefore(newest);
  }, 60_000);
  afterAll(async () => {
    await client.close();
    await rm(before, { recursive: true, force: true });
  });

  it("tells a new database, one without the newest migration and an up-to-date one apart", async () => {
    const db = drizzle({ client });
    expect(await isSchemaCurrent(db as unknown as Db, MIGRATIONS_DIR)).toBe(false);
    await migrate(db, { migrationsFolder: before });
    expect(await isSchemaCurrent(db as unknown as Db, MIGRATIONS_DIR)).toBe(false);
    expect(await isSchemaCurrent(db as unknown as Db, before)).toBe(true);

    // Opened by this version, a copy of that database gets the newest migration, once.
    const older = await client.dumpDataDir("none");
    const opened = await openDatabase({ kind: "pglite", dataDir: null }, { loadDataDir: older });
    try {
      const applied = await query(opened.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied).toEqual([{ n: (await readJournal(MIGRATIONS_DIR)).entries.length }]);
      expect(await isSchemaCurrent(opened.db, MIGRATIONS_DIR)).toBe(true);
    } finally {
      await opened.close();
    }
  });
});
