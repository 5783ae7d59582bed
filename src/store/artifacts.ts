import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { type ArtifactKind, artifacts } from "./schema.js";
import { jsonParam, query } from "./sql.js";

/** The drafts kept with a meeting: written by Docket, then people's to edit (Docket never rewrites an edited one). */

export type ArtifactRow = typeof artifacts.$inferSelect;

/** Stores drafts; a draft already kept for the same item and kind is left as it is (people may have edited it). */
export async function insertDrafts(
  db: Db,
  meetingId: string,
  kind: ArtifactKind,
  drafts: readonly { itemId: string | null; title: string; body: string }[],
  at: string,
): Promise<void> {
  if (drafts.length === 0) return;
  await query(
    db,
    sql`INSERT INTO artifacts (meeting_id, item_id, kind, title, body, created_at, updated_at)
        SELECT ${meetingId}, x."itemId", ${kind}, x.title, x.body, ${at}::timestamptz, ${at}::timestamptz
        FROM jsonb_to_recordset(${jsonParam(drafts)}) AS x("itemId" text, title text, body text)
        ON CONFLICT DO NOTHING`,
  );
}

/** The meeting's drafts, oldest first. */
export function listArtifacts(db: Db, meetingId: string): Promise<ArtifactRow[]> {
  return db.select().from(artifacts).where(eq(artifacts.meetingId, meetingId)).orderBy(asc(artifacts.createdAt));
}

/**
 * Keeps a draft for the item (null: the whole meeting) and kind, unless one is kept already; returns the kept one,
 * with people's edits.
 */
export async function keepDraft(
  db: Db,
  draft: { meetingId: string; itemId: string | null; kind: ArtifactKind; title: string; body: string },
  by: string,
  now: Date,
): Promise<ArtifactRow | null> {
  await db
    .insert(artifacts)
    .values({ ...draft, createdAt: now, updatedAt: now, updatedBy: by })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(artifacts)
    .where(
      and(
        eq(artifacts.meetingId, draft.meetingId),
        eq(artifacts.kind, draft.kind),
        draft.itemId === null ? isNull(artifacts.itemId) : eq(artifacts.itemId, draft.itemId),
      ),
    )
    .orderBy(asc(artifacts.createdAt))
    .limit(1);
  return row ?? null;
}

/** A person's edit of a draft; null when the meeting has no such draft. */
export async function editArtifact(
  db: Db,
  meetingId: string,
  artifactId: string,
  changes: { title?: string | undefined; body?: string | undefined },
  by: string,
  now: Date,
): Promise<ArtifactRow | null> {
  const [row] = await db
    .update(artifacts)
    .set({ ...changes, edited: true, updatedAt: now, updatedBy: by })
    .where(and(eq(artifacts.id, artifactId), eq(artifacts.meetingId, meetingId)))
    .returning();
  return row ?? null;
}
