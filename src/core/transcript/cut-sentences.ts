import type { Segment } from "../segment.js";

// The same limits as joinTurns (join-turns.ts, which imports this file): a pause of 2 s ends a turn, and one turn
// never swallows a monologue's worth of evidence.
const DEFAULT_MAX_GAP_SECONDS = 2;
const DEFAULT_MAX_CHARS = 1500;

// Ends mid-clause: the last character is a letter or digit, not a full stop, comma or dash.
const OPEN_END = /[\p{L}\d]$/u;
// Starts mid-sentence: a lower-case letter (a new sentence, a name or "I" would be upper case).
const LOWER_START = /^["'“‘(]?\p{Ll}/u;

/**
 * Joins a sentence that captioning cut across cues of one speaker: "…you come in and" + "somebody spends…".
 * Only where a timed cue stops on a word (no full stop, comma or dash) and the next one, same speaker and no real pause,
 * carries on in lower case; every other cue stays its own segment, as speaker-labelled transcripts are read.
 * Returns new segments; the input is not changed.
 */
export function joinCutSentences(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (
      last !== undefined &&
      last.speaker !== null &&
      last.speaker === segment.speaker &&
      OPEN_END.test(last.text.trimEnd()) &&
      LOWER_START.test(segment.text.trimStart()) &&
      // Only timed cues: a caption file cuts by time, while a plain "Name: text" line is a whole turn as written.
      last.end !== null &&
      segment.start !== null &&
      segment.start - last.end <= DEFAULT_MAX_GAP_SECONDS &&
      last.text.length + 1 + segment.text.length <= DEFAULT_MAX_CHARS
    ) {
      last.text = `${last.text.trimEnd()} ${segment.text.trimStart()}`;
      last.end = segment.end ?? last.end;
    } else {
      out.push({ ...segment });
    }
  }
  return out;
}
