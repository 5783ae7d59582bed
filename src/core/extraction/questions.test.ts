import { describe, expect, it } from "vitest";
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
      text: "Open question: whether we keep the on-prem installer next year",
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
