import { sql } from "drizzle-orm";
import type { LiveEvent } from "../api/live-protocol.js";
import { isoOf, type Queryable, query } from "./sql.js";

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

/** An event as committed, with its wire message serialized once for every socket that receives it. */
export interface StoredEvent {
  seq: number;
  at: string;
  segmentId: string | null;
  sender: SenderTag | null;
  event: LiveEvent;
  /** The `event` server message as UTF-8 JSON. */
  wire: Buffer;
}

export function storedEvent(seq: number, at: string, payload: EventPayload): StoredEvent {
  const wire = `{"type":"event","seq":${seq},"at":"${at}","segmentId":${JSON.stringify(payload.segmentId)},"event":${JSON.stringify(payload.event)}}`;
  return {
    seq,
    at,
    segmentId: payload.segmentId,
    sender: payload.sender ?? null,
    event: payload.event,
    wire: Buffer.from(wire),
  };
}

/** Events with seq in (after, upTo], in order, at most `limit`, as stored. */
export function readEventRows(
  db: Queryable,
  meetingId: string,
  after: number,
  limit: number,
  upTo: number = 2 ** 31 - 1,
): Promise<{ seq: number; at: string; payload: EventPayload }[]> {
  return query(
    db,
    sql`SELECT seq, ${isoOf(sql`created_at`)} AS at, payload FROM events
        WHERE meeting_id = ${meetingId} AND seq > ${after} AND seq <= ${upTo}
        ORDER BY seq LIMIT ${limit}`,
  );
}

/** The same events, ready to send. */
export async function readEvents(
  db: Queryable,
  meetingId: string,
  after: number,
  limit: number,
  upTo?: number,
): Promise<StoredEvent[]> {
  const rows = await readEventRows(db, meetingId, after, limit, upTo);
  return rows.map((row) => storedEvent(row.seq, row.at, row.payload));
}
