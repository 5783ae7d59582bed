import { nothingUsable, scanCues } from "./cue-blocks.js";
import { readCuePayload } from "./cue-payload.js";
import { dateFromHeaderLine, dateOfTimestamp } from "./meeting-date.js";
import { SegmentList } from "./segment-list.js";
import type { Transcript } from "./transcript.js";

interface TeamsMetadata {
  speaker: string | null;
  text: string;
  startDateTime: unknown;
}

/**
 * A Teams `metadataContent` cue holds one JSON object (`speakerName`, `spokenText`, `startDateTime`).
 * Only a payload that starts with "{" is tried, so ordinary captions never pay for JSON.parse.
 */
function readTeamsMetadata(lines: readonly string[]): TeamsMetadata | null {
  const payload = lines.join("\n").trim();
  if (!payload.startsWith("{") || !payload.endsWith("}")) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null; // A caption that merely looks like "{…}": read it as text.
  }
  if (typeof value !== "object" || value === null) return null;
  const fields = value as Record<string, unknown>;
  if (typeof fields.spokenText !== "string") return null;
  return {
    speaker: typeof fields.speakerName === "string" ? fields.speakerName : null,
    text: fields.spokenText,
    startDateTime: fields.startDateTime,
  };
}

/**
 * WebVTT from Zoom (transcript with `Name: text`, closed captions without speakers), Teams (`<v Name>`,
 * GUID cue ids, unpadded times, `metadataContent` JSON cues), and caption tools. `text` is normalized.
 */
export function parseWebVtt(text: string, file: string): Transcript {
  const { cues, notes, skipped } = scanCues(text, file, true);
  const segments = new SegmentList();
  let date: string | null = null;
  for (const line of notes) date ??= dateFromHeaderLine(line.trim());
  for (const cue of cues) {
    const teams = readTeamsMetadata(cue.lines);
    if (teams !== null) {
      date ??= dateOfTimestamp(teams.startDateTime);
      segments.add({ id: cue.id, speaker: teams.speaker, text: teams.text, start: cue.start, end: cue.end });
      continue;
    }
    for (const span of readCuePayload(cue.lines)) {
      segments.add({ id: cue.id, speaker: span.speaker, text: span.text, start: cue.start, end: cue.end });
    }
  }
  if (segments.segments.length === 0) throw nothingUsable(file, skipped, cues.length, "no WebVTT cues found");
  return { format: "webvtt", segments: segments.segments, date, warnings: skipped };
}
