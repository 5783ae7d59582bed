import {
  addDays,
  DAY_MS,
  daysBetween,
  describeDate,
  describeTime,
  HOUR_MS,
  isIsoDate,
  localDate,
  parseInstant,
} from "../calendar/dates.js";
import { DocketError } from "../errors.js";
import { truncate } from "./messages.js";

/** A member of a Space, as reminders address them. */
export interface ReminderMember {
  spaceId: string;
  userId: string;
  name: string;
  email: string;
}

export interface PlannedNotification {
  userId: string;
  spaceId: string;
  kind: "pre-read-reminder" | "action-reminder";
  /** The same reminder planned twice has the same key, so it is raised once. */
  dedupeKey: string;
  title: string;
  body: string;
  /** A path in the web app. */
  link: string;
}

export interface ReminderInput {
  /** ISO 8601. */
  now: string;
  spaces: { id: string; name: string; timezone: string }[];
  upcomingMeetings: {
    id: string;
    spaceId: string;
    title: string;
    /** ISO 8601. */
    scheduledAt: string;
    status: string;
    preReadHours: number;
    /** The pre-read's rows (a team's metrics, a staffing line) and whether their owner has updated them. */
    rows: { ownerId: string | null; updated: boolean }[];
  }[];
  openActions: {
    spaceId: string;
    meetingId: string;
    itemId: string;
    /** The action's thread: the same for every copy of it carried along the series. */
    thread: string;
    text: string;
    /** The owner's name as said in the meeting. */
    owner: string | null;
    /** YYYY-MM-DD. */
    due: string | null;
  }[];
  members: ReminderMember[];
}

/** A pre-read reminder goes out at most this long before the start (and not before the pre-read opens). */
export const PRE_READ_REMINDER_HOURS = 24;

/** Meetings that have not started: the only ones whose pre-read can still be brought up to date. */
const NOT_STARTED = new Set(["scheduled", "pre-read"]);

/**
 * The reminders due at `now`, each with a dedupe key so that planning again (every few minutes) raises nothing
 * twice:
 * - pre-read: a meeting that has not started and starts within the next 24 hours (or within its pre-read
 *   window, when that is shorter) → each member owning a row not yet updated, once per meeting;
 * - actions: an open action due tomorrow in the Space's timezone → its owner, once per due date; one due before
 *   today → its owner, once per local day until it is done.
 * The owner of an action is a name as said in a meeting; it is matched to a member of the Space (see
 * `matchMember`). An owner who matches no member gets no reminder.
 */
export function planReminders(input: ReminderInput): PlannedNotification[] {
  const now = parseInstant(input.now, "now");
  const spaces = new Map(input.spaces.map((space) => [space.id, space]));
  const membersOf = (spaceId: string) => input.members.filter((member) => member.spaceId === spaceId);
  const planned = new Map<string, PlannedNotification>();
  const add = (notification: PlannedNotification) => {
    if (!planned.has(notification.dedupeKey)) planned.set(notification.dedupeKey, notification);
  };

  for (const meeting of input.upcomingMeetings) {
    if (!NOT_STARTED.has(meeting.status)) continue;
    const start = Date.parse(meeting.scheduledAt);
    const windowHours = Math.min(PRE_READ_REMINDER_HOURS, Math.max(0, meeting.preReadHours));
    if (!Number.isFinite(start) || !(start - windowHours * HOUR_MS <= now && now < start)) continue;
    const members = new Map(membersOf(meeting.spaceId).map((member) => [member.userId, member]));
    const pending = new Map<string, number>();
    for (const row of meeting.rows) {
      if (row.updated || row.ownerId === null || !members.has(row.ownerId)) continue;
      pending.set(row.ownerId, (pending.get(row.ownerId) ?? 0) + 1);
    }
    const timeZone = spaces.get(meeting.spaceId)?.timezone ?? "UTC";
    for (const [userId, count] of pending) {
      add({
        userId,
        spaceId: meeting.spaceId,
        kind: "pre-read-reminder",
        dedupeKey: `pre-read:${meeting.id}:${userId}`,
        title: `Prepare for ${meeting.title}`,
        body:
          `${meeting.title} starts ${describeTime(meeting.scheduledAt, timeZone)}. ` +
          `${count === 1 ? "One of your rows is" : `${count} of your rows are`} not updated yet: ` +
          `please bring ${count === 1 ? "it" : "them"} up to date before the meeting.`,
        link: `/meetings/${meeting.id}/prepare`,
      });
    }
  }

  for (const action of input.openActions) {
    if (action.owner === null || action.due === null || !isIsoDate(action.due)) continue;
    const space = spaces.get(action.spaceId);
    const today = localDate(input.now, space?.timezone ?? "UTC");
    const tomorrow = addDays(today, 1);
    if (action.due !== tomorrow && action.due >= today) continue;
    const member = matchMember(action.owner, membersOf(action.spaceId));
    if (!member) continue;
    const where = space ? ` in ${space.name}` : "";
    const base = { userId: member.userId, spaceId: action.spaceId, kind: "action-reminder" as const };
    const link = `/spaces/${action.spaceId}?tab=actions`;
    if (action.due === tomorrow) {
      add({
        ...base,
        dedupeKey: `action-due:${action.thread}:${action.due}`,
        title: `Due tomorrow: ${shorten(action.text, 80)}`,
        body: `Your action item${where} is due tomorrow, ${describeDate(action.due)}: ${action.text}`,
        link,
      });
    } else {
      const late = daysBetween(action.due, today);
      add({
        ...base,
        dedupeKey: `action-overdue:${action.thread}:${today}`,
        title: `Overdue: ${shorten(action.text, 80)}`,
        body: `Your action item${where} was due on ${describeDate(action.due)} (${late === 1 ? "yesterday" : `${late} days ago`}): ${action.text}`,
        link,
      });
    }
  }
  return [...planned.values()];
}

/**
 * The member an owner's name (as said in a meeting) refers to: the member with that full name, case and accents
 * aside; else the only member with that first name ("Priya", "@priya"); else the only member whose email's
 * local part it is ("priya.r"), or whose email it is. Null when no one, or more than one person, fits.
 */
export function matchMember<M extends ReminderMember>(owner: string, members: readonly M[]): M | null {
  const said = normalizeName(owner);
  if (!said) return null;
  const only = (found: M[]): M | null | undefined =>
    found.length === 1 ? found[0] : found.length > 1 ? null : undefined;
  const byName = only(members.filter((member) => normalizeName(member.name) === said));
  if (byName !== undefined) return byName;
  if (!said.includes(" ")) {
    const byFirst = only(members.filter((member) => normalizeName(member.name).split(" ")[0] === said));
    if (byFirst !== undefined) return byFirst;
  }
  const byEmail = only(
    members.filter((member) => {
      const email = member.email.trim().toLowerCase();
      return email === said || email.slice(0, email.lastIndexOf("@")) === said;
    }),
  );
  return byEmail ?? null;
}

/** Lower case, accents, leading @ and extra spaces aside: "@Zoë  Adams" → "zoe adams". */
export function normalizeName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/^@+/, "").replace(/\s+/g, " ").trim();
}

/**
 * When a notification held for the daily digest is sent: the first `hourUtc`:00 UTC at or after `createdAt`.
 * ISO 8601 in, ISO 8601 (UTC) out.
 */
export function digestTime(createdAt: string, hourUtc = 8): string {
  if (!Number.isInteger(hourUtc) || hourUtc < 0 || hourUtc > 23) {
    throw new DocketError("bad_input", `The digest hour must be a whole hour from 0 to 23, not ${hourUtc}.`);
  }
  const created = parseInstant(createdAt, "createdAt");
  const day = new Date(created);
  const slot = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourUtc);
  return new Date(slot >= created ? slot : slot + DAY_MS).toISOString();
}

/** A title's worth of an action's text: one line, cut at `max`. */
function shorten(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, " ").trim(), max);
}
