import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("motions", () => {
  it("a motion carried by the chair's count is a decision", () => {
    const d = single(
      [
        ["Priya", "I move that we adopt the new on-call rotation."],
        ["Darius", "Seconded."],
        ["Priya", "The motion carries, three to one."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/on-call rotation/);
    expect(d.status).toBe("decided");
  });
});
