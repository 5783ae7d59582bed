// English only: the package root loads every locale chrono ships, which costs the CLI a third of its start-up.
import * as chrono from "chrono-node/en";
import { escapeRegExp } from "./text.js";

/**
 * Due dates said aloud, resolved against the meeting date. chrono-node reads weekdays and calendar dates;
 * the deadline idioms it does not know ("EOD", "end of week", "the 28th", "end of the month") are read here
 * first. Everything works on UTC calendar days: a due date is a day, not an instant.
 */
export interface DueDate {
  date: string; // YYYY-MM-DD
  phrase: string;
}

const DAY_MS = 86_400_000;

function parseIso(iso: string): Date {
  return new Date(`${iso}T12:00:00Z`);
}
function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}
/** The Friday of the working week that contains d (a weekend rolls to the next week's Friday). */
function fridayOf(d: Date): Date {
  const day = d.getUTCDay();
  return addDays(d, day === 6 ? 6 : 5 - day);
}
function endOfMonth(d: Date, monthsAhead = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1 + monthsAhead, 0, 12));
}
function endOfQuarter(d: Date): Date {
  const q = Math.floor(d.getUTCMonth() / 3);
  return new Date(Date.UTC(d.getUTCFullYear(), q * 3 + 3, 0, 12));
}
/** The next date, on or after ref, whose day of month is `day`. */
function nextDayOfMonth(ref: Date, day: number): Date | null {
  if (day < 1 || day > 31) return null;
  for (let m = 0; m < 3; m++) {
    const candidate = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + m, day, 12));
    if (candidate.getUTCDate() === day && candidate.getTime() >= ref.getTime() - DAY_MS / 2) return candidate;
  }
  return null;
}

interface Idiom {
  pattern: RegExp;
  resolve: (ref: Date, m: RegExpExecArray) => Date | null;
}

const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7 };

const IDIOMS: Idiom[] = [
  // "mid next week": its Wednesday.
  { pattern: /\b(?:mid|middle of) next week\b/i, resolve: (ref) => addDays(fridayOf(ref), 5) },
  { pattern: /\bend of (?:the )?next week\b/i, resolve: (ref) => addDays(fridayOf(ref), 7) },
  {
    pattern: /\b(?:end of (?:the |this )?week|eow|by the weekend|this week)\b/i,
    resolve: (ref) => fridayOf(ref),
  },
  { pattern: /\bnext week\b/i, resolve: (ref) => addDays(fridayOf(ref), 7) },
  { pattern: /\bend of (?:the )?next month\b/i, resolve: (ref) => endOfMonth(ref, 1) },
  { pattern: /\b(?:end of (?:the |this )?month|eom|this month)\b/i, resolve: (ref) => endOfMonth(ref) },
  { pattern: /\b(?:end of (?:the |this )?quarter|eoq|this quarter)\b/i, resolve: (ref) => endOfQuarter(ref) },
  {
    pattern: /\bin (\d+|a|an|a couple of) (days?|weeks?)\b/i,
    resolve: (ref, m) => {
      const count = /^an?$/i.test(m[1] ?? "") ? 1 : /couple/i.test(m[1] ?? "") ? 2 : Number(m[1]);
      return addDays(ref, count * (UNIT_DAYS[(m[2] ?? "day").toLowerCase()] ?? 1));
    },
  },
  {
    pattern: /\b(\d+|a|an|one) (days?|weeks?) from (?:today|now)\b/i,
    resolve: (ref, m) =>
      addDays(
        ref,
        (/^(?:an?|one)$/i.test(m[1] ?? "") ? 1 : Number(m[1])) * (UNIT_DAYS[(m[2] ?? "day").toLowerCase()] ?? 1),
      ),
  },
  { pattern: /\btomorrow\b/i, resolve: (ref) => addDays(ref, 1) },
  { pattern: /\b(?:right )?after (?:this|the) (?:call|meeting|standup|sync)\b/i, resolve: (ref) => ref },
  {
    pattern:
      /\b(?:today|tonight|eod|cob|end of (?:the )?day|close of (?:business|play)|by the end of the day|within the hour)\b/i,
    resolve: (ref) => ref,
  },
  {
    pattern: /\bwithin (\d+) hours\b/i,
    resolve: (ref, m) => addDays(ref, Math.ceil(Number(m[1]) / 24)),
  },
  {
    // "within two business days": working days, skipping the weekend.
    pattern: /\bwithin (\d+) (?:business|working) days?\b/i,
    resolve: (ref, m) => {
      let d = ref;
      for (let left = Number(m[1]); left > 0; ) {
        d = addDays(d, 1);
        if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
      }
      return d;
    },
  },
  { pattern: /\bin a fortnight\b/i, resolve: (ref) => addDays(ref, 14) },
  {
    pattern: /\b(?:end of|by the end of)\s+q([1-4])\b/i,
    resolve: (ref, m) => new Date(Date.UTC(ref.getUTCFullYear(), Number(m[1]) * 3, 0, 12)),
  },
  {
    // "the 28th", "before the 15th", "on the 3rd" — a bare day of month: the next one to come.
    pattern:
      /\b(?:the|by|before|on|until) (\d{1,2})(?:st|nd|rd|th)\b(?! (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i,
    resolve: (ref, m) => nextDayOfMonth(ref, Number(m[1])),
  },
];

/** Cheap gate: only text with a date-like word is read at all. */
const DATE_HINT =
  /\b(?:today|tonight|tomorrow|now|after|within|fortnight|q[1-4]|play|eod|eow|eom|eoq|cob|end of|close of|next|this|weeks?|months?|quarter|days?|mon|tues?|wed|thu|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|\d{1,2}(?:st|nd|rd|th)|\d{1,2}\/\d{1,2})\b/i;

/** A calendar word chrono must have read for its date to count: a weekday, a month, 3/25 or 2025-03-25. */
const CALENDAR_WORD =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues?|thu|thurs|fri)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\d{1,2}\/\d{1,2}|\d{4}-\d{2}-\d{2}/i;
/**
 * The same words as whole words, to decide whether chrono runs at all: its result must contain a calendar
 * word, so a sentence without one cannot yield a date from chrono. Most sentences have none, and chrono's
 * parsers are most of the cost of reading dates. "May" counts only beside a number: "we may" is not a date.
 */
const CHRONO_GATE =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues?|thu|thurs|fri|jan|january|feb|february|mar|march|apr|april|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\b|\bmay\s+\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?may\b|\d{1,2}\/\d{1,2}|\d{4}-\d{2}-\d{2}/i;

/**
 * chrono's English parsers less the ones whose results are thrown away below: casual days ("today", "next
 * week": the idioms read those) and time units ("in 3 days", "3 days ago": never a calendar word). The casual
 * times stay, so "Friday afternoon" is one phrase. Matched by class name; were the names mangled, nothing is
 * removed and only speed is lost. Built once.
 */
const calendarParser = (() => {
  const config = chrono.configuration.createCasualConfiguration();
  config.parsers = config.parsers.filter(
    (p) => !/TimeUnit|CasualDate|RelativeDate|EndOfCurrent/.test(p.constructor.name),
  );
  return new chrono.Chrono(config);
})();

/** The idioms, compiled once for matchAll. */
const IDIOMS_GLOBAL = IDIOMS.map((idiom) => ({ ...idiom, global: new RegExp(idiom.pattern.source, "gi") }));

/** Every deadline in `text`, in the order said, resolved against the meeting date (YYYY-MM-DD). */
export function findDueDates(text: string, meetingDate: string): (DueDate & { index: number; end: number })[] {
  if (!DATE_HINT.test(text)) return [];
  const ref = parseIso(meetingDate);
  const found: (DueDate & { index: number; end: number })[] = [];
  const take = (index: number, phrase: string, d: Date | null) => {
    if (!d) return;
    const end = index + phrase.length;
    if (found.some((f) => index < f.end && end > f.index)) return; // an idiom already read these words
    found.push({ date: toIso(d), phrase, index, end });
  };
  for (const idiom of IDIOMS_GLOBAL) {
    for (const m of text.matchAll(idiom.global))
      take(m.index, m[0], idiom.resolve(ref, m as unknown as RegExpExecArray));
  }
  const calendar = CHRONO_GATE.test(text)
    ? calendarParser.parse(text, { instant: ref, timezone: 0 }, { forwardDate: true })
    : [];
  for (const r of calendar) {
    const knowsDay = r.start.isCertain("day");
    // chrono also reads "now", clock times and bare years; only calendar days and weekdays are deadlines.
    if (!knowsDay && !r.start.isCertain("weekday")) continue;
    if (!CALENDAR_WORD.test(r.text)) continue; // "in a week" and the like are read by the idioms above
    // "We shipped it last Friday", "red since Monday": a day in the past is not a deadline.
    if (PAST_MARK.test(text.slice(0, r.index)) || /\blast\b/i.test(r.text)) continue;
    let d = new Date(Date.UTC(r.start.get("year") ?? 0, (r.start.get("month") ?? 1) - 1, r.start.get("day") ?? 1, 12));
    // "by Monday" said on a Monday means the Monday after, not today.
    if (!knowsDay && toIso(d) === toIso(ref)) d = addDays(d, 7);
    take(r.index, r.text, d);
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The deadline a sentence sets: the last one said, since people correct themselves ("by tomorrow, actually
 * today") and name the finish after the start ("I'll start this week and have it kicked off a week from today").
 */
export function findDueDate(text: string, meetingDate: string): DueDate | null {
  let all = findDueDates(text, meetingDate);
  // "By tomorrow, actually today": what follows a correction replaces what came before it.
  const correction = [...text.matchAll(/\b(?:actually|make that|no wait|sorry|i mean)\b/gi)].at(-1);
  if (correction && all.some((d) => d.index > correction.index)) all = all.filter((d) => d.index > correction.index);
  // "Rotate it by Thursday, or every preview breaks on Friday": a date marked as a deadline wins. A date that
  // follows a marked one directly ("by end of day tomorrow") is part of the same deadline.
  const marked = all.filter(
    (d, i) =>
      DEADLINE_MARK.test(text.slice(0, d.index)) ||
      (i > 0 &&
        /^[\s,]*(?:on\s+)?$/.test(text.slice(all[i - 1]!.end, d.index)) &&
        DEADLINE_MARK.test(text.slice(0, all[i - 1]!.index))),
  );
  const last = (marked.length ? marked : all).at(-1);
  return last ? { date: last.date, phrase: last.phrase } : null;
}

const PAST_MARK = /\b(?:last|since|ago|previous|past|yesterday|was on|were on|happened on|went out on)\s+(?:the\s+)?$/i;
const DEADLINE_MARK = /\b(?:by|before|until|till|due|no later than|deadline(?: is)?)\s+(?:the\s+)?$/i;

/** The words of a deadline taken out of a task: "post the JD by the 28th" → "post the JD". */
export function stripDuePhrase(text: string, phrase: string | null): string {
  if (!phrase) return text;
  const escaped = escapeRegExp(phrase);
  // Take the words that belong to the deadline with it: "first thing tomorrow", "end of day Friday",
  // "before Thursday's standup", "tomorrow afternoon", "…, due Friday", "should be live by the 25th".
  return text
    .replace(
      new RegExp(
        `\\s*,?\\s*(?:\\b(?:due|should be (?:live|done|ready|out)|ready|done)\\s+)?(?:\\b(?:by|before|on|until|no later than|for|within)\\s+)?(?:the\\s+)?(?:\\b(?:first thing|end of (?:the )?day|close of (?:business|play)|eod|the week of|\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.?|p\\.m\\.?|am|pm))\\s*(?:on\\s+)?)?${escaped}(?:'s\\s+\\w+|\\s+(?:morning|afternoon|evening|night|eod))?`,
        "i",
      ),
      "",
    )
    .replace(/\s*,?\s*\b(?:due|should be (?:live|done|ready|out))\s*$/i, "");
}
