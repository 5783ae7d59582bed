// English only: the package root loads every locale chrono ships, which costs the CLI a third of its start-up.
import * as chrono from "chrono-node/en";
import { escapeRegExp } from "./text.js";

/**
 * Due dates said aloud, resolved against the meeting date. chrono-node reads weekdays and calendar dates;
 * the deadline idioms it does not know ("EOD", "end of week", "the 28th", "end of the month") are read here
 * first. Everything works on UTC calendar days: a due date is a day, not an instant. The text is expected with
 * spelled numbers already written as digits (digitizeNumbers), as the engine's sentences are.
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
/** The next date, on or after ref, whose day of month is `day`. */
function nextDayOfMonth(ref: Date, day: number): Date | null {
  if (day < 1 || day > 31) return null;
  for (let m = 0; m < 3; m++) {
    const candidate = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + m, day, 12));
    if (candidate.getUTCDate() === day && candidate.getTime() >= ref.getTime() - DAY_MS / 2) return candidate;
  }
  return null;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY = "(sunday|monday|tuesday|wednesday|thursday|friday|saturday)";
/** That weekday in the working week after the one containing ref ("Tuesday next week"). */
function weekdayOfNextWeek(ref: Date, name: string): Date {
  const monday = addDays(fridayOf(ref), 3);
  const index = WEEKDAYS.indexOf(name.toLowerCase());
  return addDays(monday, index === 0 ? 6 : index - 1);
}

/**
 * Words after "the 28th" that keep it a day of the month. "the 3rd point", "the 20th percentile", "the 6th
 * floor", "the 3rd-party API" are ordinals, not dates: an ordinal followed by any other word is not read.
 */
const AFTER_DAY_OF_MONTH =
  /^(?:$|\s*[,.;:!?)"]|\s+(?:is|was|works|would|will|should|could|at|in|for|to|and|or|but|so|then|with|that|which|when|if|because|latest|please|ok|okay|right|yeah|sounds|morning|afternoon|evening|eod|cob|too|as|we|i|you|they|it|it's|still|instead|ish)\b)/i;
/** …or a name: "by the 28th Priya wants it". (Apart, as /i would let \p{Lu} match any letter.) */
const NAME_AFTER = /^\s+\p{Lu}/u;

type Kind =
  /** A day said outright: "tomorrow", "end of the month", "the 28th". */
  | "day"
  /** A time of the meeting day ("EOD", "by noon", "tonight") that yields to a day said beside it. */
  | "part"
  /** Vague on purpose ("next week", "this week", "in a couple of days"): its words are read, no date set. */
  | "vague";

interface Idiom {
  pattern: RegExp;
  kind?: Kind;
  /** A bare day of the month: an ordinal unless the words after it allow a date, and past in a past sentence. */
  dayOfMonth?: boolean;
  resolve: (ref: Date, m: RegExpExecArray) => Date | null;
}

const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7 };
const none = () => null;
const countOf = (word: string | undefined) => (/^(?:an?|one)$/i.test(word ?? "") ? 1 : Number(word));

/** Read in this order; a phrase read by one idiom is not read again by a later one or by chrono. */
const IDIOMS: Idiom[] = [
  // "Tuesday next week": chrono alone would read "Tuesday" as this week's.
  {
    pattern: new RegExp(`\\b(?:${WEEKDAY}(?: of)? next week|next week(?: on)? ${WEEKDAY})\\b`, "i"),
    resolve: (ref, m) => weekdayOfNextWeek(ref, (m[1] ?? m[2])!),
  },
  { pattern: /\bend of (?:the )?next week\b/i, resolve: (ref) => addDays(fridayOf(ref), 7) },
  { pattern: /\b(?:end of (?:the |this )?week|eow|by the weekend)\b/i, resolve: (ref) => fridayOf(ref) },
  { pattern: /\bend of (?:the )?next month\b/i, resolve: (ref) => endOfMonth(ref, 1) },
  { pattern: /\b(?:end of (?:the |this )?month|eom)\b/i, resolve: (ref) => endOfMonth(ref) },
  {
    pattern: /\b(?:end of (?:the |this )?quarter|eoq)\b/i,
    resolve: (ref) => new Date(Date.UTC(ref.getUTCFullYear(), Math.floor(ref.getUTCMonth() / 3) * 3 + 3, 0, 12)),
  },
  // What the notes leave without a date (GOLD.md): a week, month or quarter named with no day in it, holidays
  // named as seasons, and spans people do not mean to the day. Its words are read, so nothing later takes
  // "next week" for a date or "Black Friday" for a Friday.
  {
    pattern:
      /\b(?:black friday|cyber monday|good friday|easter (?:sunday|monday)|(?:mid|middle of|later|early|earlier) (?:next|this) week|(?:the )?next week|this week|this (?:month|quarter)|(?:in|within) (?:the next |a )?(?:couple|few) (?:of )?(?:days|weeks)|(?:in )?a couple of days)\b/i,
    kind: "vague",
    resolve: none,
  },
  {
    pattern: /\b(?:in|within) (\d+|a|an|one) (days?|weeks?)\b/i,
    resolve: (ref, m) => addDays(ref, countOf(m[1]) * (UNIT_DAYS[(m[2] ?? "day").toLowerCase()] ?? 1)),
  },
  {
    pattern: /\b(\d+|a|an|one) (days?|weeks?) from (?:today|now)\b/i,
    resolve: (ref, m) => addDays(ref, countOf(m[1]) * (UNIT_DAYS[(m[2] ?? "day").toLowerCase()] ?? 1)),
  },
  { pattern: /\b(?:the )?day after tomorrow\b/i, resolve: (ref) => addDays(ref, 2) },
  { pattern: /\btomorrow\b/i, resolve: (ref) => addDays(ref, 1) },
  { pattern: /\b(?:right )?after (?:this|the) (?:call|meeting|standup|sync|huddle)\b/i, resolve: (ref) => ref },
  { pattern: /\b(?:today|this (?:morning|afternoon|evening)|within the hour)\b/i, resolve: (ref) => ref },
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
    // "the 28th", "before the 15th", "on the 3rd" — a bare day of month: the next one to come. "the first" and
    // "the second" are dates only after a word that sets one ("by the first"): as ordinals they are everywhere.
    pattern:
      /\b(?:the|by|before|on|until) (?:(\d{1,2})(?:st|nd|rd|th)|(?<=\b(?:by|before|on|until|till|due) (?:the )?)(first|second))\b(?! (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i,
    dayOfMonth: true,
    resolve: (ref, m) => nextDayOfMonth(ref, m[2] ? (/first/i.test(m[2]) ? 1 : 2) : Number(m[1])),
  },
  // The time of day a thing is due, on the meeting day unless a day is said beside it ("Friday EOD").
  {
    pattern:
      /\b(?:tonight|eod|eob|cob|end of (?:the )?(?:day|business)|close of (?:business|play)|by the end of the day)\b/i,
    kind: "part",
    resolve: (ref) => ref,
  },
  {
    // "by noon", "before 5 p.m.": a clock time set as a deadline. A clock time alone ("at 2 p.m.") is not one.
    pattern: /\b(?:by|before|no later than) (?:noon|midday|\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?(?!\w)|o'clock))/i,
    kind: "part",
    resolve: (ref) => ref,
  },
  // "I'll send it in the morning": the next morning.
  { pattern: /\b(?:first thing )?in the morning\b/i, kind: "part", resolve: (ref) => addDays(ref, 1) },
];

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
 * Cheap gate: text with none of the words an idiom or chrono needs is not read at all, and most sentences have
 * none. Kept to those words ("this", "next", "now" alone are not among them): each common word let through
 * costs every idiom's pattern on that sentence.
 */
const DATE_HINT = new RegExp(
  `${CHRONO_GATE.source}|\\b(?:today|tonight|tomorrow|within|fortnight|q[1-4]|eod|eob|eow|eom|eoq|cob|end of|close of|weeks?|month|quarter|days?|noon|midday|morning|afternoon|evening|after (?:this|the)|\\d{1,2}(?:st|nd|rd|th)|(?:by|before|on|until|till|due) (?:the )?(?:first|second)|\\d{1,2}(?::\\d{2})?\\s*(?:[ap]\\.?m|o'clock))\\b`,
  "i",
);

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

/**
 * A clause about what already happened: "on Monday we shipped", "the P1 was on the 14th". Its weekdays and
 * days of the month are not deadlines, unless the clause also looks ahead ("the plan was to ship by Friday").
 */
const PAST_TENSE =
  /\b(?:was|were|did|had|shipped|sent|went|happened|released|launched|deployed|merged|fixed|resolved|finished|closed|signed|met|spoke|talked|emailed|told|broke|failed|paged|landed|started|ended|rolled out|came back|already|ago)\b/i;
const LOOKS_AHEAD =
  /\b(?:will|shall|gonna|going to|need(?:s)? to|have to|has to|must|should|let's|plan(?:ning)? to|want(?:s)? to|can|could|would|by|before|until|till|due|no later than|next|is|are|am)\b|'(?:ll|d)\b|'s (?:due|going)\b/i;
/** Where one clause ends and the next begins: "she has an offer, and it expires Friday". */
const CLAUSE_BREAK = /[;:]|,?\s+(?:and|but|so|because|while|whereas)\s+/gi;
/** Whether the clause around text[index, end) tells of the past. */
function saidOfThePast(text: string, index: number, end: number): boolean {
  let from = 0;
  let to = text.length;
  for (const b of text.matchAll(CLAUSE_BREAK)) {
    if (b.index + b[0].length <= index) from = b.index + b[0].length;
    else if (b.index >= end) {
      to = b.index;
      break;
    }
  }
  const clause = text.slice(from, to);
  return PAST_TENSE.test(clause) && !LOOKS_AHEAD.test(clause);
}
const PAST_MARK = /\b(?:last|since|ago|previous|past|yesterday|was on|were on|happened on|went out on)\s+(?:the\s+)?$/i;

const LEAD = /^(?:by|before|no later than|on|until)\s+/i;

type Found = DueDate & { index: number; end: number };

/** Every deadline in `text`, in the order said, resolved against the meeting date (YYYY-MM-DD). */
export function findDueDates(text: string, meetingDate: string): Found[] {
  if (!DATE_HINT.test(text)) return [];
  const ref = parseIso(meetingDate);
  const read: (Found & { kind: Kind })[] = [];
  const overlaps = (index: number, end: number) => read.some((f) => index < f.end && end > f.index);
  const take = (start: number, words: string, d: Date | null, kind: Kind) => {
    // "by the 28th", "by noon": the phrase is the date; "by" stays outside it, where a deadline is marked.
    const phrase = words.replace(LEAD, "");
    const index = start + words.length - phrase.length;
    const end = index + phrase.length;
    if (overlaps(index, end)) return; // an earlier idiom already read these words
    if (!d && kind !== "vague") return;
    read.push({ date: d ? toIso(d) : "", phrase, index, end, kind });
  };
  const past = (index: number, end: number) => saidOfThePast(text, index, end);
  for (const idiom of IDIOMS_GLOBAL) {
    if (idiom.kind === "part") continue; // after chrono: "by 5 p.m. Friday" is chrono's to read whole
    for (const m of text.matchAll(idiom.global)) {
      const after = m.index + m[0].length;
      if (
        idiom.dayOfMonth &&
        (past(m.index, after) || !(AFTER_DAY_OF_MONTH.test(text.slice(after)) || NAME_AFTER.test(text.slice(after))))
      )
        continue;
      take(m.index, m[0], idiom.resolve(ref, m as unknown as RegExpExecArray), idiom.kind ?? "day");
    }
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
    if (past(r.index, r.index + r.text.length) || PAST_MARK.test(text.slice(0, r.index)) || /\blast\b/i.test(r.text))
      continue;
    let d = new Date(Date.UTC(r.start.get("year") ?? 0, (r.start.get("month") ?? 1) - 1, r.start.get("day") ?? 1, 12));
    // "by Monday" said on a Monday means the Monday after, not today.
    if (!knowsDay && toIso(d) === toIso(ref)) d = addDays(d, 7);
    take(r.index, r.text, d, "day");
  }
  for (const idiom of IDIOMS_GLOBAL) {
    if (idiom.kind !== "part") continue;
    for (const m of text.matchAll(idiom.global)) {
      if (past(m.index, m.index + m[0].length)) continue;
      take(m.index, m[0], idiom.resolve(ref, m as unknown as RegExpExecArray), "part");
    }
  }
  read.sort((a, b) => a.index - b.index);
  // "COB Friday", "end of day tomorrow", "by the end of the day on the 14th": a time of day said beside a day
  // is when on that day; the day is the date, and the phrase spans both.
  const out: Found[] = [];
  for (let i = 0; i < read.length; i++) {
    const f = read[i]!;
    if (f.kind === "vague") continue;
    const next = read[i + 1];
    const beside = (a: Found, b: Found) => /^[\s,]*(?:(?:on|by|at)\s+)?$/i.test(text.slice(a.end, b.index));
    if (f.kind === "part" && next && next.kind === "day" && beside(f, next)) {
      read[i + 1] = { ...next, index: f.index, phrase: text.slice(f.index, next.end) };
      continue;
    }
    const last = out.at(-1);
    if (f.kind === "part" && last && read[i - 1]?.kind === "day" && beside(last, f)) {
      out[out.length - 1] = { ...last, end: f.end, phrase: text.slice(last.index, f.end) };
      continue;
    }
    out.push({ date: f.date, phrase: f.phrase, index: f.index, end: f.end });
  }
  return out;
}

/**
 * Words by which a speaker takes back the date just said: "by Thursday, actually make that Friday", "by
 * thursday no friday". They count only between two dates.
 */
const CORRECTION =
  /\b(?:actually|make that|make it|no wait|wait|sorry|i mean|scratch that|or rather|correction)\b|\bno\b(?!\s+later)/gi;

/**
 * The deadline a sentence sets: the last one said, since people correct themselves ("by tomorrow, actually
 * today") and name the finish after the start ("I'll start this week and have it kicked off a week from today").
 */
export function findDueDate(text: string, meetingDate: string): DueDate | null {
  // The engine asks about the same sentence more than once (as it is said, then as context for the next one).
  const key = `${meetingDate} ${text}`;
  const known = recent.get(key);
  if (known !== undefined) return known && { ...known };
  const found = readDueDate(text, meetingDate);
  if (recent.size >= 64) recent.delete(recent.keys().next().value as string);
  recent.set(key, found);
  return found && { ...found };
}

/** The last few answers of findDueDate, oldest first. A pure function's memo: same text and day, same answer. */
const recent = new Map<string, DueDate | null>();

function readDueDate(text: string, meetingDate: string): DueDate | null {
  let all = findDueDates(text, meetingDate);
  if (all.length === 0) return null;
  // "By tomorrow, actually today": what follows a correction replaces what came before it.
  const correction = [...text.matchAll(CORRECTION)].filter((c) => all.some((d) => d.end <= c.index)).at(-1);
  if (correction && all.some((d) => d.index > correction.index)) {
    all = all.filter((d) => d.index > correction.index);
  }
  // "Rotate it by Thursday, or every preview breaks on Friday": a date marked as a deadline wins. A date that
  // follows a marked one directly ("by end of day tomorrow") is part of the same deadline.
  const marked = all.filter(
    (d, i) =>
      DEADLINE_MARK.test(text.slice(0, d.index)) ||
      DEADLINE_AFTER.test(text.slice(d.end)) ||
      (i > 0 &&
        /^[\s,]*(?:on\s+)?$/.test(text.slice(all[i - 1]!.end, d.index)) &&
        DEADLINE_MARK.test(text.slice(0, all[i - 1]!.index))),
  );
  const last = (marked.length ? marked : all).at(-1);
  // "Get Ridgeway set up for Wednesday and Friday": the first of two days said together is when it must be ready.
  const before = last ? all[all.indexOf(last) - 1] : undefined;
  if (last && before && /^,? and (?:on )?$/.test(text.slice(before.end, last.index))) {
    return { date: before.date, phrase: text.slice(before.index, last.end) };
  }
  return last ? { date: last.date, phrase: last.phrase } : null;
}

const DEADLINE_MARK =
  /\b(?:by|before|until|till|due|no later than|latest|at the latest|deadline(?: is)?)\s+(?:the\s+)?$/i;
/** "Thursday latest", "Friday at the latest". */
const DEADLINE_AFTER = /^,?\s+(?:at the )?latest\b/i;

/** The words of a deadline taken out of a task: "post the JD by the 28th" → "post the JD". */
export function stripDuePhrase(text: string, phrase: string | null): string {
  if (!phrase) return text;
  const escaped = escapeRegExp(phrase);
  // Take the words that belong to the deadline with it: "first thing tomorrow", "end of day Friday",
  // "before Thursday's standup", "tomorrow afternoon", "…, due Friday", "should be live by the 25th",
  // "by Thursday latest".
  return text
    .replace(
      new RegExp(
        `\\s*,?\\s*(?:\\b(?:due|should be (?:live|done|ready|out)|ready|done)\\s+)?(?:\\b(?:by|before|on|until|till|no later than|for|within|latest)\\s+)?(?:the\\s+)?(?:\\b(?:first thing|end of (?:the )?day|close of (?:business|play)|eod|the week of|\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.?|p\\.m\\.?|am|pm))\\s*(?:on\\s+)?)?${escaped}(?:'s\\s+\\w+|\\s+(?:morning|afternoon|evening|night|eod))?(?:,?\\s+(?:at the )?latest\\b)?`,
        "i",
      ),
      "",
    )
    .replace(/\s*,?\s*\b(?:due|should be (?:live|done|ready|out))\s*$/i, "");
}
