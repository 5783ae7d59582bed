import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { type IntegrationKind, spaceIntegrations } from "./schema.js";
import { query } from "./sql.js";

/** A Space's connection to an outside service, as stored: secrets included. */
export type SpaceIntegrationRow = typeof spaceIntegrations.$inferSelect;

/** What the code that sends needs of a connection. */
export interface IntegrationRow {
  kind: IntegrationKind;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

/** A Space's connected services by kind, secrets included: for the code that sends, never for the API. */
export async function readIntegrations(db: Db, spaceId: string): Promise<Map<string, IntegrationRow>> {
  const rows = await query<IntegrationRow>(
    db,
    sql`SELECT kind, settings, secrets FROM space_integrations WHERE space_id = ${spaceId}`,
  );
  return new Map(rows.map((row) => [row.kind, row]));
}

/** A Space's connections as stored, secrets included: whoever shows them leaves the secrets out. */
export function listIntegrations(db: Db, spaceId: string): Promise<SpaceIntegrationRow[]> {
  return db.select().from(spaceIntegrations).where(eq(spaceIntegrations.spaceId, spaceId));
}

/** Connects a service to the Space, or replaces its settings and secrets. */
export async function saveIntegration(
  db: Db,
  integration: {
    spaceId: string;
    kind: IntegrationKind;
    settings: Record<string, string>;
    secrets: Record<string, string>;
    updatedAt: Date;
    updatedBy: string;
  },
): Promise<SpaceIntegrationRow> {
  const { settings, secrets, updatedAt, updatedBy } = integration;
  const [row] = await db
    .insert(spaceIntegrations)
    .values(integration)
    .onConflictDoUpdate({
      target: [spaceIntegrations.spaceId, spaceIntegrations.kind],
      set: { settings, secrets, updatedAt, updatedBy },
    })
    .returning();
  if (!row) throw new Error("the integration was not stored");
  return row;
}

/** Disconnects a service; its secrets are deleted with it. */
export async function deleteIntegration(db: Db, spaceId: string, kind: IntegrationKind): Promise<void> {
  await db
    .delete(spaceIntegrations)
    .where(and(eq(spaceIntegrations.spaceId, spaceId), eq(spaceIntegrations.kind, kind)));
}
