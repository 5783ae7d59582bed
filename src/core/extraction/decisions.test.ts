import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../test/helpers/meeting.js";
import { isConclusion } from "./decisions.js";
import { toContract } from "./extract-items.js";
import { splitSentences } from "./text.js";

const { extract, ofKind, single } = conversationReader({
  template: builtinTemplate("team-sync"),
  meetingDate: "2025-10-08", // a Wednesday
});

const concludes = (text: string, turnOpened = false) => isConclusion(splitSentences(text).at(-1)!, turnOpened);

describe("a decision landed after discussion, without the word", () => {
  it.each([
    "Okay, code freeze moves to November twenty-fifth.",
    "Okay, so Bea takes over on-call lead.",
    "Then we reserve the full sixty-four.",
    "So we quarantine 4471 through 4475.",
    "So, scrap the three forty, recover the bodies.",
    "Then let's book two twelve.",
    "So no TikTok for this launch.",
    "Okay, biweekly it is, starting after this one.",
    "So eighteen, two-year, that's the offer.",
    "So sitter for 507, decided.",
    "I'll approve a one-to-one sitter for 507.",
    "Okay, so we're keeping the paper screen for now.",
    "Okay, then Payments Core is frozen on non-critical work until certification.",
  ])("reads a settlement: %s", (text) => {
    expect(concludes(text)).toBe(true);
  });

  it('reads the sentence after a bare "Okay." in the same turn', () => {
    expect(concludes("Wen goes to Driver App for two weeks.", true)).toBe(true);
    expect(concludes("Wen goes to Driver App for two weeks.", false)).toBe(false);
  });

  it.each([
    "Okay, so if p95 stays where it is we breach the SLA.",
    "So we went up to the mountains for the weekend.",
    "Okay, we have a difference of eighteen thousand on the operating account.",
    "So we stopped estimating in points this quarter.",
    "Okay, let's talk about the freezer.",
    "Okay, let's make sure the fix goes out by Friday.",
    "So no idea what happened there.",
    "Okay, so what's realistic?",
    "We don't know where it is, that's the problem.",
    "Okay, so we're not deciding pouches today.",
    "So we're about one eighty short on commit.",
    "Okay, we're a few minutes over.",
    "Eighteen is the max I'll approve myself.",
    "Anything over that is more than I'll approve without the board.",
  ])("does not read reports, hypotheticals, questions or steering as decisions: %s", (text) => {
    expect(concludes(text)).toBe(false);
  });
});

describe("decisions as the meeting records them", () => {
  it("takes the person named next as the one who carries it out", () => {
    const decision = single(
      [
        ["Grace", "Crash rate is down but the hotfix is blocked on the staged rollout."],
        ["Grace", "Okay, the hotfix goes to a hundred percent on Friday, no staged rollout. Farah, you own it."],
        ["Farah", "Yes."],
      ],
      "decision",
    );
    expect(decision.owner).toBe("Farah");
  });

  it("gives the contract's owner as who made the call when nobody is named to carry it out", () => {
    const lines: [string, string][] = [
      ["Owen", "The forklift repairs came to forty-eight thousand."],
      ["Grace", "Then we expense it as maintenance."],
    ];
    const [decision] = toContract(extract(lines)).items.filter((i) => i.kind === "decision");
    expect(decision?.owner).toBe("Grace");
  });

  it("records a carried motion as the motion decided, with the vote's line as evidence", () => {
    const decision = single(
      [
        ["Delphine", "I'll move to award the sidewalk repair contract to Granite Ridge Paving."],
        ["Omar", "Second."],
        ["Priya", "I still think the low bid is a mistake."],
        ["Delphine", "All in favor? Aye. Opposed? The motion carries, three to one."],
      ],
      "decision",
    );
    expect(decision.text).toBe("Award the sidewalk repair contract to Granite Ridge Paving");
    expect(decision.status).toBe("decided");
    expect(decision.evidence.map((e) => e.speaker)).toEqual(["Delphine", "Delphine"]);
  });

  it("records a failed motion as failed, and a deferral as pending", () => {
    const failed = single(
      [
        ["Kevin", "Motion to recommend a four-way stop at Elm and Calloway."],
        ["Delphine", "The vote is two to two. The motion fails."],
      ],
      "decision",
    );
    expect(failed.text).toMatch(/^Motion failed: /);
    const deferred = single(
      [
        ["Kevin", "I'd move to defer the stormwater fee item to the November meeting."],
        ["Delphine", "All in favor? Deferred, four to zero."],
      ],
      "decision",
    );
    expect(deferred.status).toBe("pending");
  });

  it("keeps a decision taken on a condition decided", () => {
    const decision = single([["Grace", "Okay. Sheet it is, pending Tomasz's spike."]], "decision");
    expect(decision.status).toBe("decided");
  });

  it("turns the proposal on the table into a pending decision when the decider defers it", () => {
    const decision = single(
      [
        ["Sam", "I'd rather we bring in two contractors for the certification work."],
        ["Ruth", "I'm not deciding that today."],
      ],
      "decision",
    );
    expect(decision.status).toBe("pending");
    expect(decision.text).toMatch(/contractors/);
  });

  it("does not make a decision of the speaker's weekend", () => {
    expect(
      ofKind(
        [
          ["Ana", "Okay."],
          ["Ana", "So we went up to the mountains and my daughter saw snow for the first time."],
        ],
        "decision",
      ),
    ).toEqual([]);
  });
});
