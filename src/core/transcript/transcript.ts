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
}
