import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader } from "../../../../test/helpers/meeting.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];
const { single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

describe("questions", () => {
  it("a question another voice answers is answered", () => {
    const q = single(
      [
        ["Priya", "Do we have budget for the second load balancer?"],
        ["Darius", "Yes, finance approved it last week."],
      ],
      "question",
    );
    expect(q.status).toBe("answered");
  });

  it("a question nobody answers stays open", () => {
    const q = single([["Priya", "Do we have budget for the second load balancer?"]], "question");
    expect(q.status).toBe("open");
    expect(q.askedBy).toBe("Priya");
  });

  it("'No idea' leaves it open", () => {
    const q = single(
      [
        ["Priya", "Do we have budget for the second load balancer?"],
        ["Darius", "No idea, honestly."],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });
});

describe("leaving a question open", () => {
  it("keeps the question asked open instead of adding the remark as a second question", () => {
    const reader = conversationReader({ meetingDate: "2025-10-08" });
    const questions = reader.ofKind(
      [
        ["Maya", "Do we bill the pilot clinics for text message overages?"],
        ["Dana", "Probably not. Let's leave that as an open question for now."],
      ],
      "question",
    );
    expect(questions.map((q) => [q.text, q.status])).toEqual([
      ["Do we bill the pilot clinics for text message overages", "open"],
    ]);
  });
});
