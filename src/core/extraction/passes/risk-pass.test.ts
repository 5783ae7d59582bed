import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { single, ofKind } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

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

  it.each([
    ["Yeah that's— that worries me a little, to be honest."],
    ["It's a real concern."],
    ["That's a small risk."],
  ])("%j makes a risk of what the last speaker said", (verdict) => {
    const r = single(
      [
        [
          "Darius",
          "I'm the only one who really knows the slot locking code, and I'm out for two weeks from the sixth.",
        ],
        ["Kenji", verdict],
      ],
      "risk",
    );
    expect(r.text).toMatch(/slot locking code/);
    expect(r.owner).toBe("Darius");
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

describe("ratings that point back", () => {
  it("'I'd call that amber' rates what the last speaker described, and that speaker owns it", () => {
    const r = single(
      [
        ["Darius", "The CFO is the signer and she's out until the twenty-ninth, so we have basically one day."],
        ["Priya", "I'd call that amber. Can we get a delegate signer?"],
      ],
      "risk",
    );
    expect(r.text).toMatch(/CFO is the signer/);
    expect(r.rag).toBe("yellow");
    expect(r.owner).toBe("Darius");
  });
});

describe("a risk put off to its agenda point", () => {
  it("'which I'll bring up in risks' raises nothing yet", () => {
    expect(ofKind([["Wen", "The thing I'm worried about is cost, which I'll bring up in risks."]], "risk")).toEqual([]);
  });

  it("raised when it is raised", () => {
    const r = single(
      [
        ["Wen", "The thing I'm worried about is cost, which I'll bring up in risks."],
        ["Priya", "Okay, risks."],
        ["Wen", "My worry is that the speech-scoring vendor's per-minute cost could reach a hundred and ten K a year."],
      ],
      "risk",
    );
    expect(r.text).toMatch(/per-minute cost/);
  });

  it("a rating that points back rates the turn that said what would go wrong, not the aside after it", () => {
    const r = single(
      [
        ["Priya", "The platform team wants to cut over the billing database on the fourteenth."],
        ["Darius", "If it goes wrong on the fourteenth we can't invoice anyone on the fifteenth."],
        ["Priya", "They say a rollback takes two hours."],
        ["Darius", "They said that last time too, and it took eleven."],
        ["Kenji", "I'd rate it low likelihood, but if it happens the impact is high."],
      ],
      "risk",
    );
    expect(r.text).toMatch(/^If it goes wrong on the 14th we can't invoice/);
    expect(r.owner).toBe("Darius");
    expect([r.likelihood, r.impact]).toEqual(["low", "high"]);
  });

  it("a rating that opens an answer rates the consequence said after it in the same turn", () => {
    const r = single(
      [
        ["Priya", "Darius, the courier. What's the story?"],
        ["Darius", "They missed three of our last ten pickups. Their dispatcher is friendly, but nothing changes."],
        ["Priya", "How would you rate it?"],
        [
          "Darius",
          "Right now I'd say amber. If they miss Wednesday we miss the promise date on six thousand orders. High impact.",
        ],
      ],
      "risk",
    );
    expect(r.text).toMatch(/^If they miss Wednesday we miss the promise date/);
    expect([r.rag, r.impact]).toEqual(["yellow", "high"]);
  });

  it("'Which is fine, except…' opens the point; the risk starts where the exposure does", () => {
    const r = single(
      [["Wen", "Which is fine, except if you swipe back by accident you lose every pick, and I'm worried about that."]],
      "risk",
    );
    expect(r.text).toMatch(/^If you swipe back by accident you lose every pick/);
  });

  it("'That's the risk I'm going to lose sleep over' confirms the risk just raised, however long the verdict", () => {
    const risks = ofKind(
      [
        ["Darius", "If the supplier misses the second batch, we lose the retail slot for the whole quarter."],
        ["Priya", "Okay. That's the risk I'm going to lose sleep over. Darius, you own that one."],
      ],
      "risk",
    );
    expect(risks.map((r) => r.text)).toEqual([expect.stringMatching(/^If the supplier misses the second batch/)]);
  });
});
