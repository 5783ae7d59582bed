import { describe, expect, it } from "vitest";
import { isSameRisk, riskSimilarity } from "./same-risk.js";

describe("isSameRisk", () => {
  it.each([
    ["Auth service latency degraded after the deploy", "auth service latency degraded after the deploy"],
    ["Auth service latency degraded after the deploy", "Auth-service latency is degrading after deploys"],
    ["Hiring pipeline for the mobile team is stalled", "Mobile hiring pipeline stalled"],
    // A short restatement inside a longer description.
    [
      "Auth service latency degraded about 40 percent after the deploy last Thursday",
      "Auth latency still degraded after the deploy",
    ],
  ])("%j and %j are one risk", (a, b) => {
    expect(isSameRisk(a, b)).toBe(true);
    expect(isSameRisk(b, a)).toBe(true);
  });

  it.each([
    ["Auth service latency degraded after the deploy", "Vendor contract renewal is at risk"],
    ["Mobile capacity is down until the new hire ramps up", "Mobile app store review is slow"],
    ["Hiring", "Hiring pipeline for the mobile team is stalled"],
    ["The data pipeline migration", "We lose the data center lease"],
    ["", "Anything at all"],
    ["the and of", "the and of"],
  ])("%j and %j are two risks", (a, b) => {
    expect(isSameRisk(a, b)).toBe(false);
  });
});

describe("riskSimilarity", () => {
  it("is the Jaccard overlap of stemmed content words", () => {
    // {auth, latency, degrad} and {auth, latency, spik}: 2 shared of 4.
    expect(riskSimilarity("Auth latency degraded", "the auth latency spikes")).toBe(0.5);
    expect(riskSimilarity("Auth latency degraded", "Auth latency degrading")).toBe(1);
    expect(riskSimilarity("Auth latency", "Vendor renewal")).toBe(0);
    expect(riskSimilarity("", "")).toBe(0);
  });
});
