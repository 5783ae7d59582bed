import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { TranscriptError } from "../errors.js";
import { detectTranscriptFormat, parseTranscript } from "./parse-transcript.js";
import { describeTranscriptWarning, type Transcript } from "./transcript.js";

const FIXTURES = [
  "zoom/GMT20240124-202901_Recording.transcript.vtt",
  "zoom/GMT20240124-202901_Recording.cc.vtt",
  "zoom/GMT20240124-202901_RecordingnewChat.txt",
  "ami_format_emulated/ES2002a.teams_style.vtt",
  "ami_format_emulated/ES2002a.zoom_style.vtt",
  "ami_format_emulated/ES2002a.srt",
  "ami_plain/ES2002a.transcript.txt",
  "captions_generated/deepgram_captions_readme_example_1.vtt",
  "captions_generated/deepgram_captions_readme_example_2.srt",
  "captions_generated/deepgram_captions_readme_example_3.vtt",
  "captions_generated/deepgram_captions_readme_example_4.srt",
  "deepgram/dg_speakers.json",
  "deepgram/dg_speakers_no_utterances.json",
  "deepgram/dg_transcription.json",
  "deepgram/dg_utterances.json",
  "assemblyai/assemblyai_transcription.json",
  "assemblyai/assemblyai_utterances.json",
  "whisper/whisper_timestamped.json",
  "whisper/dg_whisper_transcription.json",
  "whisper/openai_api_docs_diarized_json_example.json",
  "whisper/openai_api_docs_verbose_json_example.txt",
  "docket/teams_unpadded.vtt",
  "docket/teams_metadata.vtt",
  "docket/edge_cases.vtt",
  "docket/speakers.srt",
  "docket/plain_with_header.txt",
  "docket/plain_timestamped.txt",
  "docket/otter_export.txt",
  "docket/otter_single_space.txt",
  "docket/google_meet_entries.json",
];
const TEXTS = new Map(FIXTURES.map((path) => [path, readFixture(path)]));
const textOf = (path: string): string => TEXTS.get(path) ?? "";

/** What every transcript promises, whatever the input. */
function expectWellFormed(transcript: Transcript): void {
  expect(transcript.segments.length).toBeGreaterThan(0);
  const ids = transcript.segments.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const s of transcript.segments) {
    expect(s.id).not.toBe("");
    expect(s.text).not.toBe("");
    expect(s.text).toBe(s.text.replace(/\s+/g, " ").trim());
    if (s.speaker !== null) expect(s.speaker).toBe(s.speaker.replace(/\s+/g, " ").trim());
    for (const time of [s.start, s.end]) if (time !== null) expect(Number.isFinite(time)).toBe(true);
  }
  if (transcript.date !== null) expect(transcript.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

/** Parses, and proves the only failure is a TranscriptError. */
function parseOrTranscriptError(text: string, fileName: string): Transcript | TranscriptError {
  try {
    const transcript = parseTranscript(text, fileName);
    expectWellFormed(transcript);
    return transcript;
  } catch (error) {
    if (error instanceof TranscriptError) return error;
    throw error;
  }
}

function errorOf(text: string, fileName: string): string {
  const result = parseOrTranscriptError(text, fileName);
  if (result instanceof TranscriptError) return result.message;
  throw new Error(`expected a TranscriptError, got ${result.segments.length} segments`);
}

describe("parseTranscript", () => {
  it.each(FIXTURES.filter((path) => !path.endsWith("verbose_json_example.txt")))("reads %s", (path) => {
    const transcript = parseTranscript(textOf(path), path);
    expectWellFormed(transcript);
    expect(transcript.format).toBe(detectTranscriptFormat(textOf(path), path));
    expect(transcript.warnings).toEqual([]);
  });

  it("reads all three AMI renderings and the plain transcript as the same speech", () => {
    const pairs = (path: string) => parseTranscript(textOf(path), path).segments.map((s) => [s.speaker, s.text]);
    const plain = pairs("ami_plain/ES2002a.transcript.txt");
    expect(pairs("ami_format_emulated/ES2002a.teams_style.vtt")).toEqual(plain);
    expect(pairs("ami_format_emulated/ES2002a.zoom_style.vtt")).toEqual(plain);
    expect(pairs("ami_format_emulated/ES2002a.srt")).toEqual(plain);
  });

  it("strips a BOM and accepts CRLF, with the same result", () => {
    const path = "zoom/GMT20240124-202901_Recording.transcript.vtt";
    const crlf = `\uFEFF${textOf(path).replaceAll("\n", "\r\n")}`;
    expect(parseTranscript(crlf, path)).toEqual(parseTranscript(textOf(path), path));
    const json = "deepgram/dg_speakers.json";
    expect(parseTranscript(`\uFEFF${textOf(json).replaceAll("\n", "\r\n")}`, json)).toEqual(
      parseTranscript(textOf(json), json),
    );
  });

  it("does not join turns, except word-level JSON into utterances", () => {
    expect(parseTranscript(textOf("ami_plain/ES2002a.transcript.txt"), "a.txt").segments.slice(0, 2)).toMatchObject([
      { speaker: "Project Manager", text: "Okay" },
      { speaker: "Project Manager", text: "Right" },
    ]);
  });
});

describe("parseTranscript errors", () => {
  const cases: [text: string, fileName: string, message: string][] = [
    ["", "x.vtt", "x.vtt: the file is empty"],
    ["\uFEFF \r\n\n", "x.txt", "x.txt: the file is empty"],
    ["\u0000\u0001\u0002ID3\u0004", "audio.mp3", "audio.mp3: this looks like a binary file, not a transcript"],
    ["\uFFFD\uFFFD\u0007".repeat(20), "notes.docx", "notes.docx: this looks like a binary file, not a transcript"],
    [
      textOf("whisper/openai_api_docs_verbose_json_example.txt"),
      "verbose.txt",
      'verbose.txt:21: not valid JSON: Unexpected token "." (column 5)',
    ],
    [
      '{\r\n  "segments": [\r\n    {"text": "hi",}\r\n  ]\r\n}',
      "x.json",
      "x.json:3: not valid JSON: Expected double-quoted property name (column 19)",
    ],
    ['{"results": {"utterances": [', "dg.json", "dg.json:1: not valid JSON: Unexpected end of JSON input (column 29)"],
    [
      '{"task": "transcribe", "segments": []}',
      "x.json",
      "x.json: no segments, utterances or words found (is this a Deepgram/AssemblyAI/Whisper response?)",
    ],
    [
      "[]",
      "x.json",
      "x.json: no segments, utterances or words found (is this a Deepgram/AssemblyAI/Whisper response?)",
    ],
    ["Rosa: hi", "x.json", 'x.json:1: not valid JSON: Unexpected token "R" (column 1)'],
    ["WEBVTT\n\nNOTE only a note\n", "x.vtt", "x.vtt: no WebVTT cues found"],
    [
      "WEBVTT\n\n1\n00:00:00.000 --> 00:00:60.000\nHi",
      "x.vtt",
      'x.vtt:4: timestamp "00:00:60.000" is not a valid time',
    ],
    ["1\n00:00:09,000 --> 00:00:05,000\nbye\n", "m.srt", "m.srt:2: cue 1 ends before it starts"],
    ["Title: Weekly sync\nDate: 2025-03-17\n", "notes.txt", "notes.txt: no transcript lines found"],
  ];
  it.each(cases.map(([text, fileName, message]) => ({ text, fileName, message })))(
    "$message",
    ({ text, fileName, message }) => {
      expect(errorOf(text, fileName)).toBe(message);
    },
  );

  it("names the file and line in the error's fields too", () => {
    const result = parseOrTranscriptError("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nHi", "m.vtt");
    expect(result).toBeInstanceOf(TranscriptError);
    expect(result).toMatchObject({ file: "m.vtt", line: 3, problem: "cue 1 ends before it starts", code: "bad_input" });
  });
});

describe("parseTranscript skips a cue it cannot read and keeps the rest", () => {
  const zoom = textOf("zoom/GMT20240124-202901_Recording.transcript.vtt");
  const zoomCues = parseTranscript(zoom, "zoom.vtt").segments.length;
  // [file text, name, cues kept, the warning]: each the file with one cue broken as files in the wild break it.
  const cases: [text: string, fileName: string, kept: number, warning: string][] = [
    [
      zoom.replace("00:00:43.500 --> 00:00:51.110", "00:00:43.500 --> 00:00:60.000"),
      "zoom.vtt",
      zoomCues - 1,
      'zoom.vtt:36: cue skipped: timestamp "00:00:60.000" is not a valid time',
    ],
    [
      zoom.replace("00:00:43.500 --> 00:00:51.110", "00:00:43.500 --> 00:00:5l.110"),
      "zoom.vtt",
      zoomCues - 1,
      'zoom.vtt:36: cue skipped: timestamp "00:00:5l.110" is not a valid time',
    ],
    [
      zoom.slice(0, zoom.indexOf("00:00:05.140") + 7),
      "zoom.vtt",
      2,
      'zoom.vtt:12: cue skipped: cue timing "00:00:0" is incomplete (expected "start --> end")',
    ],
    [
      zoom.slice(0, zoom.indexOf("00:00:05.140") + 17),
      "zoom.vtt",
      2,
      'zoom.vtt:12: cue skipped: cue timing "00:00:05.140 -->" is incomplete (no end time)',
    ],
    [
      zoom.slice(0, zoom.indexOf("00:00:05.140") + 20),
      "zoom.vtt",
      2,
      'zoom.vtt:12: cue skipped: timestamp "00:" is not a valid time',
    ],
    [
      zoom.slice(0, zoom.indexOf("00:00:05.140") - 1),
      "zoom.vtt",
      2,
      "zoom.vtt:11: cue skipped: cue 3 has no timing line (is the file cut off?)",
    ],
    [
      "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:03,000 --> 00:00:04,000\nho\n\n3\n00:00:09,000 --> 00:00:05,000\nbye\n",
      "meeting.srt",
      2,
      "meeting.srt:10: cue skipped: cue 3 ends before it starts",
    ],
  ];
  it.each(cases.map(([text, fileName, kept, warning]) => ({ text, fileName, kept, warning })))(
    "$warning",
    ({ text, fileName, kept, warning }) => {
      const transcript = parseTranscript(text, fileName);
      expectWellFormed(transcript);
      expect(transcript.segments).toHaveLength(kept);
      expect(transcript.warnings.map((w) => describeTranscriptWarning(fileName, w))).toEqual([warning]);
    },
  );

  it("drops the skipped cue's text, even the part after a blank line, and keeps its neighbours whole", () => {
    const text = [
      "WEBVTT",
      "",
      "1",
      "00:00:01.000 --> 00:00:02.000",
      "Rosa: We ship on Friday.",
      "",
      "2",
      "00:00:03.000 --> 00:00:60.000",
      "Sam: lost line",
      "",
      "lost after a blank line",
      "",
      "3",
      "00:00:05.000 --> 00:00:06.000",
      "Sam: Agreed.",
    ].join("\n");
    const transcript = parseTranscript(text, "call.vtt");
    expect(transcript.segments).toEqual([
      { id: "1", speaker: "Rosa", text: "We ship on Friday.", start: 1, end: 2 },
      { id: "3", speaker: "Sam", text: "Agreed.", start: 5, end: 6 },
    ]);
    expect(transcript.warnings).toEqual([{ line: 8, problem: 'timestamp "00:00:60.000" is not a valid time' }]);
  });

  it("says nothing for a file with no bad cue", () => {
    expect(parseTranscript(zoom, "zoom.vtt").warnings).toEqual([]);
  });
});

describe("parseTranscript reads a NUL as U+FFFD", () => {
  it("in WebVTT, as the WebVTT parsing rules say, instead of calling the file binary", () => {
    const transcript = parseTranscript("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nRosa: a\u0000b\n", "x.vtt");
    expect(transcript.segments).toEqual([{ id: "s1", speaker: "Rosa", text: "a\uFFFDb", start: 1, end: 2 }]);
    expect(parseTranscript("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\u0000\u0000 hi\n", "x.vtt").segments).toEqual([
      { id: "s1", speaker: null, text: "\uFFFD\uFFFD hi", start: 1, end: 2 },
    ]);
  });

  it("in other text formats when it is a stray byte in text; a NUL in the first bytes still means binary", () => {
    const srt = "1\n00:00:01,000 --> 00:00:02,000\nRosa: we ship\u0000 Friday\n";
    expect(parseTranscript(srt, "x.srt").segments[0]?.text).toBe("we ship\uFFFD Friday");
    expect(parseTranscript("Rosa: hello there, this is fine\nSam: ok\u0000\n", "x.txt").segments).toHaveLength(2);
    expect(errorOf("R\u0000o\u0000s\u0000a\u0000:\u0000 \u0000h\u0000i\u0000", "utf16.txt")).toBe(
      "utf16.txt: this looks like a binary file, not a transcript",
    );
  });
});

describe("parseTranscript never throws anything but TranscriptError", () => {
  const fileName = fc.constantFrom("m.vtt", "m.srt", "m.txt", "m.json", "transcript", "x.VTT");

  it("on random text", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({
        unit: fc.constantFrom(
          "WEBVTT",
          "\n",
          "-->",
          " ",
          "0",
          ":",
          ".",
          ",",
          "<v ",
          ">",
          "</v>",
          "NOTE",
          "A",
          "[",
          "]",
          "{",
          "}",
          '"',
          "&amp;",
        ),
        maxLength: 60,
      }),
      fc.json(),
    );
    fc.assert(
      fc.property(text, fileName, (t, name) => {
        parseOrTranscriptError(t, name);
      }),
      { numRuns: 3000 },
    );
  });

  it("on truncated and mutated real files", () => {
    const mutation = fc.record({
      path: fc.constantFrom(...FIXTURES),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.constant(""),
        fc.string({ maxLength: 8 }),
        fc.constantFrom("\n", "\n\n", "-->", ":", "x", "{", '"', "<v A>", "0:0"),
      ),
      truncate: fc.boolean(),
      ownName: fc.boolean(),
    });
    fc.assert(
      fc.property(mutation, fileName, ({ path, at, length, insert, truncate, ownName }, name) => {
        const text = textOf(path);
        const cut = Math.floor(at * text.length);
        const mutated = truncate ? text.slice(0, cut) : text.slice(0, cut) + insert + text.slice(cut + length);
        parseOrTranscriptError(mutated, ownName ? path : name);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("parseTranscript speed", () => {
  /** A 60-minute Teams-style meeting: 1,500 cues of about a sentence each. */
  function longVtt(): string {
    const lines = ["WEBVTT", ""];
    const clock = (s: number) => new Date(s * 1000).toISOString().slice(11, 23);
    for (let i = 0; i < 1500; i++) {
      lines.push(`5d3f2c1a-8b7e-4f0a-9c6d-2e1b0a9f8e7d/${i}-0`, `${clock(i * 2.4)} --> ${clock(i * 2.4 + 2.3)}`);
      lines.push(
        `<v Speaker ${i % 5}>We should ship the &amp; billing change on Friday, item ${i}, then review.</v>`,
        "",
      );
    }
    return lines.join("\n");
  }

  it("reads a 1,500-cue transcript in a few milliseconds", () => {
    const vtt = longVtt();
    const plain = parseTranscript(vtt, "long.vtt")
      .segments.map((s) => `${s.speaker}: ${s.text}`)
      .join("\n");
    const timeOf = (run: () => unknown): number => {
      const runs: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        run();
        runs.push(performance.now() - start);
      }
      return runs.sort((a, b) => a - b)[3] ?? Number.POSITIVE_INFINITY;
    };
    expect(parseTranscript(vtt, "long.vtt").segments).toHaveLength(1500);
    // Typically 2–4 ms here; the bound leaves room for a busy CI machine.
    expect(timeOf(() => parseTranscript(vtt, "long.vtt"))).toBeLessThan(40);
    expect(timeOf(() => parseTranscript(plain, "long.txt"))).toBeLessThan(40);
  });
});
