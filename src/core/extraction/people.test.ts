import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { extractItems } from "./extract-items.js";
import { isAnonymousSpeaker, People, soundKey } from "./people.js";

describe("People.lookup", () => {
  const people = new People(["Sinead O'Rourke", "Katharina", "Owen", "Maya", "Mia", "Bartholomew", "Bartholomeo"]);
  it.each([
    { word: "Sinead", want: "Sinead O'Rourke", why: "the first name" },
    { word: "Shinade", want: "Sinead O'Rourke", why: "a sound-alike spelling" },
    { word: "Katarina", want: "Katharina", why: "one letter off" },
    { word: "Katharina's", want: "Katharina", why: "a possessive" },
    { word: "Oven", want: null, why: "short names need the exact spelling" },
    { word: "Mya", want: null, why: "sounds like two known names" },
    { word: "Bartholomeu", want: null, why: "one letter off two known names" },
    { word: "katarina", want: null, why: "a lower-case word is only matched exactly" },
    { word: "Monday", want: null, why: "a common word is no name" },
  ])("$word → $want ($why)", ({ word, want }) => {
    expect(people.lookup(word)).toBe(want);
  });
});

describe("People roles", () => {
  it("an attendee's bracketed role finds the person, by the name alone", () => {
    const people = new People(["Tobias Wren (CFO)", "Jenny (Counsel)"]);
    expect(people.findRole("our cfo will send the model")).toBe("Tobias Wren");
    expect(people.findRoleAssignment("the cfo will send the model by friday")).toEqual({
      label: "Tobias Wren",
      task: "send the model by friday",
    });
    expect(people.findRole("counsel drafts it")).toBe("Jenny");
    expect(people.lookup("Tobias")).toBe("Tobias Wren");
  });

  it("a letters role matches the whole word only", () => {
    const people = new People(["Odile (AE)"]);
    expect(people.findRole("the ae owns that")).toBe("Odile");
    expect(people.findRole("the aerial shots")).toBeNull();
  });

  it("a team in a speaker label is that speaker's role", () => {
    const people = new People();
    people.addSpeaker("Ana (Finance)");
    expect(people.findRoleAssignment("finance will send the invoice list")?.label).toBe("Ana (Finance)");
  });

  it("the engine gives a task handed to a role to the person holding it", () => {
    const segments: Segment[] = [
      { id: "1", speaker: "Lior", text: "The AE will send the revised order form by Friday.", start: null, end: null },
      { id: "2", speaker: "Odile", text: "Yes.", start: null, end: null },
    ];
    const actions = extractItems(segments, { attendees: ["Odile (AE)"], meetingDate: "2025-08-11" }).items.filter(
      (i) => i.kind === "action",
    );
    expect(actions.map((a) => a.owner)).toEqual(["Odile"]);
  });
});

describe("names as heard", () => {
  it.each([
    ["Speaker A", true],
    ["Speaker 12", true],
    ["spk_0", true],
    ["Unknown", true],
    ["User Interface Designer", false],
    ["Speakerphone", false],
    ["Priya", false],
  ])("%s anonymous: %s", (label, want) => {
    expect(isAnonymousSpeaker(label)).toBe(want);
  });

  it("sound keys join split and misheard spellings, and keep different names apart", () => {
    expect(soundKey("May Lynn")).toBe(soundKey("Meilin"));
    expect(soundKey("Shinade")).toBe(soundKey("Sinead"));
    expect(soundKey("Stefan")).not.toBe(soundKey("Stella"));
  });
});
