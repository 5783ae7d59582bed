import { DocketError } from "../errors.js";

/** One meeting of a Space, as its calendar feed shows it. */
export interface CalendarMeeting {
  id: string;
  title: string;
  /** ISO 8601. */
  scheduledAt: string;
  durationMinutes: number;
  status: "scheduled" | "pre-read" | "live" | "ended";
  /** The meeting's page in Docket. */
  url: string;
  description: string;
}

export interface CalendarInput {
  spaceId: string;
  spaceName: string;
  /** The Space's IANA timezone: calendar apps that honour X-WR-TIMEZONE show the feed in it. */
  timezone: string;
  meetings: CalendarMeeting[];
  /** ISO 8601: when the feed is rendered, for DTSTAMP. */
  now: string;
}

/** RFC 5545 3.1: a content line is at most 75 octets, the line break left out; longer ones are folded. */
const MAX_LINE_OCTETS = 75;
const CRLF = "\r\n";

/**
 * A Space's meetings as an iCalendar (RFC 5545) feed that calendar apps subscribe to: one event per meeting,
 * in UTC, earliest first. Every meeting is CONFIRMED, ended ones included: the feed is the Space's record of when
 * it met, and a past event is not a cancelled one. SEQUENCE is 0: Docket does not count a meeting's revisions,
 * and a published feed (METHOD:PUBLISH) is re-read whole, each event replaced by its UID.
 */
export function renderCalendar(input: CalendarInput): string {
  const stamp = utcStamp(input.now, "now");
  const meetings = [...input.meetings].sort(
    (a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Docket//Docket//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(input.spaceName)}`,
    `X-WR-TIMEZONE:${escapeText(input.timezone)}`,
    `X-WR-RELCALID:${escapeText(`${input.spaceId}@docket`)}`,
    // How often subscribers should fetch the feed again: the draft standard property, then Outlook's.
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ];
  for (const meeting of meetings) {
    const start = Date.parse(meeting.scheduledAt);
    const minutes = meeting.durationMinutes;
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new DocketError("bad_input", `Meeting ${meeting.id} has no usable duration (${minutes} minutes).`);
    }
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(`${meeting.id}@docket`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcStamp(meeting.scheduledAt, `meeting ${meeting.id}'s start`)}`,
      `DTEND:${utcStamp(new Date(start + Math.round(minutes * 60) * 1000).toISOString(), "end")}`,
      `SUMMARY:${escapeText(meeting.title)}`,
      `DESCRIPTION:${escapeText(meeting.description)}`,
      `URL:${uriValue(meeting.url)}`,
      "STATUS:CONFIRMED",
      "SEQUENCE:0",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map((line) => foldLine(line) + CRLF).join("");
}

/** `20250310T090000Z`: an instant as an iCalendar UTC date-time (RFC 5545 3.3.5, form 2). */
function utcStamp(iso: string, what: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new DocketError("bad_input", `The calendar needs a date and time for ${what}: "${iso}".`);
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break as `\n`. Other control
 * characters are not allowed in a content line and are dropped; a lone surrogate becomes U+FFFD, as UTF-8 must.
 */
export function escapeText(text: string): string {
  return wellFormed(text)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .split("")
    .filter((char) => char === "\t" || !isControl(char))
    .join("");
}

/** A URI value is not TEXT: escaping its commas would change the address. Only characters a line cannot hold go. */
function uriValue(uri: string): string {
  return wellFormed(uri)
    .split("")
    .filter((char) => !isControl(char))
    .join("");
}

/** C0 controls and DEL: RFC 5545 allows none of them in a content line but a tab in TEXT. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/**
 * Folds a content line (RFC 5545 3.1): at most 75 octets of UTF-8 per physical line, each continuation starting
 * with one space that counts toward its 75. Breaks fall between characters, never inside a multi-byte one.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
