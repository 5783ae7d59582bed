import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { ofKind, single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("escalations", () => {
  it("'I want to escalate this' says what it escalates", () => {
    const e = single(
      [["Darius", "Mobile is short two engineers for the launch. I want to escalate this to the VP."]],
      "escalation",
    );
    expect(e.text).toMatch(/short 2 engineers/);
    expect(e.owner).toBe("Darius");
  });

  it("the escalation's owner promising a next step adds to it, not a separate action", () => {
    const lines: [string, string][] = [
      ["Darius", "We need exec sign-off on the contractor budget for the launch."],
      ["Darius", "I'll own the customer comms draft."],
    ];
    expect(single(lines, "escalation").needed).toMatch(/customer comms draft/);
    expect(ofKind(lines, "action")).toEqual([]);
  });
});

describe("the same escalation said again", () => {
  it("a second escalation to the same person outside the room joins the first", () => {
    const e = single(
      [
        [
          "Darius",
          "Finance is treating the two backfills as new headcount. We need to escalate that to Dana, the CFO.",
        ],
        ["Priya", "Agreed, it's above this room."],
        ["Wen", "Moving on, the March release is on track."],
        ["Darius", "I'll take it to Dana at the budget review on Thursday."],
      ],
      "escalation",
    );
    expect(e.evidence).toHaveLength(2);
    expect(e.owner).toBe("Darius");
  });

  it("escalations to different people stay two", () => {
    const escalations = ofKind(
      [
        [
          "Darius",
          "Finance is treating the two backfills as new headcount. We need to escalate that to Dana, the CFO.",
        ],
        ["Wen", "The vendor contract needs legal sign-off. I'll escalate it to Graham, our general counsel."],
      ],
      "escalation",
    );
    expect(escalations).toHaveLength(2);
  });
});
