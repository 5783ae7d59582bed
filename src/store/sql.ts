import { type SQL, sql } from "drizzle-orm";
import type { Db } from "./database.js";

/**
 * Runs one raw statement and returns its rows. The live path writes several rows per statement
 * (`jsonb_to_recordset`) and reads exactly the columns it needs, which the query builder cannot express as
 * cheaply; PGlite and node-postgres both answer with `{rows}`.
 */
export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** A timestamp column as ISO 8601 text: drivers differ in how they return timestamps from raw statements. */
export function isoOf(column: SQL): SQL {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A JSON value as a jsonb parameter. */
export function jsonParam(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}

/** PostgreSQL text and jsonb cannot hold NUL characters: text from outside loses them on the way in. */
export function withoutNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}
