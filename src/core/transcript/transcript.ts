import type { Segment } from "../segment.js";

export const TRANSCRIPT_FORMATS = [
  "webvtt",
  "srt",
  "plain", // "Name: text" lines
  "otter", // "Name  0:03" then the text
  "whisper-json", // Whisper / OpenAI verbose_json and diarized_json: segments[]
  "deepgram-json", // utterances[], or words[] with speaker
  "assemblyai-json", // utterances[]
  "google-meet-json", // Meet REST API transcript entries: {participant, text, startTime, endTime}
] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export interface Transcript {
  format: TranscriptFormat;
  segments: Segment[];
  /** The meeting date (YYYY-MM-DD) when the file states one (Teams metadata, Deepgram `created`, a header). */
  date: string | null;
  /** Parts of the file left out because they could not be read (a cue with a bad timing line), with their lines. */
  warnings: TranscriptWarning[];
}

/** A part of a transcript file that was skipped while the rest was read. */
export interface TranscriptWarning {
  /** 1-based line in the file. */
  line: number;
  problem: string;
}

/** `call.vtt:12: cue skipped: timestamp "00:00:60.000" is not a valid time`, for the CLI and the upload result. */
export function describeTranscriptWarning(file: string, warning: TranscriptWarning): string {
  return `${file}:${warning.line}: cue skipped: ${warning.problem}`;
}
