import { NEEDS, roleAtLeast } from "../../../src/core/roles.js";
import type { Role } from "../api";

/** Facilitators and owners run meetings (the server's own rule, read from the core). */
export function canRun(role: Role | undefined): boolean {
  return role !== undefined && roleAtLeast(role, NEEDS.run);
}

/** Members and above send segments, review items and edit their own pre-read rows. */
export function canWrite(role: Role | undefined): boolean {
  return role !== undefined && roleAtLeast(role, NEEDS.write);
}

/**
 * Words as a file name or an element id: lower case, accents dropped, anything else between words a single "-":
 * "Eng sync, 2025-03-17" → "eng-sync-2025-03-17". At most 80 characters; "" when no letter or digit is left.
 */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** "1 row", "3 rows". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A calendar date (YYYY-MM-DD) as "17 Mar 2025"; "short" leaves the year out ("17 Mar"), "long" adds the weekday
 * ("Mon 17 Mar 2025").
 */
export function formatDay(isoDate: string, style: "short" | "medium" | "long" = "medium"): string {
  // Noon UTC is the same calendar day in every time zone.
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString(undefined, {
    weekday: style === "long" ? "short" : undefined,
    day: "numeric",
    month: "short",
    year: style === "short" ? undefined : "numeric",
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

/** The fields of an instant on a wall clock in a time zone, as zero-padded digits. Throws for an unknown zone. */
function wallFields(
  at: Date,
  timeZone: string,
): (type: "year" | "month" | "day" | "hour" | "minute" | "second") => string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  return (type) => parts.find((p) => p.type === type)?.value ?? "00";
}

/** An instant as the date (YYYY-MM-DD) and time (HH:MM) on a wall clock in a time zone. */
export function wallClock(iso: string | Date, timeZone: string): { date: string; time: string } {
  const at = typeof iso === "string" ? new Date(iso) : iso;
  try {
    const part = wallFields(at, timeZone);
    return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
  } catch {
    return { date: at.toISOString().slice(0, 10), time: at.toISOString().slice(11, 16) };
  }
}

/** The offset of a time zone at an instant, in minutes east of UTC. */
function offsetMinutes(timeZone: string, at: number): number {
  const part = wallFields(new Date(at), timeZone);
  const n = (type: Parameters<typeof part>[0]) => Number(part(type));
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((asUtc - at) / 60_000);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

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
  // Date.UTC rolls over what does not exist (30 February, 24:30): such a date or time is not valid.
  const check = new Date(wall);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || check.getUTCHours() !== h) return null;
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
  return `${date}T${pad2(h)}:${pad2(mi)}:00${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A number as people write it: at most one decimal, with its unit. */
export function formatValue(value: number, unit?: string): string {
  const rounded = Math.round(value * 10) / 10;
  const text = rounded.toLocaleString(undefined, { maximumFractionDigits: 1 });
  return unit ? `${text} ${unit}` : text;
}

/** A table cell's number with its column's unit ("84 pts"), unless the label already names it ("Velocity (pts)"). */
export function withUnit(value: string | number, column: { label: string; unit?: string | null | undefined }): string {
  return column.unit && !column.label.includes(`(${column.unit})`) ? `${value} ${column.unit}` : String(value);
}

/** Seconds from the start of the meeting as the transcript shows them: "04:05", or "1:02:09" past the hour. */
export function clockTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "--:--";
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${pad2(m)}:${pad2(s)}`;
}

/** The same as an ISO 8601 duration, for `<time dateTime>`. */
export function durationAttr(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return undefined;
  return `PT${Math.max(0, Math.round(seconds))}S`;
}

/** "3 s ago", "2 min ago", "1 h ago". */
export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min ago`;
  return `${Math.round(m / 60)} h ago`;
}

/** The capture app a `client=` names, in words: "docket-live" → "docket live". */
export function clientWords(client: string): string {
  if (client === "web") return "browser microphone";
  if (client.startsWith("upload:")) return `upload of ${client.slice("upload:".length)}`;
  return client.replace(/[-_]+/g, " ").trim() || "unnamed sender";
}
