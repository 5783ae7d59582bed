import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../test/helpers/meeting.js";
import { readEscalationStep } from "./escalations.js";
import { splitSentences } from "./text.js";

const { ofKind, single } = conversationReader({
  template: builtinTemplate("team-sync"),
  meetingDate: "2025-10-08", // a Wednesday
});

const step = (text: string, authoritySaid = false, room: string[] = ["Mira", "Tom"]) =>
  readEscalationStep(splitSentences(text)[0]!, {
    isInRoom: (name) => room.includes(name),
    authoritySaid,
  });

describe("an escalation is a matter carried above the room", () => {
  it.each([
    "We need their counsel to turn it around in a week, and on the cap they'll want to escalate internally.",
    "Their legal team will probably escalate it to their general counsel.",
  ])("the other side escalating is not the room's escalation: %s", (text) => {
    expect(ofKind([["Mira", text]], "escalation")).toEqual([]);
  });

  it.each([
    ["I'll take it to the CFO on Thursday.", "cfo"],
    ["I'm going up to the house supervisor.", "house supervisor"],
    ["I'm going to run it by legal before we promise anything.", "legal"],
    ["I'll write to Dr. Okafor in HR and copy the assistant superintendent.", "assistant superintendent"],
    ["I'm going to raise coverage with the regional VP at the staff meeting.", "regional vp"],
    ["I will bring this to the investment committee in January.", "investment committee"],
  ])("to a senior role or body: %s", (text, to) => {
    expect(step(text)?.to).toBe(to);
  });

  it("to someone outside the meeting, once the call is said to be above the speaker", () => {
    expect(step("I'm taking that to Martin.", true)?.to).toBe("Martin");
    expect(step("I'll take it to Martin, that's above my number.")?.to).toBe("Martin");
    // The same words about a colleague in the room, or with no word about authority, are a task.
    expect(step("I'm taking that to Mira.", true)).toBeNull();
    expect(step("I'm taking that to Martin.")).toBeNull();
  });

  it.each([
    "Can you take it to the CFO?",
    "The CFO signed it last week.",
    "I'll email the signed contract to procurement tomorrow.",
    "I'll take the notes.",
  ])("is not read into other talk: %s", (text) => {
    expect(step(text)).toBeNull();
  });

  it("is an escalation owned by the one who carries it, not an action", () => {
    const lines: [string, string][] = [
      ["Mira", "The reserved capacity comes to a hundred and eighty thousand."],
      ["Tom", "That's above what I can approve. I'm taking that to Martin on Friday."],
    ];
    const escalation = single(lines, "escalation");
    expect(escalation.owner).toBe("Tom");
    expect(escalation.text).toMatch(/Martin/);
    expect(ofKind(lines, "action")).toHaveLength(0);
  });

  it('says what "that" is when the turn opens with it', () => {
    const escalation = single(
      [
        ["Mira", "Overtime for the night shift would run about twelve thousand a month."],
        ["Tom", "I'm taking that to the plant manager today."],
      ],
      "escalation",
    );
    expect(escalation.text).toMatch(/^Overtime for the night shift/);
  });
});

describe("escalation steps, more shapes", () => {
  it("reads asking someone senior to approve", () => {
    expect(
      readEscalationStep(splitSentences("So I'm going to ask the VP of marketing to approve the data access.")[0]!, {
        isInRoom: () => false,
        authoritySaid: false,
      })?.to,
    ).toBe("vp");
  });

  it("does not read leaving the call for another meeting as going to it", () => {
    expect(
      readEscalationStep(splitSentences("I'm going to drop, I've got the board prep.")[0]!, {
        isInRoom: () => false,
        authoritySaid: false,
      }),
    ).toBeNull();
  });
});
