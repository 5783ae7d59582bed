import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { ofKind, single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("recaps", () => {
  it("a recapped action nobody said before is added with its owner and date", () => {
    const a = single([["Priya", "Let me recap. Actions. Darius, update the hiring plan by Friday."]], "action");
    expect(a.owner).toBe("Darius");
    expect(a.due).toBe("2025-03-21");
  });

  it("a recap of an action already noted refines it instead of adding another", () => {
    const items = ofKind(
      [
        ["Darius", "I'll update the hiring plan."],
        ["Priya", "Let me recap. Actions. Darius, update the hiring plan by Friday."],
      ],
      "action",
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.due).toBe("2025-03-21");
  });

  it("a line under 'Pending:' is a decision left pending", () => {
    const d = single(
      [["Priya", "Let me recap. Pending: the audit log retention period for EU customers."]],
      "decision",
    );
    expect(d.status).toBe("pending");
    expect(d.text).toMatch(/audit log retention/);
  });
});
