import type { Cadence, MeetingStatus, Role, Template } from "../api";

/** Words for the values the API sends as codes. */
export const ROLE_WORDS: Record<Role, string> = {
  owner: "Owner",
  facilitator: "Facilitator",
  member: "Member",
  viewer: "Viewer",
};

export const CADENCE_WORDS: Record<Cadence, string> = {
  weekly: "Weekly",
  biweekly: "Every two weeks",
  monthly: "Monthly",
  "ad hoc": "Ad hoc",
};

export const STATUS_WORDS: Record<MeetingStatus, string> = {
  scheduled: "Scheduled",
  "pre-read": "Pre-read open",
  live: "Live now",
  ended: "Ended",
};

/** A template's cadence ("ad-hoc") as a Space's ("ad hoc"). */
export function cadenceOfTemplate(template: Pick<Template, "cadence">): Cadence {
  return template.cadence === "ad-hoc" ? "ad hoc" : template.cadence;
}

/** Facilitators and owners run meetings; owners manage members and invitations. */
export function canRun(role: Role | undefined): boolean {
  return role === "owner" || role === "facilitator";
}

export function canWrite(role: Role | undefined): boolean {
  return role !== undefined && role !== "viewer";
}

/** A calendar date (YYYY-MM-DD) as "17 Mar 2025"; `short` leaves the year out ("17 Mar"). */
export function formatDay(isoDate: string, short = false): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    year: short ? undefined : "numeric",
    timeZone: "UTC",
  });
}

/** An instant as the Space's people read it: "Mon 17 Mar 2025, 15:00 UTC". */
export function formatWhen(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(undefined, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
  } catch {
    return date.toLocaleString();
  }
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
      now,
    );
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** The offset of a time zone at an instant, in minutes east of UTC. */
function offsetMinutes(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((asUtc - at) / 60_000);
}

/**
 * A wall-clock date and time in a time zone as ISO 8601 with its offset: ("2025-03-24", "15:00", "Europe/Berlin")
 * → "2025-03-24T15:00:00+01:00". Null when the date or time is not valid.
 */
export function zonedIso(date: string, time: string, timeZone: string): string | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})/.exec(time);
  if (!dateMatch || !timeMatch) return null;
  const [, y, mo, d] = dateMatch.map(Number) as [number, number, number, number];
  const [, h, mi] = timeMatch.map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let offset: number;
  try {
    // Twice: the offset at the guessed instant may differ from the one at the real instant near a DST change.
    offset = offsetMinutes(timeZone, wall);
    offset = offsetMinutes(timeZone, wall - offset * 60_000);
  } catch {
    return null;
  }
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "1 row", "3 rows". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A number as people write it: at most one decimal, with its unit. */
export function formatValue(value: number, unit?: string): string {
  const rounded = Math.round(value * 10) / 10;
  const text = rounded.toLocaleString(undefined, { maximumFractionDigits: 1 });
  return unit ? `${text} ${unit}` : text;
}

/** An instant as the date (YYYY-MM-DD) and time (HH:MM) on a wall clock in a time zone. */
export function wallClock(iso: string | Date, timeZone: string): { date: string; time: string } {
  const at = typeof iso === "string" ? new Date(iso) : iso;
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
    return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
  } catch {
    return { date: at.toISOString().slice(0, 10), time: at.toISOString().slice(11, 16) };
  }
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
