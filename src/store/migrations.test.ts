import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "./database.js";

interface Journal {
  entries: { tag: string }[];
}

/** A copy of the migrations folder that stops before `tag`: the database as it was before that migration. */
async function migrationsBefore(tag: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "docket-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalFile, "utf8")) as Journal;
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
  });
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
