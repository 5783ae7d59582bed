import { DocketError } from "../errors.js";

/**
 * Calendar dates and times as people read them, in a Space's timezone. Intl is pure (it reads no clock), so
 * these belong to the core; every date in Docket goes through them.
 */

export const HOUR_MS = 60 * 60_000;
export const DAY_MS = 24 * HOUR_MS;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The calendar date (YYYY-MM-DD) an instant falls on in a timezone: a 23:30 UTC call in Tokyo is the next day.
 * An unknown timezone counts as UTC.
 */
export function localDate(instant: Date | string, timeZone: string): string {
  const time = instant instanceof Date ? instant.getTime() : parseInstant(instant, "instant");
  const parts = zonedParts(time, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** YYYY-MM-DD plus `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "2025-03-21" → "Friday 21 March 2025". A text that is not a date is returned as it is. */
export function describeDate(date: string): string {
  if (!isIsoDate(date)) return date;
  const parts = zonedParts(Date.parse(`${date}T12:00:00Z`), "UTC");
  return `${parts.weekday} ${Number(parts.day)} ${parts.monthName} ${parts.year}`;
}

/** An instant in a Space's timezone, for people: "Tuesday 18 March at 14:00 (Europe/Berlin)". */
export function describeTime(instant: string, timeZone: string): string {
  const zone = knownTimeZone(timeZone);
  const parts = zonedParts(parseInstant(instant, "instant"), zone);
  return `${parts.weekday} ${Number(parts.day)} ${parts.monthName} at ${parts.hour}:${parts.minute} (${zone})`;
}

/** Whole days from one date (YYYY-MM-DD) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** True for a timezone this runtime knows by its IANA name ("Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** An ISO 8601 instant as milliseconds; a text that is not one is bad input, named by `what`. */
export function parseInstant(text: string, what: string): number {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new DocketError("bad_input", `${what} is not a date and time: "${text}".`);
  return time;
}

interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  weekday: string;
  monthName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function knownTimeZone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : "UTC";
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      weekday: "long",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The calendar and clock reading of an instant in a timezone (Intl is pure: it reads no clock). */
function zonedParts(time: number, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatterFor(knownTimeZone(timeZone))
      .formatToParts(time)
      .map((part) => [part.type, part.value]),
  );
  const month = parts.month ?? "01";
  return {
    year: parts.year ?? "",
    month,
    day: parts.day ?? "",
    hour: parts.hour ?? "",
    minute: parts.minute ?? "",
    weekday: parts.weekday ?? "",
    monthName: MONTHS[Number(month) - 1] ?? month,
  };
}
