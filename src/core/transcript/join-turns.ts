import { isAnonymousSpeaker } from "../extraction/people.js";
import type { Segment } from "../segment.js";
import { joinCutSentences } from "./cut-sentences.js";
import { nameSpeakers, withSpeakerNames } from "./name-speakers.js";
import { restoreSpeech } from "./restore-punctuation.js";

export interface JoinTurnsOptions {
  /** Longest silence (seconds) inside one turn; default 2. Only applies when both times are known. */
  maxGapSeconds?: number;
  /** Longest joined text; default 1500, so one turn never swallows a monologue's worth of evidence. */
  maxChars?: number;
}

export const DEFAULT_MAX_GAP_SECONDS = 2;
export const DEFAULT_MAX_CHARS = 1500;

// Ends a sentence: . ! ? … (or CJK forms), optionally followed by closing quotes or brackets.
const SENTENCE_END = /[.!?…。！？]["'”’)\]]*$/;

function joinable(turn: Segment, next: Segment, maxGapSeconds: number, maxChars: number): boolean {
  if (turn.text.length + 1 + next.text.length > maxChars) return false;
  if (turn.end !== null && next.start !== null && next.start - turn.end > maxGapSeconds) return false;
  if (turn.speaker !== null || next.speaker !== null) return turn.speaker === next.speaker;
  // Neither names a speaker (closed captions): it may be two people, so join only a sentence cut mid-way.
  return !SENTENCE_END.test(turn.text);
}

/**
 * Merges consecutive segments into turns: same speaker and a small gap, or (when no speaker is known) a
 * caption that ends mid-sentence. A turn keeps its first segment's id and start and its last one's end.
 * Returns new segments; the input is not changed.
 */
export function joinTurns(segments: readonly Segment[], options: JoinTurnsOptions = {}): Segment[] {
  const maxGapSeconds = options.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const turns: Segment[] = [];
  for (const segment of segments) {
    const turn = turns.at(-1);
    if (turn !== undefined && joinable(turn, segment, maxGapSeconds, maxChars)) {
      turn.text = `${turn.text} ${segment.text}`;
      turn.end = segment.end ?? turn.end;
    } else {
      turns.push({ ...segment });
    }
  }
  return turns;
}

/**
 * What the engine reads: caption files (no speaker anywhere) cut sentences across cues, so their fragments
 * are joined into sentences; speaker-labelled transcripts stay as given, one utterance per segment, since
 * joining them blurs which words carry an item (only a timed cue that cuts a sentence is joined). Anonymous
 * diarization labels ("Speaker A") are replaced by the names the conversation gives them (see
 * name-speakers.ts), so owners come out as people; raw speech-recognition text then gets its sentences back
 * (restore-punctuation.ts).
 */
export function segmentsForExtraction(segments: readonly Segment[]): Segment[] {
  if (!segments.some((s) => s.speaker !== null)) return restoreSpeech(joinTurns(segments));
  const named = segments.some((s) => s.speaker !== null && isAnonymousSpeaker(s.speaker))
    ? withSpeakerNames(segments, nameSpeakers(segments))
    : segments;
  return restoreSpeech(joinCutSentences(named));
}
