import { TranscriptError } from "../errors.js";
import { scanCues } from "./cue-blocks.js";
import { readCuePayload } from "./cue-payload.js";
import { SegmentList } from "./segment-list.js";
import type { Transcript } from "./transcript.js";

/**
 * SRT: numbered blocks, `HH:MM:SS,mmm --> HH:MM:SS,mmm` (a "." is accepted too), speaker from
 * `<v Name>`, `[Name]` or `Name:` when present. `text` is normalized.
 */
export function parseSrt(text: string, file: string): Transcript {
  const { cues } = scanCues(text, file, false);
  const segments = new SegmentList();
  for (const cue of cues) {
    for (const span of readCuePayload(cue.lines)) {
      segments.add({ id: cue.id, speaker: span.speaker, text: span.text, start: cue.start, end: cue.end });
    }
  }
  if (segments.segments.length === 0) {
    throw new TranscriptError(file, null, cues.length === 0 ? "no SRT cues found" : "no cue has any text");
  }
  return { format: "srt", segments: segments.segments, date: null };
}
