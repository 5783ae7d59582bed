import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { parseGoogleMeetJson } from "./google-meet-json.js";

describe("parseGoogleMeetJson", () => {
  it("reads transcriptEntries: offsets from the first entry, its date, participant ids", () => {
    const doc: unknown = JSON.parse(readFixture("docket/google_meet_entries.json"));
    const { segments, date, format } = parseGoogleMeetJson(doc, "meet.json");
    expect(format).toBe("google-meet-json");
    expect(date).toBe("2025-03-17");
    expect(segments).toEqual([
      {
        id: "00000001",
        speaker: "Participant 4711",
        text: "Good morning, let's look at the roadmap.",
        start: 0,
        end: 3.5,
      },
      {
        id: "00000002",
        speaker: "Participant 4712",
        text: "Q3 is mostly the billing migration.",
        start: 4.75,
        end: 8.25,
      },
    ]);
  });

  it("reads a bare array with display names, and tolerates missing times", () => {
    const entries = [
      { participantName: "Rosa Diaz", text: "Hi", startTime: "2025-03-17T23:59:58-05:00" },
      { participantName: "Sam", text: "Hello", startTime: "2025-03-18T00:00:01-05:00", endTime: "nonsense" },
    ];
    const { segments, date } = parseGoogleMeetJson(entries, "meet.json");
    expect(date).toBe("2025-03-17");
    expect(segments.map((s) => [s.speaker, s.start, s.end])).toEqual([
      ["Rosa Diaz", 0, null],
      ["Sam", 3, null],
    ]);
  });

  it("fails with no entries", () => {
    expect(() => parseGoogleMeetJson({ transcriptEntries: [] }, "meet.json")).toThrow("meet.json: no segments");
  });
});
