import { TranscriptError } from "../errors.js";

/** The error for valid JSON in which no reader finds speech. */
export function noSpeechInJson(file: string): TranscriptError {
  return new TranscriptError(
    file,
    null,
    "no segments, utterances or words found (is this a Deepgram/AssemblyAI/Whisper response?)",
  );
}
