import { isTimeZone, localDate } from "../calendar/dates.js";
import { DocketError } from "../errors.js";
import type { Item, Rag } from "../item.js";
import { compareMeetings, type ItemSource, sourceOf } from "../space/recorded-item.js";
import { isSameRisk, riskSimilarity } from "../space/same-risk.js";
import type { EscalationRule, ItemRef } from "./item-links.js";
import type { SeriesItem } from "./series-item.js";

export const TIMELINE_KINDS = [
  "meeting",
  "decision",
  "decision-superseded",
  "risk-rating",
  "escalation",
  "action-done",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** ISO 8601: when it happened, as far as Docket knows. */
  at: string;
  /** YYYY-MM-DD: the meeting's date, or for an action done between meetings the day it was marked done. */
  date: string;
  kind: TimelineKind;
  text: string;
  detail: string | null;
  /** The meeting it happened in (for an action done between meetings: the meeting the item is on). */
  meeting: ItemSource;
  /** The item to open; null for a meeting. */
  itemId: string | null;
  rag: Rag | null;
  /** A risk's rating before this one; null for its first. */
  from: Rag | null;
}

export interface TimelineMeeting {
  id: string;
  title: string;
  meetingDate: string;
  scheduledAt: string;
  status: string;
  endedAt: string | null;
}

export interface TimelineInput {
  meetings: TimelineMeeting[];
  items: SeriesItem[];
  /** The Space's IANA timezone, for the date of an action done between meetings; UTC when absent. */
  timezone?: string;
}

/** Entries at the same instant of the same meeting: the meeting first, then what it decided, rated, raised, closed. */
const KIND_ORDER: Record<TimelineKind, number> = {
  meeting: 0,
  decision: 1,
  "decision-superseded": 2,
  "risk-rating": 3,
  escalation: 4,
  "action-done": 5,
};

const RULE_DETAIL: Record<EscalationRule, string> = {
  "red-risk-to-next-agenda": "Raised by the follow-up rule: a red risk not resolved goes onto the next agenda",
  "unowned-risk-escalate": "Raised by the follow-up rule: a risk nobody owns at the meeting's end is escalated",
};

/**
 * A Space's history, oldest first (the API can reverse it).
 *
 * - meeting: each ended meeting, at its end, with how many decisions and action items it recorded. Meetings that
 *   have not happened (scheduled, pre-read) are left out, and so are their items; a live meeting's items are in,
 *   at its scheduled start, without a meeting entry until it ends.
 * - Items are dated at their meeting's time (its end, or its start while live): Docket knows when a meeting
 *   ended, not when in it each item was said, and the meeting entry heads what it produced.
 * - decision: each decision when first recorded ("decided by …" or "pending"); a carried pending decision again
 *   when a later meeting decides it. A decision later superseded stood until then, so it reads "decided".
 * - decision-superseded: once per superseded decision, at the time of the meeting that replaced it, pointing at
 *   the decision that replaced it; at the old decision's last change when the replacement is unknown.
 * - risk-rating: a risk's first rating and every change after, following each risk along its carried copies and,
 *   like the risk register, to a risk of a later meeting that `isSameRisk`. A risk nobody rated in a meeting
 *   keeps its last rating; no entry when the rating stayed the same.
 * - escalation: each escalation recorded or raised by a follow-up rule (the detail names the rule); carried
 *   copies are not new escalations.
 * - action-done: each action item marked done, at its last change (`changedAt`), once per thread.
 *
 * Ties on `at`: the older meeting first, then the kinds in the order above, then the order the items came in.
 */
export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const timezone = input.timezone ?? "UTC";
  if (!isTimeZone(timezone)) throw new DocketError("bad_input", `Unknown timezone "${timezone}".`);
  const dayOf = (iso: string) => localDate(iso, timezone);
  const meetings = new Map(input.meetings.map((meeting) => [meeting.id, meeting]));
  /** When a meeting's items happened: its end, or its start while live; null when it has not happened. */
  const meetingAt = (meetingId: string): string | null => {
    const meeting = meetings.get(meetingId);
    if (!meeting) return null;
    if (meeting.status === "ended" || meeting.endedAt !== null) return meeting.endedAt ?? meeting.scheduledAt;
    return meeting.status === "live" ? meeting.scheduledAt : null;
  };
  const items = input.items.filter((entry) => meetingAt(entry.meetingId) !== null);
  const entries: TimelineEntry[] = [];
  const atMeeting = (entry: SeriesItem, kind: TimelineKind, fields: Partial<TimelineEntry> = {}): TimelineEntry => ({
    at: meetingAt(entry.meetingId) as string,
    date: entry.meetingDate,
    kind,
    text: entry.item.text,
    detail: null,
    meeting: sourceOf(entry),
    itemId: entry.item.id,
    rag: null,
    from: null,
    ...fields,
  });

  const decisionsRecorded = new Map<string, number>();
  for (const entry of items) {
    if (!isDecisionMadeHere(entry)) continue;
    decisionsRecorded.set(entry.meetingId, (decisionsRecorded.get(entry.meetingId) ?? 0) + 1);
    entries.push(atMeeting(entry, "decision", { detail: decisionDetail(entry.item) }));
  }

  for (const meeting of input.meetings) {
    const at = meetingAt(meeting.id);
    if (at === null || (meeting.status !== "ended" && meeting.endedAt === null)) continue;
    const actions = items.filter(
      (entry) => entry.meetingId === meeting.id && entry.item.kind === "action" && !entry.links.carriedFrom,
    ).length;
    entries.push({
      at,
      date: meeting.meetingDate,
      kind: "meeting",
      text: meeting.title,
      detail: `${count(decisionsRecorded.get(meeting.id) ?? 0, "decision")}, ${count(actions, "action item")}`,
      meeting: { meetingId: meeting.id, meetingTitle: meeting.title, meetingDate: meeting.meetingDate },
      itemId: null,
      rag: null,
      from: null,
    });
  }

  entries.push(...supersededEntries(items, meetingAt, dayOf));
  entries.push(...ratingEntries(items, meetingAt));

  for (const entry of items) {
    if (entry.item.kind !== "escalation" || entry.links.carriedFrom) continue;
    const rule = entry.links.raisedBy?.rule;
    const needed = entry.item.needed?.trim();
    const detail = rule ? RULE_DETAIL[rule] : needed ? `Needed: ${needed}` : null;
    entries.push(atMeeting(entry, "escalation", { detail, rag: entry.item.rag }));
  }

  // One entry per action thread: the copy marked done first.
  const done = new Map<string, SeriesItem>();
  for (const entry of items) {
    if (entry.item.kind !== "action" || entry.item.status !== "done") continue;
    const thread = threadOf(entry);
    const kept = done.get(thread);
    if (!kept || Date.parse(entry.changedAt) < Date.parse(kept.changedAt)) done.set(thread, entry);
  }
  for (const entry of done.values()) {
    const owner = entry.item.owner?.trim();
    const meetingsOn = entry.links.carriedFrom?.meetings;
    const detail = [owner ? `Owner: ${owner}` : null, meetingsOn ? `on ${meetingsOn} meetings` : null]
      .filter((part) => part !== null)
      .join(", ");
    entries.push({
      ...atMeeting(entry, "action-done", { detail: detail || null }),
      at: entry.changedAt,
      date: dayOf(entry.changedAt),
    });
  }

  const order = new Map(entries.map((entry, index) => [entry, index]));
  const meetingOrder = meetingRanks(input.meetings);
  return entries.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      (meetingOrder.get(a.meeting.meetingId) ?? 0) - (meetingOrder.get(b.meeting.meetingId) ?? 0) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
}

/**
 * Whether a decision item is one this meeting made or recorded: an item of its own, or a carried pending
 * decision the meeting settled. A carried copy still pending was already on the timeline where it began.
 */
function isDecisionMadeHere(entry: SeriesItem): boolean {
  if (entry.item.kind !== "decision") return false;
  if (!entry.links.carriedFrom) return true;
  return entry.item.status === "decided" || entry.item.status === "superseded";
}

function decisionDetail(item: Item): string {
  if (item.status === "pending") return "pending";
  const by = item.decidedBy?.trim();
  return by ? `decided by ${by}` : "decided";
}

function supersededEntries(
  items: SeriesItem[],
  meetingAt: (meetingId: string) => string | null,
  dayOf: (iso: string) => string,
): TimelineEntry[] {
  const decisions = items.filter((entry) => entry.item.kind === "decision");
  const byRef = new Map(
    decisions.map((entry) => [refKey({ meetingId: entry.meetingId, itemId: entry.item.id }), entry]),
  );
  /** Old decision → the decision that replaced it (null when unknown), from either side of the link. */
  const replaced = new Map<SeriesItem, SeriesItem | null>();
  for (const entry of decisions) {
    for (const ref of entry.links.supersedes ?? []) {
      const old = byRef.get(refKey(ref));
      if (old && old !== entry) replaced.set(old, entry);
    }
  }
  for (const entry of decisions) {
    const by = entry.links.supersededBy;
    const newer = by ? byRef.get(refKey(by)) : undefined;
    if (newer && newer !== entry) replaced.set(entry, replaced.get(entry) ?? newer);
    else if (!replaced.has(entry) && (by || entry.item.status === "superseded")) replaced.set(entry, null);
  }

  const out: TimelineEntry[] = [];
  const seen = new Set<string>();
  for (const [old, newer] of replaced) {
    // A pending decision carried along is one decision: superseding it is one event, whichever copies say so.
    const thread = threadOf(old);
    if (seen.has(thread)) continue;
    seen.add(thread);
    const newerAt = newer ? meetingAt(newer.meetingId) : null;
    if (newer && newerAt) {
      out.push({
        at: newerAt,
        date: newer.meetingDate,
        kind: "decision-superseded",
        text: old.item.text,
        detail: `Superseded by: ${newer.item.text}`,
        meeting: sourceOf(newer),
        itemId: newer.item.id,
        rag: null,
        from: null,
      });
    } else {
      out.push({
        at: old.changedAt,
        date: dayOf(old.changedAt),
        kind: "decision-superseded",
        text: old.item.text,
        detail: null,
        meeting: sourceOf(old),
        itemId: old.item.id,
        rag: null,
        from: null,
      });
    }
  }
  return out;
}

/**
 * The risks chained across meetings, oldest meeting first: a carried copy joins the chain of the item it was
 * copied from; any other risk joins the chain whose texts it matches best (`isSameRisk`, as the risk register
 * does), or starts one. A chain takes at most one risk per meeting, its carried copy first.
 */
function ratingEntries(items: SeriesItem[], meetingAt: (meetingId: string) => string | null): TimelineEntry[] {
  const risks = items
    .filter((entry) => entry.item.kind === "risk")
    .sort((a, b) => compareMeetings(a, b) || Number(!a.links.carriedFrom) - Number(!b.links.carriedFrom));
  const chains: SeriesItem[][] = [];
  const chainOf = new Map<string, SeriesItem[]>();
  for (const entry of risks) {
    const from = entry.links.carriedFrom;
    const hasMeeting = (chain: SeriesItem[]) => chain.some((link) => link.meetingId === entry.meetingId);
    let chain = from ? (chainOf.get(refKey(from)) ?? chainOf.get(`thread:${from.thread}`)) : undefined;
    if (chain && hasMeeting(chain)) chain = undefined;
    if (!chain) {
      let best: { chain: SeriesItem[]; score: number } | null = null;
      for (const candidate of chains) {
        if (hasMeeting(candidate)) continue;
        const matching = candidate.filter((link) => isSameRisk(link.item.text, entry.item.text));
        if (matching.length === 0) continue;
        const score = Math.max(...matching.map((link) => riskSimilarity(link.item.text, entry.item.text)));
        if (!best || score > best.score) best = { chain: candidate, score };
      }
      chain = best?.chain;
    }
    if (chain) chain.push(entry);
    else {
      chain = [entry];
      chains.push(chain);
    }
    chainOf.set(refKey({ meetingId: entry.meetingId, itemId: entry.item.id }), chain);
    chainOf.set(`thread:${threadOf(entry)}`, chain);
  }

  const out: TimelineEntry[] = [];
  for (const chain of chains) {
    let last: Rag | null = null;
    for (const link of chain) {
      const rag = link.item.rag;
      if (rag === null || rag === last) continue;
      out.push({
        at: meetingAt(link.meetingId) as string,
        date: link.meetingDate,
        kind: "risk-rating",
        text: link.item.text,
        detail: last === null ? `rated ${rag}` : `${last} → ${rag}`,
        meeting: sourceOf(link),
        itemId: link.item.id,
        rag,
        from: last,
      });
      last = rag;
    }
  }
  return out;
}

/** The meetings oldest first, as a rank per meeting id, for entries at the same instant. */
function meetingRanks(meetings: TimelineMeeting[]): Map<string, number> {
  const sorted = [...meetings].sort((a, b) =>
    compareMeetings(
      { meetingDate: a.meetingDate, scheduledAt: a.scheduledAt, meetingId: a.id },
      { meetingDate: b.meetingDate, scheduledAt: b.scheduledAt, meetingId: b.id },
    ),
  );
  return new Map(sorted.map((meeting, index) => [meeting.id, index]));
}

function threadOf(entry: SeriesItem): string {
  return entry.links.carriedFrom?.thread ?? `${entry.meetingId}/${entry.item.id}`;
}

function refKey(ref: ItemRef): string {
  return `${ref.meetingId}\u0000${ref.itemId}`;
}

function count(n: number, noun: string): string {
  return n === 0 ? `no ${noun}s` : `${n} ${noun}${n === 1 ? "" : "s"}`;
}
