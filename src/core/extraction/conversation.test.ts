// How replies and summaries change what was said before: the cross-turn readings of the engine.

import { describe, expect, it } from "vitest";
import { builtinTemplate, type Line, segmentsOf } from "../../../test/helpers/meeting.js";
import type { Item, ItemKind } from "../item.js";
import { extractItems } from "./extract-items.js";
import { createMetricReader } from "./metrics.js";

const template = builtinTemplate("engineering-leadership-sync");
const MEETING = "2025-08-11"; // a Monday: Friday is the 15th

function items(lines: Line[], kind: ItemKind): Item[] {
  return extractItems(segmentsOf(lines), { template, meetingDate: MEETING }).items.filter((i) => i.kind === kind);
}

describe("replies and summaries", () => {
  it("a 'No.' after 'Any objections?' agrees", () => {
    const [decision] = items(
      [
        [
          "Thandiwe",
          "So the sync model for v1 is per-field last-write-wins with hybrid logical clocks. Any objections?",
        ],
        ["Yusuf", "No."],
      ],
      "decision",
    );
    expect(decision).toMatchObject({ status: "decided", text: expect.stringMatching(/^The sync model for v1/) });
  });

  it("a verdict is a decision", () => {
    expect(items([["Thandiwe", "So, no. It's a no hire for Lior."]], "decision")[0]?.status).toBe("decided");
  });

  it("a rating said after the statement makes it a risk", () => {
    const [risk] = items(
      [
        ["Teodora", "Risks, red first. Ngozi, that's you."],
        ["Ngozi", "The new tax engine is double-counting VAT on some EU invoices. I'd call it red."],
      ],
      "risk",
    );
    expect(risk).toMatchObject({ rag: "red", owner: "Ngozi", text: expect.stringMatching(/double-counting VAT/) });
  });

  it("'Who owns that?' answered 'Me' gives the risk its owner", () => {
    const [risk] = items(
      [
        ["Ximena", "The US clusters use the same template, so the exact same loop could happen there."],
        ["Ilse", "So low likelihood, high impact. Who owns that until the canary lands?"],
        ["Ximena", "Me, it's the same work."],
      ],
      "risk",
    );
    expect(risk).toMatchObject({ owner: "Ximena", likelihood: "low", impact: "high" });
  });

  it("'the on-call risk is yours to own' hands the risk to the person named", () => {
    const [risk] = items(
      [
        ["Anselm", "My worry is the on-call rotation is down to five people and someone burns out."],
        ["Teodora", "Anselm, the on-call risk is yours to own."],
      ],
      "risk",
    );
    expect(risk?.owner).toBe("Anselm");
  });

  it("a correction later in the meeting moves the named task's due date", () => {
    const [action] = items(
      [
        ["Bilal", "I'll update the runbook with the rollback steps tomorrow."],
        ["Ilse", "Great. Anything else?"],
        ["Mateus", "Not from me."],
        ["Bilal", "One correction, the runbook will slip to Friday morning."],
      ],
      "action",
    );
    expect(action?.due).toBe("2025-08-15");
  });

  it("'same deadline' takes the speaker's last deadline", () => {
    const actions = items(
      [
        ["Ximena", "I'll add the canary stage to the DNS pipeline by Friday."],
        ["Ximena", "And I'll add the lint alongside the canary, same deadline."],
      ],
      "action",
    );
    expect(actions.map((a) => a.due)).toEqual(["2025-08-15", "2025-08-15"]);
  });

  it("'someone should…' is a suggestion until someone takes it on", () => {
    expect(items([["Wanjiru", "Someone should write an FAQ for the warehouse staff."]], "action")).toEqual([]);
    const [taken] = items(
      [
        ["Wanjiru", "Someone should write an FAQ for the warehouse staff."],
        ["Cormac", "Sure, I'll do it by Friday."],
      ],
      "action",
    );
    expect(taken).toMatchObject({ owner: "Cormac", due: "2025-08-15" });
  });

  it("each line of a recap says what it is", () => {
    const lines: Line[] = [
      ["Rasmus", "Kwabena's here too."],
      ["Kwabena", "Hi."],
      ["Folake", "Okay, recap. Pending: tablets in offline v1. Kwabena, load test by Friday."],
    ];
    expect(items(lines, "action")[0]).toMatchObject({ owner: "Kwabena", due: "2025-08-15" });
    expect(items(lines, "decision").map((d) => d.status)).toEqual(["pending"]);
  });

  it("'Name, you'll execute' gives the decision its owner", () => {
    const [decision] = items(
      [
        ["Ngozi", "Hi all."],
        ["Teodora", "So decided: EU invoices go back through the old tax engine for August. Ngozi, you'll execute."],
      ],
      "decision",
    );
    expect(decision?.owner).toBe("Ngozi");
  });
});

describe("metrics said the way people say them", () => {
  const columns = template.sections.find((s) => s.kind === "metrics")?.columns ?? [];
  const read = createMetricReader(columns).read;
  it.each([
    ["data platform, velocity was 72 — no, sorry, that's last sprint, it's 68 for this sprint.", { velocity: 68 }],
    ["reqs, we have one open, and nobody's left.", { open_reqs: 1, attrition_90d: 0 }],
    ["for the billing team we closed 40 points, had 2 incidents", { velocity: 40, incidents: 2 }],
    ["one person left last month", { attrition_90d: 1 }],
    ["recovery took about 50 minutes", { p1_mttr_min: 50 }],
  ])("%s", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe("handing tasks over and keeping notes clean", () => {
  const M = "2025-03-17"; // a Monday
  const run = (lines: Line[], kind: ItemKind) =>
    extractItems(segmentsOf(lines), { template, meetingDate: M }).items.filter((i) => i.kind === kind);

  it.each<[string, Line[], { owner: string; due?: string }]>([
    [
      "'Over to you, Jonas' gives him the task just described",
      [
        ["Jonas", "Morning."],
        ["Marta", "The security questionnaire for Acme needs answers by Friday. Over to you, Jonas."],
      ],
      { owner: "Jonas", due: "2025-03-21" },
    ],
    [
      "'Can I leave X with you, Jonas?' is a request to Jonas",
      [
        ["Jonas", "Morning."],
        ["Marta", "Can I leave the security questionnaire with you, Jonas?"],
        ["Jonas", "Yep."],
      ],
      { owner: "Jonas" },
    ],
    [
      "'Let's have Jonas look into…' is Jonas's task",
      [
        ["Jonas", "Morning."],
        ["Marta", "Let's have Jonas look into the checkout timeouts."],
      ],
      { owner: "Jonas" },
    ],
    [
      "'Who's taking the write-up?' — 'I've got it.'",
      [
        ["Marta", "Who's taking the postmortem write-up?"],
        ["Jonas", "I've got it."],
      ],
      { owner: "Jonas" },
    ],
  ])("%s", (_, lines, expected) => {
    const [action] = run(lines, "action");
    expect(action).toMatchObject(expected);
  });

  it.each([
    ["I will update the runbook.", "Update the runbook"],
    [
      "I'll ping the Acme champion today to get the security contact.",
      "Ping the Acme champion to get the security contact",
    ],
    ["I'll merge the retry fix before Thursday's standup.", "Merge the retry fix"],
    ["I'll review the contract by tomorrow afternoon.", "Review the contract"],
  ])("keeps the task's words whole: %s", (text, expected) => {
    expect(run([["Marta", text]], "action")[0]?.text).toBe(expected);
  });

  it("a blocker is a risk", () => {
    expect(run([["Jonas", "One blocker: we still don't have test credentials from the bank."]], "risk")).toHaveLength(
      1,
    );
  });

  it("'Let's table that until the pricing review' is not a decision taken", () => {
    const decisions = run([["Marta", "Let's table that until the pricing review."]], "decision");
    expect(decisions.every((d) => d.status !== "decided")).toBe(true);
  });
});
