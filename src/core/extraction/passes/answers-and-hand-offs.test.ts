import { describe, expect, it } from "vitest";
import { conversationReader } from "../../../../test/helpers/meeting.js";

/** Monday 3 November 2025: "Friday" is the 7th, "Wednesday" the 5th. */
const { extract, ofKind, single } = conversationReader({ meetingDate: "2025-11-03", lineModel: null });

describe("a 'can we…?' answered with its own verb", () => {
  it("is a decision by whoever answered, without its condition", () => {
    const d = single(
      [
        ["Oona", "The disk alert on the build box fires every hour and it is always a false alarm."],
        ["Pavel", "Can we just silence it?"],
        ["Rhea", "Silence it for two weeks until the upgrade, if the upgrade slips it comes back on."],
        ["Pavel", "Works for me."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/^Silence it for 2 weeks until the upgrade$/);
    expect(d.decidedBy).toBe("Rhea");
  });

  it("is not a decision when the answer does something else", () => {
    const items = extract([
      ["Pavel", "Can we just silence it?"],
      ["Rhea", "Check with the platform team first, they own that alert."],
    ]).items;
    expect(items.filter((i) => i.kind === "decision")).toEqual([]);
  });

  it("someone taking the decided task on owns the decision instead of adding a task", () => {
    const items = extract([
      ["Pavel", "Can we just silence it?"],
      ["Rhea", "Silence it for two weeks until the upgrade."],
      ["Oona", "Fine by me."],
      ["Pavel", "I'll silence it after this call."],
    ]).items;
    expect(items.filter((i) => i.kind === "action")).toEqual([]);
    const d = items.find((i) => i.kind === "decision");
    expect(d?.owner).toBe("Pavel");
    expect(d?.evidence.map((e) => e.speaker)).toContain("Pavel");
  });
});

describe("'I'll own that' with no risk to own", () => {
  it("takes on the task the speaker just said back", () => {
    const a = single(
      [
        ["Dmitri", "Just look at the queue depth every evening, and if it's over ten thousand call the vendor."],
        ["Ines", "Okay, every evening, call the vendor if the queue is over ten thousand, got it. I'll own that."],
      ],
      "action",
    );
    expect(a.owner).toBe("Ines");
    expect(a.text).toMatch(/^Every evening, call the vendor if the queue is over 10,?000$/);
  });

  it("takes on the advice the previous speaker gave when nothing was said back", () => {
    const a = single(
      [
        ["Dmitri", "You should rotate the signing key before the audit."],
        ["Ines", "I'll own that."],
      ],
      "action",
    );
    expect(a.owner).toBe("Ines");
    expect(a.text).toMatch(/rotate the signing key/);
  });

  it("owns the risk just handed over, and adds no task", () => {
    const items = extract([
      ["Dmitri", "The vendor might not renew the certificate in time. Ines, you'd own that one."],
      ["Ines", "I'll own that."],
    ]).items;
    expect(items.filter((i) => i.kind === "action")).toEqual([]);
  });
});

describe("a task with a pronoun and a deadline", () => {
  it("is kept: a deadline makes it concrete (0.7 + 0.1 - 0.3 is not below the bar)", () => {
    const a = single(
      [
        ["Hugo", "We need the migration plan written down."],
        ["Lena", "Yeah, I'll write it up Wednesday."],
      ],
      "action",
    );
    expect(a.owner).toBe("Lena");
    expect(a.due).toBe("2025-11-05");
  });
});

describe("promises that wait on an input or come back later", () => {
  it("'If I get them by Monday, I'll have…' still promises", () => {
    const a = single(
      [["Lena", "If I get the logs by Monday, I'll have a root cause in your inbox by Friday."]],
      "action",
    );
    expect(a.due).toBe("2025-11-07");
    expect(a.text).toMatch(/root cause in your inbox/);
  });

  it("a hypothetical is still not a promise", () => {
    expect(ofKind([["Lena", "If it's quarter end I will have the auditors at my desk all week."]], "action")).toEqual(
      [],
    );
  });

  it("'I'll come back to you with a date' is a task; 'I'll come back to that' is not", () => {
    const a = single([["Hugo", "I'll come back to you with a date by Friday."]], "action");
    expect(a.text).toMatch(/Come back to you with a date/);
    expect(ofKind([["Hugo", "I'll come back to that point later."]], "action")).toEqual([]);
  });

  it("'What I can do is send you…' offers the task", () => {
    const a = single(
      [["Hugo", "What I can do is send you a quote with both options so finance can compare them."]],
      "action",
    );
    expect(a.owner).toBe("Hugo");
    expect(a.text).toMatch(/^Send you a quote with both options/);
  });
});

describe("what a turn announces, 'it' names", () => {
  it("a risk that opens with 'it' is about the subject announced just before", () => {
    const r = single(
      [
        ["Hugo", "Okay, next thing, the nightly export job."],
        ["Lena", "What about it?"],
        ["Hugo", "It's taking longer every night, I'd call it yellow, it could miss the morning cut-off."],
      ],
      "risk",
    );
    expect(r.text).toMatch(/^The nightly export job is taking longer every night/);
    expect(r.rag).toBe("yellow");
  });
});

describe("the meeting's running order", () => {
  it("'the plan is: X, then Y, then Z. Does that work?' at the start is not a decision", () => {
    const items = extract([
      ["Hugo", "Hi all."],
      ["Hugo", "So the plan is: the numbers first, then the two open bugs, then the roadmap. Does that work?"],
      ["Lena", "Yes, that works."],
    ]).items;
    expect(items.filter((i) => i.kind === "decision")).toEqual([]);
  });
});

describe("'what I'd suggest is…'", () => {
  it("is a proposal that the other side's yes decides", () => {
    const d = single(
      [
        [
          "Hugo",
          "What I'd suggest is we agree on a ninety percent target by March, and we meet every two weeks until then.",
        ],
        ["Lena", "Yes. I like that."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/(?:90|ninety) percent target by March/);
    expect(d.decidedBy).toBe("Lena");
  });
});

describe("a rating said while searching for the word", () => {
  it("'this is, how do you say, orange' rates the risk yellow", () => {
    const r = single(
      [
        [
          "Lena",
          "If the numbers stay where they are, the renewal is hard to defend. For me this is, how do you say, orange.",
        ],
      ],
      "risk",
    );
    expect(r.rag).toBe("yellow");
  });
});

describe("a decision left pending on someone else", () => {
  it("reads 'I must first discuss with X if we…' as the open choice and whom it waits on", () => {
    const d = single(
      [
        [
          "Lena",
          "I must first discuss with Marta, our COO, if we add the Lyon site this year or next year. I cannot decide this today.",
        ],
      ],
      "decision",
    );
    expect(d.status).toBe("pending");
    expect(d.text).toBe("Whether to add the Lyon site this year or next year (pending discussion with Marta, our COO)");
  });
});

describe("an untitled recap of who does what", () => {
  it("gives each doer their own task, joined to the task they took on earlier", () => {
    const items = extract([
      ["Ana", "I'll send you the sample files tomorrow."],
      ["Ben", "I'll review the parser changes by Friday."],
      ["Ana", "Let me recap. Ana sends the sample files tomorrow, Ben reviews the parser and checks the encoding."],
    ]).items;
    const actions = items.filter((i) => i.kind === "action");
    expect(actions.map((a) => [a.owner, a.text])).toEqual([
      ["Ana", "Send you the sample files"],
      ["Ben", "Review the parser changes"],
      ["Ben", "Check the encoding"],
    ]);
    expect(actions[0]?.evidence).toHaveLength(2);
  });
});

describe("an instruction to whoever spoke last", () => {
  it("'Okay, chase them…' accepted with 'Will do.' is their task", () => {
    const a = single(
      [
        ["Ines", "The agency still hasn't confirmed the extra drivers for next week."],
        ["Hugo", "Okay, chase them, and if they don't confirm by Thursday, go to the backup agency."],
        ["Ines", "Will do."],
      ],
      "action",
    );
    expect(a.owner).toBe("Ines");
    expect(a.text).toMatch(/^Chase them, and if they don't confirm/);
  });

  it("'Yeah, good call.' instructs nobody", () => {
    expect(
      ofKind(
        [
          ["Ines", "I'll send the revised wording to legal by Friday."],
          ["Hugo", "Yeah, good call."],
        ],
        "action",
      ).map((a) => a.text),
    ).toEqual(["Send the revised wording to legal"]);
  });
});

describe("'see how bad it is'", () => {
  it("is a check to make, not a choice named ('sheet it is')", () => {
    const items = extract([["Luis", "I'll check it in the simulator before Friday's build, see how bad it is."]]).items;
    expect(items.map((i) => i.kind)).toEqual(["action"]);
  });
});

describe("a task given in the present tense", () => {
  it("'Okay, so Sofia, you redo the prep for 7 and 8' is Sofia's task", () => {
    const a = single(
      [
        ["Sofia", "Plates seven and eight came back empty."],
        ["Ingrid", "Okay, so Sofia, you redo the library prep for seven and eight."],
      ],
      "action",
    );
    expect(a.owner).toBe("Sofia");
    expect(a.text).toMatch(/^Redo the library prep/);
  });
});

describe("a matter taken to someone described as above the room", () => {
  it("'I'll write to henrik. He's the chair.' is an escalation, even in lower case", () => {
    const e = single(
      [
        [
          "Ingrid",
          "We don't have that in the grant. I'll write to henrik. He's the chair. He's got the equipment fund.",
        ],
      ],
      "escalation",
    );
    expect(e.owner).toBe("Ingrid");
  });

  it("'raise it with Sanjay, who runs integrations engineering' is an escalation", () => {
    const e = single(
      [["Erin", "I'm going to raise it with Sanjay, who runs integrations engineering, and ask for a priority fix."]],
      "escalation",
    );
    expect(e.text).toMatch(/Sanjay/);
  });

  it("writing to a colleague nobody describes stays a task", () => {
    const items = extract([["Ingrid", "I'll write to Henrik about the shelf space."]]).items;
    expect(items.map((i) => i.kind)).toEqual(["action"]);
  });
});

describe("an offer someone says yes to", () => {
  it("'I can move the boxes…' — 'Yes, do that.' is the offerer's task", () => {
    const a = single(
      [
        ["Lucy", "In the meantime I can move the archive boxes to the freezer in the core facility."],
        ["Ingrid", "Yes, do that, those samples are irreplaceable."],
      ],
      "action",
    );
    expect(a.owner).toBe("Lucy");
    expect(a.text).toMatch(/^Move the archive boxes/);
  });

  it("an offer nobody takes up is not in the notes", () => {
    expect(
      ofKind([["Lucy", "In the meantime I can move the archive boxes to the freezer in the core facility."]], "action"),
    ).toEqual([]);
  });
});

describe("'I'd go with…'", () => {
  it("proposes, and agreement decides it", () => {
    const d = single(
      [
        ["Tariq", "We have two options, a talk or a poster."],
        ["Ingrid", "I'd go with the poster, less stress and better conversations."],
        ["Sofia", "I agree."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/poster/);
  });

  it("'I'd go first' proposes nothing", () => {
    expect(
      ofKind(
        [
          ["Ingrid", "I'd go first if nobody minds."],
          ["Sofia", "Sure."],
        ],
        "decision",
      ),
    ).toEqual([]);
  });
});

describe("an escalation with its reason", () => {
  it("'So I'm going to go to Deborah directly. She's the VP.' carries the refusal said before it", () => {
    const e = single(
      [
        [
          "Carlos",
          "I asked, and the data team said no, not without approval. So I'm going to go to Deborah directly. She's the VP, she can sign off on it.",
        ],
      ],
      "escalation",
    );
    expect(e.text).toMatch(/^I'm going to go to Deborah directly \(I asked, and the data team said no/);
    expect(e.evidence[0]?.quote).toMatch(/^I asked, and the data team said no/);
  });
});

describe("asking a named person with 'can we'", () => {
  it("'Sakura, can we get a cycle count done this week?' asks Sakura; her 'I'll need two people' is no task", () => {
    const actions = ofKind(
      [
        ["Sakura", "The slotting in zone C hasn't been redone since September."],
        ["Hollis", "Right. Sakura, can we get a cycle count done in zone C this week?"],
        ["Sakura", "I can get a full count of zone C done by Friday. I'll need two people from the night team."],
      ],
      "action",
    );
    expect(actions.map((a) => [a.owner, a.due])).toEqual([["Sakura", "2025-11-07"]]);
  });
});

describe("a task taken on, then said in the owner's words", () => {
  it("'Yeah. I can run five sessions on the new flow.' says how the request will be done", () => {
    const a = single(
      [
        ["Ruth", "The panel is booked through the end of the month."],
        ["Grace", "Ruth, could we get some usability testing on the revised design?"],
        ["Ruth", "Yeah. I can run five unmoderated sessions on the new flow next week."],
      ],
      "action",
    );
    expect(a.owner).toBe("Ruth");
    expect(a.text).toMatch(/^Run 5 unmoderated sessions on the new flow/);
    expect(a.evidence.find((e) => e.speaker === "Ruth")?.quote).toMatch(/five unmoderated sessions/);
  });
});

describe("'will you need…?'", () => {
  it("asks a question; it requests nothing", () => {
    const items = extract([
      ["Chen", "A question back to you. Will you need data residency for the APAC entities, or just the EU for now?"],
      ["Dana", "Honestly, I don't know. That's for the APAC team."],
    ]).items;
    expect(items.map((i) => [i.kind, i.status])).toEqual([["question", "open"]]);
  });
});

describe("a recap that lists tasks by person", () => {
  it("'Actions, me emailing…, Sarah calling…, Arjun the vendor quote Friday' is one task per person", () => {
    const actions = ofKind(
      [
        ["Sarah", "I can call the district IT contact."],
        ["Arjun", "And I'll look at the pricing tiers."],
        [
          "Maya",
          "Actions, me emailing the districts Thursday, Sarah calling the IT contact tomorrow, Arjun the vendor quote Friday, and the time zone spike next sprint.",
        ],
      ],
      "action",
    );
    expect(actions.map((a) => [a.owner, a.text, a.due])).toEqual(
      expect.arrayContaining([
        ["Maya", "Email the districts", "2025-11-06"],
        // Joined to the task Sarah took on earlier, which keeps its words and gains the date.
        ["Sarah", "Call the district IT contact", "2025-11-04"],
        ["Arjun", "The vendor quote", "2025-11-07"],
      ]),
    );
  });

  it("'Of course it is.' names no choice", () => {
    expect(ofKind([["Maya", "Of course it is."]], "decision")).toEqual([]);
  });
});

describe("a choice named as a question, then put off", () => {
  it("is a decision left pending, no longer an open question", () => {
    const items = extract([
      ["Olu", "Elena, the event bus."],
      [
        "Elena",
        "We run our own cluster and upgrades are painful. The question is whether to move to a managed service. My instinct is yes, but I don't have numbers yet.",
      ],
      ["Elena", "I can have a cost comparison by the twentieth."],
      ["Priya", "Okay. Then let's not decide today."],
    ]).items;
    expect(items.filter((i) => i.kind === "question")).toEqual([]);
    const d = items.find((i) => i.kind === "decision");
    expect([d?.text, d?.status]).toEqual(["Whether to move to a managed service", "pending"]);
  });
});

describe("a go-ahead, then what was agreed", () => {
  it("'Okay, let's do it. Tuesday night, fast movers down from the mezz.' decides, after a long discussion", () => {
    const d = single(
      [
        ["Obinna", "The other thing I'd like to do is move the top fifty fast movers down to ground level."],
        ["Hollis", "What does it cost us to move them?"],
        ["Obinna", "About a shift of work for four people, and we'd do it Tuesday night."],
        ["Sakura", "As long as we update the locations in the system at the same time."],
        ["Obinna", "Yes. Same night, system and physical together."],
        ["Hollis", "Okay, let's do it. Tuesday night, fast movers down from the mezzanine. Obinna, it's yours."],
      ],
      "decision",
    );
    expect(d.text).toMatch(/^Tuesday night, fast movers down from the mezzanine/);
    expect(d.decidedBy).toBe("Hollis");
  });
});

describe("a counter-offer", () => {
  it("is the proposal it answers, with its own number, and a shorter yes keeps it whole", () => {
    const d = single(
      [
        ["Jamal", "I want to move twenty points from Meta to Pinterest. Our Pinterest costs were half of Meta's."],
        ["Rebecca", "Twenty feels like a lot to move on one campaign's data."],
        ["Jamal", "It was a pretty clear result, though."],
        [
          "Rebecca",
          "I just, I'd rather do fifteen, look at it after two weeks, and if it's still winning we move more.",
        ],
        ["Jamal", "Yeah, okay. Fifteen, review after two weeks."],
      ],
      "decision",
    );
    expect(d.text).toBe("Move 15 points from Meta to Pinterest; look at it after 2 weeks.");
    expect(d.evidence.map((e) => e.speaker)).toEqual(["Rebecca", "Jamal"]);
  });
});

describe("who owns a decision", () => {
  it("'I'll approve…' is the approver's call; 'Name, you're not…' hands nothing over", () => {
    const d = single(
      [
        ["Mirela", "The patient in 4 keeps pulling at the IV. I think she needs a sitter."],
        ["Joaquin", "I'll approve a one-to-one sitter for bed 4. Tomas, you're not the sitter, you've got the hall."],
      ],
      "decision",
    );
    expect(d.owner).toBeNull();
    expect(d.decidedBy).toBe("Joaquin");
  });

  it("'Name, you're on it' hands the decision to its owner", () => {
    const d = single(
      [
        ["Joaquin", "Okay, decided, we move the standup to ten. Tomas, you're on it."],
        ["Tomas", "Sure."],
      ],
      "decision",
    );
    expect(d.owner).toBe("Tomas");
  });

  it("the same decision said again in fewer words stays one decision, in its fuller words", () => {
    const items = extract([
      ["Mirela", "The patient in 4 keeps pulling at the IV. I think she needs a sitter."],
      ["Joaquin", "I'll approve a one-to-one sitter for bed 4."],
      ["Tomas", "Good."],
      ["Mirela", "Okay, so sitter for bed 4, decided."],
    ]).items;
    const decisions = items.filter((i) => i.kind === "decision");
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.text).toMatch(/one-to-one sitter for bed 4/);
    expect(decisions[0]?.evidence.map((e) => e.speaker)).toEqual(["Joaquin", "Mirela"]);
  });

  it("a different decision right after it is not merged into it", () => {
    const items = extract([
      ["Joaquin", "I'll approve a one-to-one sitter for bed 4."],
      ["Mirela", "Okay, and the isolation cart moves to bed 9, decided."],
    ]).items;
    expect(items.filter((i) => i.kind === "decision")).toHaveLength(2);
  });
});

describe("a promise in the present tense", () => {
  it("answering 'you'll book it?' with 'I book it today' takes the task, with its date", () => {
    const a = single(
      [
        ["Greta", "Then we accrue the freight invoices. Jonas, you'll do the booking?"],
        ["Jonas", "Yes, I book the freight accrual today and I send you the support."],
      ],
      "action",
    );
    expect(a.owner).toBe("Jonas");
    expect(a.due).toBe("2025-11-03");
    expect(a.text).toMatch(/^Book the freight accrual/);
  });

  it("is not read when nobody asked: a recap line or a habit", () => {
    expect(ofKind([["Greta", "Recap: I check the freight invoices every morning."]], "action")).toEqual([]);
    expect(
      ofKind(
        [
          ["Greta", "I'll publish the close checklist to the finance channel by Friday."],
          ["Greta", "So, to recap. I publish the close checklist by Friday."],
        ],
        "action",
      ),
    ).toHaveLength(1);
  });
});

describe("taking a cost on", () => {
  it("'I'll eat the eight percent' absorbs a cost and is not a task", () => {
    expect(ofKind([["Hanne", "Fine, I'll eat the eight percent."]], "action")).toEqual([]);
    expect(ofKind([["Hanne", "Fine, I'll book the backup carrier for Wednesday."]], "action")).toHaveLength(1);
  });
});

describe("when a task just taken on will be done", () => {
  it("'I'll have a draft to Dana tomorrow' dates the note just promised, and adds no task", () => {
    const a = single(
      [
        [
          "Lena",
          "Okay. And I'll, um, I'll write the note to the clinics about the new date. I'll have a draft to Dana tomorrow.",
        ],
      ],
      "action",
    );
    expect(a.text).toBe("Write the note to the clinics about the new date");
    expect(a.due).toBe("2025-11-04");
  });

  it("'I'll ask today' after 'I'll ask them for the results' dates that task, and adds no other", () => {
    const a = single([["Sakura", "I'll ask the vendor for the rollback test results. I'll ask today."]], "action");
    expect(a.text).toBe("Ask the vendor for the rollback test results");
    expect(a.due).toBe("2025-11-03");
  });

  it("'I'll get all three done by end of the week' dates the screens just taken on", () => {
    const a = single(
      [["Lena", "Put me down for the phone screens with the backend candidates. I'll get all three done by Friday."]],
      "action",
    );
    expect(a.due).toBe("2025-11-07");
  });
});

describe("a proposal and its go-ahead", () => {
  it("'So my proposal is…' proposes; 'Agreed. Okay. Let's do Tuesday then.' decides in its own words", () => {
    const items = extract([
      ["Mateo", "So my proposal is we just don't ship Thursday. We fix the lock first."],
      ["Priya", "How long is the slip?"],
      ["Mateo", "I'd say next Tuesday."],
      ["Dana", "Yeah, no, agreed. Okay. Let's do Tuesday then."],
    ]).items;
    const decisions = items.filter((i) => i.kind === "decision");
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.decidedBy).toBe("Dana");
    expect(decisions[0]?.text).not.toBe("");
  });
});

describe("'Okay, decided. …'", () => {
  it("settles what follows in the same breath; the speaker's next turn is read on its own", () => {
    const items = extract([
      ["Elif", "So pilot with the plain templates, no HR documents for now?"],
      ["Noor", "Okay, decided. Pilot with the plain templates only, no HR documents for now."],
      ["Noor", "And honestly that's not my call alone. I'll raise the key question with Rachel, our CISO."],
    ]).items;
    const decisions = items.filter((i) => i.kind === "decision");
    expect(decisions.map((d) => d.text)).toEqual(["Pilot with the plain templates only, no HR documents for now"]);
  });
});

describe("what only sounds like a decision", () => {
  it("'We agreed that after March' recalls an old agreement; 'we've agreed on this' makes one", () => {
    expect(
      ofKind([["Nkechi", "No weekend deploys. We agreed that after March."]], "decision").map((d) => d.text),
    ).not.toContainEqual(expect.stringMatching(/agreed/));
    expect(
      ofKind(
        [
          ["Hamza", "Then the pilot stays EU only until the DPA is signed."],
          ["Nkechi", "Okay, we've agreed on this."],
        ],
        "decision",
      ),
    ).toHaveLength(1);
  });

  it("'go with conditions' is a vote in a go/no-go round, not a choice", () => {
    expect(
      ofKind(
        [
          ["Hamza", "I'll go round the checklist and everyone gives me a go, no-go, or go with conditions."],
          ["Svetlana", "Go with conditions. I want the full regression green on the release candidate first."],
        ],
        "decision",
      ),
    ).toEqual([]);
  });

  it("'Okay, decided. Thanks everyone…' closes the meeting", () => {
    const decisions = ofKind(
      [
        ["Hamza", "So we ship Tuesday with bulk export behind the flag. Any objections?"],
        ["Lior", "None."],
        ["Hamza", "Okay, decided. Thanks everyone, I'll post the decision in the release channel."],
      ],
      "decision",
    );
    expect(decisions.map((d) => d.text)).not.toContainEqual(expect.stringMatching(/thanks/i));
  });
});

describe("names with accents", () => {
  it("'Lucía, can you…' asks Lucía, and her 'I'll have them by the twelfth' dates it", () => {
    const a = single(
      [
        ["Obinna", "We should spike the time zone handling before we commit to a date."],
        ["Maya", "Okay, that's fair. Lucía, can you get the mockups done so the spike has something to work against?"],
        ["Lucía", "I'll have them by the twelfth."],
      ],
      "action",
    );
    expect(a.owner).toBe("Lucía");
    expect(a.due).toBe("2025-11-12");
    expect(a.text).toMatch(/^Get the mockups done/);
  });

  it("'Renée, you own it' hands the decision to Renée", () => {
    const d = single(
      [
        ["Maya", "Okay, decided, the pilot moves to the spring term. Renée, you own it."],
        ["Renée", "Fine."],
      ],
      "decision",
    );
    expect(d.owner).toBe("Renée");
  });
});

describe("the other side's term, and someone willing to take it", () => {
  it("'…they want X, which I think we can live with.' — 'X is fine' accepts X, and is no task", () => {
    const items = extract([
      [
        "Marcus",
        "Their counsel sent redlines Friday, they want the cap at two times fees instead of one, which I think we can live with.",
      ],
      ["Dana", "Two times is fine, we've given that before."],
    ]).items;
    expect(items.map((i) => i.kind)).toEqual(["decision"]);
    expect(items[0]?.text).toMatch(/^Accept the cap at 2 times fees/);
    expect(items[0]?.decidedBy).toBe("Dana");
  });

  it("stays a proposal when nobody takes it, and 'X is fine' about something else accepts nothing", () => {
    expect(
      ofKind(
        [
          ["Marcus", "They want the cap at two times fees instead of one, which I think we can live with."],
          ["Dana", "The weather is fine today."],
        ],
        "decision",
      ),
    ).toEqual([]);
  });
});

describe("a short decision and how it plays out", () => {
  it("'We can release it when it settles' said next is part of 'we reserve the full sixty-four'", () => {
    const d = single(
      [
        ["Owen", "The customer is disputing all of the detention revenue, about sixty-four K."],
        [
          "Grace",
          "Then we reserve the full sixty-four. We can release it when it settles. I'd rather be conservative here.",
        ],
      ],
      "decision",
    );
    expect(d.text).toBe("We reserve the full 64; We can release it when it settles");
  });
});

describe("the chair's call, confirmed by the room", () => {
  const meeting: [string, string][] = [
    ["Leo", "Could we launch with the stills and swap the video in when it's ready?"],
    ["Sofia", "Creatively I'd prefer a good video on day five over a bad one on day one."],
    [
      "Rebecca",
      "Okay. Then let's keep the second. We go live with the stills and the video swaps in when it's done. Everyone okay with that?",
    ],
    ["Jamal", "Works for me."],
    ["Hannah", "Yeah, fine by me."],
  ];

  it("is one decision, in the chair's words, and the chair's call", () => {
    const decisions = ofKind(meeting, "decision");
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.text).toMatch(/^Let's keep the second; We go live with the stills/);
    expect(decisions[0]?.decidedBy).toBe("Rebecca");
  });

  it("an 'okay' that opens the chair's own conclusion agrees to nothing said before it", () => {
    expect(ofKind(meeting, "decision").map((d) => d.text)).not.toContainEqual(expect.stringMatching(/prefer/));
  });
});

describe("'him' and 'her' in a task", () => {
  it("stand for the one person just named", () => {
    const a = single([["Shauna", "Okay, so Bea takes over as on-call lead. I'll tell her Monday."]], "action");
    expect(a.text).toBe("Tell Bea");
    expect(a.due).toBe("2025-11-10");
  });

  it("stay as said when the words before name nobody: a capital that opens a sentence is no name", () => {
    const a = single(
      [
        ["Nadia", "I was going to do it on the second. July second. For marketing leadership."],
        ["Carlos", "Okay, I'll tell her to hold the second."],
      ],
      "action",
    );
    expect(a.text).toBe("Tell her to hold the second");
  });

  it("stay as said when two people were named", () => {
    const a = single(
      [["Shauna", "Okay, so Bea takes over from Arturo as on-call lead. I'll tell her Monday."]],
      "action",
    );
    expect(a.text).not.toMatch(/Bea|Arturo/);
  });
});

describe("a verb alone", () => {
  it("is about what the turn just said: 'My one req is on hold… I'll decide in two weeks.'", () => {
    const a = single(
      [["Mateo", "My one req is on hold until I figure out what Wen's absence does to us. I'll decide in two weeks."]],
      "action",
    );
    expect(a.text).toMatch(/^My one req is on hold .* — decide$/);
    expect(a.due).toBe("2025-11-17");
  });

  it("'Thank you, Harriet. Talk soon.' is no task", () => {
    expect(ofKind([["Dana", "Thank you, Harriet. I'll talk to you soon."]], "action")).toEqual([]);
  });
});
