import { describe, expect, it } from "vitest";
import { conversationReader, type Line } from "../../../test/helpers/meeting.js";
import { readQuestion } from "./questions.js";
import { splitSentences } from "./text.js";

const question = (raw: string) => {
  const [s] = splitSentences(raw);
  if (!s) throw new Error(`no sentence in ${raw}`);
  return readQuestion(s);
};

describe("readQuestion", () => {
  it.each([
    [
      "Should we degrade gracefully or bump the minimum version?",
      "Should we degrade gracefully or bump the minimum version",
    ],
    ["What's the rollback plan for the auth service?", "What's the rollback plan for the auth service"],
    ["Who owns the billing migration after the reorg?", "Who owns the billing migration after the reorg"],
    ["Quick question, when does the Salesforce contract renew?", "When does the Salesforce contract renew"],
  ])("%j is a question about the work", (raw, text) => {
    expect(question(raw)).toEqual({ text, explicit: false });
  });

  it("marks a question named as open", () => {
    expect(question("Open question: whether we keep the on-prem installer next year?")).toEqual({
      text: "Whether we keep the on-prem installer next year",
      explicit: true,
    });
  });

  it.each([
    "Can you hear me?",
    "Can everyone see my screen?",
    "Does that make sense?",
    "Any questions?",
    "Any other thoughts?",
    "Huh?",
    "The release is on Thursday, right?",
    "We ship on Friday, no?",
    "Can you send the deck?",
    "Priya, could you check the logs?",
    "What do you think?",
    "Should I go first?",
    "Are we good?",
  ])("%j is not an open question for the notes", (raw) => {
    expect(question(raw)).toBeNull();
  });
});

describe("a question is answered only when someone answers it", () => {
  const reader = conversationReader({ meetingDate: "2025-10-08" });
  const question = (lines: Line[]) => reader.single(lines, "question");

  it("stays open when the reply says nobody knows, whatever is said after", () => {
    const q = question([
      ["Tyrone", "Does anyone know if the tutoring bus is funded after March?"],
      ["Angela", "I don't know. I've asked the district twice."],
      ["Tyrone", "Okay. I'll keep telling families we're working on it."],
      ["Angela", "Okay, that's it. Renée, drill draft Friday. I write to the district on subs."],
    ]);
    expect(q.status).toBe("open");
  });

  it("stays open when the meeting moves on", () => {
    const q = question([
      ["Ben", "Do we charge clinics for SMS overages?"],
      ["Dana", "Let's come back to that. Next item, the booth."],
    ]);
    expect(q.status).toBe("open");
  });

  it("is answered by a reply that opens with an answer, even one that admits doubt later", () => {
    const q = question([
      ["Wen", "Could it be the library bump?"],
      ["Priya", "Could be. Anton is bisecting it today, I don't know yet."],
    ]);
    expect(q.status).toBe("answered");
  });

  it("is answered by the person it was put to", () => {
    const q = question([
      ["Camille", "Ravi, what would you cut?"],
      ["Ravi", "Ranked mode. It carries the most balance risk and it is not ready."],
    ]);
    expect(q.status).toBe("answered");
  });

  it("is answered when a later reply speaks to it", () => {
    const q = question([
      ["Ana", "Is the staging database on version fifteen yet?"],
      ["Lee", "No idea."],
      ["Kim", "The staging database moved to version fifteen on Monday."],
    ]);
    expect(q.status).toBe("answered");
  });
});

describe("a question reported rather than asked", () => {
  const reader = conversationReader({ meetingDate: "2025-10-08" });
  it.each([
    "Somebody from HR asked me whether we want to double the on-call stipend over the holidays.",
    "Finance wants to know when the new pricing takes effect for existing customers.",
  ])("is tracked: %s", (text) => {
    expect(reader.ofKind([["Camille", text]], "question")).toHaveLength(1);
  });
});

describe("a speaker saying what they want to know", () => {
  const reader = conversationReader({ meetingDate: "2025-10-08" });
  it("is not an open question the meeting leaves behind: the room answers it or someone finds out", () => {
    const open = reader
      .ofKind(
        [
          ["Hollis", "I want to know if it's a pick problem or an inventory accuracy problem."],
          ["Sakura", "It's inventory accuracy, the cycle counts on aisle nine were off by a third."],
        ],
        "question",
      )
      .filter((q) => q.status === "open");
    expect(open).toEqual([]);
  });
});

describe("a question answered with what it depends on", () => {
  const reader = conversationReader({ meetingDate: "2025-10-08" });
  it("stays open, and names the unknown it waits on", () => {
    const [q] = reader.ofKind(
      [
        ["Arturo", "What are the chances, do you think?"],
        ["Shauna", "I don't know yet. Depends on how many staff slots we get, and I genuinely don't know the number."],
      ],
      "question",
    );
    expect(q?.status).toBe("open");
    expect(q?.text).toBe("What are the chances, do you think — depends on how many staff slots we get");
  });
});

describe("a question brought up again by name", () => {
  const reader = conversationReader({ meetingDate: "2025-10-08" });
  it("'And the partner bank counting thing?' — 'Still open.' reopens the question asked long before", () => {
    const lines: [string, string][] = [
      ["Renata", "Does anyone know if we're supposed to be counting partner bank incidents in our numbers?"],
      ["Aisha", "We never agreed on that, I don't think."],
      ["Tomasz", "I've been excluding them."],
    ];
    for (let n = 0; n < 8; n++) lines.push(["Diego", `The login loop fix number ${n + 1} is deployed and monitored.`]);
    lines.push(["Hannah", "And the partner bank incident counting thing?"], ["Renata", "Still open."]);
    const open = reader.ofKind(lines, "question").filter((q) => q.status === "open");
    expect(open.map((q) => q.text)).toEqual([
      "Does anyone know if we're supposed to be counting partner bank incidents in our numbers",
    ]);
  });
});
