import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { parseSrt } from "./srt.js";
import { parseWebVtt } from "./webvtt.js";

const read = (path: string) => parseSrt(readFixture(path), path);

describe("parseSrt", () => {
  it("reads the AMI meeting as SRT, the same segments as its Zoom-layout VTT", () => {
    const srt = read("ami_format_emulated/ES2002a.srt");
    expect(srt.segments).toHaveLength(434);
    expect(srt.segments[0]).toEqual({ id: "1", speaker: "Project Manager", text: "Okay", start: 50.42, end: 50.99 });
    const vtt = parseWebVtt(readFixture("ami_format_emulated/ES2002a.zoom_style.vtt"), "x.vtt");
    expect(srt.segments).toEqual(vtt.segments);
  });

  it("reads comma decimals and cues without speakers", () => {
    const { segments, format } = read("captions_generated/deepgram_captions_readme_example_2.srt");
    expect(format).toBe("srt");
    expect(segments).toHaveLength(8);
    expect(segments[1]).toEqual({
      id: "2",
      speaker: null,
      text: "the first, spacewalk, with an all female team,",
      start: 4.4,
      end: 7.859,
    });
  });

  it("reads a [speaker 0] line above the text", () => {
    const { segments } = read("captions_generated/deepgram_captions_readme_example_4.srt");
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ["speaker 0", "Yeah. As as much as, it's worth celebrating,"],
      ["speaker 1", "the first, spacewalk, with an all female team,"],
      ["speaker 0", "I think many of us are looking forward to it"],
    ]);
  });

  it("reads Name:, [Name] and <v Name> speakers; [Music] stays text; <i> is dropped", () => {
    const { segments } = read("docket/speakers.srt");
    expect(segments.map((s) => [s.id, s.speaker, s.text])).toEqual([
      ["1", "Rosa Diaz", "Shall we start?"],
      ["2", "Sam O'Neil", "Yes, the deck is ready."],
      ["3", null, "[Music]"],
      ["4", "Priya Nair", "Numbers first, please."],
      ["5", null, "and then the roadmap."],
    ]);
  });

  it("skips a cue that ends before it starts and keeps the others", () => {
    const text =
      "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n3\n00:00:09,000 --> 00:00:05,000\nbye\n4\n00:00:10,000 --> 00:00:11,000\nyes";
    const { segments, warnings } = parseSrt(text, "m.srt");
    expect(segments.map((s) => s.text)).toEqual(["hi", "yes"]);
    expect(warnings).toEqual([{ line: 6, problem: "cue 3 ends before it starts" }]);
  });

  it("copes with a missing blank line and a literal --> in the text", () => {
    const text = "1\n00:00:01,000 --> 00:00:02,000\nA --> B\n2\n00:00:03,000 --> 00:00:04,000\nnext";
    expect(parseSrt(text, "x.srt").segments).toEqual([
      { id: "1", speaker: null, text: "A --> B", start: 1, end: 2 },
      { id: "2", speaker: null, text: "next", start: 3, end: 4 },
    ]);
  });

  it.each([
    ["3\n00:00:09,000 --> 00:00:05,000\nbye", "meeting.srt:2: cue 3 ends before it starts"],
    ["1\n00:00:01,000 --> 00:00:0x,000\nhi", 'meeting.srt:2: timestamp "00:00:0x,000" is not a valid time'],
    ["just some words", "meeting.srt: no SRT cues found"],
  ])("%j → %s", (text, message) => {
    expect(() => parseSrt(text, "meeting.srt")).toThrow(message);
  });
});
