import { and, asc, count, eq, getTableColumns, max, ne, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { localDate } from "../core/calendar/dates.js";
import { DocketError } from "../core/errors.js";
import type { Db } from "./database.js";
import { type Attendee, items, meetings, memberships, preReadRows, type SpaceRole, spaces, users } from "./schema.js";

export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingSummaryRow = Omit<MeetingRow, "template" | "metrics">;
export type PreReadRow = typeof preReadRows.$inferSelect & { ownerName: string | null };

/**
 * A scheduled meeting in the Space, with a copy of the Space's template as it is now: later template edits never
 * rewrite what a past meeting was run with.
 */
export async function createMeeting(
  db: Db,
  meeting: { spaceId: string; title: string | null; scheduledAt: Date; attendees: Attendee[]; createdBy: string },
): Promise<MeetingRow> {
  const [space] = await db
    .select({ name: spaces.name, template: spaces.template, timezone: spaces.timezone })
    .from(spaces)
    .where(eq(spaces.id, meeting.spaceId));
  if (!space) throw new DocketError("not_found", `no Space ${meeting.spaceId}`);
  const meetingDate = localDate(meeting.scheduledAt, space.timezone);
  const [row] = await db
    .insert(meetings)
    .values({
      spaceId: meeting.spaceId,
      title: meeting.title ?? `${space.name}, ${meetingDate}`,
      status: "scheduled",
      scheduledAt: meeting.scheduledAt,
      meetingDate,
      template: space.template,
      attendees: meeting.attendees,
      createdBy: meeting.createdBy,
    })
    .returning();
  if (!row) throw new Error("the meeting was not stored");
  return row;
}

const { template: _template, metrics: _metrics, ...summaryColumns } = getTableColumns(meetings);

/** The Space's meetings in scheduled order, without their templates. */
export async function listMeetings(db: Db, spaceId: string): Promise<MeetingSummaryRow[]> {
  return db
    .select(summaryColumns)
    .from(meetings)
    .where(eq(meetings.spaceId, spaceId))
    .orderBy(asc(meetings.scheduledAt), asc(meetings.createdAt));
}

export async function findMeeting(db: Db, meetingId: string): Promise<MeetingRow | null> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  return row ?? null;
}

/** The meeting and the user's role in its Space; null when there is no such meeting or they are not a member. */
export async function findMeetingForMember(
  db: Db,
  meetingId: string,
  userId: string,
): Promise<{ meeting: MeetingRow; role: SpaceRole } | null> {
  const [row] = await db
    .select({ meeting: meetings, role: memberships.role })
    .from(meetings)
    .innerJoin(memberships, and(eq(memberships.spaceId, meetings.spaceId), eq(memberships.userId, userId)))
    .where(eq(meetings.id, meetingId));
  return row ?? null;
}

export async function countMeetingContents(
  db: Db,
  meeting: MeetingRow,
): Promise<{ preReadRows: number; items: number; segments: number }> {
  const [[rows], [found]] = await Promise.all([
    db.select({ n: count() }).from(preReadRows).where(eq(preReadRows.meetingId, meeting.id)),
    db
      .select({ n: count() })
      .from(items)
      .where(and(eq(items.meetingId, meeting.id), eq(items.removed, false))),
  ]);
  return { preReadRows: rows?.n ?? 0, items: found?.n ?? 0, segments: meeting.segmentCount };
}

/** Changes a meeting that has not ended (its notes are history then); the meeting date follows `scheduledAt`. */
export async function updateMeeting(
  db: Db,
  meetingId: string,
  changes: { title?: string | undefined; scheduledAt?: Date | undefined; attendees?: Attendee[] | undefined },
): Promise<MeetingRow> {
  const set: Partial<typeof meetings.$inferInsert> = {};
  if (changes.title !== undefined) set.title = changes.title;
  if (changes.attendees !== undefined) set.attendees = changes.attendees;
  if (changes.scheduledAt !== undefined) {
    set.scheduledAt = changes.scheduledAt;
    const [space] = await db
      .select({ timezone: spaces.timezone })
      .from(spaces)
      .innerJoin(meetings, eq(meetings.spaceId, spaces.id))
      .where(eq(meetings.id, meetingId));
    if (space) set.meetingDate = localDate(changes.scheduledAt, space.timezone);
  }
  const [row] =
    Object.keys(set).length > 0
      ? await db
          .update(meetings)
          .set(set)
          .where(and(eq(meetings.id, meetingId), ne(meetings.status, "ended")))
          .returning()
      : await db
          .select()
          .from(meetings)
          .where(and(eq(meetings.id, meetingId), ne(meetings.status, "ended")));
  if (row) return row;
  if (await findMeeting(db, meetingId))
    throw new DocketError("conflict", "the meeting has ended; it can no longer change");
  throw new DocketError("not_found", `no meeting ${meetingId}`);
}

const preReadColumns = { ...getTableColumns(preReadRows), ownerName: users.name };

/** The meeting's pre-read rows in the order they were added, with their owners' names. */
export async function listPreReadRows(db: Db, meetingId: string): Promise<PreReadRow[]> {
  return db
    .select(preReadColumns)
    .from(preReadRows)
    .leftJoin(users, eq(users.id, preReadRows.ownerId))
    .where(eq(preReadRows.meetingId, meetingId))
    .orderBy(asc(preReadRows.position), asc(preReadRows.createdAt));
}

export async function findPreReadRow(db: Db, meetingId: string, rowId: string): Promise<PreReadRow | null> {
  const [row] = await db
    .select(preReadColumns)
    .from(preReadRows)
    .leftJoin(users, eq(users.id, preReadRows.ownerId))
    .where(and(eq(preReadRows.meetingId, meetingId), eq(preReadRows.id, rowId)));
  return row ?? null;
}

/** A new row at the end of the meeting's pre-read. */
export async function createPreReadRow(
  db: Db,
  row: {
    meetingId: string;
    sectionId: string;
    ownerId: string;
    cells: Record<string, string>;
    createdBy: string;
    now: Date;
  },
): Promise<PreReadRow> {
  const next = db
    .select({ position: sql<number>`coalesce(${max(preReadRows.position)}, 0) + 1` })
    .from(preReadRows)
    .where(eq(preReadRows.meetingId, row.meetingId));
  const [created] = await db
    .insert(preReadRows)
    .values({
      meetingId: row.meetingId,
      sectionId: row.sectionId,
      ownerId: row.ownerId,
      cells: row.cells,
      position: sql`(${next})`,
      // A row a facilitator assigns to someone else waits for its owner: the pre-read checklist counts it as not done.
      ...(row.ownerId === row.createdBy ? { updatedAt: row.now, updatedBy: row.createdBy } : {}),
    })
    .returning({ id: preReadRows.id });
  if (!created) throw new Error("the pre-read row was not stored");
  const stored = await findPreReadRow(db, row.meetingId, created.id);
  if (!stored) throw new Error("the pre-read row vanished");
  return stored;
}

/** Changes a row's cells (merged into the ones it has) or its owner, stamping who and when. */
export async function updatePreReadRow(
  db: Db,
  meetingId: string,
  rowId: string,
  changes: { cells?: Record<string, string> | undefined; ownerId?: string | undefined; updatedBy: string; now: Date },
): Promise<PreReadRow> {
  const set: PgUpdateSetSource<typeof preReadRows> = { updatedBy: changes.updatedBy, updatedAt: changes.now };
  // jsonb || merges in SQL, so two people editing different cells at once do not overwrite each other.
  if (changes.cells) set.cells = sql`${preReadRows.cells} || ${JSON.stringify(changes.cells)}::jsonb`;
  if (changes.ownerId) set.ownerId = changes.ownerId;
  await db
    .update(preReadRows)
    .set(set)
    .where(and(eq(preReadRows.meetingId, meetingId), eq(preReadRows.id, rowId)));
  const row = await findPreReadRow(db, meetingId, rowId);
  if (!row) throw new DocketError("not_found", `no pre-read row ${rowId} in this meeting`);
  return row;
}
