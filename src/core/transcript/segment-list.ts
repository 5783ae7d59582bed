import type { Segment } from "../segment.js";
import { collapseWhitespace } from "./clean-text.js";
import { noSpeechInJson } from "./json-errors.js";
import { type TimedWord, wordsToUtterances } from "./words-to-utterances.js";

export interface SegmentDraft {
  /** The source's own id (a cue id, an utterance id); absent when it has none. */
  id?: string | undefined;
  speaker: string | null;
  text: string;
  start: number | null;
  end: number | null;
}

/**
 * Collects segments in order: cleans text and speaker, drops empty ones, and gives each a unique id:
 * the source's id when it has one, else `s<n>` with n its position in the transcript.
 */
export class SegmentList {
  readonly segments: Segment[] = [];
  private readonly ids = new Set<string>();
  /** Next suffix to try per repeated id, so a file repeating one id stays linear. */
  private readonly nextSuffix = new Map<string, number>();

  add(draft: SegmentDraft): void {
    const text = collapseWhitespace(draft.text);
    if (text === "") return;
    const speaker = draft.speaker === null ? null : collapseWhitespace(draft.speaker);
    const given = draft.id === undefined ? "" : draft.id.trim();
    this.segments.push({
      id: this.uniqueId(given === "" ? `s${this.segments.length + 1}` : given),
      speaker: speaker === "" ? null : speaker,
      text,
      start: draft.start,
      end: draft.end,
    });
  }

  /** Repeated source ids (or a source id equal to a generated one) get `#2`, `#3`… so ids stay unique. */
  private uniqueId(id: string): string {
    if (!this.ids.has(id)) {
      this.ids.add(id);
      return id;
    }
    let unique = id;
    let n = this.nextSuffix.get(id) ?? 2;
    while (this.ids.has(unique)) unique = `${id}#${n++}`;
    this.nextSuffix.set(id, n);
    this.ids.add(unique);
    return unique;
  }
}

/** What a speech-to-text response (Deepgram, AssemblyAI, Whisper) offers, best first. */
export interface SpeechSources {
  utterances: Iterable<SegmentDraft>;
  /** Read only when no utterance has text. */
  words: () => readonly TimedWord[];
  /** The whole transcript; read only when neither utterances nor words give a segment. */
  text: () => string | undefined;
}

/**
 * The segments of a speech-to-text JSON response, from the first source that gives any: its utterances,
 * else its words grouped into utterances at speaker changes and pauses, else its whole text as one segment.
 * Throws when none does.
 */
export function speechSegments(sources: SpeechSources, file: string): Segment[] {
  const segments = new SegmentList();
  for (const utterance of sources.utterances) segments.add(utterance);
  if (segments.segments.length === 0) {
    for (const utterance of wordsToUtterances(sources.words())) segments.add(utterance);
  }
  if (segments.segments.length === 0) {
    segments.add({ speaker: null, text: sources.text() ?? "", start: null, end: null });
  }
  if (segments.segments.length === 0) throw noSpeechInJson(file);
  return segments.segments;
}
