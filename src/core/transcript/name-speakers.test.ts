import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { nameSpeakers, speakerNaming, withSpeakerNames } from "./name-speakers.js";

/** A conversation as "Label: words" lines, one segment each. */
function talk(...lines: string[]): Segment[] {
  return lines.map((line, i) => {
    const at = line.indexOf(": ");
    return { id: String(i + 1), speaker: line.slice(0, at), text: line.slice(at + 2), start: null, end: null };
  });
}

describe("nameSpeakers", () => {
  it.each([
    {
      why: "a name opening a question is the next speaker's",
      lines: [
        "Speaker A: Okay. Bruno, can you walk us through the shipping numbers?",
        "Speaker B: Sure. We shipped 400.",
      ],
      want: { "Speaker B": "Bruno" },
    },
    {
      why: "a name with a bare topic hands the floor to the next speaker",
      lines: ["Speaker 0: Right. Ilse, payroll.", "Speaker 1: Payroll ran on time."],
      want: { "Speaker 1": "Ilse" },
    },
    {
      why: "thanks name the previous speaker",
      lines: ["Speaker A: The vendor signed yesterday.", "Speaker B: Thanks, Marguerite. That unblocks us."],
      want: { "Speaker A": "Marguerite" },
    },
    {
      why: "an acknowledgement without a comma names the previous speaker too",
      lines: ["Speaker A: I'll send it tonight.", "Speaker B: Thank you Rosalind."],
      want: { "Speaker A": "Rosalind" },
    },
    {
      why: "a name closing a reply is the previous speaker's",
      lines: ["Speaker A: We should cut scope.", "Speaker B: That's too early to say, Kofi."],
      want: { "Speaker A": "Kofi" },
    },
    {
      why: "a self-introduction names the speaker",
      lines: ["Speaker 0: Hi all, I'm Lorenzo from procurement.", "Speaker 1: Welcome."],
      want: { "Speaker 0": "Lorenzo" },
    },
    {
      why: "'this is' and 'here' introduce too",
      lines: ["Speaker 0: Morning, this is Wilhelmina.", "Speaker 1: Oskar here, sorry I'm late."],
      want: { "Speaker 0": "Wilhelmina", "Speaker 1": "Oskar" },
    },
    {
      why: "a title and surname reach the full name said elsewhere",
      lines: [
        "Speaker 0: Joining us is our engineer, Benedikt Varga.",
        "Speaker 1: Thanks.",
        "Speaker 0: Engineer Varga is not a title. Mr. Varga, your report?",
        "Speaker 2: The bridge is fine.",
        "Speaker 0: Thank you, Mr. Varga.",
      ],
      want: { "Speaker 2": "Benedikt Varga" },
    },
    {
      why: "a name misheard as two words is the same person by sound",
      lines: [
        "Speaker A: Then Anneliese takes the survey data.",
        "Speaker B: Fine by me, Anneliese has the link anyway.",
        "Speaker A: Anna Lisa?",
        "Speaker C: Yes, I can have it Friday.",
      ],
      want: { "Speaker C": "Anneliese" },
    },
    {
      why: "a speaker who speaks of a name in the third person is not given it",
      lines: [
        "Speaker A: Let me check with Tamsin first.",
        "Speaker B: Sure, Tamsin.",
        "Speaker A: Anyway, that's it.",
      ],
      want: {},
    },
    {
      why: "after the others are named, the last label takes the last name of the roll call",
      lines: [
        "Speaker A: Morning. Piet, Lotte, and Ruud are here.",
        "Speaker B: Morning.",
        "Speaker A: Piet, where are we on hiring?",
        "Speaker B: Two offers out.",
        "Speaker A: Lotte, the budget?",
        "Speaker C: On track.",
        "Speaker A: Ruud, anything?",
        "Speaker D: Nothing from me. Thanks Hanneke.",
      ],
      want: { "Speaker B": "Piet", "Speaker C": "Lotte", "Speaker D": "Ruud", "Speaker A": "Hanneke" },
    },
    {
      why: "evidence split between two labels names neither",
      lines: [
        "Speaker A: Fatima, can you take it?",
        "Speaker B: Yes.",
        "Speaker C: Fatima, can you also take the next one?",
        "Speaker D: Okay.",
      ],
      want: {},
    },
    {
      why: "common words that open a sentence are not names",
      lines: [
        "Speaker A: Basically, we're done. Noted.",
        "Speaker B: Perfect, thanks.",
        "Speaker A: Email Derek, please.",
        "Speaker B: March-April, yeah.",
      ],
      want: {},
    },
    {
      why: "a possessive is spoken of, not to",
      lines: ["Speaker A: Ingeborg's, um, on leave.", "Speaker B: Right."],
      want: {},
    },
    {
      why: "a name addressed but answered by someone speaking of them is not that speaker's",
      lines: [
        "Speaker A: Cormac, can you give us the numbers?",
        "Speaker B: Cormac is out today, I'll cover. Revenue is flat.",
      ],
      want: {},
    },
    {
      why: "a label with a role in brackets still holds its name",
      lines: ["Ana (Finance): Thanks, Ana, I mean, thanks all.", "Speaker 1: Ana, the invoices?", "Speaker 2: Sent."],
      want: {},
    },
    {
      why: "a named speaker keeps the name; no anonymous label takes it",
      lines: ["Rahel: Thanks, Yusuf.", "Speaker 1: Sure.", "Rahel: Yusuf, go on.", "Yusuf: Will do."],
      want: {},
    },
  ])("$why", ({ lines, want }) => {
    expect(Object.fromEntries(nameSpeakers(talk(...lines)))).toEqual(want);
  });

  it("lists the people surely present, named to a label or not", () => {
    const { attendees } = speakerNaming(
      talk(
        "Speaker A: Welcome. Ines, Tomasz and Ayo are all here.",
        "Speaker B: Hi.",
        "Speaker A: Tomasz, numbers?",
        "Speaker B: Up ten percent. We also sold to Globex.",
      ),
    );
    expect(attendees.sort()).toEqual(["Ayo", "Ines", "Tomasz"]);
  });
});

describe("withSpeakerNames", () => {
  it("replaces the labels it names and leaves the rest", () => {
    const segments = talk("Speaker A: Hello.", "Speaker B: Hi.", "Anja: Hey.");
    const named = withSpeakerNames(segments, new Map([["Speaker A", "Clara"]]));
    expect(named.map((s) => s.speaker)).toEqual(["Clara", "Speaker B", "Anja"]);
    expect(segments[0]?.speaker).toBe("Speaker A"); // the input is not changed
  });
});
