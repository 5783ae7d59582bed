import { TranscriptError } from "../errors.js";
import { dateFromHeaderLine, isHeaderLine } from "./meeting-date.js";
import { type SegmentDraft, SegmentList } from "./segment-list.js";
import { splitSpeakerPrefix } from "./speaker-prefix.js";
import { parseClockTime } from "./timestamps.js";
import type { Transcript } from "./transcript.js";

interface TimedLine {
  start: number | null;
  rest: string;
}

/** `[00:01:02] rest`, `(1:02) rest`, `00:01:02 rest`, `00:01:02 - rest`; start null when there is no time. */
export function splitLeadingTime(line: string): TimedLine {
  let timeText: string;
  let after: number;
  const bracket = line[0] === "[" ? "]" : line[0] === "(" ? ")" : "";
  if (bracket !== "") {
    const close = line.indexOf(bracket);
    if (close < 0 || close > 16) return { start: null, rest: line };
    timeText = line.slice(1, close).trim();
    after = close + 1;
  } else {
    const space = line.search(/\s/);
    if (space < 0 || space > 16) return { start: null, rest: line };
    timeText = line.slice(0, space);
    after = space;
  }
  const start = parseClockTime(timeText);
  if (start === null) return { start: null, rest: line };
  // A dash or bar between the time and the name is common in hand-made exports.
  return { start, rest: line.slice(after).replace(/^\s*[-–|]?\s*/, "") };
}

/**
 * Plain `Name: text` lines (see splitSpeakerPrefix for what counts as a name). A line without a name
 * continues the previous turn. Leading times (`[00:01:02] Name: text`) are read when the first line has
 * one, so "10:30 works for me" in an untimed file stays text. A title block at the top (`Date:`,
 * `Title:`…) is not speech; a date there becomes the transcript's date. `text` is normalized.
 */
export function parsePlainLines(text: string, file: string): Transcript {
  const segments = new SegmentList();
  let date: string | null = null;
  let inHeader = true;
  let timed: boolean | undefined;
  let current: SegmentDraft | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    if (inHeader && isHeaderLine(line)) {
      date ??= dateFromHeaderLine(line);
      continue;
    }
    inHeader = false;
    const timedLine = timed === false ? { start: null, rest: line } : splitLeadingTime(line);
    timed ??= timedLine.start !== null;
    const split = splitSpeakerPrefix(timedLine.rest);
    if (split !== null || timedLine.start !== null || current === undefined) {
      if (current !== undefined) segments.add(current);
      current = {
        speaker: split?.speaker ?? null,
        text: split?.text ?? timedLine.rest,
        start: timedLine.start,
        end: null,
      };
    } else {
      current.text += `\n${timedLine.rest}`;
    }
  }
  if (current !== undefined) segments.add(current);
  if (segments.segments.length === 0) throw new TranscriptError(file, null, "no transcript lines found");
  return { format: "plain", segments: segments.segments, date, warnings: [] };
}
