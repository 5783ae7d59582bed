import { mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import { packageRoot } from "../files/package-root.js";
import * as schema from "./schema.js";
import { isSchemaCurrent } from "./schema-version.js";

// Three names, one for each thing:
//   Database  the open database of a process: `db` to run statements on, LISTEN, close. Made once, by openDatabase.
//   Db        anything a statement runs on: `database.db`, or a transaction inside it. Every store function takes one.
//   Tx        a transaction only: for what means something only inside one (row locks, the end-of-meeting hook).
// A Tx is a Db (so it can be passed to any store function); a Db is not a Tx.

/** Anything a statement runs on: the database or an open transaction (PGlite and node-postgres alike). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open transaction (`database.db.transaction(async (tx) => …)`): its row locks hold until it commits. */
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/** Where live events cross processes: NOTIFY inside a transaction is delivered when it commits. */
export const EVENTS_CHANNEL = "docket_events";

/** The open database of one process. */
export interface Database {
  /** Where statements run; `db.transaction` opens a Tx. */
  db: Db;
  kind: "pglite" | "postgres";
  /** Calls `onPayload` for every NOTIFY on the channel, from this process or any other. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball (tests load a migrated copy instead of migrating again). */
  dumpDataDir?: () => Promise<Blob>;
}

/** PGlite in a folder (null: in memory), or a PostgreSQL server with `poolSize` connections (10 unless set). */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string | null }
  | { kind: "postgres"; url: string; poolSize?: number | undefined };

const DEFAULT_POOL_SIZE = 10;

export const MIGRATIONS_DIR = join(packageRoot(), "src", "store", "migrations");

/** Opens the database and brings its schema up to date. `dataDir: null` is an in-memory PGlite (tests). */
export async function openDatabase(config: DatabaseConfig, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const database =
    config.kind === "pglite"
      ? await openPglite(config.dataDir, options.loadDataDir)
      : await openPostgres(config.url, config.poolSize ?? DEFAULT_POOL_SIZE);
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPglite(
  dataDir: string | null,
  loadDataDir?: Blob,
): Promise<Database & { migrate(): Promise<void> }> {
  // Imported here, not at the top: a PostgreSQL deployment never loads the WASM build.
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  limitWasmCompileThreads();
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client: PGlite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = drizzle({ client, schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    async migrate() {
      // A restart on an up-to-date database asks one question instead of replaying the journal.
      if (await isSchemaCurrent(db as unknown as Db, MIGRATIONS_DIR)) return;
      await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    },
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir("none"),
  };
}

/**
 * V8 optimises PGlite's WebAssembly in the background as its functions get hot, on as many threads as it has (four
 * on Node). On a 2-core machine those threads crowd out the main thread, which is opening the database: start-up
 * waited 3-5 s instead of 1-2 s for the same half-second of its own work. One core is left to the main thread; the
 * same code still gets optimised, only by fewer threads at once.
 */
function limitWasmCompileThreads(): void {
  setFlagsFromString(`--wasm-num-compilation-tasks=${Math.max(1, availableParallelism() - 1)}`);
}

async function openPostgres(url: string, poolSize: number): Promise<Database & { migrate(): Promise<void> }> {
  const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool: Pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A pool error (the server restarting) must not crash the process; queries in flight fail and are reported.
  pool.on("error", (error) => process.stderr.write(`docket: database connection lost: ${error.message}\n`));
  const db = drizzle({ client: pool, schema });
  return {
    db: db as unknown as Db,
    kind: "postgres",
    async migrate() {
      // Several processes may start at once on one database: the advisory lock lets one migrate at a time.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock(727274)");
        await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query("SELECT pg_advisory_unlock(727274)").catch(() => {});
        client.release();
      }
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: url });
      client.on("error", (error) => process.stderr.write(`docket: event listener lost: ${error.message}\n`));
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      });
      await client.query(`LISTEN ${channel}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: () => pool.end(),
  };
}
