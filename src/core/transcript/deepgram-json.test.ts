import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { parseDeepgramJson } from "./deepgram-json.js";

const read = (path: string) => parseDeepgramJson(JSON.parse(readFixture(path)), path);

describe("parseDeepgramJson", () => {
  it("reads diarized utterances as Speaker N, with Deepgram's ids and metadata.created as the date", () => {
    const { segments, date, format } = read("deepgram/dg_speakers.json");
    expect(format).toBe("deepgram-json");
    expect(date).toBe("2023-11-02");
    expect(segments).toHaveLength(22);
    expect(segments[1]).toEqual({
      id: "32aec458-1f8d-4a5d-92e6-122bd0b6f872",
      speaker: "Speaker 0",
      text: "Jessica, Christina, we are so proud of you.",
      start: 4.64,
      end: 7.585,
    });
    expect(new Set(segments.map((s) => s.speaker))).toEqual(new Set(["Speaker 0", "Speaker 1", "Speaker 2"]));
    // Float noise like 17.279999 is rounded to the millisecond.
    expect(segments[3]?.end).toBe(17.28);
  });

  it("groups diarized words into utterances when there are none", () => {
    const { segments } = read("deepgram/dg_speakers_no_utterances.json");
    expect(segments).toHaveLength(22);
    expect(segments[0]).toEqual({ id: "s1", speaker: "Speaker 0", text: "And,", start: 3.04, end: 3.54 });
    // Speakers follow the words' own labels: Deepgram's utterance gave these words to Speaker 2.
    expect(segments.slice(10, 12).map((s) => [s.speaker, s.text, s.start, s.end])).toEqual([
      ["Speaker 2", "Final steps before they begin the space walk.", 64.3, 65.98],
      ["Speaker 1", "Copy. Check display switch functional.", 65.98, 68.08],
    ]);
    // Every word is kept, in order.
    const words = JSON.parse(readFixture("deepgram/dg_speakers_no_utterances.json")).results.channels[0].alternatives[0]
      .words as { punctuated_word: string }[];
    expect(segments.map((s) => s.text).join(" ")).toBe(words.map((w) => w.punctuated_word).join(" "));
  });

  it("groups undiarized words exactly as Deepgram did for the same request", () => {
    const grouped = read("deepgram/dg_transcription.json").segments;
    const deepgrams = read("deepgram/dg_utterances.json").segments;
    expect(deepgrams).toHaveLength(6);
    expect(grouped.map(({ speaker, text, start, end }) => ({ speaker, text, start, end }))).toEqual(
      deepgrams.map(({ speaker, text, start, end }) => ({ speaker, text, start, end })),
    );
  });

  it("reads Deepgram-hosted Whisper (words without punctuated_word)", () => {
    const { segments, date } = read("whisper/dg_whisper_transcription.json");
    expect(date).toBe("2023-11-14");
    expect(segments[0]).toMatchObject({ speaker: null, text: "yeah as much as it's worth celebrating", start: 0.06 });
  });

  it("falls back to the transcript, and labels channels of multichannel audio", () => {
    const onlyTranscript = { results: { channels: [{ alternatives: [{ transcript: "Hello there." }] }] } };
    expect(parseDeepgramJson(onlyTranscript, "dg.json").segments).toEqual([
      { id: "s1", speaker: null, text: "Hello there.", start: null, end: null },
    ]);
    const word = (w: string, start: number) => ({ word: w, start, end: start + 0.3 });
    const twoChannels = {
      results: {
        channels: [
          { alternatives: [{ words: [word("hi", 0), word("bye", 5)] }] },
          { alternatives: [{ words: [word("hello", 1)] }] },
        ],
      },
    };
    expect(parseDeepgramJson(twoChannels, "dg.json").segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Channel 0", "hi"],
      ["Channel 1", "hello"],
      ["Channel 0", "bye"],
    ]);
  });

  it("fails on a response with nothing in it", () => {
    expect(() => parseDeepgramJson({ metadata: {}, results: { channels: [] } }, "dg.json")).toThrow(
      "dg.json: no segments, utterances or words found (is this a Deepgram/AssemblyAI/Whisper response?)",
    );
  });
});
