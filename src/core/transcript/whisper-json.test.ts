import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { parseWhisperJson } from "./whisper-json.js";

const read = (path: string) => parseWhisperJson(JSON.parse(readFixture(path)), path);

describe("parseWhisperJson", () => {
  it("reads OpenAI diarized_json: segment ids, named and lettered speakers", () => {
    const { segments, format } = read("whisper/openai_api_docs_diarized_json_example.json");
    expect(format).toBe("whisper-json");
    expect(segments).toEqual([
      { id: "seg_001", speaker: "agent", text: "Thanks for calling OpenAI support.", start: 0, end: 4.7 },
      { id: "seg_002", speaker: "Speaker A", text: "Hi, I'm trying to enable diarization.", start: 4.7, end: 11.8 },
      { id: "seg_003", speaker: "agent", text: "Happy to walk you through the steps.", start: 12.1, end: 18.5 },
    ]);
  });

  it("reads whisper-timestamped segments (and ignores their words)", () => {
    const { segments } = read("whisper/whisper_timestamped.json");
    expect(segments).toHaveLength(4);
    expect(segments[0]).toEqual({
      id: "s1",
      speaker: null,
      text: "Yeah, as much as it's worth celebrating the first spacewalk with an all-female team,",
      start: 0.12,
      end: 7.62,
    });
  });

  it("reads verbose_json numeric ids, a bare segments array, top-level words, and text alone", () => {
    const verbose = { segments: [{ id: 0, start: 0, end: 3.319999933242798, text: " The beach." }] };
    expect(parseWhisperJson(verbose, "v.json").segments).toEqual([
      { id: "0", speaker: null, text: "The beach.", start: 0, end: 3.32 },
    ]);
    expect(parseWhisperJson([{ start: 1, end: 2, text: "hi", speaker: "SPEAKER_00" }], "x.json").segments).toEqual([
      { id: "s1", speaker: "SPEAKER_00", text: "hi", start: 1, end: 2 },
    ]);
    const words = {
      words: [
        { word: "one", start: 0, end: 0.4 },
        { word: "two", start: 0.5, end: 0.8 },
        { word: "three", start: 3, end: 3.5 },
      ],
    };
    expect(parseWhisperJson(words, "w.json").segments.map((s) => [s.text, s.start, s.end])).toEqual([
      ["one two", 0, 0.8],
      ["three", 3, 3.5],
    ]);
    expect(parseWhisperJson({ text: " Just text. " }, "t.json").segments[0]?.text).toBe("Just text.");
  });

  it("fails on JSON with no speech", () => {
    expect(() => parseWhisperJson({ task: "transcribe", segments: [] }, "x.json")).toThrow(
      "x.json: no segments, utterances or words found (is this a Deepgram/AssemblyAI/Whisper response?)",
    );
  });
});
