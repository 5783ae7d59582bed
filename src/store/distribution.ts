import { type SQL, sql } from "drizzle-orm";
import type { FollowUpRule } from "../core/template/template.js";
import type { Db, Tx } from "./database.js";
import type { Distribution } from "./schema.js";
import { isoOf, query } from "./sql.js";

/**
 * When an ended meeting's notes go out, and that they went: `distribute_at` is set as the meeting ends,
 * `distributed_at` in the transaction that queues the deliveries, so they are queued once.
 */

/** An ended meeting with what its follow-up needs. */
export interface EndedMeeting {
  id: string;
  spaceId: string;
  spaceName: string;
  title: string;
  meetingDate: string;
  /** Null only inside the transaction that is ending it. */
  endedAt: string | null;
  distribution: Distribution;
  rules: FollowUpRule[];
}

/**
 * The meeting with what its follow-up needs; null once its notes went out. Inside the transaction that ends it
 * (before its status changes), as it is.
 */
export function readEndingMeeting(db: Db, meetingId: string): Promise<EndedMeeting | null> {
  return readEndedMeeting(db, meetingId, sql``);
}

/** The same for distribution: the meeting must have ended, and its row stays locked until the transaction ends. */
export function lockEndedMeeting(tx: Tx, meetingId: string): Promise<EndedMeeting | null> {
  return readEndedMeeting(tx, meetingId, sql`AND m.status = 'ended' FOR UPDATE OF m`);
}

async function readEndedMeeting(db: Db, meetingId: string, lock: SQL): Promise<EndedMeeting | null> {
  const [row] = await query<EndedMeeting & { distributedAt: string | null }>(
    db,
    sql`SELECT m.id, m.space_id AS "spaceId", s.name AS "spaceName", m.title, m.meeting_date AS "meetingDate",
          ${isoOf(sql`m.ended_at`)} AS "endedAt", s.distribution, s.follow_up_rules AS rules,
          m.distributed_at AS "distributedAt"
        FROM meetings m JOIN spaces s ON s.id = m.space_id
        WHERE m.id = ${meetingId} ${lock}`,
  );
  if (!row || row.distributedAt !== null) return null;
  const { distributedAt: _, ...meeting } = row;
  return meeting;
}

/** When the meeting's notes go out by themselves. */
export async function scheduleDistribution(db: Db, meetingId: string, at: string): Promise<void> {
  await query(db, sql`UPDATE meetings SET distribute_at = ${at}::timestamptz WHERE id = ${meetingId}`);
}

/** The meeting's notes are queued: they never go out again. */
export async function markDistributed(db: Db, meetingId: string, at: string): Promise<void> {
  await query(db, sql`UPDATE meetings SET distributed_at = ${at}::timestamptz WHERE id = ${meetingId}`);
}

/** Ended meetings whose notes are due to go out by now and have not, soonest first. */
export function listDueDistributions(db: Db, now: string, limit: number): Promise<{ id: string }[]> {
  return query<{ id: string }>(
    db,
    sql`SELECT id FROM meetings WHERE status = 'ended' AND distributed_at IS NULL AND distribute_at <= ${now}::timestamptz
        ORDER BY distribute_at LIMIT ${limit}`,
  );
}

/** The email addresses of the meeting's attendees who have accounts. */
export async function readAttendeeEmails(db: Db, meetingId: string): Promise<string[]> {
  const rows = await query<{ email: string }>(
    db,
    sql`SELECT u.email FROM meetings m, jsonb_array_elements(m.attendees) a JOIN users u ON u.id = (a->>'userId')::uuid
        WHERE m.id = ${meetingId} AND a->>'userId' IS NOT NULL`,
  );
  return rows.map((row) => row.email);
}
