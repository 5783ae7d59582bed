import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const reader = conversationReader({ template: builtinTemplate("team-sync"), meetingDate: "2025-10-08" });

describe("elaboration: the sentences right after an item say more about it", () => {
  it("adds the next sentence of the turn to the item's quote", () => {
    const [decision] = reader.ofKind(
      [["Grace", "Okay, code freeze moves to November twenty-fifth. The release train leaves a day later regardless."]],
      "decision",
    );
    expect(decision?.evidence[0]?.quote).toMatch(/release train/);
  });

  it("stops at a sentence another pass took, so what comes after is not part of the item", () => {
    const [decision] = reader.ofKind(
      [
        [
          "Grace",
          "Okay, code freeze moves to November twenty-fifth. Second. The release train leaves a day later regardless.",
        ],
      ],
      "decision",
    );
    expect(decision?.evidence[0]?.quote).not.toMatch(/release train/);
  });
});
