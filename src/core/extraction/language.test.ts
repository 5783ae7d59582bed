// Conversations the first QA pass found the engine misreading; each case is a reading a user would expect.

import { describe, expect, it } from "vitest";
import { builtinTemplate, type Line, segmentsOf } from "../../../test/helpers/meeting.js";
import type { Item, ItemKind } from "../item.js";
import { findDueDate } from "./dates.js";
import { extractItems } from "./extract-items.js";
import { createExtractor } from "./extractor.js";
import { createMetricReader } from "./metrics.js";
import { digitizeNumbers } from "./numbers.js";
import { readQuestion } from "./questions.js";
import { splitSentences } from "./text.js";

const template = builtinTemplate("engineering-leadership-sync");
const MEETING = "2025-03-17"; // a Monday

function items(lines: Line[], kind: ItemKind, attendees: string[] = []): Item[] {
  return extractItems(segmentsOf(lines), { template, meetingDate: MEETING, attendees }).items.filter(
    (i) => i.kind === kind,
  );
}

describe("reading meeting language", () => {
  it("does not break on speaker labels with punctuation", () => {
    const extractor = createExtractor({ template, meetingDate: MEETING });
    for (const speaker of ["Ana (Eng Lead)", "Jo Park (Product, PM)", "Lee *external*", "Kenji"]) {
      expect(() =>
        extractor.push({ id: speaker, speaker, text: "Can you send the notes?", start: 0, end: null }),
      ).not.toThrow();
    }
  });

  it.each([
    "I'll also review the pull request for the cache layer tomorrow.",
    "I'll just update the failover runbook tomorrow.",
    "I'll still write the postmortem for the March outage tomorrow.",
  ])("keeps the promise behind an adverb: %s", (text) => {
    const [action] = items([["Priya", text]], "action");
    expect(action).toMatchObject({ owner: "Priya", due: "2025-03-18" });
  });

  it("reads two people's tasks in one sentence as two actions", () => {
    const actions = items(
      [["Elena", "Priya will update the failover runbook and Wen will post the iOS job description by Friday."]],
      "action",
      ["Priya", "Wen"],
    );
    expect(actions.map((a) => [a.owner, a.due])).toEqual([
      ["Priya", null],
      ["Wen", "2025-03-21"],
    ]);
  });

  it("lets the person asked accept a request when attendees are listed by full name", () => {
    const actions = items(
      [
        ["Darius", "Priya, can you review the auth latency dashboard?"],
        ["Priya", "Yes, I'll have it by Friday."],
      ],
      "action",
      ["Priya Shah", "Darius Cole"],
    );
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ due: "2025-03-21" });
    expect(actions[0]?.owner?.startsWith("Priya")).toBe(true);
  });

  it("gives a request to the room to whoever accepts it", () => {
    const [action] = items(
      [
        ["Elena", "Can you send the vendor contract to legal?"],
        ["Wen", "Sure, I'll do it by tomorrow."],
      ],
      "action",
    );
    expect(action).toMatchObject({ owner: "Wen", due: "2025-03-18" });
  });

  it("does not take a date from a refusal", () => {
    const [action] = items(
      [
        ["Elena", "Wen, can you send the vendor contract to legal?"],
        ["Wen", "No, I can't this week."],
      ],
      "action",
      ["Wen"],
    );
    expect(action?.due ?? null).toBeNull();
  });

  it("does not make 'Let me think about it' an action for the last speaker", () => {
    const extractor = createExtractor({ template, meetingDate: MEETING });
    extractor.push({ id: "1", speaker: "Priya", text: "We could move the launch a week.", start: 0, end: null });
    const events = extractor.push({ id: "2", speaker: "Kenji", text: "Let me think about it.", start: 1, end: null });
    expect(events.filter((e) => e.type === "added")).toEqual([]);
  });

  it("reads a named risk owner as the risk's owner, not an action", () => {
    const lines: Line[] = [["Elena", "Priya owns the auth latency risk, it could slip the March launch."]];
    expect(items(lines, "action", ["Priya"])).toEqual([]);
    expect(items(lines, "risk", ["Priya"])[0]).toMatchObject({ owner: "Priya" });
  });

  it("says what 'this' is when escalating it", () => {
    const [escalation] = items(
      [["Darius", "Mobile capacity for Q2 is short two engineers. I want to escalate this to the VP."]],
      "escalation",
    );
    expect(escalation?.text).toMatch(/Mobile capacity/);
  });

  it("does not count an unrelated new item as the answer to a question", () => {
    const [question] = items(
      [
        ["Elena", "Who owns the billing migration after the reorg?"],
        ["Darius", "I want to escalate the Q2 mobile capacity gap to the VP."],
      ],
      "question",
    );
    expect(question?.status).toBe("open");
  });

  it.each([
    ["Quick question: when does the Salesforce contract renew?", "When does the Salesforce contract renew"],
    ["So, quick question, when does the Salesforce contract renew?", "When does the Salesforce contract renew"],
    ["Ok, so what do we do about the vendor contract?", "What do we do about the vendor contract"],
  ])("reads a question behind a lead-in: %s", (text, expected) => {
    expect(readQuestion(splitSentences(text)[0]!)?.text).toBe(expected);
  });

  it.each([
    ["by tomorrow, actually today", "2025-03-19", "2025-03-19"],
    ["We shipped it last Friday", "2025-03-19", null],
    ["the build has been red since Monday", "2025-03-19", null],
    ["the sun is out", "2025-03-19", null],
  ])("dates: %s (meeting %s) → %s", (text, meeting, expected) => {
    expect(findDueDate(digitizeNumbers(text), meeting)?.date ?? null).toBe(expected);
  });

  it.each([
    ["velocity: 84. incidents: 2.", { velocity: 84, incidents: 2 }],
    ["attrition: 1", { attrition_90d: 1 }],
    ["velocity was up 10%", {}],
    ["we closed 3 reqs this month", {}],
    ["velocity was down to 55 from 70", { velocity: 55 }],
  ])("metrics: %s", (text, expected) => {
    const columns = template.sections.find((s) => s.kind === "metrics")?.columns ?? [];
    expect(createMetricReader(columns).read(text)).toEqual(expected);
  });

  it("writes each of two joined numbers as digits", () => {
    expect(digitizeNumbers("between ten and twelve people")).toBe("between 10 and 12 people");
  });

  it("drops 'like' set off by commas but keeps the verb", () => {
    expect(splitSentences("We need, like, three more engineers.")[0]?.text).toBe("We need 3 more engineers.");
    expect(splitSentences("I like the plan.")[0]?.text).toBe("I like the plan.");
  });
});
