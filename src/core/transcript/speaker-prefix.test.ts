import { describe, expect, it } from "vitest";
import { splitBracketSpeaker, splitSpeakerPrefix } from "./speaker-prefix.js";

describe("splitSpeakerPrefix", () => {
  it.each([
    ["Project Manager: Okay", "Project Manager", "Okay"],
    ["me011: Yeah, we had a long discussion", "me011", "Yeah, we had a long discussion"],
    ["Speaker 1: hi", "Speaker 1", "hi"],
    ["Dr. Rosa Diaz: Morning.", "Dr. Rosa Diaz", "Morning."],
    ["Sam O'Neil:\tthe deck", "Sam O'Neil", "the deck"],
    ["Khalilah Beal-Uribe: yes", "Khalilah Beal-Uribe", "yes"],
    ["José Müller: hola", "José Müller", "hola"],
    ["Alice:", "Alice", ""],
    ["Note: the file is shared", "Note", "the file is shared"], // documented limitation
  ])("%j is %j saying %j", (line, speaker, text) => {
    expect(splitSpeakerPrefix(line)).toEqual({ speaker, text });
  });

  it.each([
    "10:30 works for me", // a time, not a name
    "see https://example.com", // no space after the colon
    "The plan we agreed on last week: ship", // five words
    "So, basically: we ship", // sentence punctuation
    "Why not? Because: reasons",
    "- Alice: hi", // starts with a dash
    "123: numbered", // no letter
    ": empty name",
    "no colon at all",
    `${"x".repeat(60)}: too long`,
  ])("%j has no speaker", (line) => {
    expect(splitSpeakerPrefix(line)).toBeNull();
  });
});

describe("splitBracketSpeaker", () => {
  it.each([
    ["[speaker 0]", "speaker 0", ""],
    ["[Sam O'Neil] Yes.", "Sam O'Neil", "Yes."],
    ["[SPEAKER_00]: hello", "SPEAKER_00", "hello"],
  ])("%j is %j saying %j", (line, speaker, text) => {
    expect(splitBracketSpeaker(line)).toEqual({ speaker, text });
  });

  it.each(["[Music]", "[laughter] that was funny", "[inaudible]", "no bracket", "[]", "[a, b] x"])(
    "%j has no speaker",
    (line) => {
      expect(splitBracketSpeaker(line)).toBeNull();
    },
  );
});
