import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import type { Segment } from "../segment.js";
import { joinTurns, segmentsForExtraction } from "./join-turns.js";
import { parseTranscript } from "./parse-transcript.js";

const seg = (id: string, speaker: string | null, text: string, start: number | null, end: number | null): Segment => ({
  id,
  speaker,
  text,
  start,
  end,
});

describe("joinTurns", () => {
  it("joins one speaker's consecutive fragments: first id and start, last end", () => {
    const input = [
      seg("a", "Rosa", "Okay", 50.42, 50.99),
      seg("b", "Rosa", "Right", 51.5, 52),
      seg("c", "Sam", "Yes.", 52.1, 53),
      seg("d", "Rosa", "Good.", 53.2, 54),
    ];
    expect(joinTurns(input)).toEqual([
      seg("a", "Rosa", "Okay Right", 50.42, 52),
      seg("c", "Sam", "Yes.", 52.1, 53),
      seg("d", "Rosa", "Good.", 53.2, 54),
    ]);
    expect(input[0]?.text).toBe("Okay"); // the input is not changed
  });

  it("keeps a long pause and the character limit as turn boundaries", () => {
    const input = [
      seg("a", "Rosa", "One.", 0, 1),
      seg("b", "Rosa", "Two.", 10, 11),
      seg("c", "Rosa", "Three.", 11.5, 12),
    ];
    expect(joinTurns(input).map((s) => s.id)).toEqual(["a", "b"]);
    expect(joinTurns(input, { maxGapSeconds: 20 }).map((s) => s.id)).toEqual(["a"]);
    expect(joinTurns(input, { maxGapSeconds: 20, maxChars: 9 }).map((s) => s.text)).toEqual(["One. Two.", "Three."]);
  });

  it("joins caption fragments without speakers only where a sentence was cut", () => {
    const input = [
      seg("s1", null, "I think many of us are looking forward", 8.4, 10.7),
      seg("s2", null, "to it just being normal.", 10.7, 13.2),
      seg("s3", null, "Yes.", 13.5, 14),
    ];
    expect(joinTurns(input)).toEqual([
      seg("s1", null, "I think many of us are looking forward to it just being normal.", 8.4, 13.2),
      seg("s3", null, "Yes.", 13.5, 14),
    ]);
  });

  it("joins untimed plain lines of one speaker", () => {
    const input = [
      seg("s1", "me011", "So", null, null),
      seg("s2", "me011", "Morgan wants to make it hard.", null, null),
    ];
    expect(joinTurns(input)).toEqual([seg("s1", "me011", "So Morgan wants to make it hard.", null, null)]);
  });

  it("turns the Zoom transcript's 102 cues into 33 turns and the AMI meeting's 434 into 275", () => {
    const zoom = parseTranscript(readFixture("zoom/GMT20240124-202901_Recording.transcript.vtt"), "z.vtt");
    const turns = joinTurns(zoom.segments);
    expect(turns).toHaveLength(33);
    expect(turns[2]).toMatchObject({ id: "3", speaker: "Srijani Ghosh", start: 5.14, end: 11.67 });
    expect(turns[2]?.text).toBe("Hello! Hello! Hello! Why are you so dark? So");
    const ami = parseTranscript(readFixture("ami_format_emulated/ES2002a.teams_style.vtt"), "a.vtt");
    expect(joinTurns(ami.segments)).toHaveLength(275);
  });

  it("joins Deepgram's mid-sentence caption cues into one", () => {
    const captions = parseTranscript(readFixture("captions_generated/deepgram_captions_readme_example_2.srt"), "c.srt");
    const turns = joinTurns(captions.segments);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ id: "1", start: 0.08, end: 25.439 });
    expect(turns[0]?.text).toMatch(/^Yeah\. As as much as, it's worth celebrating, the first, spacewalk,/);
  });
});

describe("segmentsForExtraction", () => {
  it("joins caption fragments that cut a sentence, and leaves speaker-labelled segments alone", () => {
    const captions = [
      { id: "1", speaker: null, text: "I'll send the vendor", start: 0, end: 1 },
      { id: "2", speaker: null, text: "contract to legal by Friday.", start: 1, end: 2 },
    ];
    expect(segmentsForExtraction(captions).map((s) => s.text)).toEqual([
      "I'll send the vendor contract to legal by Friday.",
    ]);
    // Speaker-labelled cues stay apart unless one cuts a sentence (cut-sentences.test.ts).
    const labelled = captions.map((s, i) => ({
      ...s,
      speaker: "Priya",
      text: i ? "Contract first." : "I'll send it.",
    }));
    expect(segmentsForExtraction(labelled)).toEqual(labelled);
  });

  it("names anonymous diarization labels from the conversation, and leaves a label it cannot name", () => {
    const diarized = [
      seg("1", "Speaker 0", "Okay. Wojciech, where are we on the audit?", 0, 3),
      seg("2", "Speaker 1", "Fieldwork starts Monday. I'll send the list by Friday.", 3, 6),
      seg("3", "Speaker 2", "Sounds good.", 6, 7),
    ];
    expect(segmentsForExtraction(diarized).map((s) => s.speaker)).toEqual(["Speaker 0", "Wojciech", "Speaker 2"]);
    expect(diarized[1]?.speaker).toBe("Speaker 1");
  });
});
