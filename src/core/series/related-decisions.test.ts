import { describe, expect, it } from "vitest";
import { createItem, type Item } from "../item.js";
import type { ItemLinks } from "./item-links.js";
import { relatedDecisions } from "./related-decisions.js";
import type { SeriesItem } from "./series-item.js";

let meetingNumber = 0;

function decision(text: string, fields: Partial<Item> & { links?: ItemLinks; meeting?: number } = {}): SeriesItem {
  const { links = {}, meeting = ++meetingNumber, ...rest } = fields;
  const day = String(meeting).padStart(2, "0");
  return {
    meetingId: `m${meeting}`,
    meetingTitle: "Eng leadership sync",
    meetingDate: `2025-01-${day}`,
    scheduledAt: `2025-01-${day}T15:00:00Z`,
    item: createItem({
      id: `decision-${text.length}`,
      kind: "decision",
      section: "decisions",
      text,
      status: "decided",
      ...rest,
    }),
    links,
    changedAt: `2025-01-${day}T16:00:00Z`,
  };
}

const billing = decision("Move billing from MySQL to Postgres in Q3");
const mobileScope = decision("Freeze the mobile release scope on March 1");
const kubernetes = decision("Adopt Kubernetes");
const sync = decision("Weekly sync moves to Tuesdays at 10");
const acme = decision("Vendor contract: renew with Acme for one year, not three");
const onCall = decision("Platform on-call moves to follow-the-sun with the Dublin team");
const reportingApi = decision("Sunset the legacy reporting API by end of June");
const dashboard = decision("Deprioritize the analytics dashboard to protect mobile's core commitments");
const hiringFreeze = decision("Hiring freeze");
const EARLIER = [billing, mobileScope, kubernetes, sync, acme, onCall, reportingApi, dashboard, hiringFreeze];

const texts = (related: { decision: SeriesItem }[]) => related.map((r) => r.decision.item.text);

describe("relatedDecisions", () => {
  it.each([
    ["so are we still moving billing to Postgres?", billing, ["billing", "Postgres"]],
    ["Wait, didn't we decide to take billing off MySQL?", billing, ["billing", "MySQL"]],
    ["Are we on Kubernetes yet?", kubernetes, ["Kubernetes"]],
    ["Is the hiring freeze still on?", hiringFreeze, ["Hiring", "freeze"]],
    ["Can we talk about the mobile release? The scope keeps growing.", mobileScope, ["mobile", "release", "scope"]],
    ["We should renew the Acme contract for three years this time", acme, ["contract", "renew", "Acme", "year"]],
    ["Reporting API sunset is slipping to August", reportingApi, ["Sunset", "reporting", "API"]],
    // A new decision's text, not only a live segment.
    [
      "Keep the legacy reporting API alive until the mobile app has moved off it",
      reportingApi,
      ["legacy", "reporting", "API"],
    ],
  ])("%j is about an earlier decision", (text, expected, shared) => {
    const [first] = relatedDecisions(EARLIER, text);
    expect(first?.decision).toBe(expected);
    expect(first?.shared).toEqual(shared);
    expect(first?.score).toBeGreaterThan(0.4);
    expect(first?.score).toBeLessThanOrEqual(1);
  });

  it.each([
    // Only meeting talk in common with anything.
    "I think we need to move faster on this next week, let's discuss it with the team",
    "Okay, great, thanks everyone, see you next week",
    "Let's move the sync to Wednesday",
    // One subject word in common, in a sentence about something else.
    "The billing team says the invoices are late again",
    "Postgres upgrade for the analytics cluster is scheduled",
    "Kubernetes migration for the billing services",
    // One word of a two-word decision: half of it is not enough.
    "The hiring went well",
    "Who's covering the platform this weekend?",
    "",
  ])("%j is about no earlier decision", (text) => {
    expect(relatedDecisions(EARLIER, text)).toEqual([]);
  });

  it("compares what decisions are about, not the reasons given for them", () => {
    const postgres = decision(
      "We decided to move billing to Postgres because the current store cannot keep up with invoice volume",
    );
    const freeze = decision("We still have not decided whether to freeze deploys during the cutover week", {
      status: "pending",
    });
    const reversal =
      "We decided to move billing to MySQL instead of Postgres, because the team already runs MySQL in production";
    expect(texts(relatedDecisions([postgres, freeze], reversal))).toEqual([postgres.item.text]);
  });

  it("weighs rare words above words many decisions share", () => {
    const train = decision("Mobile release train ships every two weeks");
    const migration = decision("Billing moves to Postgres after the schema migration");
    const text = "Before the mobile release, the Postgres migration has to land";
    // In a Space where "mobile" and "release" are in every other decision, they say little.
    const mobileSpace = [
      train,
      decision("Mobile team owns the release checklist"),
      decision("Mobile release notes go through legal"),
      migration,
    ];
    const related = relatedDecisions(mobileSpace, text, { limit: 5 });
    expect(related.map((r) => [r.decision.item.text, r.shared])).toEqual([
      ["Billing moves to Postgres after the schema migration", ["Postgres", "migration"]],
    ]);
    // Where they are rare, the same two words are a subject of their own.
    const elsewhere = relatedDecisions([train, migration, acme, sync], text, { limit: 5 });
    expect(texts(elsewhere)).toEqual([migration.item.text, train.item.text]);
    expect(elsewhere[1]?.shared).toEqual(["Mobile", "release"]);
  });

  it("returns the best three unless told, and honours limit and minScore", () => {
    const earlier = [
      decision("Billing database moves to Postgres"),
      decision("Billing reports read from the Postgres replica"),
      decision("Billing invoices keep the Postgres audit table"),
      decision("Billing exports run nightly from Postgres"),
    ];
    const text = "Is billing fully on Postgres now?";
    expect(relatedDecisions(earlier, text)).toHaveLength(3);
    expect(relatedDecisions(earlier, text, { limit: 1 })).toHaveLength(1);
    expect(relatedDecisions(earlier, text, { limit: 0 })).toEqual([]);
    const long = "Billing moved to Postgres, the replica is set up, and the invoices audit nightly exports all work";
    const strict = relatedDecisions(earlier, long, { limit: 10, minScore: 0.9 });
    const loose = relatedDecisions(earlier, long, { limit: 10, minScore: 0.1 });
    expect(strict.length).toBeLessThan(loose.length);
    for (const related of strict) expect(related.score).toBeGreaterThanOrEqual(0.9);
  });

  it("shows the decision that stands now above the one it superseded, even when only the old words match", () => {
    const old = decision("Move billing to Postgres in Q3", {
      id: "decision-1",
      meeting: 1,
      status: "superseded",
      links: { supersededBy: { meetingId: "m5", itemId: "decision-2" } },
    });
    const standing = decision("Keep billing on MySQL until the audit closes", {
      id: "decision-2",
      meeting: 5,
      links: { supersedes: [{ meetingId: "m1", itemId: "decision-1" }] },
    });
    const related = relatedDecisions([old, standing, acme], "so are we still moving billing to Postgres?");
    expect(related.map((r) => [r.decision.item.id, r.score, r.shared])).toEqual([
      ["decision-2", 1, []],
      ["decision-1", 1, ["billing", "Postgres"]],
    ]);
  });

  it("ranks a superseded decision below its replacement when the old one matches better", () => {
    const old = decision("Move billing to Postgres in Q3", {
      id: "decision-1",
      meeting: 1,
      status: "superseded",
      links: { supersededBy: { meetingId: "m2", itemId: "decision-7" } },
    });
    // Only `supersedes` on the new one: either side of the link is enough.
    const middle = decision("Move billing to Postgres in Q4, after the audit and the schema freeze", {
      id: "decision-7",
      meeting: 2,
      status: "superseded",
    });
    const standing = decision("Billing moves to Postgres in January", {
      id: "decision-9",
      meeting: 3,
      links: { supersedes: [{ meetingId: "m2", itemId: "decision-7" }] },
    });
    const related = relatedDecisions([old, middle, standing], "Billing moves to Postgres in Q3, right?", { limit: 5 });
    expect(related.map((r) => r.decision.item.id)).toEqual(["decision-9", "decision-7", "decision-1"]);
    expect(related[2]?.score).toBe(1);
  });

  it("returns a pending decision carried along the series once, at its latest copy", () => {
    const first = decision("Pick the billing database: Postgres or Aurora", {
      id: "decision-1",
      meeting: 1,
      status: "pending",
    });
    const carriedFrom = {
      thread: "m1/decision-1",
      firstMeetingId: "m1",
      firstMeetingDate: "2025-01-01",
    };
    const copy = decision("Pick the billing database: Postgres or Aurora", {
      id: "carried-1",
      meeting: 2,
      status: "pending",
      links: { carriedFrom: { ...carriedFrom, meetingId: "m1", itemId: "decision-1", meetings: 2 } },
    });
    const latest = decision("Pick the billing database: Postgres or Aurora", {
      id: "carried-1",
      meeting: 3,
      status: "pending",
      links: { carriedFrom: { ...carriedFrom, meetingId: "m2", itemId: "carried-1", meetings: 3 } },
    });
    const related = relatedDecisions([latest, first, copy], "Aurora would save us the Postgres upgrade work");
    expect(related.map((r) => r.decision.meetingId)).toEqual(["m3"]);
  });

  it("leaves out items that are not decisions", () => {
    const risk = { ...billing, item: { ...billing.item, kind: "risk" as const } };
    expect(relatedDecisions([risk], "so are we still moving billing to Postgres?")).toEqual([]);
  });
});
