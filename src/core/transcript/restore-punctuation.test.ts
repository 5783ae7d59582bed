import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { isUnpunctuated, restorePunctuation, restoreSpeech } from "./restore-punctuation.js";

const NAMES = ["Marta Kowalski", "Dev Patel", "Olu"];
const restore = (text: string) => restorePunctuation(text, NAMES);

describe("restorePunctuation: fillers and restarts", () => {
  it.each([
    ["we um moved the release to tuesday", "We moved the release to Tuesday."],
    ["uh the build uhm passed er this morning", "The build passed this morning."],
    ["hmm the logs look clean", "The logs look clean."],
    // "um" inside a word is a word.
    ["the umbrella policy covers the drum kit", "The umbrella policy covers the drum kit."],
    ["the the migration is done", "The migration is done."],
    ["i i think the cache is fine", "I think the cache is fine."],
    ["we should we should cut the scope", "We should cut the scope."],
    ["it's in the in the staging bucket", "It's in the staging bucket."],
    // Said twice on purpose: a number, "that that", a conditional echo.
    ["the port is eight eight", "The port is eight eight."],
    ["i know that that part is slow", "I know that that part is slow."],
    ["if it rains it rains", "If it rains it rains."],
  ])("%j → %j", (input, output) => {
    expect(restore(input)).toBe(output);
  });
});

describe("restorePunctuation: sentence boundaries", () => {
  it.each([
    // A subject with its verb after a complete clause starts a sentence.
    [
      "the deploy went out last night i'll check the error rate",
      "The deploy went out last night. I'll check the error rate.",
    ],
    ["the vendor replied yesterday we're good to sign", "The vendor replied yesterday. We're good to sign."],
    ["the dashboard is slow it's the join on accounts", "The dashboard is slow. It's the join on accounts."],
    // Openers go with the sentence they open.
    [
      "the draft is nearly done but i need the numbers from finance",
      "The draft is nearly done. But I need the numbers from finance.",
    ],
    ["we ran out of budget so we'll cut the survey", "We ran out of budget. So we'll cut the survey."],
    ["the tests pass okay let's merge it", "The tests pass. Okay, let's merge it."],
    ["the notes are in the doc so the next step is review", "The notes are in the doc. So the next step is review."],
    // "that" may open a relative clause ("the data that I have"), so no sentence ends on it.
    ["i can take that i'll start monday", "I can take that I'll start Monday."],
    ["a student of ours who's doing the survey", "A student of ours who's doing the survey."],
    ["the month is tight i think we slip", "The month is tight. I think we slip."],
    // "so much", "so far": a degree, not a new sentence.
    ["the setup got so much easier", "The setup got so much easier."],
    // A verb of saying or a conjunction holds the clause together.
    ["i think we should wait", "I think we should wait."],
    ["she said they'd ship on friday", "She said they'd ship on Friday."],
    ["the build fails when we run it on arm", "The build fails when we run it on arm."],
    ["that's the thing we never tested", "That's the thing we never tested."],
    ["there's not a lot we can do", "There's not a lot we can do."],
    ["i said that we'd wait", "I said that we'd wait."],
    // After "if", the next clause is the main clause, not a new sentence.
    ["if the queue backs up again that's the fix", "If the queue backs up again, that's the fix."],
    // An opening prepositional phrase is not a sentence by itself.
    ["in two weeks we can look again", "In two weeks, we can look again."],
    // A restart: the subject left hanging is dropped from the new sentence.
    ["yeah i'm can you see my screen", "Yeah, I'm. Can you see my screen?"],
    // "hear me okay": after an object, "okay" is an adverb.
    ["can you hear me okay", "Can you hear me okay?"],
  ])("%j → %j", (input, output) => {
    expect(restore(input)).toBe(output);
  });
});

describe("restorePunctuation: questions", () => {
  it.each([
    ["what's the plan for the launch", "What's the plan for the launch?"],
    ["do you have the access keys", "Do you have the access keys?"],
    ["can you take the billing ticket", "Can you take the billing ticket?"],
    ["are we good with the new date", "Are we good with the new date?"],
    ["so is it the old version or the new one", "So is it the old version or the new one?"],
    ["how much is the renewal", "How much is the renewal?"],
    ["when can you have the report", "When can you have the report?"],
    ["okay anything else", "Okay, anything else?"],
    ["is the demo still on for friday", "Is the demo still on for Friday?"],
    ["what if the vendor says no", "What if the vendor says no?"],
    ["which week", "Which week?"],
    ["any objections to moving it", "Any objections to moving it?"],
    ["we're going to regret this aren't we", "We're going to regret this aren't we?"],
    // Someone addressed by a name the meeting did not list.
    ["ilse can you write up the options", "Ilse can you write up the options?"],
    // A question ends before "because" or an answer to it.
    [
      "should we count hotfixes because if not the number looks bad",
      "Should we count hotfixes? Because if not the number looks bad.",
    ],
    ["any objections no okay it's agreed", "Any objections? No, okay, it's agreed."],
    // A question after a statement ends the statement.
    [
      "the vendor wants an answer this week what's realistic",
      "The vendor wants an answer this week. What's realistic?",
    ],
    ["the numbers look off sorry is this the final export", "The numbers look off. Sorry, is this the final export?"],
    // A name addressed before a question starts it.
    ["okay let's begin marta are you there", "Okay, let's begin. Marta, are you there?"],
    ["dev you want to start", "Dev, you want to start?"],
    // Not questions: a subordinate "when", a relative "which", "do"/"have" as the verb, a copula.
    ["when you're back ping me", "When you're back ping me."],
    ["which is the part i wanted", "Which is the part I wanted."],
    ["do a spike first", "Do a spike first."],
    // "who" after a noun is a relative clause.
    ["i told the customers who were waiting", "I told the customers who were waiting."],
    ["do that first", "Do that first."],
    ["yes do it now", "Yes, do it now."],
    ["the problem is it times out", "The problem is it times out."],
  ])("%j → %j", (input, output) => {
    expect(restore(input)).toBe(output);
  });
});

describe("restorePunctuation: capitals", () => {
  it.each([
    ["marta will send it and then i'll review", "Marta will send it. And then I'll review."],
    ["i'm not sure i'd ship it", "I'm not sure I'd ship it."],
    ["olu and dev are on call", "Olu and Dev are on call."],
    ["kowalski signed off", "Kowalski signed off."],
    // Only the names given: other people's names stay as heard.
    ["i'll ask priya", "I'll ask priya."],
    // Day names; "may" and "march" are ordinary words too.
    ["we may march it out on monday", "We may march it out on Monday."],
  ])("%j → %j", (input, output) => {
    expect(restore(input)).toBe(output);
  });

  it("does not capitalise a name that is also an ordinary word", () => {
    expect(restorePunctuation("we will see", ["Will Turner"])).toBe("We will see.");
  });
});

describe("restorePunctuation: already punctuated text", () => {
  it.each([
    "Okay, so, um, the the release is Friday.",
    "what's the plan?",
    "we shipped it, mostly",
    "Version 2.8 is out; the notes are up.",
  ])("%j stays as it is", (input) => {
    expect(restore(input)).toBe(input);
  });

  it("handles empty and filler-only text", () => {
    expect(restore("")).toBe("");
    expect(restore("um uh")).toBe("");
  });
});

const seg = (text: string, speaker: string | null = "Marta Kowalski"): Segment => ({
  id: text,
  speaker,
  text,
  start: null,
  end: null,
});

describe("isUnpunctuated", () => {
  const raw = [
    seg("okay so the first thing is the release we moved it to thursday"),
    seg("right and the migration still needs a second pair of eyes before we run it"),
    seg("i can do that tomorrow morning if nobody else wants it"),
  ];
  const written = [
    seg("Okay, so the first thing is the release. We moved it to Thursday."),
    seg("Right, and the migration still needs a second pair of eyes before we run it."),
    seg("I can do that tomorrow morning, if nobody else wants it."),
  ];

  it("tells raw speech recognition from punctuated text", () => {
    expect(isUnpunctuated(raw)).toBe(true);
    expect(isUnpunctuated(written)).toBe(false);
  });

  it("is not swayed by a few punctuated lines", () => {
    expect(isUnpunctuated([...raw, ...raw, ...raw, seg("Thanks, everyone.")])).toBe(true);
  });

  it("does not decide on too little text", () => {
    expect(isUnpunctuated([seg("yeah"), seg("okay sure")])).toBe(false);
  });
});

describe("restoreSpeech", () => {
  it("restores a raw meeting with its speakers' names, leaves a punctuated one alone", () => {
    const meeting = [
      seg("okay so dev you take the billing ticket can you have it by friday"),
      seg("yeah i'll um i'll do it thursday actually", "Dev Patel"),
      seg("great then marta owns the release notes and we're done for today"),
    ];
    expect(restoreSpeech(meeting).map((s) => s.text)).toEqual([
      "Okay, so Dev, you take the billing ticket. Can you have it by Friday?",
      "Yeah, I'll do it Thursday actually.",
      "Great then Marta owns the release notes. And we're done for today.",
    ]);
    expect(meeting[1]?.text).toBe("yeah i'll um i'll do it thursday actually"); // input unchanged
    expect(restoreSpeech([...meeting, seg("um")]).at(-1)?.text).toBe("um"); // never an empty segment
    const written = meeting.map((s) => ({ ...s, text: `${s.text}.`.replace(/ /g, ", ") }));
    expect(restoreSpeech(written)).toEqual(written);
  });

  it("takes a few microseconds a segment", () => {
    const line = "okay so dev you take the billing ticket um can you have it by friday i'll check the the logs";
    const meeting = Array.from({ length: 1500 }, (_, i) => seg(`${line} ${i}`));
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      restoreSpeech(meeting);
      best = Math.min(best, performance.now() - started);
    }
    // An hour-long meeting takes a few milliseconds; the bound is loose for a busy CI machine but fails anything quadratic.
    expect(best).toBeLessThan(150);
  });
});
