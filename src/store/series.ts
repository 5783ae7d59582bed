import { type SQL, sql } from "drizzle-orm";
import type { Item, ItemKind } from "../core/item.js";
import type { ItemLinks } from "../core/series/item-links.js";
import type { SeriesItem } from "../core/series/series-item.js";
import type { FollowUpRule, Template } from "../core/template/template.js";
import type { Db, Tx } from "./database.js";
import { isInNotes } from "./item-view.js";
import type { ItemReview } from "./schema.js";
import { isoOf, jsonParam, query } from "./sql.js";

/**
 * The series' reads, inside the transaction that moves a meeting along: what the last meeting left open, and the
 * meeting's own items as people see them (their edits laid over the engine's reading, in SQL: `item || edits`).
 */

export interface SeriesMeeting {
  id: string;
  spaceId: string;
  title: string;
  meetingDate: string;
  scheduledAt: string;
  template: Template;
  rules: FollowUpRule[];
}

export async function readSeriesMeeting(db: Db, meetingId: string): Promise<SeriesMeeting | null> {
  const [row] = await query<SeriesMeeting>(
    db,
    sql`SELECT m.id, m.space_id AS "spaceId", m.title, m.meeting_date AS "meetingDate",
          ${isoOf(sql`m.scheduled_at`)} AS "scheduledAt", m.template, s.follow_up_rules AS rules
        FROM meetings m JOIN spaces s ON s.id = m.space_id WHERE m.id = ${meetingId}`,
  );
  return row ?? null;
}

/** The Space's latest ended meeting scheduled before this one: where its open business comes from. */
export async function findPreviousEnded(
  db: Db,
  meeting: Pick<SeriesMeeting, "spaceId" | "scheduledAt">,
): Promise<{ id: string; endedAt: string } | null> {
  const [row] = await query<{ id: string; endedAt: string }>(
    db,
    sql`SELECT id, ${isoOf(sql`ended_at`)} AS "endedAt" FROM meetings
        WHERE space_id = ${meeting.spaceId} AND status = 'ended' AND scheduled_at < ${meeting.scheduledAt}::timestamptz
        ORDER BY scheduled_at DESC, created_at DESC LIMIT 1`,
  );
  return row ?? null;
}

/** A meeting's items that are in its notes, as people see them, in the order they were said. */
export function readSeriesItems(db: Db, meetingId: string): Promise<SeriesItem[]> {
  return selectSeriesItems(db, sql`i.meeting_id = ${meetingId}`);
}

/**
 * The items of every meeting of a Space that has started (live or ended), oldest meeting first; of one kind when
 * given. One statement for the whole series, however many meetings it has.
 */
export function readSpaceSeriesItems(db: Db, spaceId: string, kind?: ItemKind): Promise<SeriesItem[]> {
  return selectSeriesItems(
    db,
    sql`m.space_id = ${spaceId} AND m.status IN ('live', 'ended') ${kind ? sql`AND i.kind = ${kind}` : sql``}`,
  );
}

/**
 * Items that are in their meeting's notes (see `isInNotes`): not rejected, not merged away unless a person kept
 * them, and confirmed or confident enough. People's edits are laid over the engine's reading (`item || edits`).
 */
async function selectSeriesItems(db: Db, where: SQL): Promise<SeriesItem[]> {
  const rows = await query<SeriesItem & { review: ItemReview }>(
    db,
    sql`SELECT m.id AS "meetingId", m.title AS "meetingTitle", m.meeting_date AS "meetingDate",
          ${isoOf(sql`m.scheduled_at`)} AS "scheduledAt", i.item || i.edits AS item, i.links, i.review,
          ${isoOf(sql`i.updated_at`)} AS "changedAt"
        FROM items i JOIN meetings m ON m.id = i.meeting_id
        WHERE ${where} AND i.review <> 'rejected'
          AND (NOT i.removed OR i.review <> 'suggested' OR i.edits <> '{}'::jsonb)
        ORDER BY m.meeting_date, m.scheduled_at, m.id,
          (i.item->'evidence'->0->>'start')::float8 ASC NULLS LAST, i.id`,
  );
  return rows
    .filter((row) => isInNotes({ review: row.review, confidence: row.item.confidence }))
    .map(({ review: _, ...row }) => row);
}

/** Stores items the series gives a meeting; one already there (same id) is left as it is. Returns those added. */
export async function insertSeriesItems(
  tx: Tx,
  meetingId: string,
  copies: readonly { item: Item; links: ItemLinks }[],
  at: string,
): Promise<{ item: Item; links: ItemLinks }[]> {
  if (copies.length === 0) return [];
  const rows = copies.map(({ item, links }) => ({ id: item.id, kind: item.kind, item, links }));
  const inserted = await query<{ id: string }>(
    tx,
    sql`INSERT INTO items (meeting_id, id, kind, item, links, updated_at)
        SELECT ${meetingId}, x.id, x.kind, x.item, x.links, ${at}::timestamptz
        FROM jsonb_to_recordset(${jsonParam(rows)}) AS x(id text, kind text, item jsonb, links jsonb)
        ON CONFLICT (meeting_id, id) DO NOTHING
        RETURNING id`,
  );
  const added = new Set(inserted.map((row) => row.id));
  return copies.filter((copy) => added.has(copy.item.id));
}
