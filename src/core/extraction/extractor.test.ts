import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinTemplate, conversationReader, type Line, segmentsOf } from "../../../test/helpers/meeting.js";
import type { ItemEvent } from "../item.js";
import { createExtractor, type ExtractorOptions } from "./extractor.js";

const template = builtinTemplate("engineering-leadership-sync");
/** Monday 17 March 2025: "Friday" is the 21st, "tomorrow" the 18th. */
const MEETING = "2025-03-17";
const FRIDAY = "2025-03-21";
const PEOPLE = ["Priya", "Darius", "Wen", "Kenji"];

const { extract, ofKind, single } = conversationReader({ template, meetingDate: MEETING, attendees: PEOPLE });

/** Every event the streaming extractor emits for the conversation, segment by segment. */
function stream(lines: Line[], options: ExtractorOptions = {}): ItemEvent[][] {
  const extractor = createExtractor({ template, meetingDate: MEETING, attendees: PEOPLE, ...options });
  return segmentsOf(lines).map((s) => extractor.push(s));
}

describe("action items: owner and due date", () => {
  it.each<[string, Line[], { owner: string; due: string | null; text: RegExp }]>([
    [
      "'I'll …' is owned by the speaker",
      [["Priya", "I'll draft the migration plan for the billing service by Friday."]],
      { owner: "Priya", due: FRIDAY, text: /^Draft the migration plan for the billing service$/ },
    ],
    [
      "'Priya, can you …' is owned by the person addressed",
      [["Darius", "Priya, can you review the auth latency dashboard before Thursday?"]],
      { owner: "Priya", due: "2025-03-20", text: /^Review the auth latency dashboard$/ },
    ],
    [
      "'Darius to …' is owned by the person named",
      [["Kenji", "Darius to update the hiring plan by end of next week."]],
      { owner: "Darius", due: "2025-03-28", text: /^Update the hiring plan$/ },
    ],
    [
      "'the twenty-eighth' is a day of this month",
      [["Wen", "I'll post the senior iOS job description by the twenty-eighth."]],
      { owner: "Wen", due: "2025-03-28", text: /^Post the senior iOS job description$/ },
    ],
    [
      "'Wen, post …' is an instruction to Wen",
      [["Darius", "Wen, post the senior iOS job description by the 28th."]],
      { owner: "Wen", due: "2025-03-28", text: /^Post the senior iOS job description$/ },
    ],
    [
      "a person addressed before they have spoken",
      [["Darius", "Kenji, can you benchmark the new build cache by Wednesday?"]],
      { owner: "Kenji", due: "2025-03-19", text: /benchmark the new build cache/i },
    ],
    [
      "a name the grammar marks as a person, though not an attendee",
      [["Darius", "Tobias, can you benchmark the new build cache by Wednesday?"]],
      { owner: "Tobias", due: "2025-03-19", text: /benchmark the new build cache/i },
    ],
  ])("%s", (_, lines, expected) => {
    const action = single(lines, "action");
    expect(action.owner).toBe(expected.owner);
    expect(action.due).toBe(expected.due);
    expect(action.text).toMatch(expected.text);
    expect(action.status).toBe("open");
  });

  it("a request accepted with 'Yes, I'll have it by Friday' gets the owner and the due date, once", () => {
    const action = single(
      [
        ["Darius", "Priya, can you review the auth latency dashboard?"],
        ["Priya", "Yes, I'll have it by Friday."],
      ],
      "action",
    );
    expect(action).toMatchObject({ owner: "Priya", due: FRIDAY, text: "Review the auth latency dashboard" });
    expect(action.evidence.map((e) => e.speaker)).toEqual(["Darius", "Priya"]);
  });

  it.each<[string, Line[]]>([
    [
      "after other talk",
      [
        ["Wen", "The vendor contract came back from procurement this morning."],
        ["Darius", "Can you send the vendor contract to legal?"],
        ["Wen", "Sure, I'll do it by tomorrow."],
      ],
    ],
  ])("an unaddressed request belongs to whoever accepts it (%s)", (_, lines) => {
    const action = single(lines, "action");
    expect(action).toMatchObject({ owner: "Wen", due: "2025-03-18", text: "Send the vendor contract to legal" });
  });

  it.each(["On it.", "Will do.", "Sure, I'll handle it."])("%j accepts the request without adding an item", (reply) => {
    const action = single(
      [
        ["Darius", "Wen, can you send the vendor contract to legal?"],
        ["Wen", reply],
      ],
      "action",
    );
    expect(action.owner).toBe("Wen");
    expect(action.evidence.at(-1)?.quote).toBe(reply);
  });

  it("a correction moves the due date", () => {
    const action = single(
      [
        ["Priya", "I'll draft the migration plan for the billing service by Friday."],
        ["Priya", "Actually, I'll have it today."],
      ],
      "action",
    );
    expect(action.due).toBe(MEETING);
  });

  it("'that's already done' closes the action", () => {
    const action = single(
      [
        ["Priya", "I'll draft the migration plan for the billing service by Friday."],
        ["Priya", "Actually that's already done."],
      ],
      "action",
    );
    expect(action.status).toBe("done");
  });

  it("without a meeting date a due date stays null", () => {
    const action = single([["Priya", "I'll draft the migration plan for the billing service by Friday."]], "action", {
      meetingDate: null,
    });
    expect(action.owner).toBe("Priya");
    expect(action.due).toBeNull();
  });

  it("an unknown speaker's promise has no owner", () => {
    const action = single([[null, "I'll draft the migration plan for the billing service by Friday."]], "action");
    expect(action.owner).toBeNull();
    expect(action.due).toBe(FRIDAY);
  });
});

describe("decisions", () => {
  it.each<[string, string, string]>([
    ["I propose we move the Salesforce sync to one-way for v1.", "Agreed.", "Salesforce"],
    ["Let's freeze the mobile release until the crash rate drops.", "Sounds good.", "freeze"],
    ["I'd rather ship the web client first and do mobile in Q2.", "Makes sense.", "web client"],
    ["We should freeze the mobile release until the crash rate drops.", "Agreed.", "freeze"],
  ])("%j then %j from someone else is decided", (proposal, reply, word) => {
    const decision = single(
      [
        ["Priya", proposal],
        ["Darius", reply],
      ],
      "decision",
    );
    expect(decision.status).toBe("decided");
    expect(decision.decidedBy).toBe("Darius");
    expect(decision.text).toContain(word);
    expect(decision.evidence.map((e) => e.speaker)).toEqual(["Priya", "Darius"]);
  });

  it.each<[string, string]>([
    ["I propose we move the Salesforce sync to one-way for v1.", "No, I disagree, customers need bidirectional sync."],
    ["Let's freeze the mobile release until the crash rate drops.", "Let's not, the crash rate is already falling."],
    ["Let's freeze the mobile release until the crash rate drops.", "But the fix is already in review."],
    ["I'd rather ship the web client first and do mobile in Q2.", "I'm not convinced that helps."],
  ])("%j then disagreement %j is not decided", (proposal, reply) => {
    const decided = ofKind(
      [
        ["Priya", proposal],
        ["Darius", reply],
      ],
      "decision",
    ).filter((d) => d.status === "decided");
    expect(decided).toEqual([]);
  });

  it("a proposal nobody answers, or only its proposer agrees with, is not decided", () => {
    const proposal = "I propose we move the Salesforce sync to one-way for v1.";
    expect(ofKind([["Priya", proposal]], "decision").filter((d) => d.status === "decided")).toEqual([]);
    expect(
      ofKind(
        [
          ["Priya", proposal],
          ["Priya", "Agreed."],
        ],
        "decision",
      ).filter((d) => d.status === "decided"),
    ).toEqual([]);
  });

  it("the agreeing speaker's restatement becomes the decision's text", () => {
    const decision = single(
      [
        ["Priya", "I propose we move the Salesforce sync to one-way for v1."],
        ["Darius", "Agreed. Salesforce v1 is one-way sync, bidirectional moves to v2."],
      ],
      "decision",
    );
    expect(decision.text).toBe("Salesforce v1 is one-way sync, bidirectional moves to v2");
    expect(decision.status).toBe("decided");
  });

  it("a decision said outright is decided by its speaker", () => {
    const decision = single([["Darius", "We're going with one-way sync for Salesforce v1."]], "decision");
    expect(decision).toMatchObject({ status: "decided", decidedBy: "Darius" });
    expect(decision.text).toMatch(/one-way sync for Salesforce v1/);
  });

  it.each([
    "The contractor budget question stays pending until finance weighs in.",
    "We need to decide whether we keep the on-prem installer.",
    "The on-prem installer decision is still up in the air.",
  ])("%j is a pending decision", (said) => {
    expect(single([["Darius", said]], "decision").status).toBe("pending");
  });
});

describe("risks", () => {
  const statement: Line = ["Priya", "My worry is the auth service latency could slip the March launch."];

  it.each<[string, Line[]]>([
    ["after the risk", [statement, ["Priya", "I'd call this one red."]]],
    [
      "before the risk",
      [
        ["Priya", "I'd call this one red."],
        ["Priya", "The auth service latency could slip the March launch."],
      ],
    ],
    ["in the same turn", [["Priya", "I'd call this one red. The auth service latency could slip the March launch."]]],
  ])("'I'd call this one red' %s rates the risk red", (_, lines) => {
    const risk = single(lines, "risk");
    expect(risk.rag).toBe("red");
    expect(risk.text).toBe("The auth service latency could slip the March launch");
    expect(risk.owner).toBe("Priya");
  });

  it("another speaker's 'medium likelihood, high impact' sets likelihood and impact", () => {
    const risk = single(
      [
        ["Priya", "There's a risk the vendor API deprecation breaks our Salesforce sync."],
        ["Darius", "Medium likelihood, high impact."],
      ],
      "risk",
    );
    expect(risk).toMatchObject({ likelihood: "medium", impact: "high", owner: "Priya" });
  });

  it("'I'll own it' makes the speaker the risk's owner", () => {
    const risk = single(
      [
        ["Priya", "There's a risk the vendor API deprecation breaks our Salesforce sync."],
        ["Kenji", "I'll own it."],
      ],
      "risk",
    );
    expect(risk.owner).toBe("Kenji");
    expect(ofKind([["Kenji", "I'll own it."]], "action")).toEqual([]);
  });

  it.each([
    ["Mobile capacity for Q2 is at risk, I'd rate it amber.", "yellow"],
    ["The database migration risk is green now, we finished the dry run.", "green"],
  ])("%j is rated %s", (said, rag) => {
    expect(single([["Priya", said]], "risk").rag).toBe(rag);
  });

  it("a mitigation said after the risk is recorded on it", () => {
    const risk = single([statement, ["Priya", "The mitigation is a rollback plan to the old token cache."]], "risk");
    expect(risk.mitigation).toMatch(/rollback plan to the old token cache/);
  });
});

describe("escalations", () => {
  it.each<[string, RegExp]>([
    ["I want to escalate the Q2 mobile capacity gap to the VP.", /Q2 mobile capacity gap/],
    ["The contractor budget for Q2 mobile needs exec sign-off.", /contractor budget/],
  ])("%j is an escalation owned by the speaker", (said, text) => {
    const escalation = single([["Darius", said]], "escalation");
    expect(escalation.owner).toBe("Darius");
    expect(escalation.text).toMatch(text);
  });

  it("'needs exec sign-off' says what is needed", () => {
    const escalation = single([["Darius", "The contractor budget for Q2 mobile needs exec sign-off."]], "escalation");
    expect(escalation.needed).toMatch(/sign-off/i);
  });
});

describe("questions", () => {
  const asked: Line = ["Priya", "Should we degrade gracefully or bump the minimum iOS version?"];

  it("a question another person answers is answered", () => {
    const question = single(
      [asked, ["Kenji", "We bump the minimum version, usage on iOS 15 is under two percent."]],
      "question",
    );
    expect(question).toMatchObject({ status: "answered", askedBy: "Priya" });
  });

  it.each(["No idea, honestly.", "Nobody knows yet.", "I'm not sure, let me check with the mobile team."])(
    "a question answered with %j stays open",
    (reply) => {
      expect(single([asked, ["Kenji", reply]], "question").status).toBe("open");
    },
  );

  it("a question nobody answers, or only its asker follows up, stays open", () => {
    expect(single([asked], "question").status).toBe("open");
    expect(
      single([asked, ["Priya", "I think the platform team has the usage data for that already."]], "question").status,
    ).toBe("open");
  });

  it("'nobody knows' after an answer reopens the question", () => {
    const question = single(
      [
        ["Priya", "Who owns the billing migration after the reorg?"],
        ["Kenji", "The platform team took the billing service."],
        ["Darius", "Actually nobody knows for sure."],
      ],
      "question",
    );
    expect(question.status).toBe("open");
  });
});

describe("recaps merge into the items they restate", () => {
  it.each<[string, Line[]]>([
    [
      "a request accepted, then recapped",
      [
        ["Darius", "Priya, can you resolve the auth latency or roll back by Friday?"],
        ["Priya", "Yes, I'll handle it."],
        ["Darius", "Let me recap. Actions. Priya, resolve auth latency by Friday."],
      ],
    ],
    [
      "a promise, then recapped by someone else",
      [
        ["Priya", "I'll resolve the auth latency or roll back by Friday."],
        ["Darius", "Actions. Priya, resolve the auth latency by Friday."],
      ],
    ],
  ])("%s", (_, lines) => {
    const action = single(lines, "action");
    expect(action).toMatchObject({ owner: "Priya", due: FRIDAY });
    expect(action.evidence.map((e) => e.speaker)).toContain("Darius");
    expect(action.evidence.at(-1)?.quote).toMatch(/resolve (?:the )?auth latency by Friday/);
  });

  it("a recapped action nobody said before is added with its owner and date", () => {
    const action = single([["Darius", "Actions. Wen, post the senior iOS job description by the 28th."]], "action");
    expect(action).toMatchObject({ owner: "Wen", due: "2025-03-28", text: "Post the senior iOS job description" });
  });
});

describe("metrics said aloud fill the team's row", () => {
  it("reads each team's numbers under the team named first", () => {
    const { metrics } = extract([
      ["Priya", "So platform, velocity was eighty-four points, two incidents, P1 MTTR forty-two minutes."],
      ["Kenji", "Mobile. Velocity sixty-one, zero incidents, no MTTR to report."],
      ["Priya", "And platform has three open reqs and zero attrition."],
    ]);
    expect(Object.fromEntries(metrics.map((r) => [r.team, r.values]))).toEqual({
      Platform: { velocity: 84, incidents: 2, p1_mttr_min: 42, open_reqs: 3, attrition_90d: 0 },
      Mobile: { velocity: 61, incidents: 0 },
    });
    const platform = metrics.find((r) => r.team === "Platform");
    expect(platform?.evidence.map((e) => e.segmentId)).toEqual(["s1", "s3"]);
  });

  it("keeps the speaker's team for the numbers they say next", () => {
    const { metrics } = extract([
      ["Priya", "Platform numbers: velocity 84 points."],
      ["Priya", "We had 2 incidents this sprint."],
    ]);
    expect(metrics.map((r) => [r.team, r.values])).toEqual([["Platform", { velocity: 84, incidents: 2 }]]);
  });

  it("reads no metrics without a template that has a metrics table", () => {
    const { metrics } = extract([["Priya", "So platform, velocity was eighty-four points, two incidents."]], {
      template: null,
    });
    expect(metrics).toEqual([]);
  });
});

describe("the streaming interface", () => {
  it("emits 'added' once, then 'updated' with the fields that changed", () => {
    const [asked, accepted] = stream([
      ["Darius", "Priya, can you review the auth latency dashboard?"],
      ["Priya", "Yes, I'll have it by Friday."],
    ]);
    expect(asked?.map((e) => e.type)).toEqual(["added"]);
    const added = asked?.[0];
    if (added?.type !== "added") throw new Error("expected an added event");
    expect(added.item).toMatchObject({ kind: "action", owner: "Priya", due: null });

    expect(accepted?.map((e) => e.type)).toEqual(["updated"]);
    const updated = accepted?.[0];
    if (updated?.type !== "updated") throw new Error("expected an updated event");
    expect(updated.item.id).toBe(added.item.id);
    expect(updated.item.due).toBe(FRIDAY);
    expect(updated.changed).toContain("due");
    expect(updated.changed).not.toContain("owner");
  });

  it("refines a risk as its rating and likelihood are said", () => {
    const events = stream([
      ["Kenji", "There's a risk the vendor API deprecation breaks our Salesforce sync."],
      ["Kenji", "I'd call this one red."],
      ["Darius", "Medium likelihood, high impact."],
    ]);
    expect(events.map((e) => e.map((x) => x.type))).toEqual([["added"], ["updated"], ["updated"]]);
    const [rated, weighed] = [events[1]?.[0], events[2]?.[0]];
    if (rated?.type !== "updated" || weighed?.type !== "updated") throw new Error("expected updates");
    expect(rated.changed).toContain("rag");
    expect(rated.item.rag).toBe("red");
    expect(weighed.changed).toEqual(expect.arrayContaining(["likelihood", "impact"]));
    expect(weighed.item).toMatchObject({ rag: "red", likelihood: "medium", impact: "high" });
  });

  it("emits a metrics event with the team's row so far", () => {
    const [first, second] = stream([
      ["Priya", "So platform, velocity was eighty-four points."],
      ["Priya", "Two incidents, P1 MTTR forty-two minutes."],
    ]);
    expect(first).toEqual([expect.objectContaining({ type: "metrics" })]);
    const last = second?.at(-1);
    if (last?.type !== "metrics") throw new Error("expected a metrics event");
    expect(last.row.team).toBe("Platform");
    expect(last.row.values).toEqual({ velocity: 84, incidents: 2, p1_mttr_min: 42 });
  });

  it("hands out copies: changing an emitted or listed item does not change the engine's", () => {
    const extractor = createExtractor({ template, meetingDate: MEETING, attendees: PEOPLE });
    const [event] = extractor.push({
      id: "s1",
      speaker: "Priya",
      text: "I'll draft the migration plan for the billing service by Friday.",
      start: 0,
      end: 5,
    });
    if (event?.type !== "added") throw new Error("expected an added event");
    event.item.text = "changed";
    event.item.evidence.push({ segmentId: "x", speaker: null, quote: "x", start: null });
    const listed = extractor.items()[0]!;
    listed.owner = "Someone else";
    const item = extractor.items()[0]!;
    expect(item.text).toBe("Draft the migration plan for the billing service");
    expect(item.owner).toBe("Priya");
    expect(item.evidence).toHaveLength(1);
  });

  it("finish() emits nothing new and does not decide a proposal nobody answered", () => {
    const extractor = createExtractor({ template, meetingDate: MEETING, attendees: PEOPLE });
    extractor.push({ id: "s1", speaker: "Priya", text: "I propose we freeze the mobile release.", start: 0, end: 5 });
    const before = extractor.items();
    expect(extractor.finish()).toEqual([]);
    expect(extractor.items()).toEqual(before);
    expect(extractor.items().filter((i) => i.kind === "decision" && i.status === "decided")).toEqual([]);
  });
});

describe("evidence and confidence", () => {
  const meeting: Line[] = [
    ["Darius", "Priya, can you review the auth latency dashboard?"],
    ["Priya", "Yes, I'll have it by Friday."],
    ["Kenji", "There's a risk the vendor API deprecation breaks our Salesforce sync. I'd call this one red."],
    ["Priya", "I propose we move the Salesforce sync to one-way for v1."],
    ["Darius", "Agreed."],
    ["Wen", "Should we degrade gracefully or bump the minimum iOS version?"],
    ["Darius", "I want to escalate the Q2 mobile capacity gap to the VP."],
  ];

  it("every item quotes words said by the speaker it names, at that segment's start", () => {
    const segs = segmentsOf(meeting);
    const { items } = extract(meeting);
    expect(new Set(items.map((i) => i.kind))).toEqual(
      new Set(["action", "risk", "decision", "question", "escalation"]),
    );
    for (const item of items) {
      expect(item.evidence.length).toBeGreaterThan(0);
      for (const e of item.evidence) {
        const seg = segs.find((s) => s.id === e.segmentId);
        expect(seg, `${item.id} cites ${e.segmentId}`).toBeDefined();
        expect(seg?.text).toContain(e.quote);
        expect(e.speaker).toBe(seg?.speaker);
        expect(e.start).toBe(seg?.start);
      }
    }
  });

  it("every item has a confidence between 0 and 1", () => {
    for (const item of extract(meeting).items) {
      expect(item.confidence).toBeGreaterThan(0);
      expect(item.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("files items under the template's sections", () => {
    const sections = new Set(template.sections.map((s) => s.id));
    for (const item of extract(meeting).items) expect(sections).toContain(item.section);
  });
});

describe("chit-chat makes no items", () => {
  it.each<[string, Line[]]>([
    [
      "call logistics",
      [
        ["Darius", "Can you hear me?"],
        ["Priya", "Yes, I can hear you."],
        ["Darius", "Let's get started."],
        ["Priya", "I'll share my screen."],
      ],
    ],
    [
      "small talk",
      [
        ["Kenji", "Sorry, I'm a minute late."],
        ["Wen", "How was everyone's weekend?"],
        ["Darius", "Great, thanks."],
      ],
    ],
    [
      "a screen check answered, then the start",
      [
        ["Darius", "Can everyone see my screen?"],
        ["Priya", "Yep, looks good."],
        ["Darius", "Okay, let's get started."],
      ],
    ],
    [
      "moving the agenda along",
      [
        ["Darius", "Let's move on to risks."],
        ["Priya", "Sounds good."],
      ],
    ],
  ])("%s", (_, lines) => {
    const events = stream(lines).flat();
    expect(events.map((e) => (e.type === "metrics" ? e.row.team : `${e.type} ${e.item.kind}: ${e.item.text}`))).toEqual(
      [],
    );
  });
});

describe("robustness", () => {
  const words = fc.constantFrom(
    "I'll",
    "Priya,",
    "can you",
    "by Friday",
    "the 28th",
    "agreed",
    "red",
    "risk",
    "escalate",
    "VP",
    "?",
    ".",
    ",",
    "velocity",
    "eighty-four",
    "84",
    "incidents",
    "no",
    "MTTR",
    "let's",
    "propose",
    "um",
    "nobody knows",
    "Actions.",
    "recap",
    "own it",
    "medium likelihood",
    "high impact",
    "Platform,",
    "@priya",
    "Darius to",
    "",
    "\n",
    "🙂",
  );
  const text = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.array(words, { maxLength: 30 }).map((w) => w.join(" ")),
  );
  // Names as transcripts label speakers: letters, digits, spaces, dots, hyphens, apostrophes.
  const speaker = fc.option(
    fc.oneof(
      fc.constantFrom("Priya", "Darius", "Speaker 1", "priya", "Priya Shah", "", " "),
      fc.stringMatching(/^[A-Za-z0-9 .'-]{0,20}$/),
    ),
    { nil: null },
  );
  const timing = fc.option(fc.double(), { nil: null });
  const segment = fc.record({ speaker, text, start: timing, end: timing });

  it("push() never throws, and item ids are unique", () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 25 }),
        fc.constantFrom(null, MEETING, "2025-12-29"),
        fc.boolean(),
        (segs, meetingDate, withTemplate) => {
          const extractor = createExtractor({
            template: withTemplate ? template : null,
            meetingDate,
            attendees: ["Priya Shah", "Darius"],
          });
          const added: string[] = [];
          segs.forEach((s, i) => {
            for (const e of extractor.push({ id: `s${i}`, ...s })) if (e.type === "added") added.push(e.item.id);
          });
          extractor.finish();
          const ids = extractor.items().map((i) => i.id);
          expect(new Set(added).size).toBe(added.length);
          expect(new Set(ids).size).toBe(ids.length);
          for (const item of extractor.items()) {
            expect(item.confidence).toBeGreaterThanOrEqual(0);
            expect(item.confidence).toBeLessThanOrEqual(1);
            expect(item.evidence.length).toBeGreaterThan(0);
            if (item.due !== null) expect(item.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
