import { normalizeInput } from "./input-text.js";
import { isObject } from "./json-fields.js";
import { looksLikeJson } from "./json-input.js";
import { looksLikeOtter } from "./otter.js";
import type { TranscriptFormat } from "./transcript.js";

/** What the content says, plus the parsed JSON so the reader does not parse it twice. */
export interface Sniffed {
  format: TranscriptFormat;
  /** Present when the text is valid JSON. */
  json?: { value: unknown };
}

/** How many lines to look at for a cue timing line: SRT's is line 2, after a title block a little later. */
const TIMING_SCAN_LINES = 60;
// `00:00:01,000 -->`, `0:0:0.0 -->`: a time, then the arrow. Anchored; no nested quantifiers.
const TIMING_LINE = /^\s*\d{1,4}:[\d:.,]*\s*-->/;

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 || dot < fileName.lastIndexOf("/") ? "" : fileName.slice(dot + 1).toLowerCase();
}

/** Which JSON reader fits a parsed document; Whisper's is the fallback and names what it expected. */
function jsonFormatOf(doc: unknown): TranscriptFormat {
  if (Array.isArray(doc)) {
    const first = doc[0];
    if (isObject(first) && ("participant" in first || "startTime" in first)) return "google-meet-json";
    return isObject(first) && "start_ms" in first ? "assemblyai-json" : "whisper-json";
  }
  if (!isObject(doc)) return "whisper-json";
  if (isObject(doc.results)) return "deepgram-json";
  if ("transcriptEntries" in doc) return "google-meet-json";
  if ("utterances" in doc || "audio_url" in doc || "acoustic_model" in doc) return "assemblyai-json";
  return "whisper-json";
}

/** For JSON that does not parse: guess from key names, so the error comes from the right reader. */
function jsonFormatOfText(text: string): TranscriptFormat {
  if (text.includes('"results"')) return "deepgram-json";
  if (text.includes('"transcriptEntries"') || text.includes('"participant"')) return "google-meet-json";
  if (text.includes('"audio_url"') || text.includes('"utterances"') || text.includes('"start_ms"')) {
    return "assemblyai-json";
  }
  return "whisper-json";
}

/** The first cue timing line's decimal separator ("," is SRT's), or null when there is none near the top. */
function timingSeparator(text: string): "," | "." | null {
  let from = 0;
  for (let n = 0; n < TIMING_SCAN_LINES && from <= text.length; n++) {
    const newline = text.indexOf("\n", from);
    const line = text.slice(from, newline < 0 ? text.length : newline);
    if (TIMING_LINE.test(line)) return line.slice(0, line.indexOf("-->")).includes(",") ? "," : ".";
    if (newline < 0) break;
    from = newline + 1;
  }
  return null;
}

/**
 * Detects the format from normalized text. Strong content signs win (JSON, a `WEBVTT` header, a cue
 * timing line, Otter's `Name  0:03` layout). The extension only breaks ties: `.vtt` vs `.srt` for
 * header-less cues with "." decimals, and `.vtt` / `.srt` / `.json` over the plain-lines fallback, so a
 * broken file of that kind gets that reader's precise error.
 */
export function sniffFormat(text: string, fileName: string): Sniffed {
  const extension = extensionOf(fileName);
  if (looksLikeJson(text)) {
    try {
      const value: unknown = JSON.parse(text);
      return { format: jsonFormatOf(value), json: { value } };
    } catch {
      return { format: jsonFormatOfText(text) };
    }
  }
  if (text.trimStart().startsWith("WEBVTT")) return { format: "webvtt" };
  const separator = timingSeparator(text);
  if (separator === ",") return { format: "srt" };
  if (separator === ".") return { format: extension === "srt" ? "srt" : "webvtt" };
  if (looksLikeOtter(text)) return { format: "otter" };
  if (extension === "vtt") return { format: "webvtt" };
  if (extension === "srt") return { format: "srt" };
  if (extension === "json") return { format: jsonFormatOfText(text) };
  return { format: "plain" };
}

/** The transcript format of a file's text (see sniffFormat); throws TranscriptError for empty or binary files. */
export function detectTranscriptFormat(text: string, fileName: string): TranscriptFormat {
  return sniffFormat(normalizeInput(text, fileName), fileName).format;
}
