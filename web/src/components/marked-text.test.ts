import { describe, expect, it } from "vitest";
import { splitHeadline } from "./marked-text";

describe("a decision's search headline, split back into text and rationale", () => {
  it("keeps the marks on each side", () => {
    expect(
      splitHeadline(
        "Move <mark>billing</mark> to Postgres — the <mark>billing</mark> DB is at capacity",
        "the billing DB is at capacity",
      ),
    ).toEqual({
      text: "Move <mark>billing</mark> to Postgres",
      rationale: "the <mark>billing</mark> DB is at capacity",
    });
  });

  it("matches the rationale through escapes and case of marks", () => {
    expect(splitHeadline("Ship — costs &lt; 5 &amp; rising <MARK>fast</MARK>", "costs < 5 & rising fast")).toEqual({
      text: "Ship",
      rationale: "costs &lt; 5 &amp; rising <MARK>fast</MARK>",
    });
  });

  it("splits at the separator before the rationale when the text has one too", () => {
    expect(splitHeadline("Plan A — or B — because of cost", "because of cost")).toEqual({
      text: "Plan A — or B",
      rationale: "because of cost",
    });
  });

  it("is all text without a rationale, or when the headline does not end with it", () => {
    expect(splitHeadline("Ship <mark>it</mark>", null)).toEqual({ text: "Ship <mark>it</mark>", rationale: null });
    expect(splitHeadline("Ship — soon", "because of cost")).toEqual({ text: "Ship — soon", rationale: null });
  });
});
