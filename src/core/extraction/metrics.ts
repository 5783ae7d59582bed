import type { Column } from "../template/template.js";
import { escapeRegExp } from "./text.js";

/**
 * Metrics spoken aloud ("velocity was 84 points, 2 incidents, P1 recovery 42 minutes") read into the
 * template's metrics columns. Each column is found by its label or aliases; its value is the number right
 * before it ("2 incidents") or the first number after it ("velocity was 84").
 */
export interface MetricReader {
  /** Column id → value, for the columns this sentence states. */
  read(lower: string): Record<string, number>;
  /** Whether the sentence states any metric (a status sentence that does is a metrics row, not an update). */
  hasValues(lower: string): boolean;
}

interface Matcher {
  id: string;
  pattern: RegExp;
  /** "nobody's left" and the like: the column is zero. */
  zero: RegExp | null;
  toMinutes: boolean;
  /** A count of open things (reqs): "we closed 3 reqs" is not its value. */
  isOpenCount: boolean;
}

const LINKING = new Set([
  "was",
  "is",
  "were",
  "are",
  "at",
  "of",
  "about",
  "around",
  "roughly",
  "approximately",
  "sitting",
  "came",
  "in",
  "we",
  "had",
  "have",
  "got",
  "landed",
  "ended",
  "up",
  "to",
  "down",
  "this",
  "sprint",
  "time",
  "just",
  "under",
  "over",
  "me",
  "still",
  "stayed",
  "holding",
  "the",
  "a",
  "an",
  "on",
  "our",
  "my",
  "team",
  "average",
  "mean",
  "for",
  "took",
  "takes",
  "taking",
  "that",
  "it",
  "those",
  "them",
  "all",
  "across",
  "p1",
  "p1s",
  "=",
  ":",
]);

function phrasesFor(column: Column): string[] {
  const label = column.label
    .toLowerCase()
    .replace(/\(.*?\)/g, "")
    .trim();
  const phrases = [label, ...(column.aliases ?? []).map((a) => a.toLowerCase())].filter(Boolean);
  // "people left" is also said "one person left".
  for (const p of [...phrases]) if (p.startsWith("people ")) phrases.push(`person ${p.slice(7)}`);
  return phrases;
}

/** "nobody's left", "no one left": zero, for a column whose alias is "people left". */
function zeroPhrasesFor(column: Column): string[] {
  return (column.aliases ?? [])
    .map((a) => a.toLowerCase())
    .filter((a) => a.startsWith("people "))
    .flatMap((a) =>
      ["nobody", "nobody's", "no one", "no one's", "nobody has", "no one has", "none of them"].map(
        (z) => `${z} ${a.slice(7)}`,
      ),
    );
}

export function createMetricReader(columns: readonly Column[]): MetricReader {
  const matchers: Matcher[] = columns
    .filter((c) => c.type === "number")
    .map((c) => ({
      id: c.id,
      // Longest phrases first so "p1 mttr" wins over "mttr".
      pattern: new RegExp(
        `\\b(?:${phrasesFor(c)
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join("|")})\\b`,
        "g",
      ),
      zero: zeroPhrasesFor(c).length ? new RegExp(`\\b(?:${zeroPhrasesFor(c).map(escapeRegExp).join("|")})\\b`) : null,
      toMinutes: c.unit === "min" || /min/.test(c.id),
      isOpenCount: /open|req/.test(c.id),
    }));

  const reader: MetricReader = {
    hasValues: (lower) => Object.keys(reader.read(lower)).length > 0,
    read(lower) {
      // "Velocity was 72 — no, sorry, it's 68": what follows the correction replaces what came before.
      const correction = /\b(?:no,? sorry|sorry|no wait|make that|scratch that)\b/.exec(lower);
      if (correction) {
        const before = readSpans(lower.slice(0, correction.index));
        const afterText = lower.slice(correction.index + correction[0].length);
        const after = readSpans(afterText);
        const last = Object.keys(before).at(-1);
        const bare = /\b(\d+(?:\.\d+)?)\b/.exec(afterText);
        if (!Object.keys(after).length && last && bare?.[1]) after[last] = Number(bare[1]);
        return { ...before, ...after };
      }
      const found = readSpans(lower);
      // "The P1 … took about an hour and a quarter to mitigate": recovery time said without "MTTR".
      const minutes = matchers.find((m) => m.toMinutes);
      // "…one P1, the load board sync, 28 minutes to resolve."
      if (minutes && !(minutes.id in found) && /\bp1\b/.test(lower)) {
        const took = /\btook\b(?:\s+(?:us|them|me))?[,\s]*(.*)$/.exec(lower);
        const duration =
          (took?.[1] ? durationAfter(took[1]) : null) ??
          durationAfter(/,\s*([^,]*?)\s+to (?:resolve|mitigate|recover|restore|fix)\b/.exec(lower)?.[1] ?? "");
        if (duration) found[minutes.id] = duration.value;
      }
      return found;
    },
  };
  return reader;

  function readSpans(lower: string): Record<string, number> {
    const found: Record<string, number> = {};
    for (const m of matchers) if (m.zero?.test(lower)) found[m.id] = 0;
    if (!/\d|\bno\b|\bnone\b|\bzero\b|\bone\b|\ban? hour\b/.test(lower)) return found;
    const spans: { id: string; start: number; end: number; toMinutes: boolean; isOpenCount: boolean }[] = [];
    for (const m of matchers) {
      for (const hit of lower.matchAll(m.pattern)) {
        spans.push({
          id: m.id,
          start: hit.index,
          end: hit.index + hit[0].length,
          toMinutes: m.toMinutes,
          isOpenCount: m.isOpenCount,
        });
      }
    }
    spans.sort((a, b) => a.start - b.start);
    const claimed = new Set<number>(); // a number serves one column
    for (const [i, span] of spans.entries()) {
      if (span.id in found) continue;
      const before = lower.slice(Math.max(0, span.start - 14), span.start);
      const prev = /(?:^|[\s(])(\d+(?:\.\d+)?|no|zero|one)\s+(?:open\s+)?$/.exec(before);
      // "we closed 3 reqs", "hired 2": a count of what changed, not the row's value.
      if (
        prev &&
        span.isOpenCount &&
        /\b(?:closed|filled|hired|lost|added|cut|dropped|by)\s+\S+\s+(?:open\s+)?$/.test(before)
      ) {
        continue;
      }
      const prevIndex = prev ? span.start - (before.length - prev.index) : -1;
      if (prev?.[1] && !claimed.has(prevIndex)) {
        claimed.add(prevIndex);
        // "no MTTR to report" means there is none, not zero minutes.
        if (!(prev[1] === "no" && span.toMinutes)) {
          found[span.id] = prev[1] === "no" || prev[1] === "zero" ? 0 : prev[1] === "one" ? 1 : Number(prev[1]);
        }
        continue;
      }
      const limit = spans[i + 1]?.start ?? lower.length;
      const after = lower.slice(span.end, limit);
      const value = firstNumberAfter(after, span.toMinutes);
      if (value !== null) {
        claimed.add(span.end + value.offset);
        found[span.id] = value.value;
      }
    }
    return found;
  }
}

/** "an hour and ten minutes", "1.5 hours", "90 minutes" → minutes. */
const DURATION =
  /^(?:[\s,:]*(?:was|is|were|of|at|about|around|roughly|approximately|came in at|sat at|for|the|p1s?|on|that|it|took|takes)\b)*\s*(?:(an?|one|\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b(?:\s*(?:and\s*)?(?:a\s+)?(half|quarter|\d+)\s*(?:minutes?|mins?)?)?|(\d+(?:\.\d+)?)\s*(?:minutes?|mins?)\b)/;

function durationAfter(text: string): { value: number; offset: number } | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  if (m[3]) return { value: Number(m[3]), offset: m.index };
  const hours = /^(?:an?|one)$/.test(m[1] ?? "") ? 1 : Number(m[1]);
  const minutes = m[2] === "half" ? 30 : m[2] === "quarter" ? 15 : m[2] ? Number(m[2]) : 0;
  return { value: hours * 60 + minutes, offset: m.index };
}

function firstNumberAfter(text: string, toMinutes: boolean): { value: number; offset: number } | null {
  if (toMinutes) {
    // "MTTR on the worse one was 38 minutes": a duration with its unit may stand a few words on.
    const words = text.split(/(?<=\s)/);
    for (let k = 0, at = 0; k <= 6 && k < words.length; at += words[k]?.length ?? 0, k++) {
      const duration = durationAfter(text.slice(at));
      if (duration) return { value: duration.value, offset: at + duration.offset };
    }
  }
  const tokens = text.split(/(?=[\s,;.])/);
  let offset = 0;
  let skipped = 0;
  for (const raw of tokens) {
    const token = raw.trim().replace(/^[,;]\s*/, "");
    const here = offset;
    offset += raw.length;
    if (!token || token === ":" || token === "=") continue;
    if (/^[,;.]/.test(raw.trim()) && skipped > 0) return null;
    // "velocity was up 10%", "down by 3": a change, not the value.
    if (/^(?:up|down|by)$/.test(token)) {
      // "down to 55" states the value; "up 10%" or "down by 3" states a change.
      if (/^\s*to\b/.test(text.slice(offset))) continue;
      return null;
    }
    const num = /^(\d+(?:\.\d+)?)(%|k)?$/.exec(token);
    if (num?.[1]) {
      let value = Number(num[1]);
      if (num[2] === "k") value *= 1000;
      const rest = text.slice(offset).trimStart();
      if (toMinutes && /^hours?\b/.test(rest)) value *= 60;
      return { value, offset: here };
    }
    if (token === "none" || token === "zero") return { value: 0, offset: here };
    if (token === "one") return { value: 1, offset: here };
    if (!LINKING.has(token.replace(/[:,]$/, "")) || ++skipped > 4) return null;
  }
  return null;
}

/** A team named in a sentence: "for Platform", "the Mobile team", "Data:". */
const TEAM_PATTERNS = [
  /^([A-Z][A-Za-z]+)\s*[:,-]/,
  /\b(?:for|on|from|over on|in|with)\s+(?:the\s+)?(?!The\b)([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)\s+(?:team|side|squad|org)\b/,
  /\b(?!The\b)([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)(?:'s)?\s+(?:team|side|squad|numbers|metrics)\b/,
  // "For Payments, velocity was 52", "Over in Search, two incidents".
  /^(?:(?:so|and|okay)[,]?\s+)?(?:for|on|over on|over in|in)\s+(?:the\s+)?(?!The\b)([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)\s*,/,
  // "Payments had 52 points", "Search is at 63".
  /^(?:(?:so|and|okay)[,]?\s+)?(?!The\b)([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)\s+(?:had|has|is at|was at|came in at|landed at|hit|did|closed|shipped|delivered)\b/,
];

export function findTeam(
  text: string,
  knownTeams: ReadonlySet<string>,
  isPerson: (w: string) => boolean,
  knownOnly = false,
): string | null {
  for (const team of knownTeams) {
    if (new RegExp(`\\b${escapeRegExp(team)}\\b`, "i").test(text)) return team;
  }
  if (knownOnly) return null;
  for (const p of TEAM_PATTERNS) {
    const m = p.exec(text);
    const word = m?.[1];
    if (word && !isPerson(word) && !COMMON_CAPITALISED.has(word.toLowerCase())) return word;
  }
  return null;
}

const COMMON_CAPITALISED = new Set(
  "i so okay ok yes yeah well and but the we our my this that it for on from in with monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december q1 q2 q3 q4 p1 p2 velocity incidents attrition".split(
    " ",
  ),
);

const NOT_TEAMS = new Set(
  "alright red yellow amber green thank cheers congrats nice wow ha bye hi hello hey morning afternoon evening sorry perfect awesome exactly absolutely definitely totally agreed correct true maybe nope nah hmm um uh so okay ok yes yeah yep sure right well and but also then now oh great cool good fine thanks honestly basically actually one two three zero none no nothing everything all we our my i it this that there here first second third last next same velocity incidents incident attrition reqs points mttr p1 total overall".split(
    " ",
  ),
);

/** "So platform, velocity was 84", "Mobile. Velocity 61": a team named first, before its numbers. */
export function leadingTeam(text: string, isPerson: (w: string) => boolean): string | null {
  // "Data Platform, velocity was 68": a team name may be two capitalised words.
  const lead = /^(?:(?:so|okay|ok|and|right)[,]?\s+)?/i.exec(text.trim())?.[0] ?? "";
  const rest = text.trim().slice(lead.length);
  const m =
    /^([A-Z][a-z]+ (?:and |& )?[A-Z][a-z]+)\s*(?:[.,:;—–-]|$)/.exec(rest) ??
    /^([A-Za-z][A-Za-z-]+)(?:'s numbers)?\s*(?:[.,:;—–]|$)/i.exec(rest);
  const name = m?.[1];
  const first = name?.split(" ")[0] ?? "";
  if (!name || NOT_TEAMS.has(first.toLowerCase()) || isPerson(first)) return null;
  return teamName(name.charAt(0).toUpperCase() + name.slice(1));
}

/** "Tools and Build" is written "Tools & Build", as the team's name reads in the notes. */
export function teamName(spoken: string): string {
  return spoken.replace(/ and (?=\p{Lu})/u, " & ");
}
