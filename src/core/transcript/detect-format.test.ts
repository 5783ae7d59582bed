import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { detectTranscriptFormat } from "./detect-format.js";

describe("detectTranscriptFormat", () => {
  it.each([
    ["zoom/GMT20240124-202901_Recording.transcript.vtt", "webvtt"],
    ["zoom/GMT20240124-202901_Recording.cc.vtt", "webvtt"],
    ["zoom/GMT20240124-202901_RecordingnewChat.txt", "plain"],
    ["ami_format_emulated/ES2002a.teams_style.vtt", "webvtt"],
    ["ami_format_emulated/ES2002a.srt", "srt"],
    ["ami_plain/ES2002a.transcript.txt", "plain"],
    ["captions_generated/deepgram_captions_readme_example_2.srt", "srt"],
    ["deepgram/dg_speakers.json", "deepgram-json"],
    ["whisper/dg_whisper_transcription.json", "deepgram-json"],
    ["assemblyai/assemblyai_transcription.json", "assemblyai-json"],
    ["whisper/whisper_timestamped.json", "whisper-json"],
    ["whisper/openai_api_docs_diarized_json_example.json", "whisper-json"],
    ["whisper/openai_api_docs_verbose_json_example.txt", "whisper-json"], // invalid JSON, still JSON
    ["docket/teams_metadata.vtt", "webvtt"],
    ["docket/otter_export.txt", "otter"],
    ["docket/otter_single_space.txt", "otter"],
    ["docket/plain_timestamped.txt", "plain"],
    ["docket/google_meet_entries.json", "google-meet-json"],
  ])("%s → %s", (path, format) => {
    expect(detectTranscriptFormat(readFixture(path), path)).toBe(format);
  });

  it("goes by content, not by a misleading name", () => {
    const vtt = readFixture("zoom/GMT20240124-202901_Recording.transcript.vtt");
    expect(detectTranscriptFormat(vtt, "meeting.txt")).toBe("webvtt");
    expect(detectTranscriptFormat(readFixture("ami_format_emulated/ES2002a.srt"), "x.vtt")).toBe("srt");
    expect(detectTranscriptFormat('{"segments": []}', "notes.txt")).toBe("whisper-json");
  });

  it("uses the extension to break ties", () => {
    const headerless = "1\n00:00:01.000 --> 00:00:02.000\nhi\n";
    expect(detectTranscriptFormat(headerless, "a.vtt")).toBe("webvtt");
    expect(detectTranscriptFormat(headerless, "a.srt")).toBe("srt");
    expect(detectTranscriptFormat(headerless, "a.txt")).toBe("webvtt");
    expect(detectTranscriptFormat(headerless.replaceAll(".", ","), "a.txt")).toBe("srt");
    // No strong sign in the content: a .vtt / .srt name picks that reader (which then reports what is wrong).
    expect(detectTranscriptFormat("just words", "a.vtt")).toBe("webvtt");
    expect(detectTranscriptFormat("just words", "a.srt")).toBe("srt");
    expect(detectTranscriptFormat("just words", "a.json")).toBe("whisper-json");
    expect(detectTranscriptFormat("just words", "a.txt")).toBe("plain");
  });

  it("reads `[00:01:02] Name:` as plain text, not as a JSON array", () => {
    expect(detectTranscriptFormat("[00:01:02] Rosa: hi", "x")).toBe("plain");
    expect(detectTranscriptFormat('[{"participant": "p/1", "text": "hi"}]', "x")).toBe("google-meet-json");
    expect(detectTranscriptFormat('[{"start": 0, "end": 1, "text": "hi"}]', "x")).toBe("whisper-json");
  });
});
