import { randomBytes } from "node:crypto";
import pg from "pg";

// Whole databases on a PostgreSQL server, for the tests and the load benchmark: each run gets an empty one of its
// own. `serverUrl` names any database on the server that the user, who needs CREATEDB, may connect to.

/** A new, empty database named `<prefix>_<random hex>`; resolves with its URL. */
export async function createEmptyDatabase(serverUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database `databaseUrl` names, closing its connections first; one already gone is fine. */
export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** CREATE and DROP DATABASE cannot run in a transaction or a pool's session: one short connection each. */
async function adminQuery(serverUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
