import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("refinements", () => {
  it("a due date said next refines the speaker's task", () => {
    const a = single(
      [
        ["Priya", "I'll draft the migration plan for the billing service."],
        ["Priya", "By Friday."],
      ],
      "action",
    );
    expect(a.due).toBe("2025-03-21");
  });

  it("'that's already done' closes the task just mentioned", () => {
    const a = single(
      [
        ["Darius", "Wen, can you rotate the staging credentials?"],
        ["Wen", "That's already done."],
      ],
      "action",
    );
    expect(a.status).toBe("done");
  });

  it("a 'because' after a decision is its rationale", () => {
    const d = single(
      [
        ["Priya", "We decided to keep the monolith for billing."],
        ["Priya", "Because the team is too small to run two services."],
      ],
      "decision",
    );
    expect(d.rationale).toMatch(/team is too small/);
  });
});
