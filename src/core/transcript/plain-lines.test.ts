import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/transcripts/read-fixture.js";
import { parsePlainLines, splitLeadingTime } from "./plain-lines.js";

const read = (path: string) => parsePlainLines(readFixture(path), path);

describe("parsePlainLines", () => {
  it("reads the AMI transcript: one `Role: text` line per segment", () => {
    const { segments, date } = read("ami_plain/ES2002a.transcript.txt");
    expect(segments).toHaveLength(434);
    expect(segments[0]).toEqual({ id: "s1", speaker: "Project Manager", text: "Okay", start: null, end: null });
    expect(new Set(segments.map((s) => s.speaker))).toEqual(
      new Set(["Project Manager", "Marketing Expert", "User Interface Designer", "Industrial Designer"]),
    );
    expect(date).toBeNull();
  });

  it("reads the ICSI transcript with participant ids like me011", () => {
    const { segments } = read("icsi_plain/Bed002.transcript.txt");
    expect(segments).toHaveLength(1361);
    expect(segments[1]).toMatchObject({ speaker: "me011", text: "OK, we're on." });
    expect(segments.every((s) => s.speaker !== null && /^[fm][en]\d{3}$/.test(s.speaker))).toBe(true);
  });

  it("reads a title block, names with dots and digits, continuation lines", () => {
    const { segments, date } = read("docket/plain_with_header.txt");
    expect(date).toBe("2025-03-17");
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Dr. Rosa Diaz", "Morning. Two things today: the launch and the budget."],
      ["Speaker 1", "I can take the launch. It is mostly done, the checklist is in the doc."],
      ["me011", "Budget is on hold until Friday."],
      // The documented limitation: a short "Word:" at a line start is read as a speaker.
      ["Note", "the budget file is in the shared drive."],
      ["Priya Nair", "The plan is simple, here's how it works: we ship on the 24th."],
    ]);
  });

  it("reads leading timestamps in brackets or bare, and H:MM:SS", () => {
    const { segments } = read("docket/plain_timestamped.txt");
    expect(segments.map((s) => [s.speaker, s.start, s.text])).toEqual([
      ["Rosa Diaz", 5, "Let's start."],
      ["Sam O'Neil", 62, "The Q&A doc is done. but legal still has to sign off."],
      ["Priya Nair", 90, "Can we ship on the 24th?"],
      ["Rosa Diaz", 3723, "Let's wrap up."],
    ]);
  });

  it("reads the Zoom chat export's tab-separated `time name: text` lines", () => {
    const { segments } = read("zoom/GMT20240124-202901_RecordingnewChat.txt");
    expect(segments).toHaveLength(12);
    expect(segments[0]).toMatchObject({ speaker: "Ryan Sloan", start: 316 });
    expect(segments[3]).toMatchObject({
      speaker: "Dr. Melissa Ko",
      text: 'Reacted to "Lots of engagement c..." with 👍🏻',
    });
  });

  it("keeps a leading time as text when the file is not timed", () => {
    const { segments } = parsePlainLines("Rosa: when shall we meet?\n10:30 works for me", "x.txt");
    expect(segments).toEqual([
      { id: "s1", speaker: "Rosa", text: "when shall we meet? 10:30 works for me", start: null, end: null },
    ]);
  });

  it("gives text before any name no speaker", () => {
    expect(parsePlainLines("hello there\nRosa: hi", "x.txt").segments.map((s) => s.speaker)).toEqual([null, "Rosa"]);
  });

  it("fails when only a title block is there", () => {
    expect(() => parsePlainLines("Title: Sync\nDate: 2025-03-17\n", "notes.txt")).toThrow(
      "notes.txt: no transcript lines found",
    );
  });
});

describe("splitLeadingTime", () => {
  it.each([
    ["[00:01:02] Rosa: hi", 62, "Rosa: hi"],
    ["(1:02) Rosa: hi", 62, "Rosa: hi"],
    ["00:01:02 - Rosa: hi", 62, "Rosa: hi"],
    ["00:05:16\tRyan Sloan:\tLet's", 316, "Ryan Sloan:\tLet's"],
    ["[Rosa] hi", null, "[Rosa] hi"],
    ["Rosa: hi", null, "Rosa: hi"],
  ])("%j", (line, start, rest) => {
    expect(splitLeadingTime(line)).toEqual({ start, rest });
  });
});
