import { type SQL, sql } from "drizzle-orm";
import type { LiveEvent, SegmentView } from "../api/live-protocol.js";
import { DocketError } from "../core/errors.js";
import type { Item, MetricRow } from "../core/item.js";
import type { Segment } from "../core/segment.js";
import type { ItemLinks, ItemRef } from "../core/series/item-links.js";
import type { Template } from "../core/template/template.js";
import { type Db, EVENTS_CHANNEL, type Tx } from "./database.js";
import type { StoredItem } from "./item-view.js";
import type { Attendee, ItemEdits, MeetingStatus } from "./schema.js";
import { isoOf, jsonParam, query } from "./sql.js";

/**
 * The meeting log: what a meeting heard and what came of it. The meeting row is its lock and its counters
 * (segments, last event seq); segments are the transcript by position; items are the engine's reading with what
 * people did to it; events are the numbered log every viewer replays. The live pipeline writes all four inside
 * one transaction per change, holding the meeting row's lock (`lockMeeting`): the writes here take a Tx, because
 * the positions and seqs they store are only right under that lock.
 */

// ---- the lock ----

/** The meeting row as a writer needs it, locked until the transaction ends. */
export interface LockedMeeting {
  status: MeetingStatus;
  segmentCount: number;
  lastSeq: number;
}

/** Locks the meeting row: writes to one meeting take turns, whichever process they come from. */
export async function lockMeeting(tx: Tx, meetingId: string): Promise<LockedMeeting> {
  const [meeting] = await query<LockedMeeting>(
    tx,
    sql`SELECT status, segment_count AS "segmentCount", last_event_seq AS "lastSeq" FROM meetings
        WHERE id = ${meetingId} FOR UPDATE`,
  );
  if (!meeting) throw new DocketError("not_found", `no meeting ${meetingId}`);
  return meeting;
}

/**
 * Locks several meetings in one order (by id), whichever of them the caller names first: two transactions that
 * lock the same two meetings from opposite ends would otherwise wait for each other until PostgreSQL ends one.
 */
export async function lockMeetings(tx: Tx, meetingIds: readonly string[]): Promise<Map<string, LockedMeeting>> {
  const locked = new Map<string, LockedMeeting>();
  for (const id of [...new Set(meetingIds)].sort()) locked.set(id, await lockMeeting(tx, id));
  return locked;
}

/** What the meeting's extractor is built from. */
export async function readEngineSetup(
  db: Db,
  meetingId: string,
): Promise<{ template: Template; meetingDate: string; attendees: Attendee[] } | null> {
  const [meeting] = await query<{ template: Template; meetingDate: string; attendees: Attendee[] }>(
    db,
    sql`SELECT template, meeting_date AS "meetingDate", attendees FROM meetings WHERE id = ${meetingId}`,
  );
  return meeting ?? null;
}

/** Each meeting's last event seq. */
export function readLastSeqs(db: Db, meetingIds: readonly string[]): Promise<{ id: string; lastSeq: number }[]> {
  return query(
    db,
    sql`SELECT id, last_event_seq AS "lastSeq" FROM meetings
        WHERE id IN (SELECT (jsonb_array_elements_text(${jsonParam(meetingIds)}))::uuid)`,
  );
}

/** A sender of segments as capture health reports them. */
export interface CaptureSender {
  client: string;
  user: string;
  segments: number;
  lastSegmentAt: string;
}

export interface CaptureState {
  status: MeetingStatus;
  lastSeq: number;
  lastSegmentAt: string | null;
  startedAt: string | null;
  silenceWarningSeconds: number;
  /** In the order they first sent. */
  senders: CaptureSender[];
}

/**
 * The meeting's capture state and the last event seq it reflects, read in one statement (one snapshot): the
 * senders come from the segment events, so every process sees the same ones.
 */
export async function readCaptureState(db: Db, meetingId: string): Promise<CaptureState> {
  const [row] = await query<CaptureState>(
    db,
    sql`SELECT m.status, m.last_event_seq AS "lastSeq", ${isoOf(sql`m.last_segment_at`)} AS "lastSegmentAt",
          ${isoOf(sql`m.started_at`)} AS "startedAt", s.silence_warning_seconds AS "silenceWarningSeconds",
          (SELECT COALESCE(jsonb_agg(x ORDER BY x."firstAt"), '[]'::jsonb) FROM (
             SELECT e.payload->'sender'->>'client' AS client, e.payload->'sender'->>'user' AS "user",
                    count(*)::int AS segments, ${isoOf(sql`max(e.created_at)`)} AS "lastSegmentAt",
                    min(e.seq) AS "firstAt"
             FROM events e
             WHERE e.meeting_id = m.id AND e.type = 'segment' AND e.payload ? 'sender'
             GROUP BY 1, 2) x) AS senders
        FROM meetings m JOIN spaces s ON s.id = m.space_id
        WHERE m.id = ${meetingId}`,
  );
  if (!row) throw new DocketError("not_found", `no meeting ${meetingId}`);
  return row;
}

// ---- segments ----

/** A segment to store with who sent it, its text already fit for PostgreSQL (`withoutNul`). */
export interface NewSegment {
  segment: Segment & { senderSeq: number | null };
  sender: SenderTag;
}

/**
 * Stores the segments after the meeting's `after` (its segment count), in the order given; one whose id is
 * already stored is left out. Returns the ids stored, with their positions.
 */
export function insertSegments(
  tx: Tx,
  meetingId: string,
  after: number,
  segments: readonly NewSegment[],
  at: string,
): Promise<{ id: string; position: number }[]> {
  return query<{ id: string; position: number }>(
    tx,
    sql`INSERT INTO segments (meeting_id, id, position, sender_seq, sender, speaker, text, start_seconds, end_seconds, received_at)
        SELECT ${meetingId}, x.id, ${after}::int + row_number() OVER (ORDER BY x.ord), x.sender_seq,
               x.sender, x.speaker, x.text, x.start, x.stop, ${at}::timestamptz
        FROM jsonb_to_recordset(${jsonParam(
          segments.map(({ segment, sender }, ord) => ({
            ord,
            id: segment.id,
            sender_seq: segment.senderSeq,
            sender: sender.client,
            speaker: segment.speaker,
            text: segment.text,
            start: segment.start,
            stop: segment.end,
          })),
        )}) AS x(ord int, id text, sender_seq int, sender text, speaker text, text text, start float8, stop float8)
        WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.meeting_id = ${meetingId} AND s.id = x.id)
        RETURNING id, position`,
  );
}

/** Where these segments (by id) are stored; ids not stored are left out. */
export async function findSegmentPositions(
  db: Db,
  meetingId: string,
  ids: readonly string[],
): Promise<{ id: string; position: number }[]> {
  if (ids.length === 0) return [];
  return query(
    db,
    sql`SELECT id, position FROM segments
        WHERE meeting_id = ${meetingId} AND id IN (SELECT jsonb_array_elements_text(${jsonParam(ids)}))`,
  );
}

/** Where an upload stands in a meeting: what a second try of the same file starts from. */
export interface UploadProgress {
  status: MeetingStatus;
  segmentCount: number;
  /** The upload's segments (ids starting with its prefix) already stored. */
  stored: number;
  /** The segment whose arrival started the meeting; null when a person started it, or it has not started. */
  startedBy: string | null;
}

export async function readUploadProgress(db: Db, meetingId: string, idPrefix: string): Promise<UploadProgress> {
  const [row] = await query<UploadProgress>(
    db,
    sql`SELECT m.status, m.segment_count AS "segmentCount",
          (SELECT count(*)::int FROM segments s
            WHERE s.meeting_id = m.id AND starts_with(s.id, ${idPrefix})) AS stored,
          (SELECT e.payload->>'segmentId' FROM events e
            WHERE e.meeting_id = m.id AND e.type = 'meeting.status' AND e.payload->'event'->>'status' = 'live'
            ORDER BY e.seq LIMIT 1) AS "startedBy"
        FROM meetings m WHERE m.id = ${meetingId}`,
  );
  if (!row) throw new DocketError("not_found", `no meeting ${meetingId}`);
  return row;
}

/** The segments with position in (after, upTo], in order: what an extractor replays to catch up. */
export function readSegments(db: Db, meetingId: string, after: number, upTo: number): Promise<Segment[]> {
  return query<Segment>(
    db,
    sql`SELECT id, speaker, text, start_seconds AS start, end_seconds AS "end" FROM segments
        WHERE meeting_id = ${meetingId} AND position > ${after} AND position <= ${upTo}
        ORDER BY position`,
  );
}

/** The transcript: segments with position > after, in order, at most `limit`. */
export function listSegments(db: Db, meetingId: string, after: number, limit: number): Promise<SegmentView[]> {
  return query<SegmentView>(
    db,
    sql`SELECT id, position, speaker, text, start_seconds AS start, end_seconds AS "end" FROM segments
        WHERE meeting_id = ${meetingId} AND position > ${after} ORDER BY position LIMIT ${limit}`,
  );
}

// ---- items ----

/** An item as people see it stored: the engine's reading, their edits and review, its series links. */
export type ItemRow = Omit<StoredItem, "removed">;

/** What people did to an item: the part of it the engine never writes. */
export type PeopleFields = Pick<StoredItem, "edits" | "review" | "links">;

/** The engine's latest reading of an item. */
export interface EngineItem {
  id: string;
  kind: string;
  item: Item;
  /** Merged into another item. */
  removed: boolean;
}

/**
 * Stores the engine's readings of these items (one statement): new ones are added, known ones get the new reading
 * and keep what people did to them, which is returned for each.
 */
export function saveEngineItems(
  tx: Tx,
  meetingId: string,
  items: readonly EngineItem[],
): Promise<(PeopleFields & { id: string })[]> {
  return query<PeopleFields & { id: string }>(
    tx,
    sql`INSERT INTO items (meeting_id, id, kind, item, removed)
        SELECT ${meetingId}, x.id, x.kind, x.item, x.removed
        FROM jsonb_to_recordset(${jsonParam(items)}) AS x(id text, kind text, item jsonb, removed boolean)
        ON CONFLICT (meeting_id, id) DO UPDATE SET kind = excluded.kind, item = excluded.item, removed = excluded.removed
        RETURNING id, edits, review, links`,
  );
}

/**
 * A person's confirm, reject or correction: `changes` laid over their earlier edits; an edit of a suggestion
 * confirms it. Null when the meeting has no such item.
 */
export async function reviewItem(
  tx: Tx,
  ref: ItemRef,
  review: { action: "confirm" | "reject" | "edit"; changes: ItemEdits },
  by: string,
  at: string,
): Promise<ItemRow | null> {
  const [row] = await query<ItemRow>(
    tx,
    sql`UPDATE items SET
          review = CASE ${review.action}::text WHEN 'confirm' THEN 'confirmed' WHEN 'reject' THEN 'rejected'
                   ELSE (CASE review WHEN 'suggested' THEN 'confirmed' ELSE review END) END,
          edits = edits || ${jsonParam(review.changes)},
          updated_by = ${by}::uuid,
          updated_at = ${at}::timestamptz
        WHERE meeting_id = ${ref.meetingId} AND id = ${ref.itemId}
        RETURNING item, edits, review, links`,
  );
  return row ?? null;
}

/** Where each of these items is (its meeting's Space) and what kind it is; items that do not exist are left out. */
export function locateItems(
  db: Db,
  refs: readonly ItemRef[],
): Promise<{ meetingId: string; id: string; spaceId: string; kind: string }[]> {
  if (refs.length === 0) return Promise.resolve([]);
  const matches = refs.map((ref) => sql`(i.meeting_id = ${ref.meetingId} AND i.id = ${ref.itemId})`);
  return query(
    db,
    sql`SELECT i.meeting_id AS "meetingId", i.id, m.space_id AS "spaceId", i.kind
        FROM items i JOIN meetings m ON m.id = i.meeting_id
        WHERE ${sql.join(matches, sql` OR `)}`,
  );
}

/** The earlier decision becomes superseded (a person's edit: the engine never undoes it) and names its successor. */
export function markSuperseded(
  tx: Tx,
  earlier: ItemRef,
  by: ItemRef,
  actorId: string,
  at: string,
): Promise<ItemRow | null> {
  return updatedItem(
    tx,
    earlier,
    sql`edits = edits || '{"status":"superseded"}'::jsonb, links = links || ${jsonParam({ supersededBy: by })}`,
    actorId,
    at,
  );
}

/** The decision lists the earlier one among those it supersedes (once). */
export function addSupersedes(
  tx: Tx,
  item: ItemRef,
  earlier: ItemRef,
  actorId: string,
  at: string,
): Promise<ItemRow | null> {
  return updatedItem(
    tx,
    item,
    sql`links = jsonb_set(links, '{supersedes}',
          (SELECT coalesce(jsonb_agg(DISTINCT e), '[]'::jsonb)
           FROM jsonb_array_elements(coalesce(links->'supersedes', '[]'::jsonb) || ${jsonParam([earlier])}) e))`,
    actorId,
    at,
  );
}

async function updatedItem(tx: Tx, ref: ItemRef, set: SQL, actorId: string, at: string): Promise<ItemRow | null> {
  const [row] = await query<ItemRow>(
    tx,
    sql`UPDATE items SET ${set}, updated_by = ${actorId}::uuid, updated_at = ${at}::timestamptz
        WHERE meeting_id = ${ref.meetingId} AND id = ${ref.itemId}
        RETURNING item, edits, review, links`,
  );
  return row ?? null;
}

/** Every item of the meeting as stored, removed ones included. */
export function listStoredItems(db: Db, meetingId: string): Promise<StoredItem[]> {
  return query<StoredItem>(
    db,
    sql`SELECT item, edits, review, removed, links FROM items WHERE meeting_id = ${meetingId}`,
  );
}

/** Each item's series links, by item id. */
export async function readItemLinks(db: Db, meetingId: string): Promise<Map<string, ItemLinks>> {
  const rows = await query<{ id: string; links: ItemLinks }>(
    db,
    sql`SELECT id, links FROM items WHERE meeting_id = ${meetingId}`,
  );
  return new Map(rows.map((row) => [row.id, row.links]));
}

// ---- events ----

/** Who sent a segment: the client's name (the `client` parameter, or "upload") and the person's name. */
export interface SenderTag {
  client: string;
  user: string;
}

/**
 * What `events.payload` holds. `segmentId` is the segment whose arrival caused the event; `sender` is set on
 * segment events, so that any process can rebuild capture health from the log.
 */
export interface EventPayload {
  segmentId: string | null;
  sender?: SenderTag;
  event: LiveEvent;
}

/** An event to store, with its seq. */
export interface NewEvent {
  seq: number;
  type: LiveEvent["kind"];
  /** The person whose doing it is; null for the engine and the series. */
  actor: string | null;
  payload: EventPayload;
}

/** What else changes on the meeting row with the events. */
export interface MeetingChange {
  status?: MeetingStatus;
  segmentCount?: number;
  /** Stamps last_segment_at with the events' time. */
  segmentArrived?: boolean;
  /** Stamps started_at with the events' time, unless it has one. */
  started?: boolean;
  /** Stamps ended_at with the events' time. */
  ended?: boolean;
  /** The meeting's metrics as they now are. */
  metrics?: MetricRow[] | null;
}

/**
 * Stores the events (numbered by the caller, after the meeting's last seq), moves the meeting's last seq to
 * `lastSeq`, applies `change` to the meeting row and sends `notice` on the events channel, in one statement: the
 * NOTIFY is delivered when the transaction commits.
 */
export async function appendEvents(
  tx: Tx,
  meetingId: string,
  log: { events: readonly NewEvent[]; lastSeq: number; at: string; notice: string; change?: MeetingChange },
): Promise<void> {
  const { events, lastSeq, at, notice, change = {} } = log;
  const sets = [sql`last_event_seq = ${lastSeq}`];
  if (change.metrics) sets.push(sql`metrics = ${jsonParam(change.metrics)}`);
  if (change.status !== undefined) sets.push(sql`status = ${change.status}`);
  if (change.segmentCount !== undefined) sets.push(sql`segment_count = ${change.segmentCount}`);
  if (change.segmentArrived) sets.push(sql`last_segment_at = ${at}::timestamptz`);
  if (change.started) sets.push(sql`started_at = COALESCE(started_at, ${at}::timestamptz)`);
  if (change.ended) sets.push(sql`ended_at = ${at}::timestamptz`);
  await query(
    tx,
    sql`WITH stored AS (
          INSERT INTO events (meeting_id, seq, type, payload, actor_id, created_at)
          SELECT ${meetingId}, x.seq, x.type, x.payload, x.actor, ${at}::timestamptz
          FROM jsonb_to_recordset(${jsonParam(events)}) AS x(seq int, type text, payload jsonb, actor uuid)
        )
        UPDATE meetings SET ${sql.join(sets, sql`, `)}
        WHERE id = ${meetingId}
        RETURNING pg_notify(${EVENTS_CHANNEL}, ${notice})`,
  );
}

/** An event as stored. */
export interface EventRow {
  seq: number;
  at: string;
  payload: EventPayload;
}

/** Events with seq in (after, upTo], in order, at most `limit`. */
export function readEventRows(
  db: Db,
  meetingId: string,
  after: number,
  limit: number,
  upTo: number = 2 ** 31 - 1,
): Promise<EventRow[]> {
  return query(
    db,
    sql`SELECT seq, ${isoOf(sql`created_at`)} AS at, payload FROM events
        WHERE meeting_id = ${meetingId} AND seq > ${after} AND seq <= ${upTo}
        ORDER BY seq LIMIT ${limit}`,
  );
}

/** An event of the log as the API lists it. */
export interface EventRecord {
  seq: number;
  at: string;
  segmentId: string | null;
  event: LiveEvent;
}

/** The log: events with seq > after, in order, at most `limit`. */
export async function listEvents(db: Db, meetingId: string, after: number, limit: number): Promise<EventRecord[]> {
  const rows = await readEventRows(db, meetingId, after, limit);
  return rows.map((row) => ({ seq: row.seq, at: row.at, segmentId: row.payload.segmentId, event: row.payload.event }));
}
