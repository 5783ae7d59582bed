import { describe, expect, it } from "vitest";
import { conversationReader } from "../../../../test/helpers/meeting.js";

const { single } = conversationReader({ meetingDate: "2025-11-03", lineModel: null });

describe("a task that only points back", () => {
  it("names what the turn said just before it", () => {
    const action = single(
      [
        [
          "Sinead",
          "Our inventory system exports in a terrible format, I've been cleaning the export by hand. I'll send it Monday.",
        ],
      ],
      "action",
    );
    expect(action.text).toMatch(/^Our inventory system exports in a terrible format.* — send it$/);
    expect(action.owner).toBe("Sinead");
    expect(action.due).toBe("2025-11-10");
  });

  it("a task that names its object keeps its own words", () => {
    const action = single(
      [["Sinead", "Our inventory system exports in a terrible format. I'll send the full export Monday."]],
      "action",
    );
    expect(action.text).toBe("Send the full export");
  });
});
