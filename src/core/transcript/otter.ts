import { TranscriptError } from "../errors.js";
import { dateFromHeaderLine, isHeaderLine } from "./meeting-date.js";
import { type SegmentDraft, SegmentList } from "./segment-list.js";
import { parseClockTime } from "./timestamps.js";
import type { Transcript } from "./transcript.js";

const MAX_NAME_WORDS = 6;
const MAX_NAME_CHARS = 60;
// The time at the end of a header line. Anchored at the end and fixed-width, so linear.
const TRAILING_TIME = /\s(\d{1,2}(?::\d{2}){1,2})$/;
// Otter appends this line to free-plan exports; it is not speech.
const OTTER_FOOTER = /^Transcribed by https?:\/\/otter\.ai/i;

interface OtterHeader {
  speaker: string;
  start: number;
  /** Two or more spaces between name and time: Otter's own layout, safe to spot anywhere. */
  wide: boolean;
}

/** `Name  0:03` or `Name 1:02:03`; null for anything else. */
export function readOtterHeader(line: string): OtterHeader | null {
  const trimmed = line.trimEnd();
  const match = TRAILING_TIME.exec(trimmed);
  if (match === null) return null;
  const start = parseClockTime(match[1] ?? "");
  if (start === null) return null;
  let nameEnd = match.index;
  while (nameEnd > 0 && /[ \t]/.test(trimmed.charAt(nameEnd - 1))) nameEnd--;
  const speaker = trimmed.slice(0, nameEnd).trim();
  if (speaker === "" || speaker.length > MAX_NAME_CHARS || speaker.includes(":") || !/\p{L}/u.test(speaker)) {
    return null;
  }
  if (speaker.split(/\s+/).length > MAX_NAME_WORDS) return null;
  return { speaker, start, wide: match.index - nameEnd >= 1 };
}

/** Lines without blank ones, each with whether a blank line (or the file's start) comes before it. */
function contentLines(text: string): { line: string; startsBlock: boolean }[] {
  const out: { line: string; startsBlock: boolean }[] = [];
  let startsBlock = true;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      startsBlock = true;
      continue;
    }
    out.push({ line, startsBlock });
    startsBlock = false;
  }
  return out;
}

/**
 * True for Otter's text export: after an optional title block, a `Name  0:03` header followed by text.
 * The single-space variant (`Name 0:03`) counts only when every paragraph starts with such a header,
 * since prose can end in a time ("see you at 3:30").
 */
export function looksLikeOtter(text: string): boolean {
  const lines = contentLines(text);
  let first = 0;
  while (first < lines.length && isHeaderLine(lines[first]?.line ?? "")) first++;
  const header = readOtterHeader(lines[first]?.line ?? "");
  const next = lines[first + 1];
  if (header === null || next === undefined || readOtterHeader(next.line) !== null) return false;
  if (header.wide) return true;
  return lines.slice(first).every((l) => !l.startsBlock || readOtterHeader(l.line) !== null);
}

/** Otter text export: `Name  0:03` then the paragraph's lines. `text` is normalized. */
export function parseOtter(text: string, file: string): Transcript {
  const lines = contentLines(text);
  const firstHeader = lines.find((l) => !isHeaderLine(l.line));
  const wide = firstHeader !== undefined && readOtterHeader(firstHeader.line)?.wide === true;
  const segments = new SegmentList();
  let date: string | null = null;
  let current: SegmentDraft | undefined;
  for (const { line, startsBlock } of lines) {
    if (current === undefined && isHeaderLine(line)) {
      date ??= dateFromHeaderLine(line);
      continue;
    }
    if (OTTER_FOOTER.test(line)) continue;
    const header = readOtterHeader(line);
    // Without the wide layout, only a paragraph's first line can be a header.
    if (header !== null && (wide ? header.wide : startsBlock)) {
      if (current !== undefined) segments.add(current);
      current = { speaker: header.speaker, text: "", start: header.start, end: null };
    } else if (current === undefined) {
      current = { speaker: null, text: line, start: null, end: null };
    } else {
      current.text += `\n${line}`;
    }
  }
  if (current !== undefined) segments.add(current);
  if (segments.segments.length === 0) throw new TranscriptError(file, null, "no Otter paragraphs with text found");
  return { format: "otter", segments: segments.segments, date, warnings: [] };
}
