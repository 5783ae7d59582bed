// Second QA pass: ordinary business-meeting phrasings (stand-ups, planning, incident and sales reviews, 1:1s,
// board prep) that the engine reads as a user would expect. Each case guards one reading against regressions.

import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader, type Line } from "../../../test/helpers/meeting.js";

const leadership = builtinTemplate("engineering-leadership-sync");
const teamSync = builtinTemplate("team-sync");
/** Monday 17 March 2025: "Wednesday" is the 19th, "Thursday" the 20th, "Friday" the 21st. */
const MEETING = "2025-03-17";
const PEOPLE = ["Marta", "Jonas", "Ana"];

const { extract, ofKind, single } = conversationReader({
  template: leadership,
  meetingDate: MEETING,
  attendees: PEOPLE,
});

describe("owners said in everyday ways", () => {
  it.each<[string, Line[], { owner: string; due: string | null; text: RegExp }]>([
    [
      "'Name will take care of …' with a weekday",
      [["Marta", "Jonas will take care of renewing the staging certificate by Thursday."]],
      { owner: "Jonas", due: "2025-03-20", text: /renewing the staging certificate/ },
    ],
    [
      // "this week" names no day: the notes leave the date out (GOLD.md, Dates).
      "'I'm happy to pick up …' this week",
      [["Jonas", "I'm happy to pick up the Globex invoice follow-up this week."]],
      { owner: "Jonas", due: null, text: /Globex invoice follow-up/ },
    ],
    [
      "'I'll own …' with a day of the month",
      [["Jonas", "I'll own the pricing page rollout, should be live by the 25th."]],
      { owner: "Jonas", due: "2025-03-25", text: /pricing page rollout/ },
    ],
    [
      "a sales follow-up on a weekday",
      [["Ana", "I'll follow up with the Initech buyer on Thursday about the redlines."]],
      { owner: "Ana", due: "2025-03-20", text: /Initech buyer/ },
    ],
    [
      "'We need Name to …' hands the task to the person named",
      [["Marta", "We need Jonas to send the customer the root cause analysis tomorrow."]],
      { owner: "Jonas", due: "2025-03-18", text: /root cause analysis/ },
    ],
    [
      "'my team will …' is owned by the speaker",
      [["Jonas", "My team will finish the load test by Wednesday."]],
      { owner: "Jonas", due: "2025-03-19", text: /load test/ },
    ],
    [
      "'I'll circle back with …'",
      [["Jonas", "I'll circle back with procurement on the Okta renewal by Wednesday."]],
      { owner: "Jonas", due: "2025-03-19", text: /procurement on the Okta renewal/ },
    ],
    [
      "'Name owns …, due next Wednesday' in board prep",
      [["Marta", "Ana owns the financial slides for the board deck, due next Wednesday."]],
      { owner: "Ana", due: "2025-03-26", text: /financial slides for the board deck/ },
    ],
    [
      "'Action item for Name: …' in an incident review",
      [["Marta", "Action item for Jonas: add alerting on certificate expiry, due end of week."]],
      { owner: "Jonas", due: "2025-03-21", text: /alerting on certificate expiry/ },
    ],
    [
      "'Name, please …'",
      [["Marta", "Ana, please send the renewal quote to Globex by Thursday."]],
      { owner: "Ana", due: "2025-03-20", text: /renewal quote to Globex/ },
    ],
  ])("%s", (_, lines, expected) => {
    const action = single(lines, "action");
    expect(action.owner).toBe(expected.owner);
    expect(action.due).toBe(expected.due);
    expect(action.text).toMatch(expected.text);
    expect(action.status).toBe("open");
  });

  it("'Yeah, I can do that by Thursday' accepts the request with its date", () => {
    const action = single(
      [
        ["Marta", "Jonas, could you pull the churn numbers for the board deck?"],
        ["Jonas", "Yeah, I can do that by Thursday."],
      ],
      "action",
    );
    expect(action).toMatchObject({
      owner: "Jonas",
      due: "2025-03-20",
      text: "Pull the churn numbers for the board deck",
    });
  });

  it("'Not at all, I'll have it by Friday' accepts 'would you mind …'", () => {
    const action = single(
      [
        ["Marta", "Jonas, would you mind writing up the postmortem for the login outage?"],
        ["Jonas", "Not at all, I'll have it by Friday."],
      ],
      "action",
    );
    expect(action).toMatchObject({ owner: "Jonas", due: "2025-03-21" });
    expect(action.text).toMatch(/postmortem for the login outage/);
  });

  it("a 1:1 request accepted without a date keeps the request's text and no date", () => {
    const action = single(
      [
        ["Marta", "For next time, could you put together a short career plan?"],
        ["Jonas", "Sure, I'll bring it to our next one-on-one."],
      ],
      "action",
    );
    expect(action).toMatchObject({ owner: "Jonas", due: null, text: "Put together a short career plan" });
  });

  it("a stand-up request accepted with 'Sure thing.' is due today", () => {
    const action = single(
      [
        ["Marta", "Ana, can you unblock Jonas on the empty state design today?"],
        ["Ana", "Sure thing."],
      ],
      "action",
      { template: teamSync },
    );
    expect(action).toMatchObject({ owner: "Ana", due: MEETING });
    expect(action.text).toMatch(/empty state design/);
  });

  it("a stand-up's 'today I'll start on …' is the speaker's task for today", () => {
    const action = single(
      [["Jonas", "Yesterday I finished the CSV import. Today I'll start on the export screen."]],
      "action",
      { template: teamSync },
    );
    expect(action).toMatchObject({ owner: "Jonas", due: MEETING });
    expect(action.text).toMatch(/export screen/);
  });

  it("a task reported as already done is not an open action", () => {
    const open = ofKind([["Jonas", "The DPA for Globex is signed, that's done."]], "action").filter(
      (a) => a.status === "open",
    );
    expect(open).toEqual([]);
  });
});

describe("deadlines said in everyday ways", () => {
  it.each<[string, string | null]>([
    ["I'll file the expense report no later than Wednesday.", "2025-03-19"],
    ["I'll have the board memo draft by Monday morning.", "2025-03-24"],
    ["I'll submit the SOC 2 evidence by the 3rd of April.", "2025-04-03"],
    ["I'll finish the data retention policy by the end of next month.", "2025-04-30"],
    ["I'll deliver the integration spec by next Friday.", "2025-03-28"],
    ["I'll email the signed contract to procurement first thing tomorrow.", "2025-03-18"],
    ["I'll send the revised deck by 5 p.m. today.", MEETING],
    ["I'll merge the retry fix before Thursday's standup.", "2025-03-20"],
    // No calendar is known for these: the due date must stay empty rather than be guessed.
    ["I'll finish the billing export by the end of the sprint.", null],
    ["I'll rotate the leaked API key as soon as possible.", null],
    ["I'll update the runbook sometime soon.", null],
  ])("%j → %s", (said, due) => {
    const action = single([["Jonas", said]], "action");
    expect(action.owner).toBe("Jonas");
    expect(action.due).toBe(due);
  });
});

describe("decisions said in everyday ways", () => {
  it.each<[string, RegExp]>([
    ["So the consensus is we hold the price increase until July.", /hold the price increase until July/],
    ["We're not doing the Postgres migration this quarter.", /not doing the Postgres migration/],
    ["I'm making the call: we ship the iOS app without offline mode.", /ship the iOS app without offline mode/],
    ["We're going ahead with option B, the annual billing discount.", /option B/],
  ])("%j is decided by its speaker", (said, text) => {
    const decision = single([["Marta", said]], "decision");
    expect(decision).toMatchObject({ status: "decided", decidedBy: "Marta" });
    expect(decision.text).toMatch(text);
  });

  it.each<[string, string, RegExp]>([
    ["Let's cap the pilot at five customers.", "+1", /cap the pilot at 5 customers/],
    ["I suggest we move the board prep meeting to Wednesdays.", "Works for me.", /board prep meeting to Wednesdays/],
    [
      "How about we freeze new feature work for the last sprint of the quarter?",
      "Sounds good to me.",
      /freeze new feature work/,
    ],
    [
      "My recommendation is to renew with Datadog for one year only.",
      "Okay, let's go with that.",
      /renew with Datadog for one year/,
    ],
  ])("%j then %j from someone else is decided", (proposal, reply, text) => {
    const decision = single(
      [
        ["Jonas", proposal],
        ["Marta", reply],
      ],
      "decision",
    );
    expect(decision).toMatchObject({ status: "decided", decidedBy: "Marta" });
    expect(decision.text).toMatch(text);
  });

  it("'None from me' after 'Any objections?' settles the statement before it", () => {
    const decision = single(
      [
        ["Marta", "We'll switch the on-call rotation to weekly. Any objections?"],
        ["Jonas", "None from me."],
      ],
      "decision",
    );
    expect(decision.status).toBe("decided");
    expect(decision.text).toMatch(/on-call rotation to weekly/);
  });

  it("'Okay, decision made.' after agreement does not add a second decision", () => {
    const decision = single(
      [
        ["Jonas", "I propose we move the launch to April 14."],
        ["Marta", "Works for me."],
        ["Marta", "Okay, decision made."],
      ],
      "decision",
    );
    expect(decision.status).toBe("decided");
    expect(decision.text).toMatch(/launch to April 14/);
  });

  it("a decision and the person who carries it out, in one turn", () => {
    const lines: Line[] = [
      ["Marta", "We decided to sunset the legacy reporting API on June 30. Jonas, you'll own the customer notice."],
    ];
    expect(single(lines, "decision")).toMatchObject({ status: "decided", decidedBy: "Marta" });
    expect(single(lines, "action")).toMatchObject({ owner: "Jonas", text: expect.stringMatching(/customer notice/) });
  });

  it.each<[string, Line[]]>([
    [
      "a doubt about the proposal",
      [
        ["Jonas", "Let's move the standup to 9:30."],
        ["Marta", "Hmm, I'm not sure that works for the Berlin folks."],
      ],
    ],
    [
      "a joke in reply",
      [
        ["Jonas", "I propose we never have Monday meetings again."],
        ["Marta", "Ha, nice try."],
      ],
    ],
    [
      "only the proposer agreeing with themselves",
      [
        ["Jonas", "Let's hire two contractors for the migration."],
        ["Jonas", "Yeah I think that's right."],
      ],
    ],
  ])("nothing is decided after %s", (_, lines) => {
    expect(ofKind(lines, "decision").filter((d) => d.status === "decided")).toEqual([]);
  });
});

describe("risks said in everyday ways", () => {
  it.each<[string, RegExp]>([
    [
      "I'm nervous about the payment provider cutover, we've never tested it under Black Friday load.",
      /payment provider cutover/,
    ],
    [
      "Honestly, we might miss the May 1 launch date if the app store review drags.",
      /might miss the May 1 launch date/,
    ],
    [
      "What keeps me up at night is the renewal with our biggest customer, they're talking to competitors.",
      /renewal with our biggest customer/,
    ],
  ])("%j is a risk owned by its speaker", (said, text) => {
    const risk = single([["Jonas", said]], "risk");
    expect(risk.owner).toBe("Jonas");
    expect(risk.text).toMatch(text);
  });

  it("'High impact, low probability' from someone else weighs the risk just said", () => {
    const risk = single(
      [
        ["Jonas", "The data center move could take out the EU region for a day."],
        ["Marta", "High impact, low probability."],
      ],
      "risk",
    );
    expect(risk).toMatchObject({ likelihood: "low", impact: "high", owner: "Jonas" });
    expect(risk.text).toMatch(/data center move/);
  });

  it("'Low likelihood, high impact' in the same turn weighs the risk", () => {
    const risk = single(
      [
        [
          "Jonas",
          "There's a risk a regional outage at our cloud provider takes checkout down. Low likelihood, high impact.",
        ],
      ],
      "risk",
    );
    expect(risk).toMatchObject({ likelihood: "low", impact: "high" });
    expect(risk.text).toMatch(/regional outage/);
  });

  it("'I'd put that at yellow' from someone else rates the concern", () => {
    const risk = single(
      [
        ["Jonas", "My concern is the analytics vendor keeps missing their SLA."],
        ["Marta", "I'd put that at yellow."],
      ],
      "risk",
    );
    expect(risk).toMatchObject({ rag: "yellow", text: "The analytics vendor keeps missing their SLA" });
  });

  it("'I'd rate that red' in an incident review rates the risk, not the root cause", () => {
    const risk = single(
      [
        [
          "Marta",
          "The root cause is the expired certificate. We could see the same outage on the EU clusters. I'd rate that red.",
        ],
      ],
      "risk",
    );
    expect(risk).toMatchObject({ rag: "red", owner: "Marta" });
    expect(risk.text).toMatch(/same outage on the EU clusters/);
  });

  it("'As a fallback we're adding …' is the risk's mitigation", () => {
    const risk = single(
      [
        ["Jonas", "The single SMS vendor is a single point of failure for two-factor login."],
        ["Jonas", "As a fallback we're adding a second provider next month."],
      ],
      "risk",
    );
    expect(risk.mitigation).toMatch(/second provider/);
  });

  it("'That's on me' from someone else makes them the risk's owner", () => {
    const risk = single(
      [
        ["Jonas", "There's a real chance the Q3 hiring plan slips because of the budget freeze."],
        ["Marta", "That's on me, I'll work it with finance."],
      ],
      "risk",
    );
    expect(risk.owner).toBe("Marta");
    expect(risk.text).toMatch(/Q3 hiring plan slips/);
  });

  it("mentioning the risk register is not a risk", () => {
    expect(ofKind([["Jonas", "The risk register is in the shared drive if anyone wants it."]], "risk")).toEqual([]);
  });
});

describe("questions left open or answered", () => {
  it.each<[string, Line[], "open" | "answered"]>([
    [
      "answered with the fact",
      [
        ["Marta", "Do we know when the Acme contract renews?"],
        ["Jonas", "It renews on June 1, I checked with sales yesterday."],
      ],
      "answered",
    ],
    [
      "answered with 'Yes, …'",
      [
        ["Marta", "Is the pricing page change live in all regions?"],
        ["Jonas", "Yes, it went out to the last region this morning."],
      ],
      "answered",
    ],
    [
      "said open as a statement",
      [["Marta", "We still don't know whether the EU data has to stay in Frankfurt."]],
      "open",
    ],
  ])("a question %s is %s", (_, lines, status) => {
    expect(single(lines, "question").status).toBe(status);
  });
});

describe("escalations said in everyday ways", () => {
  it("'I'll raise it with the VP' escalates what was just said", () => {
    const escalation = single(
      [["Marta", "The platform team keeps pulling our engineers into their incidents. I'll raise it with the VP."]],
      "escalation",
    );
    expect(escalation.owner).toBe("Marta");
    expect(escalation.text).toMatch(/platform team keeps pulling our engineers/);
  });

  it("'has to go to the board for approval' is an escalation", () => {
    const escalation = single(
      [["Marta", "The pricing change for enterprise has to go to the board for approval."]],
      "escalation",
    );
    expect(escalation).toMatchObject({ owner: "Marta", text: expect.stringMatching(/pricing change for enterprise/) });
  });

  it("'needs VP approval by Friday' says what is needed and by when", () => {
    const escalation = single([["Marta", "The contractor extension needs VP approval by Friday."]], "escalation");
    expect(escalation.needed).toMatch(/VP approval/);
    expect(escalation.due).toBe("2025-03-21");
  });

  it("an executive mentioned in passing is not an escalation", () => {
    expect(
      ofKind([["Marta", "The CFO joined the all-hands yesterday and talked about travel policy."]], "escalation"),
    ).toEqual([]);
  });
});

describe("chit-chat makes no notes", () => {
  it.each<[string, Line[]]>([
    [
      "wrapping up",
      [
        ["Marta", "We're at time, thanks everyone."],
        ["Jonas", "Thanks, talk next week."],
      ],
    ],
    [
      "a coffee break",
      [
        ["Marta", "Let me grab a coffee before we start."],
        ["Jonas", "Sure, I'll wait."],
      ],
    ],
    [
      "a stand-up update with nothing to act on",
      [["Jonas", "Yesterday I worked on the invoice export. Today I'm continuing with it. No blockers."]],
    ],
    ["a link in the chat", [["Marta", "I'll drop the link to the deck in the chat."]]],
    ["praise", [["Marta", "Great work on the launch everyone, really proud of this team."]]],
    [
      "a mic check",
      [
        ["Marta", "Jonas, you're on mute."],
        ["Jonas", "Sorry, can you hear me now?"],
        ["Marta", "Yes, go ahead."],
      ],
    ],
  ])("%s", (_, lines) => {
    expect(extract(lines).items.map((i) => `${i.kind}: ${i.text}`)).toEqual([]);
  });
});

describe("metrics said in a review", () => {
  it("reads each team's numbers, written and spelled out", () => {
    const { metrics } = extract([
      ["Jonas", "Platform had a good sprint: velocity 90, one incident, MTTR 35 minutes."],
      ["Ana", "Mobile: velocity 58, three incidents, two open reqs."],
    ]);
    expect(Object.fromEntries(metrics.map((r) => [r.team, r.values]))).toEqual({
      Platform: { velocity: 90, incidents: 1, p1_mttr_min: 35 },
      Mobile: { velocity: 58, incidents: 3, open_reqs: 2 },
    });
  });

  it("'no incidents' is a zero", () => {
    const { metrics } = extract([["Jonas", "Platform: no incidents this sprint, velocity 80."]]);
    expect(metrics.map((r) => [r.team, r.values])).toEqual([["Platform", { incidents: 0, velocity: 80 }]]);
  });
});
