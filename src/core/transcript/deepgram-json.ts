import { arrayAt, labelAt, numberAt, objectAt, stringAt } from "./json-fields.js";
import { dateOfTimestamp } from "./meeting-date.js";
import { speechSegments } from "./segment-list.js";
import { roundSeconds } from "./timestamps.js";
import type { Transcript } from "./transcript.js";
import type { TimedWord } from "./words-to-utterances.js";

/** Who spoke: the diarized speaker number, else the channel when the audio had several. */
function deepgramSpeaker(item: unknown, channel: number | undefined, multichannel: boolean): string | null {
  const speaker = labelAt(item, "speaker");
  if (speaker !== undefined) return `Speaker ${speaker}`;
  return multichannel && channel !== undefined ? `Channel ${channel}` : null;
}

/** Every channel's first alternative's words, in time order. */
function deepgramWords(channels: readonly unknown[]): TimedWord[] {
  const words: TimedWord[] = [];
  const multichannel = channels.length > 1;
  channels.forEach((channel, index) => {
    const alternative = arrayAt(channel, "alternatives")?.[0];
    for (const word of arrayAt(alternative, "words") ?? []) {
      const start = numberAt(word, "start");
      const end = numberAt(word, "end");
      const text = stringAt(word, "punctuated_word") ?? stringAt(word, "word");
      if (start === undefined || end === undefined || text === undefined) continue;
      words.push({ text, start, end, speaker: deepgramSpeaker(word, index, multichannel) });
    }
  });
  // Channels are listed one after another; a conversation reads in time order.
  if (multichannel) words.sort((a, b) => a.start - b.start);
  return words;
}

/**
 * Deepgram pre-recorded response: `results.utterances[]` when present; else the words (with `speaker`
 * when diarized) grouped into utterances at speaker changes and pauses; else the transcript as one
 * segment. `metadata.created` gives the date.
 */
export function parseDeepgramJson(doc: unknown, file: string): Transcript {
  const results = objectAt(doc, "results");
  const channels = arrayAt(results, "channels") ?? [];
  const multichannel = channels.length > 1;
  const utterances = (arrayAt(results, "utterances") ?? []).map((utterance) => {
    const start = numberAt(utterance, "start");
    const end = numberAt(utterance, "end");
    return {
      id: stringAt(utterance, "id"),
      speaker: deepgramSpeaker(utterance, numberAt(utterance, "channel"), multichannel),
      text: stringAt(utterance, "transcript") ?? "",
      start: start === undefined ? null : roundSeconds(start),
      end: end === undefined ? null : roundSeconds(end),
    };
  });
  const segments = speechSegments(
    {
      utterances,
      words: () => deepgramWords(channels),
      text: () => stringAt(arrayAt(channels[0], "alternatives")?.[0], "transcript"),
    },
    file,
  );
  return {
    format: "deepgram-json",
    segments,
    date: dateOfTimestamp(stringAt(objectAt(doc, "metadata"), "created")),
    warnings: [],
  };
}
