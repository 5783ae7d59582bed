import { mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import { packageRoot } from "../files/package-root.js";
import { Availability, type DatabaseHealth, HealthCheck } from "./availability.js";
import { asUnavailable, DatabaseUnavailableError, failureMessage } from "./failure.js";
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
  /**
   * Calls `onPayload` for every NOTIFY on the channel, from this process or any other. A LISTEN connection that is
   * lost is opened again by itself (with growing pauses); `onReconnect` then runs, since notifications sent
   * meanwhile were missed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /** Whether the database can be reached now: outages are noted here, and logged once each. */
  availability: Availability;
  /** A cheap statement, at most one at a time, its result reused for a second (`/api/health`). */
  checkHealth(): Promise<DatabaseHealth>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball (tests load a migrated copy instead of migrating again). */
  dumpDataDir?: () => Promise<Blob>;
}

/** PGlite in a folder (null: in memory), or a PostgreSQL server with `poolSize` connections (10 unless set). */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string | null }
  | { kind: "postgres"; url: string; poolSize?: number | undefined };

const DEFAULT_POOL_SIZE = 10;
/** A new connection, or a turn at one when all are busy, longer than this fails as "unavailable" (never hangs). */
const CONNECT_TIMEOUT_MS = 10_000;
/** Pauses between attempts to open a lost LISTEN connection again. */
const LISTEN_RETRY_MS = { first: 250, max: 5000 };

export interface OpenOptions {
  /** A migrated PGlite database to start from (tests). */
  loadDataDir?: Blob;
  /** Where an outage's lines go (stderr unless a test says otherwise). */
  log?: (line: string) => void;
}

export const MIGRATIONS_DIR = join(packageRoot(), "src", "store", "migrations");

/** Opens the database and brings its schema up to date. `dataDir: null` is an in-memory PGlite (tests). */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const log = options.log ?? ((line: string) => process.stderr.write(line));
  const availability = new Availability({ log });
  const database =
    config.kind === "pglite"
      ? await openPglite(config.dataDir, availability, options.loadDataDir)
      : await openPostgres(config.url, config.poolSize ?? DEFAULT_POOL_SIZE, availability, log);
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    // Starting with no database to reach: said in a line (`docket serve` exits with it), not as an internal error.
    const unavailable = asUnavailable(error);
    if (unavailable)
      throw new DatabaseUnavailableError(unavailable.problem, `cannot reach the database: ${unavailable.problem}`);
    throw error;
  }
  return database;
}

async function openPglite(
  dataDir: string | null,
  availability: Availability,
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
  // PGlite lives in this process and cannot go away; its health goes through the same check all the same.
  const health = new HealthCheck({ probe: () => client.query("SELECT 1"), availability });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    availability,
    checkHealth: () => health.check(),
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

async function openPostgres(
  url: string,
  poolSize: number,
  availability: Availability,
  log: (line: string) => void,
): Promise<Database & { migrate(): Promise<void> }> {
  const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool: Pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  const reportLost = (error: Error) => {
    if (!availability.recognise(error)) log(`docket: database connection lost: ${failureMessage(error)}\n`);
  };
  // An idle connection's error (the server stopping) must not crash the process: it is an outage, logged once.
  pool.on("error", reportLost);
  pool.on("connect", (client) => {
    availability.up();
    // A connection lent out between statements (a transaction doing its work) has no pool listener: without this
    // one its error would be an unhandled 'error' event, which ends the process. The statement after it fails.
    client.on("error", (error) => availability.recognise(error));
  });
  const db = drizzle({ client: pool, schema });
  const health = new HealthCheck({ probe: () => pool.query("SELECT 1"), availability });
  availability.watchWith(() => health.check());
  return {
    db: db as unknown as Db,
    kind: "postgres",
    availability,
    checkHealth: () => health.check(),
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
    async listen(channel, onPayload, onReconnect) {
      let current: InstanceType<typeof pg.Client> | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | null = null;
      let pause = 0;
      const open = async () => {
        const client = new pg.Client({ connectionString: url, keepAlive: true });
        client.on("error", (error) => lost(client, error));
        client.on("end", () => lost(client, new Error("Connection terminated unexpectedly")));
        client.on("notification", (message) => {
          if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
        });
        try {
          await client.connect();
          await client.query(`LISTEN ${channel}`);
          return client;
        } catch (error) {
          void client.end().catch(() => {});
          throw error;
        }
      };
      // Lost (the server stopped or restarted): opened again after a pause, and the caller catches up.
      const lost = (client: InstanceType<typeof pg.Client>, error: Error) => {
        if (client !== current || stopped) return;
        current = null;
        void client.end().catch(() => {});
        reportLost(error);
        reopenLater();
      };
      const reopenLater = () => {
        pause = Math.min(LISTEN_RETRY_MS.max, pause === 0 ? LISTEN_RETRY_MS.first : pause * 2);
        retry = setTimeout(() => {
          retry = null;
          open().then(
            (client) => {
              if (stopped) return void client.end().catch(() => {});
              current = client;
              pause = 0;
              availability.up();
              onReconnect?.();
            },
            (error: unknown) => {
              if (stopped) return;
              if (error instanceof Error) reportLost(error);
              reopenLater();
            },
          );
        }, pause);
        retry.unref();
      };
      current = await open();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        const client = current;
        current = null;
        await client?.end().catch(() => {});
      };
    },
    close: () => {
      availability.stop();
      return pool.end();
    },
  };
}
