import { describe, expect, it } from "vitest";
import { conversationReader } from "../../../../test/helpers/meeting.js";

const { single, extract } = conversationReader({ meetingDate: "2025-11-03", lineModel: null });

describe("a decision that only points back", () => {
  it("names what the question it answers was about", () => {
    const items = extract([
      [
        "Stefan",
        "One more small thing. The forklift repairs at the Stockton yard, forty-eight thousand. Do we capitalize or expense?",
      ],
      ["Grace", "Then expense it. That's maintenance."],
    ]).items;
    const decision = items.find((i) => i.kind === "decision");
    expect(decision?.text).toBe("The forklift repairs at the Stockton yard, 48000 — expense it");
    expect(items.find((i) => i.kind === "question")?.status).toBe("answered");
  });

  it("takes the next speaker's fuller sentence as what was decided", () => {
    const decision = single(
      [
        ["Priya", "Petrel Insurance, sixty-two K. Their budget got frozen until October, so it's not this quarter."],
        ["Dana", "So we move it."],
        ["Priya", "Yeah, I think Petrel comes out of commit and goes to best case for Q4."],
      ],
      "decision",
    );
    expect(decision.text).toBe("Petrel comes out of commit and goes to best case for Q4");
    expect(decision.decidedBy).toBe("Dana");
  });

  it("keeps its own words when the next speaker disagrees", () => {
    const decision = single(
      [
        ["Priya", "Petrel Insurance, sixty-two K. Their budget got frozen until October."],
        ["Dana", "So we move it."],
        ["Priya", "I'd rather not, their champion still thinks she can find budget in September."],
      ],
      "decision",
    );
    expect(decision.text).toBe("We move it");
  });

  it("a decision with content of its own is not rewritten by the reply", () => {
    const decision = single(
      [
        ["Dana", "Decision: we move Petrel to best case for Q4."],
        ["Priya", "Fine, I'll update the forecast sheet tonight."],
      ],
      "decision",
    );
    expect(decision.text).toBe("We move Petrel to best case for Q4");
  });
});

describe("a decision left pending names what is pending", () => {
  it("the choice someone else asked the room to make", () => {
    const items = extract([
      ["Ravi", "Can we decide now if the flash moves to Monday? Then I tell Helen today."],
      ["Grace", "I'd rather not decide that yet. I'll make the call Wednesday."],
    ]).items;
    const decision = items.find((i) => i.kind === "decision");
    expect(decision).toMatchObject({ status: "pending", text: "Whether the flash moves to Monday" });
    expect(items.filter((i) => i.kind === "question" && i.status === "open")).toEqual([]);
  });

  it("what the same turn said just before", () => {
    const decision = single(
      [
        [
          "Ingrid",
          "I must first discuss with Lars, our CFO, if we add Hamburg at the renewal or only later. I cannot decide this today.",
        ],
      ],
      "decision",
    );
    expect(decision.status).toBe("pending");
    expect(decision.text).toBe(
      "Whether to add Hamburg at the renewal or only later (pending discussion with Lars, our CFO)",
    );
  });

  it("a question of fact, put off, stays an open question", () => {
    const items = extract([
      ["Lucia", "Can I ask, do we actually know districts want it? Or is it one loud customer?"],
      ["Sarah", "It's come up in three renewal calls, but two of them are the same superintendent."],
      ["Maya", "That's a good question and I don't think we know. Let's not decide that today."],
    ]).items;
    expect(items.filter((i) => i.kind === "decision")).toEqual([]);
    expect(items.filter((i) => i.kind === "question").map((q) => [q.text, q.status])).toEqual([
      ["Do we know districts want it, or is it one loud customer", "open"],
    ]);
  });

  it("'Let's hold the decision until Sakura hears back' holds what the turn just said", () => {
    const decision = single(
      [
        [
          "Hollis",
          "I'd like to push the WMS upgrade to January, but I want IT to tell me whether rollback has been tested. Let's hold the decision until Sakura hears back.",
        ],
      ],
      "decision",
    );
    expect(decision.status).toBe("pending");
    expect(decision.text).toMatch(/^I'd like to push the WMS upgrade to January/);
  });

  it("'I agree. But I don't want to…' is a reservation, not the conclusion agreed", () => {
    const items = extract([
      ["Sakura", "That's a bad idea. If it goes wrong on the fourteenth we can't pick on the fifteenth."],
      ["Hollis", "I agree. But I don't want to just tell IT no without talking to them."],
    ]).items;
    expect(items.filter((i) => i.kind === "decision")).toEqual([]);
  });
});

describe("'pending' as a word of status", () => {
  it("'two discharges pending' reports the unit, it leaves no decision pending", () => {
    const items = extract([
      ["Rachel", "We're at 26 of 28, two discharges pending, one admit coming up from the ED."],
    ]).items;
    expect(items.filter((i) => i.kind === "decision")).toEqual([]);
  });

  it("'Sheet it is, pending Tomasz's spike' still decides, with a condition", () => {
    const decision = single([["Priya", "Okay, sheet it is, pending Tomasz's spike."]], "decision");
    expect(decision.status).toBe("decided");
  });
});
