import { parseAssemblyAiJson } from "./assemblyai-json.js";
import { parseDeepgramJson } from "./deepgram-json.js";
import { sniffFormat } from "./detect-format.js";
import { parseGoogleMeetJson } from "./google-meet-json.js";
import { normalizeInput } from "./input-text.js";
import { parseJsonDocument } from "./json-input.js";
import { parseOtter } from "./otter.js";
import { parsePlainLines } from "./plain-lines.js";
import { parseSrt } from "./srt.js";
import type { Transcript } from "./transcript.js";
import { parseWebVtt } from "./webvtt.js";
import { parseWhisperJson } from "./whisper-json.js";

export { detectTranscriptFormat } from "./detect-format.js";
export { type JoinTurnsOptions, joinTurns, segmentsForExtraction } from "./join-turns.js";
export { rolesHeard } from "./roles-heard.js";
export { describeTranscriptWarning } from "./transcript.js";

/**
 * Reads a transcript file's text (the caller reads the file) in any supported format, detected from the
 * content. Segments come as the source gives them (not joined into turns: see joinTurns), except for
 * word-level JSON, which is grouped into utterances. Throws only TranscriptError, naming file and line.
 */
export function parseTranscript(text: string, fileName: string): Transcript {
  const normalized = normalizeInput(text, fileName);
  const sniffed = sniffFormat(normalized, fileName);
  const json = (): unknown =>
    sniffed.json === undefined ? parseJsonDocument(normalized, fileName) : sniffed.json.value;
  switch (sniffed.format) {
    case "webvtt":
      return parseWebVtt(normalized, fileName);
    case "srt":
      return parseSrt(normalized, fileName);
    case "plain":
      return parsePlainLines(normalized, fileName);
    case "otter":
      return parseOtter(normalized, fileName);
    case "whisper-json":
      return parseWhisperJson(json(), fileName);
    case "deepgram-json":
      return parseDeepgramJson(json(), fileName);
    case "assemblyai-json":
      return parseAssemblyAiJson(json(), fileName);
    case "google-meet-json":
      return parseGoogleMeetJson(json(), fileName);
  }
}
