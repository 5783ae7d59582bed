import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { ofKind, single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("replies", () => {
  it("agreement from another speaker decides the proposal on the table", () => {
    const d = single(
      [
        ["Priya", "I propose we move the billing service to the new cluster."],
        ["Darius", "Agreed."],
      ],
      "decision",
    );
    expect(d.decidedBy).toBe("Darius");
    expect(d.status).toBe("decided");
  });

  it("the proposer agreeing with themselves decides nothing", () => {
    expect(
      ofKind([["Priya", "I propose we move the billing service to the new cluster. Agreed."]], "decision"),
    ).toEqual([]);
  });

  it("'Yes, by Friday' takes the task just asked", () => {
    const a = single(
      [
        ["Darius", "Priya, can you review the auth latency dashboard?"],
        ["Priya", "Yes, by Friday."],
      ],
      "action",
    );
    expect(a.owner).toBe("Priya");
    expect(a.due).toBe("2025-03-21");
  });

  it("'I'll own it' makes the speaker the owner of the risk just raised", () => {
    const r = single(
      [
        ["Darius", "There's a risk that the vendor misses the March deadline for the SDK."],
        ["Wen", "I'll own it."],
      ],
      "risk",
    );
    expect(r.owner).toBe("Wen");
  });

  it("the agreeing speaker's restatement becomes the decision's text", () => {
    const d = single(
      [
        ["Priya", "I propose we move the billing service to the new cluster."],
        ["Darius", "Agreed. The billing service moves to the new cluster next sprint."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/next sprint/);
  });

  it("'Sure.' from the person asked takes the task, with no item of its own", () => {
    const a = single(
      [
        ["Darius", "Kenji, could you rotate the staging credentials?"],
        ["Kenji", "Sure."],
      ],
      "action",
    );
    expect(a.owner).toBe("Kenji");
    expect(a.evidence.map((e) => e.speaker)).toEqual(["Darius", "Kenji"]);
  });
});
