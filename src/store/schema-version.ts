import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { query } from "./sql.js";

/**
 * Whether the newest migration in the folder is already applied. drizzle's migrator applies every migration newer
 * than the newest one it recorded, so when that is the journal's newest there is nothing to do: a restart asks one
 * question instead of reading, hashing and replaying every migration file.
 */
export async function isSchemaCurrent(db: Db, migrationsDir: string): Promise<boolean> {
  const [newest, applied] = await Promise.all([newestMigration(migrationsDir), newestApplied(db)]);
  return applied !== null && applied >= newest;
}

/** When the newest migration was generated (its `when` in drizzle-kit's journal, which drizzle records). */
async function newestMigration(migrationsDir: string): Promise<number> {
  const journal = JSON.parse(await readFile(join(migrationsDir, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** The newest migration recorded in the database; null when none is (a new database has no migrations table). */
async function newestApplied(db: Db): Promise<number | null> {
  try {
    const [row] = await query<{ newest: string | null }>(
      db,
      sql`SELECT max(created_at)::text AS newest FROM drizzle.__drizzle_migrations`,
    );
    return row?.newest ? Number(row.newest) : null;
  } catch {
    // No migrations table yet, or the database cannot answer: the migrator runs and says what is wrong.
    return null;
  }
}
