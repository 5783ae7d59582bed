import { and, desc, eq, sql } from "drizzle-orm";
import type { DigestEntry } from "../core/follow-up/messages.js";
import type { PlannedNotification, ReminderInput, ReminderMember } from "../core/follow-up/reminders.js";
import type { Db, Tx } from "./database.js";
import {
  type NotificationChannel,
  type NotificationFrequency,
  type NotificationKind,
  notificationPreferences,
  notifications,
} from "./schema.js";
import { isoOf, jsonParam, query } from "./sql.js";

/**
 * Notifications (each person's reminders, listed in the app and sent as they chose) and their choices per kind.
 */

export type NotificationRow = typeof notifications.$inferSelect;

export interface Preference {
  channel: NotificationChannel;
  frequency: NotificationFrequency;
}

/**
 * Raises a notification with the person's preference for its kind, sent now (`sentAt`) or left for the digest
 * (null). Returns its id, or null when one with the same dedupe key was raised already.
 */
export async function raiseNotification(
  db: Db,
  notification: PlannedNotification,
  preference: Preference,
  now: string,
  sentAt: string | null,
): Promise<string | null> {
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO notifications (user_id, space_id, kind, dedupe_key, title, body, link, channel, frequency, created_at, sent_at)
        VALUES (${notification.userId}, ${notification.spaceId}, ${notification.kind}, ${notification.dedupeKey},
          ${notification.title}, ${notification.body}, ${notification.link}, ${preference.channel},
          ${preference.frequency}, ${now}::timestamptz, ${sentAt === null ? sql`NULL` : sql`${sentAt}::timestamptz`})
        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
  );
  return row?.id ?? null;
}

/** A notification waiting for a daily digest. */
export type DigestNotification = DigestEntry & {
  id: string;
  userId: string;
  spaceId: string | null;
  channel: NotificationChannel;
};

/**
 * The daily-digest notifications made up to `before` and not sent yet, by person then age; locked until the
 * transaction ends, and rows another process holds are skipped, so two workers never send the same digest.
 */
export function claimDigestNotifications(tx: Tx, before: string): Promise<DigestNotification[]> {
  return query<DigestNotification>(
    tx,
    sql`SELECT n.id, n.user_id AS "userId", n.space_id AS "spaceId", coalesce(s.name, '') AS "spaceName",
          n.title, n.body, n.link, n.channel
        FROM notifications n LEFT JOIN spaces s ON s.id = n.space_id
        WHERE n.frequency = 'daily' AND n.sent_at IS NULL AND n.created_at <= ${before}::timestamptz
        ORDER BY n.user_id, n.created_at
        FOR UPDATE OF n SKIP LOCKED`,
  );
}

/** The notifications went out (in a digest) at `at`. */
export async function markNotificationsSent(db: Db, ids: readonly string[], at: string): Promise<void> {
  await query(
    db,
    sql`UPDATE notifications SET sent_at = ${at}::timestamptz
        WHERE id IN (SELECT jsonb_array_elements_text(${jsonParam(ids)})::uuid)`,
  );
}

/** The person's notifications, newest first. */
export function listNotifications(db: Db, userId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** Marks one of the person's notifications read; false when they have none with that id. */
export async function markNotificationRead(db: Db, userId: string, notificationId: string, at: Date): Promise<boolean> {
  const changed = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return changed.length > 0;
}

// ---- preferences ----

/** The choices these people made, by `userId:kind`; a kind without one uses the default. */
export async function readPreferences(db: Db, userIds: readonly string[]): Promise<Map<string, Preference>> {
  const rows = await query<Preference & { userId: string; kind: string }>(
    db,
    sql`SELECT user_id AS "userId", kind, channel, frequency FROM notification_preferences
        WHERE user_id IN (SELECT jsonb_array_elements_text(${jsonParam(userIds)})::uuid)`,
  );
  return new Map(rows.map((row) => [`${row.userId}:${row.kind}`, row]));
}

/** One person's choices, for the kinds they set. */
export function listPreferences(db: Db, userId: string): Promise<(Preference & { kind: NotificationKind })[]> {
  return db
    .select({
      kind: notificationPreferences.kind,
      channel: notificationPreferences.channel,
      frequency: notificationPreferences.frequency,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
}

export async function savePreference(
  db: Db,
  userId: string,
  kind: NotificationKind,
  preference: Preference,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, kind, ...preference })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: preference });
}

// ---- what reminders are raised from ----

/**
 * What the reminder rules look at besides open actions: meetings in the next day with their pre-read rows, and
 * the Spaces and their members (demo Spaces remind nobody).
 */
export async function readReminderSources(
  db: Db,
  now: string,
): Promise<Pick<ReminderInput, "upcomingMeetings" | "spaces" | "members">> {
  const [upcomingMeetings, spaces, members] = await Promise.all([
    query<ReminderInput["upcomingMeetings"][number]>(
      db,
      sql`SELECT m.id, m.space_id AS "spaceId", m.title, ${isoOf(sql`m.scheduled_at`)} AS "scheduledAt", m.status,
            coalesce((m.template->>'preReadHours')::float8, 24) AS "preReadHours",
            coalesce((SELECT jsonb_agg(jsonb_build_object('ownerId', r.owner_id, 'updated', r.updated_at IS NOT NULL))
                      FROM pre_read_rows r WHERE r.meeting_id = m.id), '[]'::jsonb) AS rows
          FROM meetings m
          WHERE m.status IN ('scheduled', 'pre-read') AND m.scheduled_at > ${now}::timestamptz
            AND m.scheduled_at <= ${now}::timestamptz + interval '24 hours'`,
    ),
    query<ReminderInput["spaces"][number]>(db, sql`SELECT id, name, timezone FROM spaces WHERE NOT is_demo`),
    query<ReminderMember>(
      db,
      sql`SELECT ms.space_id AS "spaceId", u.id AS "userId", u.name, u.email
          FROM memberships ms JOIN users u ON u.id = ms.user_id JOIN spaces s ON s.id = ms.space_id
          WHERE NOT s.is_demo`,
    ),
  ]);
  return { upcomingMeetings, spaces, members };
}
