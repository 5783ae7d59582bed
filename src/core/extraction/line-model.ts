import type { Segment } from "../segment.js";
import { type LineContext, type LineReading, lineFeatures, placedFeatures, readLine } from "./line-features.js";
import weights from "./line-model.json" with { type: "json" };
import { normalize } from "./text.js";

/**
 * The learned line scorer: for meetings where nobody says "we decided" or "I'll", the lines that carry a
 * decision or a task still read differently (modal verbs, a summary near the end, agreement after them).
 * A logistic regression over line-features.ts, trained by scripts/train-line-model.ts on real meetings.
 */
export type LineKind = "decision" | "action";

export interface ScoredLine {
  index: number;
  probability: number;
}

const MODEL = weights as Record<LineKind, Record<string, number>>;

/** The speaker with the most lines (the first of them on a tie): usually the one running the meeting. */
function leadSpeaker(segments: readonly Segment[]): string | null {
  const counts = new Map<string | null, number>();
  for (const s of segments) counts.set(s.speaker, (counts.get(s.speaker) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** A segment's text as the line features read it. */
export function lineLower(segment: Segment): string {
  return normalize(segment.text).toLowerCase();
}

/** Every segment with its neighbours and place in the meeting: what the features look at. */
export function lineContexts(segments: readonly Segment[]): (LineContext & { text: string })[] {
  const lead = leadSpeaker(segments);
  const lowers = segments.map(lineLower);
  return segments.map((s, i) => ({
    text: s.text,
    lower: lowers[i] ?? "",
    position: segments.length > 1 ? i / segments.length : 0,
    isLeadSpeaker: s.speaker !== null && s.speaker === lead,
    previousLower: lowers[i - 1] ?? null,
    previousIsOtherSpeaker: segments[i - 1] !== undefined && segments[i - 1]?.speaker !== s.speaker,
    nextLower: lowers[i + 1] ?? null,
    nextIsOtherSpeaker: segments[i + 1] !== undefined && segments[i + 1]?.speaker !== s.speaker,
  }));
}

export function lineProbability(kind: LineKind, context: LineContext): number {
  return probabilityOf(kind, lineFeatures(context));
}

function probabilityOf(kind: LineKind, features: readonly string[]): number {
  const w = MODEL[kind];
  let z = 0;
  for (const f of features) z += w[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Each line's features, once for every kind; null for lines too short to pick. `readings` are the lines read
 * as they arrived (`readLine(lineLower(segment))`, the extractor's), so that the end of a long meeting only
 * places them.
 */
export function lineFeatureLists(
  segments: readonly Segment[],
  readings: readonly LineReading[] = segments.map((s) => readLine(lineLower(s))),
): (string[] | null)[] {
  const lead = leadSpeaker(segments);
  return segments.map((s, i) => {
    const own = readings[i]?.own;
    if (!own) return null;
    const previous = segments[i - 1];
    const next = segments[i + 1];
    return placedFeatures(own, {
      position: segments.length > 1 ? i / segments.length : 0,
      isLeadSpeaker: s.speaker !== null && s.speaker === lead,
      previous: readings[i - 1] ?? null,
      previousIsOtherSpeaker: previous !== undefined && previous.speaker !== s.speaker,
      next: readings[i + 1] ?? null,
      nextIsOtherSpeaker: next !== undefined && next.speaker !== s.speaker,
    });
  });
}

/**
 * The most likely lines, at most `limit`, none within `spacing` lines of a better one (a decision is
 * talked about over several lines; one of them stands for it).
 */
export function pickLines(
  kind: LineKind,
  features: readonly (readonly string[] | null)[],
  options: { threshold: number; limit: number; spacing: number; skip: ReadonlySet<number> },
): ScoredLine[] {
  const scored = features
    .flatMap((f, index) =>
      f === null || options.skip.has(index) ? [] : [{ index, probability: probabilityOf(kind, f) }],
    )
    .filter((l) => l.probability >= options.threshold)
    .sort((a, b) => b.probability - a.probability || a.index - b.index);
  const chosen: ScoredLine[] = [];
  for (const line of scored) {
    if (chosen.length >= options.limit) break;
    if (chosen.some((c) => Math.abs(c.index - line.index) <= options.spacing)) continue;
    chosen.push(line);
  }
  return chosen.sort((a, b) => a.index - b.index);
}
