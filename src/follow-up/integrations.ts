import { sql } from "drizzle-orm";
import type { StoredConnection } from "../integrations/channel.js";
import { type Queryable, query } from "../live/sql.js";

/** A Space's connected services by kind, secrets included: for the code that sends, never for the API. */
export async function readIntegrations(db: Queryable, spaceId: string): Promise<Map<string, StoredConnection>> {
  const rows = await query<StoredConnection & { kind: string }>(
    db,
    sql`SELECT kind, settings, secrets FROM space_integrations WHERE space_id = ${spaceId}`,
  );
  return new Map(rows.map(({ kind, settings, secrets }) => [kind, { settings, secrets }]));
}
