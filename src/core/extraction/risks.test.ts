import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../test/helpers/meeting.js";
import { readRisk, readRiskAttributes } from "./risks.js";
import { splitSentences } from "./text.js";

const sentence = (raw: string) => {
  const [s] = splitSentences(raw);
  if (!s) throw new Error(`no sentence in ${raw}`);
  return s;
};
const risk = (raw: string) => {
  const s = sentence(raw);
  return readRisk(s, readRiskAttributes(s.lower), null);
};

describe("readRiskAttributes", () => {
  it.each([
    ["i'd call this one red", "red"],
    ["i'd rate it yellow", "yellow"],
    ["it's amber", "yellow"],
    ["status: green", "green"],
    ["we're in the green", "green"],
    ["red for me", "red"],
    ["red.", "red"],
    // A re-rating names where it lands.
    ["with the feeds blocked it drops to yellow", "yellow"],
    ["once the fix is in it comes down to green", "green"],
    ["it went up to red overnight", "red"],
  ])("%j rates it %s", (lower, rag) => {
    expect(readRiskAttributes(lower).rag).toBe(rag);
  });

  it.each(["that's a red light", "risks, red first", "the report is due friday"])("%j is no rating", (lower) => {
    expect(readRiskAttributes(lower).rag).toBeNull();
  });

  it.each([
    ["medium likelihood, high impact", "medium", "high"],
    ["likelihood is low, impact is high", "low", "high"],
    ["the likelihood is very high", "high", null],
    ["low probability", "low", null],
    ["it's unlikely", "low", null],
    ["high-impact", null, "high"],
    ["huge impact", null, "high"],
    ["moderate likelihood and minor impact", "medium", "low"],
    // "How bad is that?" — "Honestly, low risk.": how likely and how bad at once, in the room's words.
    ["honestly, low risk", "low", "low"],
    ["it's high-risk", "high", "high"],
    // A group of patients or items at risk rates none of them.
    ["we've got six high risk patients on the unit", null, null],
  ])("%j → likelihood %s, impact %s", (lower, likelihood, impact) => {
    const a = readRiskAttributes(lower);
    expect([a.likelihood, a.impact]).toEqual([likelihood, impact]);
  });

  it("says where a mitigation starts", () => {
    const lower = "latency is up 40%, the mitigation is a rollback plan";
    const a = readRiskAttributes(lower);
    expect(a.mitigation).toBe(lower.indexOf("the mitigation"));
    expect(readRiskAttributes("latency is up 40%").mitigation).toBeNull();
  });
});

describe("readRisk", () => {
  it.each([
    [
      "My worry is the auth service latency could slip the March launch.",
      "The auth service latency could slip the March launch",
    ],
    ["The main risk is that the vendor API deprecation breaks our sync.", "The vendor API deprecation breaks our sync"],
    ["I'm worried about the Q2 mobile capacity.", "The Q2 mobile capacity"],
    ["Is there a risk that sales ops sits on it?", "Sales ops sits on it"],
    [
      "The data migration is slipping and nobody owns the cutover.",
      "The data migration is slipping and nobody owns the cutover",
    ],
  ])("%j is a risk: %j", (raw, text) => {
    const r = risk(raw);
    expect(r?.text).toBe(text);
    expect(r?.confidence).toBeGreaterThan(0);
    expect(r?.confidence).toBeLessThanOrEqual(1);
  });

  it("is surer of a risk said in so many words than of a bare cue", () => {
    const explicit = risk("The main risk is that the vendor API deprecation breaks our sync.");
    const implied = risk("The vendor API deprecation could break our sync.");
    expect(implied).not.toBeNull();
    expect(explicit!.confidence).toBeGreaterThan(implied!.confidence);
  });

  it.each([
    "Let's go to risks, red first.",
    "The weather is nice today.",
    "Is the build green?",
    "Any other risks?",
    "Risk.",
    // A slip already past, or how to word one, threatens nothing ahead.
    "I've been meaning to push on this since the summer and it kept slipping.",
    "Just don't make it sound like it's already slipping.",
  ])("%j is not a risk", (raw) => {
    expect(risk(raw)).toBeNull();
  });

  it("counts a statement right after a rating as a risk", () => {
    const s = sentence("The auth service latency keeps climbing every week.");
    expect(readRisk(s, readRiskAttributes(s.lower), false)).toBeNull();
    expect(readRisk(s, readRiskAttributes(s.lower), true)).not.toBeNull();
  });

  it("marks a clause that continues the previous risk", () => {
    expect(risk("Which could slip the March launch for every customer.")?.continuation).toBe(true);
    expect(risk("The auth latency could slip the March launch.")?.continuation).toBe(false);
  });
});

describe("risks as people rate and announce them", () => {
  const reader = conversationReader({ template: builtinTemplate("team-sync"), meetingDate: "2025-10-08" });

  it("takes a bare colour opening the turn as the rating of the risk that follows", () => {
    const risk = reader.single(
      [
        [
          "Farah",
          "So, red. Since the Android update the driver app crashes in the background and we could lose drivers.",
        ],
      ],
      "risk",
    );
    expect(risk.rag).toBe("red");
  });

  it("reads a coin-flip as medium likelihood", () => {
    expect(readRiskAttributes("likelihood, honestly, at this point it's coin-flip.").likelihood).toBe("medium");
  });

  it("makes the explanation after a bare announcement part of the risk's text", () => {
    const risk = reader.single(
      [["Jamal", "What really worries me is the creator contracts. Two of the five have not come back signed."]],
      "risk",
    );
    expect(risk.text).toMatch(/come back signed/);
  });
});
