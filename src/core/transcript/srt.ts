import { nothingUsable, scanCues } from "./cue-blocks.js";
import { readCuePayload } from "./cue-payload.js";
import { SegmentList } from "./segment-list.js";
import type { Transcript } from "./transcript.js";

/**
 * SRT: numbered blocks, `HH:MM:SS,mmm --> HH:MM:SS,mmm` (a "." is accepted too), speaker from
 * `<v Name>`, `[Name]` or `Name:` when present. `text` is normalized.
 */
export function parseSrt(text: string, file: string): Transcript {
  const { cues, skipped } = scanCues(text, file, false);
  const segments = new SegmentList();
  for (const cue of cues) {
    for (const span of readCuePayload(cue.lines)) {
      segments.add({ id: cue.id, speaker: span.speaker, text: span.text, start: cue.start, end: cue.end });
    }
  }
  if (segments.segments.length === 0) throw nothingUsable(file, skipped, cues.length, "no SRT cues found");
  return { format: "srt", segments: segments.segments, date: null, warnings: skipped };
}
