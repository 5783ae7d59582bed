import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { parseAssemblyAiJson } from "./assemblyai-json.js";
import { parseTranscript } from "./parse-transcript.js";

const read = (path: string) => parseAssemblyAiJson(JSON.parse(readFixture(path)), path);

describe("parseAssemblyAiJson", () => {
  it("reads utterances: speaker A → Speaker A, milliseconds → seconds, no date", () => {
    const { segments, date, format } = read("assemblyai/assemblyai_utterances.json");
    expect(format).toBe("assemblyai-json");
    expect(date).toBeNull();
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ id: "s1", speaker: "Speaker A", start: 0.17, end: 25.14 });
    expect(segments[0]?.text).toMatch(/^Yeah\. As much as it's worth celebrating the first spacewalk/);
  });

  it("groups words when utterances is null, keeping every word", () => {
    const { segments } = read("assemblyai/assemblyai_transcription.json");
    const words = JSON.parse(readFixture("assemblyai/assemblyai_transcription.json")).words as { text: string }[];
    expect(segments.every((s) => s.speaker === "Speaker A")).toBe(true);
    expect(segments[0]?.start).toBe(0.17);
    expect(segments.map((s) => s.text).join(" ")).toBe(words.map((w) => w.text).join(" "));
  });

  it("reads the times of exports that name them start_ms / end_ms, as an object or a bare array", () => {
    const utterances = [
      { speaker: "A", text: "We ship Friday.", start_ms: 1200, end_ms: 2950 },
      { speaker: "B", text: "Agreed.", start_ms: 3100, end_ms: 3600 },
    ];
    const expected = [
      { id: "s1", speaker: "Speaker A", text: "We ship Friday.", start: 1.2, end: 2.95 },
      { id: "s2", speaker: "Speaker B", text: "Agreed.", start: 3.1, end: 3.6 },
    ];
    expect(parseTranscript(JSON.stringify({ utterances }), "export.json")).toMatchObject({
      format: "assemblyai-json",
      segments: expected,
    });
    expect(parseTranscript(JSON.stringify(utterances), "export.json")).toMatchObject({
      format: "assemblyai-json",
      segments: expected,
    });
    const words = [
      { text: "Hello", start_ms: 500, end_ms: 900, speaker: "A" },
      { text: "there.", start_ms: 950, end_ms: 1400, speaker: "A" },
    ];
    expect(parseAssemblyAiJson({ utterances: null, words }, "a.json").segments).toEqual([
      { id: "s1", speaker: "Speaker A", text: "Hello there.", start: 0.5, end: 1.4 },
    ]);
  });

  it("reads the real response with its times renamed start_ms / end_ms to the same segments", () => {
    const doc = JSON.parse(readFixture("assemblyai/assemblyai_utterances.json"));
    const rename = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rename);
      if (typeof value !== "object" || value === null) return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, field]) => [
          key === "start" || key === "end" ? `${key}_ms` : key,
          rename(field),
        ]),
      );
    };
    const original = parseAssemblyAiJson(doc, "a.json").segments;
    expect(original[0]?.start).toBe(0.17);
    expect(parseAssemblyAiJson(rename(doc), "a.json").segments).toEqual(original);
  });

  it("falls back to text, then fails", () => {
    expect(parseAssemblyAiJson({ utterances: null, words: [], text: "Hi." }, "a.json").segments).toEqual([
      { id: "s1", speaker: null, text: "Hi.", start: null, end: null },
    ]);
    expect(() => parseAssemblyAiJson({ utterances: null, text: null }, "a.json")).toThrow(
      "a.json: no segments, utterances or words found",
    );
  });
});
