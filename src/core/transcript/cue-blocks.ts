import { TranscriptError } from "../errors.js";
import { parseClockTime } from "./timestamps.js";
import type { TranscriptWarning } from "./transcript.js";

/** One timed cue of a WebVTT or SRT file, before its text is read. */
export interface RawCue {
  id: string | undefined;
  start: number;
  end: number;
  /** The payload lines, as in the file. */
  lines: string[];
}

export interface CueScan {
  cues: RawCue[];
  /** Lines of the WebVTT header and NOTE blocks: they may state the meeting date. */
  notes: string[];
  /** Cues left out, in file order: a bad or cut-off timing line loses its own cue, not the file. */
  skipped: TranscriptWarning[];
}

// A cue id at the end of a file with nothing after it: the file was cut off. Numbers (SRT, Zoom) or Teams' `<guid>/<n>-<m>`.
const CUE_ID = /^(?:\d+|[0-9a-fA-F-]{8,64}\/\d+-\d+)$/;
// Only digits, colons, dots, commas, dashes, ">" and spaces: a timing line that was cut short.
const PARTIAL_TIMING = /^\d{1,4}:[\d:.,\s>-]*$/;
const VTT_SKIPPED_BLOCK = /^(?:STYLE|REGION)(?:[ \t]|$)/;
const VTT_NOTE = /^NOTE(?:[ \t]|$)/;

const NOT_WHITESPACE = /\S/;

/** True for an empty or whitespace-only line, without allocating a trimmed copy (called for every line). */
function isBlank(line: string | undefined): boolean {
  return line === undefined || !NOT_WHITESPACE.test(line);
}

interface Timing {
  start: number;
  end: number;
}

/** Reads `start --> end [cue settings]`; throws TranscriptError naming the line and the bad part. */
function parseTiming(line: string, lineNo: number, cueLabel: string, file: string): Timing {
  const arrow = line.indexOf("-->");
  const startText = line.slice(0, arrow).trim();
  // The end time runs to the first space or tab; cue settings (`align:start`) may follow.
  const afterArrow = line.slice(arrow + 3).trim();
  const space = afterArrow.search(/[ \t]/);
  const endText = space < 0 ? afterArrow : afterArrow.slice(0, space);
  const fail = (problem: string): never => {
    throw new TranscriptError(file, lineNo, problem);
  };
  if (startText === "") fail(`cue timing "${line.trim()}" has no start time`);
  if (endText === "") fail(`cue timing "${line.trim()}" is incomplete (no end time)`);
  const start = parseClockTime(startText) ?? fail(`timestamp "${startText}" is not a valid time`);
  const end = parseClockTime(endText) ?? fail(`timestamp "${endText}" is not a valid time`);
  if (end < start) fail(`cue ${cueLabel} ends before it starts`);
  return { start, end };
}

/**
 * Splits a WebVTT or SRT file into timed cues. Lenient where files in the wild are sloppy (no blank line
 * between cues, a blank line inside a cue's text, a .vtt without its header). A cue whose timing line is bad
 * or cut off is skipped with its text, as the WebVTT parsing rules do, and listed in `skipped` with its line:
 * one typo must not lose a meeting. The callers throw when nothing is left.
 */
export function scanCues(text: string, file: string, vtt: boolean): CueScan {
  const lines = text.split("\n");
  let lastContent = lines.length - 1;
  while (lastContent >= 0 && isBlank(lines[lastContent])) lastContent--;
  const cues: RawCue[] = [];
  const notes: string[] = [];
  const skipped: TranscriptWarning[] = [];
  // The cue that text lines belong to; null after a skipped cue, so its text is not given to the cue before it.
  let current: RawCue | null = null;
  let i = 0;
  if (vtt && lines[0]?.startsWith("WEBVTT")) {
    // The header block runs to the first blank line; a timing line there means the blank line is missing.
    for (i = 1; i < lines.length; i++) {
      const line = lines[i] ?? "";
      if (isBlank(line) || line.includes("-->")) break;
      notes.push(line);
    }
  }
  const skip = (line: number, problem: string): null => {
    skipped.push({ line, problem });
    return null;
  };
  const addCue = (id: string | undefined, timingLine: string, lineNo: number): RawCue | null => {
    const label = id ?? String(cues.length + skipped.length + 1);
    let timing: Timing;
    try {
      timing = parseTiming(timingLine, lineNo, label, file);
    } catch (error) {
      if (error instanceof TranscriptError && error.line !== null) return skip(error.line, error.problem);
      throw error;
    }
    const cue: RawCue = { id, ...timing, lines: [] };
    cues.push(cue);
    return cue;
  };
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    const blockStart = i;
    while (i < lines.length && !isBlank(lines[i])) i++;
    const block = lines.slice(blockStart, i);
    const first = (block[0] ?? "").trim();
    if (vtt && VTT_NOTE.test(first)) {
      notes.push(first.slice(4), ...block.slice(1));
      continue;
    }
    if (vtt && VTT_SKIPPED_BLOCK.test(first)) continue;
    const timingAt = first.includes("-->") ? 0 : (block[1] ?? "").includes("-->") ? 1 : -1;
    if (timingAt < 0) {
      // A cut-off timing line, on its own or after a cue id.
      const partial = PARTIAL_TIMING.test(first) ? 0 : PARTIAL_TIMING.test((block[1] ?? "").trim()) ? 1 : -1;
      if (partial >= 0) {
        const line = (block[partial] ?? "").trim();
        current = skip(blockStart + partial + 1, `cue timing "${line}" is incomplete (expected "start --> end")`);
        continue;
      }
      if (block.length === 1 && i > lastContent && CUE_ID.test(first)) {
        current = skip(blockStart + 1, `cue ${first} has no timing line (is the file cut off?)`);
        continue;
      }
      // Text after a blank line that does not start a cue: the cue's text had a blank line in it. Keep it.
      current?.lines.push(...block);
      continue;
    }
    current = addCue(timingAt === 1 ? first : undefined, block[timingAt] ?? "", blockStart + timingAt + 1);
    for (let j = timingAt + 1; j < block.length; j++) {
      const line = block[j] ?? "";
      // Only a line that starts like a time can be a timing line; SRT text may contain a literal "-->".
      if (!line.includes("-->") || !/^\s*\d/.test(line)) {
        current?.lines.push(line);
        continue;
      }
      // A timing line inside a block: the blank line before this cue is missing. Its id is the line above, if numeric.
      const previous = current?.lines.at(-1)?.trim();
      const id = previous !== undefined && /^\d+$/.test(previous) ? previous : undefined;
      if (id !== undefined) current?.lines.pop();
      current = addCue(id, line, blockStart + j + 1);
    }
  }
  return { cues, notes, skipped };
}

/** The error for a file in which no cue gave text: the first skipped cue's problem when there was one. */
export function nothingUsable(
  file: string,
  skipped: readonly TranscriptWarning[],
  cues: number,
  noCues: string,
): TranscriptError {
  const first = skipped[0];
  if (first !== undefined) return new TranscriptError(file, first.line, first.problem);
  return new TranscriptError(file, null, cues === 0 ? noCues : "no cue has any text");
}
