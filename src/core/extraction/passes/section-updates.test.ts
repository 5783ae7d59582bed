import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { extract, ofKind } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("section updates", () => {
  it("staffing talk is an update under the template's staffing section", () => {
    const updates = ofKind(
      [["Wen", "We hired two backend engineers this sprint and one more starts Monday."]],
      "update",
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]?.section).toBe(template.sections.find((s) => s.kind === "staffing")?.id);
  });

  it("without such a section the same talk is no update", () => {
    const { items } = extract([["Wen", "We hired two backend engineers this sprint and one more starts Monday."]], {
      template: null,
    });
    expect(items.filter((i) => i.kind === "update")).toEqual([]);
  });

  it("under 'Strategic initiatives' a colour rates the speaker's report, not a risk", () => {
    const items = extract([
      ["Priya", "Okay. Strategic initiatives."],
      ["Wen", "The search migration is on track for the end of the quarter. I'd call it green."],
    ]).items;
    expect(items.filter((i) => i.kind === "risk")).toEqual([]);
    const update = items.find((i) => i.kind === "update");
    expect(update?.rag).toBe("green");
  });
});
