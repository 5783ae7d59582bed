import { sql } from "drizzle-orm";
import type { Db } from "./database.js";
import type { DeliveryChannel, DeliveryStatus } from "./schema.js";
import { isoOf, jsonParam, query } from "./sql.js";

/**
 * The outbox: a delivery is written in the same transaction as what causes it, then claimed and sent by the
 * worker. `dedupe_key` makes enqueueing idempotent (the same notes are never queued twice); a claim is a lease,
 * so a sender that dies mid-send leaves a row that another (or the restarted) process claims again, marked
 * `uncertain` so the channel can ask the target before sending twice.
 */

export interface NewDelivery {
  spaceId: string | null;
  meetingId: string | null;
  userId: string | null;
  channel: DeliveryChannel;
  purpose: string;
  dedupeKey: string;
  recipient: string;
  payload: unknown;
  notBefore: string;
  dueBy: string | null;
}

/** Queues deliveries; one whose dedupe key is already queued is skipped. Returns how many were added. */
export async function enqueueDeliveries(db: Db, deliveries: readonly NewDelivery[], at: string): Promise<number> {
  if (deliveries.length === 0) return 0;
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO deliveries (space_id, meeting_id, user_id, channel, purpose, dedupe_key, recipient, payload,
          not_before, due_by, created_at)
        SELECT x."spaceId", x."meetingId", x."userId", x.channel, x.purpose, x."dedupeKey", x.recipient, x.payload,
          x."notBefore", x."dueBy", ${at}::timestamptz
        FROM jsonb_to_recordset(${jsonParam(deliveries)}) AS x("spaceId" uuid, "meetingId" uuid, "userId" uuid,
          channel text, purpose text, "dedupeKey" text, recipient text, payload jsonb, "notBefore" timestamptz,
          "dueBy" timestamptz)
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id`,
  );
  return rows.length;
}

export interface ClaimedDelivery extends Omit<NewDelivery, "notBefore" | "dueBy"> {
  id: string;
  /** This attempt's number, from 1. */
  attempts: number;
  /** The previous attempt was cut off mid-send: it may have arrived. */
  uncertain: boolean;
}

/**
 * Claims up to `limit` deliveries that are due: pending ones whose time has come, and ones whose sender's lease
 * ran out. Rows another process holds are skipped, so several workers never send the same row at once.
 */
export async function claimDueDeliveries(
  db: Db,
  now: string,
  leaseSeconds: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  return query<ClaimedDelivery>(
    db,
    sql`WITH due AS (
          SELECT id, status AS was FROM deliveries
          WHERE (status = 'pending' AND not_before <= ${now}::timestamptz)
             OR (status = 'sending' AND lease_until <= ${now}::timestamptz)
          ORDER BY not_before, created_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1,
          lease_until = ${now}::timestamptz + make_interval(secs => ${leaseSeconds})
        FROM due WHERE d.id = due.id
        RETURNING d.id, d.space_id AS "spaceId", d.meeting_id AS "meetingId", d.user_id AS "userId", d.channel,
          d.purpose, d.dedupe_key AS "dedupeKey", d.recipient, d.payload, d.attempts, due.was = 'sending' AS uncertain`,
  );
}

export async function markDelivered(db: Db, id: string, at: string, externalId: string | null): Promise<void> {
  await query(
    db,
    sql`UPDATE deliveries SET status = 'delivered', delivered_at = ${at}::timestamptz, external_id = ${externalId},
          lease_until = NULL, last_error = NULL
        WHERE id = ${id}`,
  );
}

/** A failed attempt: tried again at `retryAt`, or given up (`retryAt` null) with the reason kept. */
export async function markFailed(db: Db, id: string, error: string, retryAt: string | null): Promise<void> {
  await query(
    db,
    sql`UPDATE deliveries SET
          status = ${retryAt === null ? "failed" : "pending"},
          not_before = coalesce(${retryAt}::timestamptz, not_before),
          lease_until = NULL, last_error = ${error}
        WHERE id = ${id}`,
  );
}

export interface DeliveryRecord {
  id: string;
  meetingId: string | null;
  meetingTitle: string | null;
  channel: DeliveryChannel;
  purpose: string;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  notBefore: string;
  dueBy: string | null;
  deliveredAt: string | null;
  /** Not delivered by its deadline, or delivered after it. */
  late: boolean;
}

/** A Space's deliveries, newest first: what went where, and what is late. */
export async function listSpaceDeliveries(
  db: Db,
  spaceId: string,
  now: string,
  limit = 200,
): Promise<DeliveryRecord[]> {
  return query<DeliveryRecord>(
    db,
    sql`SELECT d.id, d.meeting_id AS "meetingId", m.title AS "meetingTitle", d.channel, d.purpose, d.recipient,
          d.status, d.attempts, d.last_error AS "lastError", ${isoOf(sql`d.created_at`)} AS "createdAt",
          ${isoOf(sql`d.not_before`)} AS "notBefore",
          CASE WHEN d.due_by IS NULL THEN NULL ELSE ${isoOf(sql`d.due_by`)} END AS "dueBy",
          CASE WHEN d.delivered_at IS NULL THEN NULL ELSE ${isoOf(sql`d.delivered_at`)} END AS "deliveredAt",
          coalesce(d.due_by < coalesce(d.delivered_at, ${now}::timestamptz), false) AS late
        FROM deliveries d LEFT JOIN meetings m ON m.id = d.meeting_id
        WHERE d.space_id = ${spaceId}
        ORDER BY d.created_at DESC, d.id
        LIMIT ${limit}`,
  );
}
