import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { TranscriptError } from "../errors.js";
import { parseWebVtt } from "./webvtt.js";

const read = (path: string) => parseWebVtt(readFixture(path), path);

describe("parseWebVtt on real files", () => {
  it("reads the Zoom transcript: numbered cues with `Name: text`", () => {
    const { segments, date } = read("zoom/GMT20240124-202901_Recording.transcript.vtt");
    expect(segments).toHaveLength(102);
    expect(segments[0]).toEqual({ id: "1", speaker: "Srijani Ghosh", text: "Hi!", start: 0.05, end: 1.79 });
    expect(segments[7]).toMatchObject({ id: "8", speaker: "Dr. Melissa Ko", start: 32.52, end: 43.089 });
    expect(segments.at(-1)).toMatchObject({ id: "102", speaker: "Conor Healy", start: 728.76, end: 735.62 });
    expect(new Set(segments.map((s) => s.speaker))).toEqual(
      new Set(["Srijani Ghosh", "Conor Healy", "Dr. Melissa Ko", "Ryan Sloan", "Shreeharsh Kelkar", null]),
    );
    // Zoom left one cue without a name: it stays unattributed rather than borrowing a neighbour's.
    expect(segments.filter((s) => s.speaker === null)).toEqual([
      { id: "48", speaker: null, text: "Hmm.", start: 307.3, end: 307.98 },
    ]);
    expect(date).toBeNull();
  });

  it("reads Zoom closed captions: no ids, no speakers", () => {
    const { segments } = read("zoom/GMT20240124-202901_Recording.cc.vtt");
    expect(segments).toHaveLength(100);
    expect(segments[0]).toEqual({ id: "s1", speaker: null, text: "This doesn't.", start: 68, end: 69 });
    expect(segments.every((s) => s.speaker === null)).toBe(true);
    expect(segments[99]?.id).toBe("s100");
  });

  it("reads the Teams-layout AMI meeting: GUID cue ids and closed <v> tags", () => {
    const { segments } = read("ami_format_emulated/ES2002a.teams_style.vtt");
    expect(segments).toHaveLength(434);
    expect(segments[2]).toEqual({
      id: "00000000-0000-4000-8000-0000000a2002/2-0",
      speaker: "Project Manager",
      text: "Um well this is the kick-off meeting for our our project.",
      start: 55.98,
      end: 60.35,
    });
    expect(segments.at(-1)).toMatchObject({ speaker: "Industrial Designer", text: "Cool." });
  });

  it("takes the date from Deepgram's caption NOTE block and skips the NOTE text", () => {
    const { segments, date } = read("captions_generated/deepgram_captions_readme_example_1.vtt");
    expect(date).toBe("2023-10-27");
    expect(segments).toHaveLength(10);
    expect(segments[0]).toMatchObject({ speaker: null, text: "Yeah. As as much as, it's worth celebrating," });
    expect(segments.some((s) => s.text.includes("Request Id"))).toBe(false);
  });

  it("reads <v Speaker 0> voice tags that are never closed", () => {
    const { segments } = read("captions_generated/deepgram_captions_readme_example_3.vtt");
    expect(segments.map((s) => s.speaker)).toEqual(["Speaker 0", "Speaker 1", "Speaker 0"]);
    expect(segments[1]).toMatchObject({ text: "the first, spacewalk, with an all female team,", start: 4.4, end: 8.2 });
  });
});

describe("parseWebVtt on Docket's layout fixtures", () => {
  it("reads Teams' unpadded timestamps, classes, entities and several voices per cue", () => {
    const { segments } = read("docket/teams_unpadded.vtt");
    expect(segments.map((s) => [s.speaker, s.text, s.start, s.end])).toEqual([
      ["Rosa Diaz", "Morning all, let's start with the launch checklist.", 0, 5.32],
      ["Sam O'Neil", "The Q&A doc is done, but legal still has to sign off.", 5.32, 9.87],
      ["Rosa Diaz", "Okay.", 10.1, 12.4],
      ["Sam O'Neil", "I will chase them today.", 10.1, 12.4],
      ["Priya Nair", "Can we ship on the 24th <if> legal agrees?", 62.5, 64],
    ]);
    // Two voices in one cue share its id, made unique.
    expect(segments[2]?.id).toBe("5d3f2c1a-8b7e-4f0a-9c6d-2e1b0a9f8e7d/14-0");
    expect(segments[3]?.id).toBe("5d3f2c1a-8b7e-4f0a-9c6d-2e1b0a9f8e7d/14-0#2");
  });

  it("reads Teams metadataContent JSON cues and the date of startDateTime", () => {
    const { segments, date } = read("docket/teams_metadata.vtt");
    expect(date).toBe("2025-03-17");
    expect(segments).toEqual([
      { id: "s1", speaker: "Rosa Diaz", text: "Let's begin.", start: 16.246, end: 17.726 },
      { id: "s2", speaker: "Sam O'Neil", text: "The budget review moved to Friday.", start: 18.1, end: 21.9 },
    ]);
  });

  it("handles header text, NOTE/STYLE/REGION, settings, inline tags, empty cues and a missing blank line", () => {
    const { segments, date } = read("docket/edge_cases.vtt");
    expect(date).toBe("2025-03-17");
    expect(segments).toEqual([
      { id: "intro", speaker: null, text: 'Welcome everyone, this is "Docket" & friends.', start: 1, end: 4.5 },
      { id: "s2", speaker: "Rosa Diaz", text: "First line second line", start: 6, end: 9 },
      { id: "s3", speaker: "Sam O'Neil", text: "no blank line before this cue", start: 9, end: 10 },
    ]);
  });
});

describe("parseWebVtt errors", () => {
  const error = (text: string): TranscriptError => {
    try {
      parseWebVtt(text, "meeting.vtt");
    } catch (caught) {
      if (caught instanceof TranscriptError) return caught;
      throw caught;
    }
    throw new Error("expected a TranscriptError");
  };

  it.each([
    ["WEBVTT\n\n1\n00:00:01.000 --> 00:01:xx.000\nHi", 'meeting.vtt:4: timestamp "00:01:xx.000" is not a valid time'],
    ["WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nHi", "meeting.vtt:3: cue 1 ends before it starts"],
    ["WEBVTT\n\nabc\n00:00:05.000 --> 00:00:01.000\nHi", "meeting.vtt:4: cue abc ends before it starts"],
    ["WEBVTT\n\n1\n00:00:01.000 --> \n", 'meeting.vtt:4: cue timing "00:00:01.000 -->" is incomplete (no end time)'],
    ["WEBVTT\n\n1\n00:00:0", 'meeting.vtt:4: cue timing "00:00:0" is incomplete (expected "start --> end")'],
    [
      "WEBVTT\n\n1\n00:00:01.000 --> 00:00:60.000\nHi\n\n2\n00:00:02.000 --> 00:00:01.000\nHo",
      'meeting.vtt:4: timestamp "00:00:60.000" is not a valid time',
    ],
    ["WEBVTT\n\nNOTE nothing here\n", "meeting.vtt: no WebVTT cues found"],
    ["WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<i></i>\n", "meeting.vtt: no cue has any text"],
  ])("%j → %s", (text, message) => {
    expect(error(text).message).toBe(message);
  });

  it("keeps the other cues when one is cut off, and says which", () => {
    const cutOff = parseWebVtt("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHi\n\n2\n00:00:0", "m.vtt");
    expect(cutOff.segments).toEqual([{ id: "1", speaker: null, text: "Hi", start: 1, end: 2 }]);
    expect(cutOff.warnings).toEqual([
      { line: 8, problem: 'cue timing "00:00:0" is incomplete (expected "start --> end")' },
    ]);
    const noTiming = parseWebVtt("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHi\n\n2\n", "m.vtt");
    expect(noTiming.warnings).toEqual([{ line: 7, problem: "cue 2 has no timing line (is the file cut off?)" }]);
  });

  it("does not let an unclosed voice tag leak into the text", () => {
    const { segments } = parseWebVtt(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Rosa>Hi\n\n00:00:03.000 --> 00:00:04.000\n<v It's a blue apple tree!\n",
      "m.vtt",
    );
    expect(segments).toEqual([{ id: "s1", speaker: "Rosa", text: "Hi", start: 1, end: 2 }]);
  });

  it("skips a timing line with no text after it", () => {
    const { segments } = parseWebVtt(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\nHi",
      "m.vtt",
    );
    expect(segments).toEqual([{ id: "s1", speaker: null, text: "Hi", start: 3, end: 4 }]);
  });
});
