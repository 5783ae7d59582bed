import { describe, expect, it } from "vitest";
import { carriedCopy, type SeriesMeeting, seriesItem } from "../../../test/helpers/series.js";
import type { Item } from "../item.js";
import type { ItemLinks } from "./item-links.js";
import type { SeriesItem } from "./series-item.js";
import { buildTimeline, type TimelineEntry, type TimelineMeeting } from "./timeline.js";

function meeting(n: number, date: string, status = "ended", fields: Partial<TimelineMeeting> = {}): TimelineMeeting {
  return {
    id: `m${n}`,
    title: `Eng sync ${n}`,
    meetingDate: date,
    scheduledAt: `${date}T15:00:00Z`,
    status,
    endedAt: status === "ended" ? `${date}T16:00:00Z` : null,
    ...fields,
  };
}

function item(
  at: TimelineMeeting,
  fields: Pick<Item, "id" | "kind" | "text"> & Partial<Item>,
  links: ItemLinks = {},
  changedAt?: string,
): SeriesItem {
  return seriesItem(seriesMeeting(at), fields, links, changedAt);
}

/** A copy named after its thread, as `carryForward` names it. */
function carried(at: TimelineMeeting, source: SeriesItem, fields: Partial<Item> = {}, changedAt?: string): SeriesItem {
  const thread = source.links.carriedFrom?.thread ?? `${source.meetingId}/${source.item.id}`;
  const id = `carried-${thread.replace("/", "-")}`;
  return carriedCopy(seriesMeeting(at), source, { fields, id, ...(changedAt ? { changedAt } : {}) });
}

function seriesMeeting(at: TimelineMeeting): SeriesMeeting {
  return { meetingId: at.id, meetingTitle: at.title, meetingDate: at.meetingDate, scheduledAt: at.scheduledAt };
}

const row = (entry: TimelineEntry) => [entry.at, entry.kind, entry.text, entry.detail];

describe("buildTimeline", () => {
  const m1 = meeting(1, "2025-03-03");
  const m2 = meeting(2, "2025-03-10");
  const m3 = meeting(3, "2025-03-17");
  const live = meeting(4, "2025-03-24", "live");
  const next = meeting(5, "2025-03-31", "pre-read");
  const cancelled = meeting(6, "2025-03-20", "scheduled");

  const postgres = item(
    m1,
    {
      id: "decision-1",
      kind: "decision",
      text: "Move billing to Postgres in Q3",
      status: "superseded",
      decidedBy: "Priya",
    },
    { supersededBy: { meetingId: "m2", itemId: "decision-9" } },
  );
  const auditVendor = item(m1, {
    id: "decision-2",
    kind: "decision",
    text: "Pick the SOC 2 audit vendor",
    status: "pending",
  });
  const latency = item(m1, {
    id: "risk-1",
    kind: "risk",
    text: "Auth latency degraded after the deploy",
    rag: "yellow",
  });
  const renewal = item(m1, { id: "risk-2", kind: "risk", text: "Vendor contract renewal is at risk" });
  const redlines = item(m1, { id: "action-1", kind: "action", text: "Send the vendor the redlines", owner: "Priya" });
  const m1Items = [
    postgres,
    auditVendor,
    latency,
    renewal,
    redlines,
    item(m1, { id: "action-2", kind: "action", text: "Book the offsite" }),
    item(
      m1,
      { id: "unowned-risk-2", kind: "escalation", text: "Risk with no owner: Vendor contract renewal is at risk" },
      { raisedBy: { rule: "unowned-risk-escalate", about: { meetingId: "m1", itemId: "risk-2" } } },
    ),
  ];
  const latencyCopy = carried(m2, latency, { rag: "red" });
  const m2Items = [
    latencyCopy,
    item(
      m2,
      { id: "escalated-1", kind: "escalation", text: "Red risk not resolved since the last meeting", rag: "red" },
      { raisedBy: { rule: "red-risk-to-next-agenda", about: { meetingId: "m2", itemId: latencyCopy.item.id } } },
    ),
    carried(m2, auditVendor, { status: "decided", decidedBy: "Wen" }),
    carried(m2, redlines, { status: "done" }, "2025-03-12T02:00:00Z"),
    item(
      m2,
      { id: "decision-9", kind: "decision", text: "Keep billing on MySQL until the audit closes" },
      {
        supersedes: [{ meetingId: "m1", itemId: "decision-1" }],
      },
    ),
    // Restated in new words, and rated for the first time.
    item(m2, { id: "risk-3", kind: "risk", text: "Vendor contract renewal at risk", rag: "green" }),
    item(m2, {
      id: "escalation-1",
      kind: "escalation",
      text: "Need budget for a second SRE",
      needed: "Budget from finance",
    }),
  ];
  const m3Items = [
    // Still red: no entry.
    carried(m3, latencyCopy),
    item(m3, { id: "risk-1", kind: "risk", text: "Vendor contract renewal is at risk again", rag: "red" }),
  ];
  const liveItems = [item(live, { id: "decision-1", kind: "decision", text: "Hire a contractor for the audit" })];
  const unhappened = [
    item(next, { id: "decision-1", kind: "decision", text: "Not decided yet" }),
    item(cancelled, { id: "action-1", kind: "action", text: "Never happened", status: "done" }),
  ];

  const timeline = buildTimeline({
    meetings: [next, live, m3, m2, m1, cancelled],
    items: [...unhappened, ...liveItems, ...m3Items, ...m2Items, ...m1Items],
  });

  it("tells the Space's story oldest first", () => {
    expect(timeline.map(row)).toEqual([
      ["2025-03-03T16:00:00Z", "meeting", "Eng sync 1", "2 decisions, 2 action items"],
      ["2025-03-03T16:00:00Z", "decision", "Move billing to Postgres in Q3", "decided by Priya"],
      ["2025-03-03T16:00:00Z", "decision", "Pick the SOC 2 audit vendor", "pending"],
      ["2025-03-03T16:00:00Z", "risk-rating", "Auth latency degraded after the deploy", "rated yellow"],
      [
        "2025-03-03T16:00:00Z",
        "escalation",
        "Risk with no owner: Vendor contract renewal is at risk",
        "Raised by the follow-up rule: a risk nobody owns at the meeting's end is escalated",
      ],
      ["2025-03-10T16:00:00Z", "meeting", "Eng sync 2", "2 decisions, no action items"],
      ["2025-03-10T16:00:00Z", "decision", "Pick the SOC 2 audit vendor", "decided by Wen"],
      ["2025-03-10T16:00:00Z", "decision", "Keep billing on MySQL until the audit closes", "decided"],
      [
        "2025-03-10T16:00:00Z",
        "decision-superseded",
        "Move billing to Postgres in Q3",
        "Superseded by: Keep billing on MySQL until the audit closes",
      ],
      ["2025-03-10T16:00:00Z", "risk-rating", "Auth latency degraded after the deploy", "yellow → red"],
      ["2025-03-10T16:00:00Z", "risk-rating", "Vendor contract renewal at risk", "rated green"],
      [
        "2025-03-10T16:00:00Z",
        "escalation",
        "Red risk not resolved since the last meeting",
        "Raised by the follow-up rule: a red risk not resolved goes onto the next agenda",
      ],
      ["2025-03-10T16:00:00Z", "escalation", "Need budget for a second SRE", "Needed: Budget from finance"],
      ["2025-03-12T02:00:00Z", "action-done", "Send the vendor the redlines", "Owner: Priya, on 2 meetings"],
      ["2025-03-17T16:00:00Z", "meeting", "Eng sync 3", "no decisions, no action items"],
      ["2025-03-17T16:00:00Z", "risk-rating", "Vendor contract renewal is at risk again", "green → red"],
      ["2025-03-24T15:00:00Z", "decision", "Hire a contractor for the audit", "decided"],
    ]);
  });

  it("points each entry at its meeting and item, with ratings and dates", () => {
    const superseded = timeline.find((entry) => entry.kind === "decision-superseded");
    expect(superseded).toMatchObject({
      date: "2025-03-10",
      meeting: { meetingId: "m2", meetingTitle: "Eng sync 2", meetingDate: "2025-03-10" },
      itemId: "decision-9",
    });
    const ratings = timeline.filter((entry) => entry.kind === "risk-rating");
    expect(ratings.map((entry) => [entry.meeting.meetingId, entry.itemId, entry.from, entry.rag])).toEqual([
      ["m1", "risk-1", null, "yellow"],
      ["m2", latencyCopy.item.id, "yellow", "red"],
      ["m2", "risk-3", null, "green"],
      ["m3", "risk-1", "green", "red"],
    ]);
    const meetingEntry = timeline[0];
    expect(meetingEntry).toMatchObject({ date: "2025-03-03", itemId: null, rag: null, from: null });
    const done = timeline.find((entry) => entry.kind === "action-done");
    expect(done).toMatchObject({ date: "2025-03-12", meeting: { meetingId: "m2" }, itemId: "carried-m1-action-1" });
    expect(timeline.find((entry) => entry.kind === "escalation" && entry.rag === "red")?.text).toBe(
      "Red risk not resolved since the last meeting",
    );
  });

  it("dates an action done between meetings in the Space's timezone", () => {
    const [done] = buildTimeline({
      meetings: [m2],
      items: [
        item(m2, { id: "action-1", kind: "action", text: "Ship it", status: "done" }, {}, "2025-03-12T02:00:00Z"),
      ],
      timezone: "America/Los_Angeles",
    }).filter((entry) => entry.kind === "action-done");
    expect(done).toMatchObject({ at: "2025-03-12T02:00:00Z", date: "2025-03-11", detail: null });
    expect(() => buildTimeline({ meetings: [m2], items: [], timezone: "Mars/Olympus" })).toThrow(/Unknown timezone/);
  });

  it("counts an action thread done once, when it was first marked done", () => {
    const action = item(
      m1,
      { id: "action-1", kind: "action", text: "Send the redlines", status: "done" },
      {},
      "2025-03-05T10:00:00Z",
    );
    const copy = carried(
      m2,
      { ...action, item: { ...action.item, status: "open" } },
      { status: "done" },
      "2025-03-10T15:10:00Z",
    );
    const done = buildTimeline({ meetings: [m1, m2], items: [copy, action] }).filter((e) => e.kind === "action-done");
    expect(done.map((entry) => [entry.at, entry.meeting.meetingId])).toEqual([["2025-03-05T10:00:00Z", "m1"]]);
  });

  it("keeps a risk's rating through a meeting nobody rated it in, and says nothing when it did not change", () => {
    const r1 = item(m1, { id: "risk-1", kind: "risk", text: "Data center lease ends in June", rag: "red" });
    const r2 = carried(m2, r1, { rag: null });
    const r3 = carried(m3, r2, { rag: "red" });
    const ratings = buildTimeline({ meetings: [m1, m2, m3], items: [r1, r2, r3] }).filter(
      (e) => e.kind === "risk-rating",
    );
    expect(ratings.map((entry) => [entry.meeting.meetingId, entry.rag])).toEqual([["m1", "red"]]);
  });

  it("keeps two risks of one meeting apart, the carried copy following its own thread", () => {
    const lease = item(m1, { id: "risk-1", kind: "risk", text: "Data center lease ends in June", rag: "yellow" });
    const leaseCopy = carried(m2, lease, { rag: "yellow" });
    // Heard again in m2 as a new item: the copy already speaks for the thread in m2, so this one starts its own.
    const restated = item(m2, { id: "risk-5", kind: "risk", text: "The data center lease ends in June", rag: "red" });
    const ratings = buildTimeline({ meetings: [m1, m2], items: [restated, leaseCopy, lease] }).filter(
      (entry) => entry.kind === "risk-rating",
    );
    expect(ratings.map((entry) => [entry.itemId, entry.from, entry.rag])).toEqual([
      ["risk-1", null, "yellow"],
      ["risk-5", null, "red"],
    ]);
  });

  it("dates a supersession at the old decision's last change when the replacement is unknown", () => {
    const old = item(
      m1,
      { id: "decision-1", kind: "decision", text: "Freeze the mobile scope", status: "superseded" },
      {},
      "2025-03-05T12:00:00Z",
    );
    const entries = buildTimeline({ meetings: [m1], items: [old] });
    expect(entries.map((entry) => [entry.at, entry.kind, entry.meeting.meetingId, entry.itemId])).toEqual([
      ["2025-03-03T16:00:00Z", "meeting", "m1", null],
      ["2025-03-03T16:00:00Z", "decision", "m1", "decision-1"],
      ["2025-03-05T12:00:00Z", "decision-superseded", "m1", "decision-1"],
    ]);
  });

  it("orders by time across meetings, two meetings ending together the earlier scheduled first", () => {
    const morning = meeting(7, "2025-04-01", "ended", {
      scheduledAt: "2025-04-01T09:00:00Z",
      endedAt: "2025-04-01T12:00:00Z",
    });
    const noon = meeting(8, "2025-04-01", "ended", {
      scheduledAt: "2025-04-01T11:00:00Z",
      endedAt: "2025-04-01T12:00:00Z",
    });
    const entries = buildTimeline({
      meetings: [noon, morning],
      items: [
        item(noon, { id: "decision-1", kind: "decision", text: "B" }),
        item(morning, { id: "decision-1", kind: "decision", text: "A" }),
        item(
          morning,
          { id: "action-1", kind: "action", text: "Done early", status: "done" },
          {},
          "2025-04-01T09:30:00Z",
        ),
      ],
    });
    expect(entries.map((entry) => [entry.meeting.meetingId, entry.kind, entry.text])).toEqual([
      ["m7", "action-done", "Done early"],
      ["m7", "meeting", "Eng sync 7"],
      ["m7", "decision", "A"],
      ["m8", "meeting", "Eng sync 8"],
      ["m8", "decision", "B"],
    ]);
  });

  it("is empty for a Space whose meetings have not happened", () => {
    expect(buildTimeline({ meetings: [next, cancelled], items: unhappened })).toEqual([]);
  });
});
