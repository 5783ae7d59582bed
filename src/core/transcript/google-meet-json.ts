import { noSpeechInJson } from "./json-errors.js";
import { arrayAt, isObject, stringAt } from "./json-fields.js";
import { dateOfTimestamp } from "./meeting-date.js";
import { SegmentList } from "./segment-list.js";
import { roundSeconds } from "./timestamps.js";
import type { Transcript } from "./transcript.js";

/** The entries: `{transcriptEntries: [...]}` as the Meet REST API lists them, or a bare array. */
export function meetEntries(doc: unknown): readonly unknown[] | undefined {
  return Array.isArray(doc) ? doc : arrayAt(doc, "transcriptEntries");
}

/** The API gives a resource name (`conferenceRecords/…/participants/123`); exports may add a display name. */
function meetSpeaker(entry: unknown): string | null {
  const name = stringAt(entry, "participantName") ?? stringAt(entry, "displayName");
  if (name !== undefined) return name;
  const participant = stringAt(entry, "participant");
  if (participant === undefined) return null;
  const marker = participant.lastIndexOf("/participants/");
  return marker < 0 ? participant : `Participant ${participant.slice(marker + "/participants/".length)}`;
}

/**
 * Google Meet transcript entries (`participant`, `text`, RFC 3339 `startTime` / `endTime`): times become
 * seconds from the first entry's start, and that entry's date is the meeting date.
 */
export function parseGoogleMeetJson(doc: unknown, file: string): Transcript {
  const entries = (meetEntries(doc) ?? []).filter(isObject);
  const firstStart = entries.map((entry) => stringAt(entry, "startTime")).find((time) => time !== undefined);
  const origin = firstStart === undefined ? Number.NaN : Date.parse(firstStart);
  const offset = (time: string | undefined): number | null => {
    const at = time === undefined ? Number.NaN : Date.parse(time);
    return Number.isNaN(at) || Number.isNaN(origin) ? null : roundSeconds((at - origin) / 1000);
  };
  const segments = new SegmentList();
  for (const entry of entries) {
    const name = stringAt(entry, "name");
    segments.add({
      // Resource names are long paths; their last part is the entry's own id.
      id: name?.slice(name.lastIndexOf("/") + 1),
      speaker: meetSpeaker(entry),
      text: stringAt(entry, "text") ?? "",
      start: offset(stringAt(entry, "startTime")),
      end: offset(stringAt(entry, "endTime")),
    });
  }
  if (segments.segments.length === 0) throw noSpeechInJson(file);
  return { format: "google-meet-json", segments: segments.segments, date: dateOfTimestamp(firstStart), warnings: [] };
}
