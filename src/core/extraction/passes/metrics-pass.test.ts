import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { extract } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("metrics", () => {
  it("reads the numbers under the team named first", () => {
    const { metrics } = extract([["Priya", "Payments. Velocity 52, two incidents."]]);
    expect(metrics).toHaveLength(1);
    expect(metrics[0]?.team).toBe("Payments");
    expect(metrics[0]?.values).toMatchObject({ velocity: 52, incidents: 2 });
  });

  it("a correction right after replaces the figure", () => {
    const { metrics } = extract([["Priya", "Payments. Incidents four. Oh, actually, five."]]);
    expect(metrics[0]?.values).toMatchObject({ incidents: 5 });
  });
});
