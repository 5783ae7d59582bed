const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** 1–12 for a month name or its abbreviation of three or more letters ("Mar", "Sept", "March"). */
function monthOfWord(word: string): number | undefined {
  if (word.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(word));
  return index < 0 ? undefined : index + 1;
}

/** Header keys whose value is the meeting's date (Deepgram's caption NOTE writes `Created:`). */
const DATE_KEYS = new Set(["date", "meeting date", "recorded", "recording date", "recorded on", "created"]);

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d])/;

function ymd(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * YYYY-MM-DD for `2025-03-17`, `2025/03/17`, `2025-03-17T09:00:00Z`, `March 17, 2025`, `17 March 2025`,
 * `Mon, Mar 17th 2025`; null otherwise. Numeric day/month orders (03/04/2025) are ambiguous, so not read.
 */
export function parseDateValue(value: string): string | null {
  const text = value.trim();
  const iso = ISO_DATE.exec(text);
  if (iso !== null) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  for (const word of text.toLowerCase().split(/[\s,.]+/)) {
    if (word === "") continue;
    if (/^[a-z]+$/.test(word)) month ??= monthOfWord(word);
    else if (/^\d{4}$/.test(word)) year ??= Number(word);
    else if (/^\d{1,2}(st|nd|rd|th)?$/.test(word)) day ??= Number.parseInt(word, 10);
  }
  return month !== undefined && day !== undefined && year !== undefined ? ymd(year, month, day) : null;
}

/** The date of a header line such as `Date: 2025-03-17` or `Meeting date: March 17, 2025`; else null. */
export function dateFromHeaderLine(line: string): string | null {
  const colon = line.indexOf(":");
  if (colon <= 0 || colon > 20) return null;
  const key = line.slice(0, colon).trim().toLowerCase().replace(/\s+/g, " ");
  return DATE_KEYS.has(key) ? parseDateValue(line.slice(colon + 1)) : null;
}

/** The calendar date an RFC 3339 timestamp states (its own offset, not the reader's time zone). */
export function dateOfTimestamp(value: unknown): string | null {
  return typeof value === "string" ? parseDateValue(value.slice(0, 10)) : null;
}

/** Keys of the title block some exports put above the transcript; those lines are not speech. */
const HEADER_KEYS = new Set([
  ...DATE_KEYS,
  "title",
  "meeting",
  "meeting title",
  "subject",
  "attendees",
  "participants",
  "location",
  "time",
  "duration",
]);

/** True for a title-block line like `Title: Weekly sync` or `Date: 2025-03-17` (see HEADER_KEYS). */
export function isHeaderLine(line: string): boolean {
  const colon = line.indexOf(":");
  if (colon <= 0 || colon > 20) return false;
  return HEADER_KEYS.has(line.slice(0, colon).trim().toLowerCase().replace(/\s+/g, " "));
}
