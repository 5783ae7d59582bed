import { sql } from "drizzle-orm";
import { type Queryable, query } from "../live/sql.js";
import type { IntegrationKind } from "../store/schema.js";

export interface IntegrationRow {
  kind: IntegrationKind;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

/** A Space's connected services, secrets included: for the code that sends, never for the API. */
export async function readIntegrations(db: Queryable, spaceId: string): Promise<Map<IntegrationKind, IntegrationRow>> {
  const rows = await query<IntegrationRow>(
    db,
    sql`SELECT kind, settings, secrets FROM space_integrations WHERE space_id = ${spaceId}`,
  );
  return new Map(rows.map((row) => [row.kind, row]));
}
