import { execFileSync } from "node:child_process";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/store/database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server for the storage tests, or null when none could be started. */
    postgresUrl: string | null;
    /** A migrated, empty PGlite database as a tarball: each test file loads its own copy (~0.5 s, not 4 s). */
    pgliteImage: string;
  }
}

/**
 * Once per run: the web app built, a migrated PGlite image, and a PostgreSQL server on 127.0.0.1 (DOCKET_TEST_DATABASE_URL, or one
 * started by scripts/start-postgres.sh, which installs Debian's package when it is missing).
 */
export default async function setup(project: TestProject) {
  // The server serves the web app from dist/web; build it from the sources under test. Vitest sets NODE_ENV=test,
  // which would make Vite bundle React's development build: the tests use what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(import.meta.dirname, "..", "vite.config.ts"), logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const dir = join(tmpdir(), `docket-test-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const database = await openDatabase({ kind: "pglite", dataDir: null });
  const image = (await database.dumpDataDir?.()) ?? null;
  await database.close();
  if (!image) throw new Error("could not dump the migrated PGlite database");
  const file = join(dir, "pglite.tar");
  await writeFile(`${file}.part`, Buffer.from(await image.arrayBuffer()));
  await rename(`${file}.part`, file);
  project.provide("pgliteImage", file);
  project.provide("postgresUrl", startPostgres());
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

function startPostgres(): string | null {
  if (process.env.DOCKET_TEST_DATABASE_URL) return process.env.DOCKET_TEST_DATABASE_URL;
  try {
    const out = execFileSync(join(import.meta.dirname, "..", "scripts", "start-postgres.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return out.trim().split("\n").at(-1) ?? null;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL could not be started for the tests: ${String(error)}`);
    process.stderr.write("PostgreSQL could not be started: the PostgreSQL half of the storage tests is skipped.\n");
    return null;
  }
}
