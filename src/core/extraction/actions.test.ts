import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../test/helpers/meeting.js";
import { type ActionContext, isTask, readAction, withContext } from "./actions.js";
import type { DueDate } from "./dates.js";
import { People } from "./people.js";
import { contentWordSet, splitSentences } from "./text.js";

const sentence = (raw: string) => {
  const [s] = splitSentences(raw);
  if (!s) throw new Error(`no sentence in ${raw}`);
  return s;
};

function context(speaker: string | null, extra: Partial<ActionContext> = {}): ActionContext {
  return {
    speaker,
    previousSpeaker: "Darius",
    people: new People(["Priya", "Darius", "Wen", "Kenji"]),
    due: null,
    addressed: { name: null, at: -10 },
    index: 1,
    lastRequest: null,
    lastRequestAskedOfMe: false,
    lastRequestJustPromised: false,
    previousSentence: null,
    ...extra,
  };
}

const FRIDAY: DueDate = { date: "2025-03-21", phrase: "Friday" };

describe("readAction: who will do what", () => {
  it.each([
    ["I'll draft the migration plan for billing.", "Kenji", "Draft the migration plan for billing"],
    ["I will write the postmortem for the March outage.", "Kenji", "Write the postmortem for the March outage"],
    ["Priya, can you review the auth dashboard?", "Priya", "Review the auth dashboard"],
    ["Priya, resolve auth latency or roll back.", "Priya", "Resolve auth latency or roll back"],
    ["Darius to update the hiring plan.", "Darius", "Update the hiring plan"],
    ["Wen will send the hiring plan to finance.", "Wen", "Send the hiring plan to finance"],
    ["Tobias, can you benchmark the new build cache?", "Tobias", "Benchmark the new build cache"],
    // How a chair hands out (or reads back) the work: an attendee and a verb in the present tense.
    [
      "So: Darius books the accrual and chases the bank difference.",
      "Darius",
      "Book the accrual and chase the bank difference",
    ],
    ["Wen does the intercompany tie-out with Marie.", "Wen", "Do the intercompany tie-out with Marie"],
    ["Priya plans for a Friday flash, we decide Wednesday.", "Priya", "Plan for a Friday flash"],
    ["I'll ask the shop-ride riders about a backup date.", "Kenji", "Ask the shop-ride riders about a backup date"],
    ["I'll draft the waitlist page, it's mostly config.", "Kenji", "Draft the waitlist page"],
  ])("%j → owner %s: %j", (raw, owner, text) => {
    expect(readAction(sentence(raw), context("Kenji"))).toMatchObject({ kind: "new", owner, text });
  });

  it("takes the deadline words out of the task and is surer of a task with a deadline", () => {
    const withDue = readAction(sentence("I'll draft the migration plan by Friday."), context("Kenji", { due: FRIDAY }));
    const without = readAction(sentence("I'll draft the migration plan."), context("Kenji"));
    expect(withDue).toMatchObject({ kind: "new", owner: "Kenji", text: "Draft the migration plan" });
    expect(without).toMatchObject({ kind: "new", owner: "Kenji", text: "Draft the migration plan" });
    if (withDue?.kind !== "new" || without?.kind !== "new") throw new Error("expected new actions");
    expect(withDue.confidence).toBeGreaterThan(without.confidence);
    for (const c of [withDue.confidence, without.confidence]) {
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  it("keeps a task nobody took as unowned", () => {
    expect(readAction(sentence("Someone should update the runbook for failover."), context("Kenji"))).toMatchObject({
      kind: "new",
      owner: null,
    });
  });

  it("remembers whom a sentence addressed by name", () => {
    const ctx = context("Kenji", { index: 7 });
    readAction(sentence("Priya, can you review the auth dashboard?"), ctx);
    expect(ctx.addressed).toEqual({ name: "Priya", at: 7 });
  });

  it.each([
    "I'll share my screen.",
    "I can open it another way.",
    "If it's month-end I will have finance at my desk.",
    "I'll go first.",
    "So Priya can check the notes.",
    "I asked Wen to post the JD.",
    "I'll let Priya present.",
    "The weather is nice today.",
  ])("%j is not an action", (raw) => {
    expect(readAction(sentence(raw), context("Kenji"))).toBeNull();
  });

  it("reads the answer to a request as a refinement of that request", () => {
    const ctx = context("Wen", { lastRequest: contentWordSet("get the JD posted"), previousSpeaker: "Darius" });
    expect(readAction(sentence("I'll get it posted by the 28th."), ctx)).toMatchObject({
      kind: "refine",
      owner: "Wen",
    });
  });
});

describe("asking, now or later", () => {
  it.each([["I'd ask that we keep this short."], ["Let me ask you something about the rollout."]])(
    "%j asks the room now: no task",
    (raw) => {
      expect(readAction(sentence(raw), context("Kenji"))).toBeNull();
    },
  );
});

describe("an attendee in the present tense", () => {
  it.each([
    ["Darius thinks the accrual is fine."],
    ["Priya says the numbers are in."],
    ["Kenji books the accrual every month."],
  ])("%j is not read as the speaker's own task", (raw) => {
    expect(readAction(sentence(raw), context("Kenji"))).toBeNull();
  });
});

describe("isTask", () => {
  it.each([
    ["draft the migration plan", null, true],
    ["post it", FRIDAY, true],
    ["do it", null, false],
    ["post it", null, false],
    ["move on to risks", null, false],
    ["open the roadmap", null, false],
    ["wrap this up", null, false],
  ] as const)("%j (due %j) → %s", (clause, due, expected) => {
    expect(isTask(clause, due)).toBe(expected);
  });
});

describe("withContext", () => {
  it("puts back what 'it' points to in the sentence before", () => {
    const previous = sentence("The fix for the pagination bug is written and in review.");
    expect(withContext("have it deployed", previous)).toBe("have the fix for the pagination bug deployed");
  });

  it("leaves a task without a pronoun, or without a sentence before, alone", () => {
    const previous = sentence("The fix for the pagination bug is written and in review.");
    expect(withContext("deploy the fix", previous)).toBe("deploy the fix");
    expect(withContext("have it deployed", null)).toBe("have it deployed");
  });
});

describe("what is not a task for the notes", () => {
  const reader = conversationReader({ template: builtinTemplate("team-sync"), meetingDate: "2025-10-08" });
  it.each([
    ["Olivia", "I'll take one million if I have to."],
    ["Sunita", "I can approve up to ten K a month on my own."],
    ["Delphine", "I'll call this meeting of the committee to order at ten-oh-two."],
    ["Delphine", "I'll call the October eighth meeting of the Public Works Committee of the Town of Ashby to order."],
    ["Omar", "I'll second that for discussion."],
    ["Ana", "I'll put it on the list."],
    // A promise inside a clause that describes a thing: "something I can fix", "which we can live with".
    ["Vikram", "It's a connector bug, it's not something I can fix from my side."],
    ["Marcus", "They want the cap at two times fees, which I think we can live with."],
    ["Sunita", "That's the thing I'm going to lose sleep over."],
  ])("%s: %s", (speaker, text) => {
    expect(reader.ofKind([[speaker, text]], "action")).toEqual([]);
  });
});
