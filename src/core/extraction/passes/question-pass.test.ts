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

describe("what counts as an answer", () => {
  it("a short statement answers, even with no content word in it", () => {
    const q = single(
      [
        ["Priya", "How much of the migration budget have we spent?"],
        ["Darius", "All of it. It went on the consultants."],
      ],
      "question",
    );
    expect(q.status).toBe("answered");
  });

  it("'Next month.' answers; it is not the meeting moving on to the next item", () => {
    const q = single(
      [
        ["Wen", "Are we enforcing the new expense policy this month or next?"],
        ["Priya", "Next month. I'll put it in the all-hands note."],
      ],
      "question",
    );
    expect(q.status).toBe("answered");
  });

  it("'Next.' moves on and leaves it open", () => {
    const q = single(
      [
        ["Wen", "Are we enforcing the new expense policy this month or next?"],
        ["Priya", "Next. Kenji, hiring."],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });

  it("'Don't look at me.' deflects and leaves it open", () => {
    const q = single(
      [
        ["Kenji", "Who pays for the extra dewatering pump, us or the groundworks subcontractor?"],
        ["Darius", "Don't look at me."],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });

  it("'I asked. I don't have an answer.' — a short preface, then a non-answer, leaves it open", () => {
    const q = single(
      [
        ["Darius", "Lena's leaving. Are we getting a backfill for her role?"],
        ["Priya", "I asked. I don't have an answer. The freeze stuff is complicated right now."],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });

  it("a decision taken 'until we know for sure' leaves the question open", () => {
    const q = single(
      [
        ["Wen", "Does anyone know if the new sepsis screen in the chart is live for night shift yet?"],
        ["Darius", "I don't know. I heard it was days only until the fifteenth."],
        ["Kenji", "I heard the opposite."],
        ["Priya", "Then we keep doing the paper screen on nights until we know for sure."],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });

  it("a promise with a date answers a question about the plan or the timing", () => {
    const q = single(
      [
        ["Wen", "When will the VIP email be ready to review?"],
        ["Darius", "I'll have it built and in QA by Tuesday."],
      ],
      "question",
    );
    expect(q.status).toBe("answered");
  });

  it("a promise does not answer a question about something else", () => {
    const q = single(
      [
        ["Wen", "Do we have budget for the second load balancer?"],
        ["Darius", "I'll have the migration runbook in QA by Tuesday."],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });

  it.each([["Seventy percent? Production volume is the unknown."], ["Honestly? Sixty-forty we make it."]])(
    "%j answers, said with a rise",
    (reply) => {
      const q = single(
        [
          ["Wen", "How confident are you in the sixteenth?"],
          ["Darius", reply],
        ],
        "question",
      );
      expect(q.status).toBe("answered");
    },
  );

  it("'Which holdout?' asks back and answers nothing", () => {
    const q = single(
      [
        ["Wen", "How confident are you in the sixteenth?"],
        ["Darius", "Which sixteenth?"],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });

  it("a later reply that takes up the question's own words answers it", () => {
    const q = single(
      [
        ["Wen", "The vendor calls the forklift work a refurbishment. Do we capitalize or expense?"],
        ["Priya", "What did they actually do?"],
        ["Wen", "New hydraulics and new tires on six forklifts."],
        ["Priya", "Then expense it. That's maintenance, if it doesn't extend the useful life it's not capex."],
      ],
      "question",
    );
    expect(q.status).toBe("answered");
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

  it("a question guessed at for a few turns, then left for later, stays open", () => {
    const q = single(
      [
        ["Wen", "What happens if the substitute is also out of stock?"],
        ["Kenji", "Uh."],
        ["Priya", "That's not a dumb question."],
        ["Darius", "The picker just refunds it. That's what happens now."],
        ["Kenji", "But then the customer picked something and it silently didn't happen."],
        ["Priya", "Yeah. I genuinely don't know what we want there. Let's not solve it today. Put it on the list."],
      ],
      "question",
    );
    expect(q.status).toBe("open");
  });

  it("'that stays open' after other items were noted speaks of those, not of an older answered question", () => {
    const q = single(
      [
        ["Priya", "What's the fix?"],
        ["Wen", "Volume pricing. They have a tier we haven't asked about. I'll get a quote by Friday."],
        ["Priya", "Great. Darius, the rostering delay as a risk?"],
        ["Darius", "I'd call it likelihood low now, impact high if teachers can't log in on day one."],
        ["Priya", "Okay. The parental consent question is pending with legal, so we can't finalize onboarding."],
        ["Priya", "That stays open until legal answers."],
        ["Kenji", "I'll chase legal this week."],
      ],
      "question",
    );
    expect(q.text).toMatch(/fix/);
    expect(q.status).toBe("answered");
  });
});
