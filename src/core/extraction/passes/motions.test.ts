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

  it("a motion on 'that amendment' names what the chair set out, with the count, and the chair's restatement joins it", () => {
    const d = single(
      [
        [
          "Priya",
          "So the plan as presented, with Kenji's amendment: the six new hires are gated on Q1 bookings. Is there a motion to approve the operating plan with that amendment?",
        ],
        ["Darius", "So moved."],
        ["Wen", "Second."],
        ["Priya", "The motion carries, three in favor, none opposed, one abstention. The plan is approved as amended."],
      ],
      "decision",
    );
    expect(d.text).toBe(
      "The plan as presented, with Kenji's amendment: the 6 new hires are gated on Q1 bookings — approve the operating plan with that amendment (3 in favor, none opposed, one abstention)",
    );
  });

  it("what the chair carries next is not the restatement", () => {
    const { extract } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });
    const items = extract([
      ["Priya", "I move to refer the culvert funding request to the full council."],
      ["Darius", "Second."],
      ["Priya", "The motion carries, four to zero. I'll carry that to the full council myself on the 14th."],
    ]).items;
    expect(items.map((i) => i.kind).sort()).toEqual(["decision", "escalation"]);
  });
});
