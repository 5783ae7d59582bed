import { describe, expect, it } from "vitest";
import { findDueDate, findDueDates, stripDuePhrase } from "./dates.js";
import { digitizeNumbers } from "./numbers.js";

// Reference meeting days (UTC calendar days).
const MON = "2025-03-17";
const WED = "2025-03-19";
const SAT = "2025-03-22";
const NEW_YEAR_WEEK_MON = "2025-12-29";

/** What the engine does: spelled numbers become digits before dates are read. */
const due = (text: string, meetingDate: string) => findDueDate(digitizeNumbers(text), meetingDate)?.date ?? null;

describe("findDueDate: deadlines said aloud, resolved against the meeting date", () => {
  it.each([
    // weekdays
    ["I'll send it by Friday", WED, "2025-03-21"],
    ["due Friday", MON, "2025-03-21"],
    ["this Friday", WED, "2025-03-21"],
    ["next Friday", WED, "2025-03-28"],
    ["next Monday", WED, "2025-03-24"],
    ["next Monday", MON, "2025-03-24"],
    ["first thing Monday", WED, "2025-03-24"],
    ["by Thursday", "2025-03-20", "2025-03-27"],
    // week idioms
    ["by end of week", WED, "2025-03-21"],
    ["end of week", SAT, "2025-03-28"],
    ["EOW", WED, "2025-03-21"],
    ["end of next week", WED, "2025-03-28"],
    ["next week", WED, "2025-03-28"],
    // day idioms
    ["send it EOD", WED, WED],
    ["eod", WED, WED],
    ["by close of business", WED, WED],
    ["by the end of the day", WED, WED],
    ["today", WED, WED],
    ["tomorrow", WED, "2025-03-20"],
    ["end of day tomorrow", WED, "2025-03-20"],
    ["right after this call", WED, WED],
    ["right after the meeting", WED, WED],
    // day of month
    ["post the JD by the 28th", WED, "2025-03-28"],
    ["post the JD by the twenty-eighth", WED, "2025-03-28"],
    ["by the 28th", "2025-03-29", "2025-04-28"],
    ["by the 3rd", WED, "2025-04-03"],
    ["by the 31st", "2025-04-02", "2025-05-31"],
    ["by the 28th of March", WED, "2025-03-28"],
    // calendar dates
    ["March 21", WED, "2025-03-21"],
    ["by March 21st", MON, "2025-03-21"],
    ["by 21 March", MON, "2025-03-21"],
    ["starts April 7", WED, "2025-04-07"],
    ["on 3/25", WED, "2025-03-25"],
    // month and quarter idioms
    ["end of the month", WED, "2025-03-31"],
    ["end of the month", "2024-02-10", "2024-02-29"],
    ["end of next month", WED, "2025-04-30"],
    ["end of the quarter", "2025-02-10", "2025-03-31"],
    // relative spans
    ["in 2 weeks", WED, "2025-04-02"],
    ["in two weeks", WED, "2025-04-02"],
    ["in a couple of weeks", WED, "2025-04-02"],
    ["in 3 days", WED, "2025-03-22"],
    ["in ten days", WED, "2025-03-29"],
    ["in a week", WED, "2025-03-26"],
    ["a week from today", WED, "2025-03-26"],
    ["a week from today", MON, "2025-03-24"],
    ["two weeks from today", WED, "2025-04-02"],
  ])("%j on %s → %s", (text, meetingDate, expected) => {
    expect(due(text, meetingDate)).toBe(expected);
  });

  it.each([
    ["by Monday", MON, "2025-03-24"],
    ["by Monday", NEW_YEAR_WEEK_MON, "2026-01-05"],
  ])("%j said on that same weekday (%s) means a week later: %s", (text, meetingDate, expected) => {
    expect(due(text, meetingDate)).toBe(expected);
  });

  it.each([
    ["by Friday", NEW_YEAR_WEEK_MON, "2026-01-02"],
    ["by tomorrow", "2025-12-31", "2026-01-01"],
    ["by the 2nd", NEW_YEAR_WEEK_MON, "2026-01-02"],
    ["by Jan 5", NEW_YEAR_WEEK_MON, "2026-01-05"],
  ])("rolls over the year: %j on %s → %s", (text, meetingDate, expected) => {
    expect(due(text, meetingDate)).toBe(expected);
  });

  it.each([
    ["Rotate it by Thursday, or every preview breaks on Friday", MON, "2025-03-20"],
    ["rotate it by Thursday or it breaks on Friday", WED, "2025-03-20"],
    ["let's meet Monday and decide by Wednesday", MON, "2025-03-19"],
    ["before Thursday, not Friday", MON, "2025-03-20"],
  ])("a date marked as the deadline wins over another date: %j → %s", (text, meetingDate, expected) => {
    expect(due(text, meetingDate)).toBe(expected);
  });

  it.each([
    ["I'll start Tuesday and finish Thursday", MON, "2025-03-20"],
    ["I'll start this week and have it kicked off a week from today", MON, "2025-03-24"],
  ])("of several unmarked dates the last one said wins: %j → %s", (text, meetingDate, expected) => {
    expect(due(text, meetingDate)).toBe(expected);
  });

  it.each([
    "no date here",
    "this is a week thing",
    "this is a one week thing",
    "I'll do it now",
    "We may need more headroom",
    "I might have some time",
    "",
  ])("%j has no due date", (text) => {
    expect(findDueDate(text, WED)).toBeNull();
    expect(findDueDates(text, WED)).toEqual([]);
  });

  it("names the words it read, so they can be taken out of the task", () => {
    expect(findDueDate("post the JD by the 28th", WED)).toEqual({ date: "2025-03-28", phrase: "the 28th" });
    expect(findDueDate("send it EOD", WED)?.phrase).toBe("EOD");
  });
});

describe("findDueDates", () => {
  it("lists every date in the order said, each with where it starts", () => {
    const text = "I'll start Tuesday and finish Thursday";
    const all = findDueDates(text, MON);
    expect(all.map((d) => d.date)).toEqual(["2025-03-18", "2025-03-20"]);
    for (const d of all) expect(text.slice(d.index)).toMatch(new RegExp(`^${d.phrase}`));
    expect(all[0]!.index).toBeLessThan(all[1]!.index);
  });

  it("reads a phrase once even when an idiom and a calendar word overlap", () => {
    expect(findDueDates("end of next week", WED).map((d) => d.date)).toEqual(["2025-03-28"]);
  });
});

describe("stripDuePhrase", () => {
  it.each([
    ["post the JD by the 28th", "the 28th", "post the JD"],
    ["Draft the plan, by Friday", "Friday", "Draft the plan"],
    ["send it before EOD", "EOD", "send it"],
    ["review the deck no later than Thursday", "Thursday", "review the deck"],
    ["draft the plan", null, "draft the plan"],
  ])("%j without %j → %j", (text, phrase, expected) => {
    expect(stripDuePhrase(text, phrase)).toBe(expected);
  });

  it("treats the phrase literally, not as a pattern", () => {
    expect(stripDuePhrase("ship v1.2 on 3/25 (maybe)", "3/25 (maybe)")).toBe("ship v1.2");
  });
});
