import { arrayAt, isObject, labelAt, numberAt, speakerLabel, stringAt } from "./json-fields.js";
import { speechSegments } from "./segment-list.js";
import { roundSeconds } from "./timestamps.js";
import type { Transcript } from "./transcript.js";
import type { TimedWord } from "./words-to-utterances.js";

function optionalSeconds(value: number | undefined): number | null {
  return value === undefined ? null : roundSeconds(value);
}

/** OpenAI `timestamp_granularities=word` gives top-level `words[]` of `{word, start, end}`. */
function whisperWords(words: readonly unknown[]): TimedWord[] {
  const timed: TimedWord[] = [];
  for (const word of words) {
    const start = numberAt(word, "start");
    const end = numberAt(word, "end");
    const text = stringAt(word, "word") ?? stringAt(word, "text");
    if (start === undefined || end === undefined || text === undefined) continue;
    timed.push({ text, start, end, speaker: speakerLabel(labelAt(word, "speaker")) });
  }
  return timed;
}

/**
 * Whisper-style JSON: OpenAI verbose_json and diarized_json, whisper-timestamped, whisperX: `segments[]`
 * (or a bare array of them) with `start`, `end`, `text`, optional `speaker` and `id`. Else top-level
 * `words[]` grouped at pauses, else `text` as one segment. No date: these responses have none.
 */
export function parseWhisperJson(doc: unknown, file: string): Transcript {
  const list = Array.isArray(doc) ? doc : (arrayAt(doc, "segments") ?? []);
  const utterances = list.filter(isObject).map((segment) => ({
    id: labelAt(segment, "id"),
    speaker: speakerLabel(labelAt(segment, "speaker")),
    text: stringAt(segment, "text") ?? "",
    start: optionalSeconds(numberAt(segment, "start")),
    end: optionalSeconds(numberAt(segment, "end")),
  }));
  const segments = speechSegments(
    {
      utterances,
      words: () => whisperWords(arrayAt(doc, "words") ?? []),
      text: () => stringAt(doc, "text"),
    },
    file,
  );
  return { format: "whisper-json", segments, date: null, warnings: [] };
}
