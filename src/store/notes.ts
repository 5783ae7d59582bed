import { sql } from "drizzle-orm";
import type { ItemView } from "../api/live-protocol.js";
import { DocketError } from "../core/errors.js";
import type { MetricRow } from "../core/item.js";
import { type MeetingNotes, notesFromItems } from "../core/notes/meeting-notes.js";
import type { Template } from "../core/template/template.js";
import type { Db } from "./database.js";
import { compareItems, isInNotes, isVisible, itemView } from "./item-view.js";
import { listStoredItems } from "./meeting-log.js";
import type { Attendee, MeetingStatus } from "./schema.js";
import { query } from "./sql.js";

/**
 * The notes read model: a meeting's items as people see them (their corrections over the engine's reading) and
 * the notes made of them. The live room, the API and the follow-up read the same.
 */

/** Every item people can see (suggestions included), effective and in the order they were said; and the metrics. */
export async function listItems(db: Db, meetingId: string): Promise<{ items: ItemView[]; metrics: MetricRow[] }> {
  const [rows, [meeting]] = await Promise.all([
    listStoredItems(db, meetingId),
    query<{ metrics: MetricRow[] }>(db, sql`SELECT metrics FROM meetings WHERE id = ${meetingId}`),
  ]);
  const items = rows
    .filter(isVisible)
    .map((row) => itemView(row.item, row.edits, row.review, row.links))
    .sort(compareItems);
  return { items, metrics: meeting?.metrics ?? [] };
}

/**
 * The meeting's notes from its effective items: rejected items and unconfirmed suggestions stay out, confirmed
 * items are always in.
 */
export async function meetingNotes(db: Db, meetingId: string): Promise<MeetingNotes> {
  const [meeting] = await query<{
    title: string;
    meetingDate: string;
    template: Template;
    attendees: Attendee[];
    status: MeetingStatus;
    minutes: number | null;
  }>(
    db,
    sql`SELECT title, meeting_date AS "meetingDate", template, attendees, status,
          -- How long it ran: by the clock, or by the transcript for a recording uploaded in one go.
          CASE WHEN ended_at IS NOT NULL AND started_at IS NOT NULL
               THEN round(greatest(
                 extract(epoch FROM ended_at - started_at),
                 (SELECT coalesce(max(coalesce(end_seconds, start_seconds)), 0) FROM segments
                   WHERE segments.meeting_id = meetings.id)) / 60)::int END AS minutes
        FROM meetings WHERE id = ${meetingId}`,
  );
  if (!meeting) throw new DocketError("not_found", `no meeting ${meetingId}`);
  const { items, metrics } = await listItems(db, meetingId);
  return notesFromItems(
    meeting.template,
    {
      title: meeting.title,
      date: meeting.meetingDate,
      facilitator: null,
      attendees: meeting.attendees.map((a) => a.name),
      ...(meeting.minutes ? { durationMinutes: meeting.minutes } : {}),
    },
    { items: items.filter(isInNotes), metrics },
  );
}
