import { describe, expect, it } from "vitest";
import { findDueDate, findDueDates, stripDuePhrase } from "./dates.js";
import { digitizeNumbers } from "./numbers.js";

// Reference meeting days (UTC calendar days).
const MON = "2025-03-17";
const TUE = "2025-03-18";
const WED = "2025-03-19";
const THU = "2025-03-20";
const FRI = "2025-03-21";
const SAT = "2025-03-22";
const SUN = "2025-03-23";
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

  it("answers the same question the same way, whatever a caller did with the last answer", () => {
    const first = findDueDate("send it by Friday", MON);
    expect(first).toEqual({ date: FRI, phrase: "Friday" });
    first!.date = "1999-01-01";
    expect(findDueDate("send it by Friday", MON)).toEqual({ date: FRI, phrase: "Friday" });
    expect(findDueDate("send it by Friday", WED)).toEqual({ date: FRI, phrase: "Friday" });
    expect(findDueDate("send it by Friday", FRI)).toEqual({ date: "2025-03-28", phrase: "Friday" });
  });

  it("names the words it read, so they can be taken out of the task", () => {
    expect(findDueDate("post the JD by the 28th", WED)).toEqual({ date: "2025-03-28", phrase: "the 28th" });
    expect(findDueDate("send it EOD", WED)?.phrase).toBe("EOD");
  });

  it("reads two days said together as the first of them, and names both", () => {
    expect(findDueDate("have the carrier on standby for Wednesday and Friday", MON)).toEqual({
      date: WED,
      phrase: "Wednesday and Friday",
    });
    expect(stripDuePhrase("have the carrier on standby for Wednesday and Friday", "Wednesday and Friday")).toBe(
      "have the carrier on standby",
    );
    // Two days in two clauses stay apart: the deadline is the one marked.
    expect(findDueDate("draft it Wednesday, and send it by Friday", MON)?.date).toBe(FRI);
  });
});

// The rules of GOLD.md ("Dates") and the ways people say them, one row each. Meeting week: Mon 17 – Sun 23
// March 2025; the next week runs Mon 24 – Sun 30; March has 31 days.
describe("findDueDate: the note-taker's date rules", () => {
  it.each([
    // the meeting day
    ["I'll send it today", THU, THU],
    ["done by EOD", TUE, TUE],
    ["I'll push it tonight", FRI, FRI],
    ["I'll file it right after this call", MON, MON],
    ["by close of play", WED, WED],
    ["I'll call the vendor this afternoon", WED, WED],
    ["tags go on this morning", THU, THU],
    // the next days
    ["tomorrow", FRI, SAT],
    ["by end of business tomorrow", MON, TUE],
    ["EOD tomorrow", WED, THU],
    ["day after tomorrow", MON, WED],
    ["I'll have it the day after tomorrow", THU, "2025-03-22"],
    ["within 48 hours", MON, WED],
    ["within 24 hours", FRI, SAT],
    ["I'll send them over in the morning", TUE, WED],
    // a weekday: the next such day after the meeting
    ["by Wednesday", MON, WED],
    ["by Wednesday", WED, "2025-03-26"],
    ["by Wednesday", THU, "2025-03-26"],
    ["on Thursday", SUN, "2025-03-27"],
    ["Friday", SAT, "2025-03-28"],
    ["until Wednesday", MON, WED],
    ["latest Thursday", MON, THU],
    ["by Thursday latest", TUE, THU],
    ["Thursday at the latest", TUE, THU],
    ["first thing Monday", THU, "2025-03-24"],
    ["Monday morning", TUE, "2025-03-24"],
    ["COB Friday", MON, FRI],
    ["Friday EOD", TUE, FRI],
    ["by 5 p.m. Friday", MON, FRI],
    ["by noon", WED, WED],
    ["before 3 pm", WED, WED],
    ["by noon tomorrow", WED, THU],
    // "next Friday" said Monday to Thursday: the Friday of the following week
    ["next Friday", MON, "2025-03-28"],
    ["next Friday", TUE, "2025-03-28"],
    ["next Friday", THU, "2025-03-28"],
    ["Tuesday next week", WED, "2025-03-25"],
    ["next week on Thursday", MON, "2025-03-27"],
    ["Monday of next week", FRI, "2025-03-24"],
    // weeks and months
    ["end of the week", TUE, FRI],
    ["end of week", FRI, FRI],
    ["end of next week", MON, "2025-03-28"],
    ["end of the month", TUE, "2025-03-31"],
    ["end of this month", MON, "2025-03-31"],
    ["in two weeks", THU, "2025-04-03"],
    ["within two weeks", MON, "2025-03-31"],
    ["within 3 days", FRI, "2025-03-24"],
    // a day of the month: the next one on or after the meeting day
    ["the 28th", MON, "2025-03-28"],
    ["by the 9th", MON, "2025-04-09"],
    ["before the 9th", MON, "2025-04-09"],
    ["by the 17th", MON, MON],
    ["by the twenty-second", TUE, "2025-03-22"],
    ["by the end of the day on the 24th", WED, "2025-03-24"],
    ["the 28th works", MON, "2025-03-28"],
    ["by the first", MON, "2025-04-01"],
    // calendar dates
    ["October 3rd", MON, "2025-10-03"],
    ["3 October", MON, "2025-10-03"],
    ["the third of November", MON, "2025-11-03"],
    ["November 3", MON, "2025-11-03"],
    ["by November third", MON, "2025-11-03"],
    // speech-to-text: lower case, no punctuation
    ["ok so by friday then", MON, FRI],
    ["end of day tomorrow", THU, FRI],
    ["ill have it to you by thursday latest", MON, THU],
    // the speaker corrects the date: the last one said wins
    ["by Thursday, actually make that Friday", MON, FRI],
    ["by Thursday make that Friday", MON, FRI],
    ["by Thursday, no, Friday", MON, FRI],
    ["Friday, sorry, Thursday", MON, THU],
    ["by Thursday, no wait, Wednesday", MON, WED],
    ["by thursday no friday", MON, FRI],
    ["no later than Friday", MON, FRI],
    ["no, I'll have it by Friday", MON, FRI],
  ])("%j said on %s → %s", (text, meetingDate, expected) => {
    expect(due(text, meetingDate)).toBe(expected);
  });

  it.each([
    // vague on purpose
    ["next week", WED],
    ["I'll get to it next week", MON],
    ["sometime this week", TUE],
    ["mid next week", MON],
    ["before Black Friday", MON],
    ["mid-April", MON],
    ["in Q2", MON],
    ["this quarter", MON],
    ["not this month", MON],
    ["in a couple of days", MON],
    ["in a couple of weeks", WED],
    ["in the next few days", WED],
    // numbers and names that are not dates
    ["we're on version 2.1", MON],
    ["we have 3 weeks of data", MON],
    ["three weeks of data", MON],
    ["Q3 looks good", MON],
    ["the 20th percentile is fine", MON],
    ["the third point is cost", MON],
    ["the 6th floor", MON],
    ["a 3rd-party API", MON],
    ["they closed their Series B", MON],
    // a time alone is not a deadline
    ["two p.m.", MON],
    ["let's meet at 2 p.m.", MON],
    // the past
    ["24 hours ago", MON],
    ["we shipped it last Friday", WED],
    ["on Monday we shipped the fix", WED],
    ["I sent the draft on Friday", MON],
    ["the outage was on the 14th", MON],
    ["that was Tuesday", THU],
  ])("%j said on %s has no due date", (text, meetingDate) => {
    expect(due(text, meetingDate)).toBeNull();
  });

  it.each([
    ["she has an offer, and it expires Friday", MON, FRI],
    ["we shipped it Monday and I'll write it up by Friday", WED, FRI],
    ["the plan was to ship by Friday", MON, FRI],
  ])("a past clause does not hide a deadline in another: %j → %s", (text, meetingDate, expected) => {
    expect(due(text, meetingDate)).toBe(expected);
  });

  it.each([
    ["COB Friday", "COB Friday"],
    ["by end of day tomorrow", "end of day tomorrow"],
    ["by the end of the day on the 24th", "the end of the day on the 24th"],
    ["by the 9th", "the 9th"],
  ])("a time of day said with its day is one phrase: %j → %j", (text, phrase) => {
    expect(findDueDate(text, WED)?.phrase).toBe(phrase);
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
