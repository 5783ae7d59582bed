import { arrayAt, labelAt, numberAt, speakerLabel, stringAt } from "./json-fields.js";
import { speechSegments } from "./segment-list.js";
import { roundSeconds } from "./timestamps.js";
import type { Transcript } from "./transcript.js";
import type { TimedWord } from "./words-to-utterances.js";

/** AssemblyAI times are integer milliseconds: `start` in its API, `start_ms` in exports made from it. */
function seconds(value: unknown, key: "start" | "end"): number | null {
  const millis = numberAt(value, key) ?? numberAt(value, `${key}_ms`);
  return millis === undefined ? null : roundSeconds(millis / 1000);
}

function assemblyWords(words: readonly unknown[]): TimedWord[] {
  const timed: TimedWord[] = [];
  for (const word of words) {
    const start = seconds(word, "start");
    const end = seconds(word, "end");
    const text = stringAt(word, "text");
    if (start === null || end === null || text === undefined) continue;
    timed.push({ text, start, end, speaker: speakerLabel(labelAt(word, "speaker")) });
  }
  return timed;
}

/**
 * AssemblyAI v2 transcript: `utterances[]` (speaker "A" becomes "Speaker A", times in ms, as `start` or
 * `start_ms`), or a bare array of them; else the `words[]` grouped at speaker changes and pauses; else `text`
 * as one segment. No date: the object has none.
 */
export function parseAssemblyAiJson(doc: unknown, file: string): Transcript {
  const list = Array.isArray(doc) ? doc : (arrayAt(doc, "utterances") ?? []);
  const utterances = list.map((utterance) => ({
    speaker: speakerLabel(labelAt(utterance, "speaker")),
    text: stringAt(utterance, "text") ?? "",
    start: seconds(utterance, "start"),
    end: seconds(utterance, "end"),
  }));
  const segments = speechSegments(
    {
      utterances,
      words: () => assemblyWords(arrayAt(doc, "words") ?? []),
      text: () => stringAt(doc, "text"),
    },
    file,
  );
  return { format: "assemblyai-json", segments, date: null, warnings: [] };
}
