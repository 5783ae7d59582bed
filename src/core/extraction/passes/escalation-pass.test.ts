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
