import { describe, expect, it } from "vitest";
import { carriedCopy, seriesItem } from "../../../test/helpers/series.js";
import type { Item } from "../item.js";
import { meetingChanges } from "./changes.js";
import type { SeriesItem } from "./series-item.js";

const m1 = {
  meetingId: "m1",
  meetingTitle: "Eng sync",
  meetingDate: "2025-03-03",
  scheduledAt: "2025-03-03T15:00:00Z",
};
const m2 = {
  meetingId: "m2",
  meetingTitle: "Eng sync",
  meetingDate: "2025-03-10",
  scheduledAt: "2025-03-10T15:00:00Z",
};
const M1_ENDED = "2025-03-03T16:00:00Z";
const TODAY = "2025-03-10";

type Meeting = typeof m1;

const recorded = seriesItem;

function carried(at: Meeting, source: SeriesItem, fields: Partial<Item> = {}, changedAt?: string): SeriesItem {
  return carriedCopy(at, source, { fields, ...(changedAt ? { changedAt } : {}) });
}

const ids = (entries: { meetingId: string; itemId: string }[]) => entries.map((e) => `${e.meetingId}:${e.itemId}`);

describe("meetingChanges", () => {
  it("lists this meeting's own items as new, not the copies it was handed", () => {
    const action = recorded(m1, {
      id: "action-1",
      kind: "action",
      text: "Send the vendor the redlines",
      owner: "Priya",
    });
    const changes = meetingChanges({
      previous: [action],
      previousEndedAt: M1_ENDED,
      current: [
        carried(m2, action),
        recorded(m2, { id: "decision-1", kind: "decision", text: "Ship the beta on 1 April", status: "decided" }),
        recorded(m2, { id: "question-1", kind: "question", text: "Who reviews the launch plan?" }),
      ],
      today: TODAY,
    });
    expect(changes.previousMeeting).toEqual({ meetingId: "m1", meetingTitle: "Eng sync", meetingDate: "2025-03-03" });
    expect(ids(changes.new)).toEqual(["m2:decision-1", "m2:question-1"]);
    expect(changes.new[0]).toEqual({
      itemId: "decision-1",
      meetingId: "m2",
      meetingDate: "2025-03-10",
      kind: "decision",
      text: "Ship the beta on 1 April",
      owner: null,
      rag: null,
      due: null,
      status: "decided",
      meetings: null,
    });
    expect(changes.resolved).toEqual([]);
  });

  it("counts an escalation a follow-up rule raised as new", () => {
    const red = recorded(m1, {
      id: "risk-1",
      kind: "risk",
      text: "Auth latency degraded after the deploy",
      rag: "red",
    });
    const copy = carried(m2, red);
    const escalation = recorded(
      m2,
      { id: "escalated-1", kind: "escalation", text: "Red risk not resolved since the last meeting", rag: "red" },
      { raisedBy: { rule: "red-risk-to-next-agenda", about: { meetingId: "m2", itemId: copy.item.id } } },
    );
    const changes = meetingChanges({
      previous: [red],
      previousEndedAt: M1_ENDED,
      current: [copy, escalation],
      today: TODAY,
    });
    expect(ids(changes.new)).toEqual(["m2:escalated-1"]);
    expect(changes.reRated).toEqual([]);
  });

  it("orders new items by kind, then as they were heard, typed ones last, then by text", () => {
    const heard = (start: number | null) => [{ segmentId: "s", speaker: null, quote: "", start }];
    const changes = meetingChanges({
      previous: [],
      previousEndedAt: null,
      current: [
        recorded(m2, { id: "r", kind: "risk", text: "A risk", evidence: heard(10) }),
        recorded(m2, { id: "a-typed", kind: "action", text: "Alpha, typed in", evidence: [] }),
        recorded(m2, { id: "a-late", kind: "action", text: "Aardvark", evidence: heard(300) }),
        recorded(m2, { id: "a-early", kind: "action", text: "Zebra", evidence: heard(300), owner: null }),
        recorded(m2, { id: "a-first", kind: "action", text: "Yak", evidence: [...heard(900), ...heard(20)] }),
        recorded(m2, { id: "d", kind: "decision", text: "Zulu decision", evidence: heard(999) }),
      ],
      today: TODAY,
    });
    expect(changes.new.map((e) => e.itemId)).toEqual(["d", "a-first", "a-late", "a-early", "a-typed", "r"]);
    expect(changes.previousMeeting).toBeNull();
  });

  it("reports a carried copy closed in this meeting as resolved, with the meetings it was open for", () => {
    const action = recorded(
      m1,
      { id: "carried-x", kind: "action", text: "Write the on-call runbook", owner: "Wen" },
      {
        carriedFrom: {
          thread: "m0/action-3",
          meetingId: "m0",
          itemId: "action-3",
          firstMeetingId: "m0",
          firstMeetingDate: "2025-02-24",
          meetings: 2,
        },
      },
    );
    const question = recorded(m1, { id: "question-1", kind: "question", text: "Do we need a second region?" });
    const changes = meetingChanges({
      previous: [action, question],
      previousEndedAt: M1_ENDED,
      current: [carried(m2, action, { status: "done" }), carried(m2, question)],
      today: TODAY,
    });
    expect(changes.resolved).toEqual([
      {
        itemId: "carried-m1-carried-x",
        meetingId: "m2",
        meetingDate: "2025-03-10",
        kind: "action",
        text: "Write the on-call runbook",
        owner: "Wen",
        rag: null,
        due: null,
        status: "done",
        meetings: 3,
      },
    ]);
    expect(changes.new).toEqual([]);
  });

  it("reports the last meeting's items closed after it ended and not open here; not those closed in it", () => {
    const closedAfter = (id: string, fields: Partial<Item> & Pick<Item, "kind" | "text">) =>
      recorded(m1, { id, ...fields }, {}, "2025-03-05T09:00:00Z");
    const previous = [
      closedAfter("action-1", { kind: "action", text: "Send the redlines", status: "done" }),
      closedAfter("risk-1", { kind: "risk", text: "Vendor renewal at risk", rag: "yellow", status: "resolved" }),
      closedAfter("question-1", { kind: "question", text: "Which region first?", status: "answered" }),
      // Closed before the meeting ended: news of that meeting, not since.
      recorded(
        m1,
        { id: "action-2", kind: "action", text: "Book the room", status: "done" },
        {},
        "2025-03-03T15:45:00Z",
      ),
      // A decision recorded as decided was never an open thread, even if edited afterwards.
      closedAfter("decision-1", { kind: "decision", text: "Adopt Postgres", status: "decided" }),
      // Still open: not resolved.
      closedAfter("action-3", { kind: "action", text: "Draft the plan", status: "open" }),
    ];
    const changes = meetingChanges({ previous, previousEndedAt: M1_ENDED, current: [], today: TODAY });
    expect(ids(changes.resolved)).toEqual(["m1:action-1", "m1:risk-1", "m1:question-1"]);
    expect(changes.resolved[0]?.meetings).toBeNull();
  });

  it("counts a pending decision carried into the last meeting and decided after it", () => {
    const pending = recorded(
      m1,
      { id: "carried-d", kind: "decision", text: "Pick the billing database", status: "decided" },
      {
        carriedFrom: {
          thread: "m0/decision-2",
          meetingId: "m0",
          itemId: "decision-2",
          firstMeetingId: "m0",
          firstMeetingDate: "2025-02-24",
          meetings: 2,
        },
      },
      "2025-03-04T10:00:00Z",
    );
    const changes = meetingChanges({ previous: [pending], previousEndedAt: M1_ENDED, current: [], today: TODAY });
    expect(changes.resolved.map((e) => [e.itemId, e.meetings])).toEqual([["carried-d", 2]]);
  });

  it("does not report an item closed after the meeting while its copy here is still open, nor twice when both are closed", () => {
    const a = recorded(
      m1,
      { id: "action-1", kind: "action", text: "Send the redlines", status: "done" },
      {},
      "2025-03-05T09:00:00Z",
    );
    const b = recorded(
      m1,
      { id: "action-2", kind: "action", text: "Book the offsite", status: "done" },
      {},
      "2025-03-05T09:00:00Z",
    );
    const changes = meetingChanges({
      previous: [a, b],
      previousEndedAt: M1_ENDED,
      current: [carried(m2, a, { status: "open" }), carried(m2, b, { status: "done" })],
      today: TODAY,
    });
    expect(ids(changes.resolved)).toEqual(["m2:carried-m1-action-2"]);
  });

  it("cannot tell what closed since when the last meeting's end is unknown", () => {
    const done = recorded(
      m1,
      { id: "action-1", kind: "action", text: "Send it", status: "done" },
      {},
      "2025-03-05T09:00:00Z",
    );
    expect(meetingChanges({ previous: [done], previousEndedAt: null, current: [], today: TODAY }).resolved).toEqual([]);
  });

  it("reports a carried risk whose rating moved, once, with the rating it had", () => {
    const risk = recorded(m1, {
      id: "risk-1",
      kind: "risk",
      text: "Auth latency degraded after the deploy",
      rag: "yellow",
    });
    const steady = recorded(m1, {
      id: "risk-2",
      kind: "risk",
      text: "Vendor contract renewal is slipping",
      rag: "red",
    });
    const changes = meetingChanges({
      previous: [risk, steady],
      previousEndedAt: M1_ENDED,
      current: [
        carried(m2, risk, { rag: "red" }),
        carried(m2, steady),
        // The engine heard the same risk again: one thread, one line.
        recorded(m2, { id: "risk-9", kind: "risk", text: "Auth latency still degraded after the deploy", rag: "red" }),
      ],
      today: TODAY,
    });
    expect(changes.reRated).toEqual([
      {
        itemId: "carried-m1-risk-1",
        meetingId: "m2",
        meetingDate: "2025-03-10",
        kind: "risk",
        text: "Auth latency degraded after the deploy",
        owner: null,
        rag: "red",
        due: null,
        status: null,
        meetings: 2,
        from: "yellow",
      },
    ]);
    expect(changes.new).toEqual([]);
  });

  it("follows a risk the meeting restated in new words, and ignores one nobody rated this time", () => {
    const previous = [
      recorded(m1, { id: "risk-1", kind: "risk", text: "Hiring pipeline for the mobile team is stalled", rag: "red" }),
      recorded(m1, { id: "risk-2", kind: "risk", text: "Auth service latency degraded after the deploy", rag: "red" }),
      recorded(m1, { id: "risk-3", kind: "risk", text: "Data center lease ends in June" }),
    ];
    const changes = meetingChanges({
      previous,
      previousEndedAt: M1_ENDED,
      current: [
        recorded(m2, { id: "risk-1", kind: "risk", text: "Mobile hiring pipeline stalled", rag: "yellow" }),
        recorded(m2, {
          id: "risk-2",
          kind: "risk",
          text: "Auth-service latency is degrading after deploys",
          rag: null,
        }),
        recorded(m2, { id: "risk-3", kind: "risk", text: "The data center lease ends in June", rag: "green" }),
        recorded(m2, { id: "risk-4", kind: "risk", text: "App store review is slow", rag: "yellow" }),
      ],
      today: TODAY,
    });
    expect(changes.reRated.map((e) => [e.itemId, e.from, e.rag])).toEqual([
      ["risk-1", "red", "yellow"],
      ["risk-3", null, "green"],
    ]);
    // Restatements are not new business; the unrelated risk is.
    expect(ids(changes.new)).toEqual(["m2:risk-4"]);
  });

  it("reports a restatement when the carried copy kept its rating", () => {
    const risk = recorded(m1, {
      id: "risk-1",
      kind: "risk",
      text: "Vendor contract renewal is at risk",
      rag: "yellow",
    });
    const changes = meetingChanges({
      previous: [risk],
      previousEndedAt: M1_ENDED,
      current: [
        carried(m2, risk),
        recorded(m2, { id: "risk-2", kind: "risk", text: "Vendor contract renewal at risk", rag: "red" }),
      ],
      today: TODAY,
    });
    expect(changes.reRated.map((e) => [e.itemId, e.from, e.rag])).toEqual([["risk-2", "yellow", "red"]]);
  });

  it("reports a carried risk resolved here as resolved, not re-rated", () => {
    const risk = recorded(m1, { id: "risk-1", kind: "risk", text: "Vendor contract renewal is at risk", rag: "red" });
    const changes = meetingChanges({
      previous: [risk],
      previousEndedAt: M1_ENDED,
      current: [carried(m2, risk, { rag: "green", status: "resolved" })],
      today: TODAY,
    });
    expect(ids(changes.resolved)).toEqual(["m2:carried-m1-risk-1"]);
    expect(changes.reRated).toEqual([]);
  });

  it("treats a risk that comes back after it was resolved as new", () => {
    const risk = recorded(m1, {
      id: "risk-1",
      kind: "risk",
      text: "Vendor contract renewal is at risk",
      rag: "green",
      status: "resolved",
    });
    const changes = meetingChanges({
      previous: [risk],
      previousEndedAt: M1_ENDED,
      current: [recorded(m2, { id: "risk-1", kind: "risk", text: "Vendor contract renewal at risk", rag: "red" })],
      today: TODAY,
    });
    expect(ids(changes.new)).toEqual(["m2:risk-1"]);
    expect(changes.reRated).toEqual([]);
  });

  it("orders re-rated risks worst first", () => {
    const a = recorded(m1, { id: "risk-1", kind: "risk", text: "Alpha vendor renewal slipping", rag: "red" });
    const b = recorded(m1, { id: "risk-2", kind: "risk", text: "Beta launch capacity short", rag: "green" });
    const changes = meetingChanges({
      previous: [a, b],
      previousEndedAt: M1_ENDED,
      current: [carried(m2, a, { rag: "yellow" }), carried(m2, b, { rag: "red" })],
      today: TODAY,
    });
    expect(changes.reRated.map((e) => [e.text, e.from, e.rag])).toEqual([
      ["Beta launch capacity short", "green", "red"],
      ["Alpha vendor renewal slipping", "red", "yellow"],
    ]);
  });

  it("lists open action items due before today, longest overdue first; due today is not overdue", () => {
    const action = (id: string, due: string | null, fields: Partial<Item> = {}) =>
      recorded(m2, { id, kind: "action", text: `Task ${id}`, due, ...fields });
    const changes = meetingChanges({
      previous: [],
      previousEndedAt: null,
      current: [
        action("a", "2025-03-07", { owner: "Wen" }),
        action("b", "2025-03-01"),
        action("c", TODAY),
        action("d", null),
        action("e", "2025-03-02", { status: "done" }),
        action("f", "2025-03-07", { owner: "Ana" }),
        recorded(m2, { id: "q", kind: "question", text: "Due?", due: "2025-03-01" }),
      ],
      today: TODAY,
    });
    expect(changes.overdue.map((e) => e.itemId)).toEqual(["b", "f", "a"]);
  });

  it("uses the last meeting's open action items for overdue when this meeting has nothing yet", () => {
    const late = recorded(m1, { id: "action-1", kind: "action", text: "Send the redlines", due: "2025-03-05" });
    const done = recorded(m1, { id: "action-2", kind: "action", text: "Book it", due: "2025-03-05", status: "done" });
    const changes = meetingChanges({ previous: [late, done], previousEndedAt: M1_ENDED, current: [], today: TODAY });
    expect(ids(changes.overdue)).toEqual(["m1:action-1"]);
    // With the preview passed, the copy speaks for it: no line for the last meeting's original.
    const preview = meetingChanges({
      previous: [late],
      previousEndedAt: M1_ENDED,
      current: [carried(m2, late)],
      today: TODAY,
    });
    expect(preview.overdue.map((e) => [e.meetingId, e.meetings])).toEqual([["m2", 2]]);
  });

  it("is empty for a first meeting with nothing recorded yet", () => {
    expect(meetingChanges({ previous: [], previousEndedAt: null, current: [], today: TODAY })).toEqual({
      previousMeeting: null,
      new: [],
      resolved: [],
      reRated: [],
      overdue: [],
    });
  });
});
