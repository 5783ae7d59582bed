import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../../test/helpers/meeting.js";
import type { FollowUpRule } from "../template/template.js";
import {
  describeMinutes,
  describeRule,
  findRule,
  hasRule,
  notesDeadlineMinutes,
  slackSummaryChannel,
  slackSummaryKinds,
  withNotesDeadline,
} from "./rules.js";

const engineering = builtinTemplate("engineering-leadership-sync").followUp.rules;
const product = builtinTemplate("product-engineering-sync").followUp.rules;

describe("hasRule and findRule", () => {
  it("finds the rules a Space has and no others", () => {
    expect(hasRule(engineering, "red-risk-to-next-agenda")).toBe(true);
    expect(hasRule(engineering, "unowned-risk-escalate")).toBe(false);
    expect(hasRule(product, "unowned-risk-escalate")).toBe(true);
    expect(hasRule([], "distribute-notes")).toBe(false);
    expect(findRule(engineering, "slack-summary")?.channel).toBe("#eng-leadership");
    expect(findRule(product, "slack-summary")).toBeNull();
  });
});

describe("notesDeadlineMinutes", () => {
  it("takes the distribute-notes rule's minutes over the Space's hours", () => {
    expect(notesDeadlineMinutes(engineering, 24)).toBe(120);
  });

  it("falls back to the Space's hours without a rule", () => {
    expect(notesDeadlineMinutes([{ kind: "red-risk-to-next-agenda" }], 3)).toBe(180);
    expect(notesDeadlineMinutes([], 1.5)).toBe(90);
  });
});

describe("slackSummaryKinds and slackSummaryChannel", () => {
  it("uses the rule's include, once each", () => {
    const rules: FollowUpRule[] = [{ kind: "slack-summary", channel: "#ops", include: ["action", "risk", "action"] }];
    expect(slackSummaryKinds(rules)).toEqual(["action", "risk"]);
    expect(slackSummaryKinds(engineering, "#other")).toEqual(["decision", "escalation"]);
  });

  it("posts decisions and escalations when the Space has a channel but no rule, and nothing otherwise", () => {
    expect(slackSummaryKinds(product, "#product-eng")).toEqual(["decision", "escalation"]);
    expect(slackSummaryKinds(product, "  ")).toEqual([]);
    expect(slackSummaryKinds(product)).toEqual([]);
  });

  it("posts to the Space's own channel first, then the rule's", () => {
    expect(slackSummaryChannel(engineering, "#leads")).toBe("#leads");
    expect(slackSummaryChannel(engineering, null)).toBe("#eng-leadership");
    expect(slackSummaryChannel(engineering, "")).toBe("#eng-leadership");
    expect(slackSummaryChannel(product, null)).toBeNull();
  });
});

describe("withNotesDeadline", () => {
  it("changes the distribute-notes rule and keeps the others in order", () => {
    const changed = withNotesDeadline(engineering, 4);
    expect(changed).toHaveLength(engineering.length);
    expect(changed[0]).toEqual({
      kind: "distribute-notes",
      withinMinutes: 240,
      audience: "all engineering leadership",
    });
    expect(changed.slice(1)).toEqual(engineering.slice(1));
    expect(engineering[0]).toMatchObject({ withinMinutes: 120 });
  });

  it("adds the rule for the attendees when the Space had none", () => {
    const rules: FollowUpRule[] = [{ kind: "unowned-risk-escalate" }];
    expect(withNotesDeadline(rules, 0.5)).toEqual([
      { kind: "unowned-risk-escalate" },
      { kind: "distribute-notes", withinMinutes: 30, audience: "the attendees" },
    ]);
  });

  it.each([0, -1, 0.001, Number.NaN, Number.POSITIVE_INFINITY])("refuses a deadline of %s hours", (hours) => {
    expect(() => withNotesDeadline(engineering, hours)).toThrow(/at least one minute/);
  });
});

describe("describeRule", () => {
  it.each([
    [engineering[0], "Notes go out within 2 hours of the meeting's end"],
    [engineering[1], "Decisions and escalations are posted to #eng-leadership"],
    [engineering[2], "A red risk not resolved before the next meeting goes onto its agenda as an escalation"],
    [product[2], "A risk with no owner at the end of a meeting is escalated"],
    [
      product[1],
      "Decisions that affect sprint planning are communicated to the broader engineering team before the next sprint kickoff",
    ],
    [
      { kind: "slack-summary", channel: "C024BE91L", include: ["action", "risk", "question"] },
      "Action items, risks and open questions are posted to C024BE91L",
    ],
    [
      { kind: "distribute-notes", withinMinutes: 90, audience: "x" },
      "Notes go out within 1 hour 30 minutes of the meeting's end",
    ],
  ] as [FollowUpRule, string][])("%j", (rule, line) => {
    expect(describeRule(rule)).toBe(line);
  });

  it.each([
    [45, "45 minutes"],
    [1, "1 minute"],
    [60, "1 hour"],
    [121, "2 hours 1 minute"],
    [1440, "24 hours"],
  ])("describes %i minutes as %s", (minutes, words) => {
    expect(describeMinutes(minutes)).toBe(words);
  });
});
