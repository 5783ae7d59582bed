import type { SegmentDraft } from "./segment-list.js";
import { roundSeconds } from "./timestamps.js";

/** One timed word of a word-level response (Deepgram, AssemblyAI, OpenAI `words`), in seconds. */
export interface TimedWord {
  text: string;
  start: number;
  end: number;
  speaker: string | null;
}

/** A silence this long ends an utterance: on Deepgram's sample it reproduces Deepgram's own utterances. */
export const UTTERANCE_PAUSE_SECONDS = 0.5;

/** Groups words into utterances at each change of speaker and each pause of `pauseSeconds` or more; times rounded to ms. */
export function wordsToUtterances(
  words: readonly TimedWord[],
  pauseSeconds: number = UTTERANCE_PAUSE_SECONDS,
): SegmentDraft[] {
  const utterances: SegmentDraft[] = [];
  let current: SegmentDraft | undefined;
  let parts: string[] = [];
  for (const word of words) {
    const previousEnd = current?.end ?? word.start;
    if (current === undefined || current.speaker !== word.speaker || word.start - previousEnd >= pauseSeconds) {
      if (current !== undefined) utterances.push(finish(current, parts));
      current = { speaker: word.speaker, text: "", start: word.start, end: word.end };
      parts = [];
    }
    parts.push(word.text);
    current.end = Math.max(current.end ?? word.end, word.end);
  }
  if (current !== undefined) utterances.push(finish(current, parts));
  return utterances;
}

function finish(utterance: SegmentDraft, parts: readonly string[]): SegmentDraft {
  const round = (time: number | null): number | null => (time === null ? null : roundSeconds(time));
  return { ...utterance, text: parts.join(" "), start: round(utterance.start), end: round(utterance.end) };
}
