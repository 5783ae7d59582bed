import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("risks", () => {
  it("'Can I raise a risk?' makes the speaker's next sentence the risk, theirs to own", () => {
    const r = single([["Wen", "Can I raise a risk? The vendor may not ship the SDK before our launch."]], "risk");
    expect(r.owner).toBe("Wen");
    expect(r.text).toMatch(/vendor/);
  });

  it("'That could bite us.' makes a risk of what was said just before", () => {
    const r = single(
      [
        ["Darius", "The certificate on the payments gateway expires next month."],
        ["Kenji", "That could bite us."],
      ],
      "risk",
    );
    expect(r.text).toMatch(/certificate/);
  });

  it("another speaker's rating refines the risk just raised", () => {
    const r = single(
      [
        ["Darius", "There's a risk that the vendor misses the March deadline for the SDK."],
        ["Priya", "Medium likelihood, high impact."],
      ],
      "risk",
    );
    expect(r.likelihood).toBe("medium");
    expect(r.impact).toBe("high");
  });

  it("a risk's next sentence from its speaker elaborates it", () => {
    const r = single(
      [["Darius", "What really worries me is the creator contracts. Two of the five have not come back signed."]],
      "risk",
    );
    expect(r.text).toMatch(/come back signed/);
  });

  it("the mitigation its owner says next is recorded from the mitigation on", () => {
    const r = single(
      [
        ["Darius", "There's a risk that the vendor misses the March deadline for the SDK."],
        ["Darius", "We can live with it for a week, the fallback is the old SDK."],
      ],
      "risk",
    );
    expect(r.mitigation).toMatch(/^[Tt]he fallback is the old SDK$/);
  });
});
