import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { ofKind, single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("proposals", () => {
  it("a proposal nobody answers waits and decides nothing", () => {
    expect(ofKind([["Priya", "I propose we move the billing service to the new cluster."]], "decision")).toEqual([]);
  });

  it("'Any objections?' makes the statement before it a proposal that 'No.' accepts", () => {
    const d = single(
      [
        ["Priya", "The sync model is one-way from Salesforce. Any objections?"],
        ["Darius", "No."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/one-way from Salesforce/);
  });

  it("the sentences after a proposal lead are its content", () => {
    const d = single(
      [
        ["Priya", "Here's my proposal. We freeze deploys over the holidays. Hotfixes still go out."],
        ["Darius", "Agreed."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/freeze deploys/);
    expect(d.text).toMatch(/Hotfixes/);
  });

  it("'Farah, you own it' right after a decision names who carries it out", () => {
    const d = single(
      [
        ["Priya", "We decided to roll the hotfix to all regions on Friday."],
        ["Priya", "Darius, you own it."],
      ],
      "decision",
    );
    expect(d.owner).toBe("Darius");
  });

  it("'So that's still open.' leaves the proposal on the table pending", () => {
    const d = single(
      [
        ["Priya", "I propose we move the billing service to the new cluster."],
        ["Darius", "So that's still open."],
      ],
      "decision",
    );
    expect(d.status).toBe("pending");
  });
});
