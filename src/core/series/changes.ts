import { ITEM_KINDS, type Item, type ItemKind, type ItemStatus, type Rag } from "../item.js";
import { isOpenAction, isOverdue } from "../space/open-actions.js";
import { compareMeetings, compareNames, compareText, type ItemSource, sourceOf } from "../space/recorded-item.js";
import { ragRank } from "../space/risk-register.js";
import { isSameRisk, riskSimilarity } from "../space/same-risk.js";
import type { SeriesItem } from "./series-item.js";

/** One line of "what changed since the last meeting". */
export interface ChangeEntry {
  itemId: string;
  meetingId: string;
  meetingDate: string;
  kind: ItemKind;
  text: string;
  owner: string | null;
  rag: Rag | null;
  due: string | null;
  status: ItemStatus | null;
  /** "open for 3 meetings" when carried */
  meetings: number | null;
}

export interface MeetingChanges {
  /** The last ended meeting before this one; null when there was none (or it recorded nothing). */
  previousMeeting: ItemSource | null;
  /** Items recorded in this meeting that were not carried over; escalations a follow-up rule raised count as new. */
  new: ChangeEntry[];
  /** Threads closed since the last meeting: in this meeting (a carried copy now closed) or between the two. */
  resolved: ChangeEntry[];
  /** Risks whose rating moved since the last meeting, with the rating they had there. */
  reRated: (ChangeEntry & { from: Rag | null })[];
  /** Open action items past their due date. */
  overdue: ChangeEntry[];
}

export interface MeetingChangesInput {
  /** The items of the last ended meeting before this one; empty when there is none. */
  previous: SeriesItem[];
  /** When that meeting ended (ISO 8601); null when unknown. */
  previousEndedAt: string | null;
  /** This meeting's items; for a meeting not started yet, the carry-over preview (copies with `carriedFrom`). */
  current: SeriesItem[];
  /** YYYY-MM-DD in the Space's timezone. */
  today: string;
}

/** The statuses that close a thread: once an item has one, it is no longer carried. */
const CLOSED_STATUSES: ReadonlySet<ItemStatus> = new Set(["done", "resolved", "answered", "decided", "superseded"]);

/**
 * What changed since the last meeting, for the top of a meeting's page. Each item appears at most once in each
 * list, and at most once across new, resolved and reRated; an overdue action may also be new.
 *
 * - new: items of this meeting without `carriedFrom`. A risk that restates one of the last meeting's open risks
 *   (`isSameRisk`) is not new business: it is reported under reRated when its rating moved, else not at all.
 * - resolved: a carried copy in this meeting whose status now closes it, or an item of the last meeting closed
 *   after that meeting ended (`changedAt` later than `previousEndedAt`) with no open copy here. A decision of the
 *   last meeting counts only if it came into that meeting pending (carried): one recorded as decided there was
 *   never an open thread, and a review after the meeting moves `changedAt` too.
 * - reRated: a risk whose rating differs from its rating in the last meeting, followed by its carried copy or by
 *   a new risk that restates it. Only a rating given here counts: a risk nobody rated this time has not moved.
 * - overdue: open action items of this meeting due before today; when this meeting has no items at all (not
 *   started, nothing carried yet), the last meeting's open ones.
 *
 * Order: new by kind (decisions, actions, risks, questions, escalations, updates), then in the order they were
 * heard (first evidence), typed and rule-raised items last, then by text. resolved by kind, then text. reRated the
 * worst rating first (red, yellow, green), then text. overdue the longest overdue first, then owner, then text.
 */
export function meetingChanges(input: MeetingChangesInput): MeetingChanges {
  const { previous, current, today } = input;
  const previousByRef = new Map(previous.map((entry) => [refKey(entry.meetingId, entry.item.id), entry]));
  const previousByThread = new Map(previous.map((entry) => [threadOf(entry), entry]));

  /** The item of the last meeting a carried copy came from, if the caller passed it. */
  const sourceInPrevious = (copy: SeriesItem): SeriesItem | undefined => {
    const from = copy.links.carriedFrom;
    if (!from) return undefined;
    return previousByRef.get(refKey(from.meetingId, from.itemId)) ?? previousByThread.get(from.thread);
  };

  const carried = current.filter((entry) => entry.links.carriedFrom);
  const recorded = current.filter((entry) => !entry.links.carriedFrom);

  // Risks: follow each of the last meeting's risks into this meeting, by its carried copy or a restatement.
  const previousRisks = previous.filter((entry) => entry.item.kind === "risk");
  const followers = new Map<SeriesItem, SeriesItem[]>(previousRisks.map((risk) => [risk, []]));
  for (const copy of carried) {
    const source = sourceInPrevious(copy);
    if (copy.item.kind === "risk" && source?.item.kind === "risk") followers.get(source)?.push(copy);
  }
  const restatements = new Set<SeriesItem>();
  const restatedFrom = new Map<SeriesItem, { risk: SeriesItem; score: number }[]>();
  for (const entry of recorded) {
    if (entry.item.kind !== "risk") continue;
    const match = bestSameRisk(entry, previousRisks);
    if (!match) continue;
    // A risk that comes back after it was resolved is new business again.
    if (isClosed(match.risk.item)) continue;
    restatements.add(entry);
    const list = restatedFrom.get(match.risk) ?? [];
    list.push({ risk: entry, score: match.score });
    restatedFrom.set(match.risk, list);
  }
  const reRated: MeetingChanges["reRated"] = [];
  for (const risk of previousRisks) {
    const copies = followers.get(risk) ?? [];
    // A thread closed here is reported as resolved, whatever its last rating.
    if (copies.some((copy) => isClosed(copy.item))) continue;
    const restated = (restatedFrom.get(risk) ?? []).sort((a, b) => b.score - a.score).map((match) => match.risk);
    // The carried copy speaks for the thread first; a restatement only when the copy kept the old rating.
    const moved = [...copies, ...restated].find((entry) => entry.item.rag !== null && entry.item.rag !== risk.item.rag);
    if (moved) reRated.push({ ...changeEntry(moved), from: risk.item.rag });
  }

  const isNew = recorded.filter((entry) => !restatements.has(entry));

  // Resolved: closed copies here, then the last meeting's items closed after it ended and not open here.
  const resolved = carried.filter((entry) => isClosed(entry.item));
  const threadsHere = new Set(carried.map(threadOf));
  const endedAt = input.previousEndedAt === null ? Number.NaN : Date.parse(input.previousEndedAt);
  if (!Number.isNaN(endedAt)) {
    for (const entry of previous) {
      if (!isThreadKind(entry) || !isClosed(entry.item) || entry.links.raisedBy) continue;
      if (!(Date.parse(entry.changedAt) > endedAt)) continue;
      // Already reported by its copy here (closed), or still open here: either way not "closed since" again.
      if (threadsHere.has(threadOf(entry))) continue;
      resolved.push(entry);
    }
  }

  const openActions = (current.length > 0 ? current : previous).filter((entry) => isOpenAction(entry.item));
  const overdue = openActions.filter((entry) => isOverdue(entry.item, today));

  return {
    previousMeeting: latestSource(previous),
    new: isNew
      .sort(
        (a, b) =>
          compareKinds(a.item, b.item) ||
          compareHeard(firstHeard(a.item), firstHeard(b.item)) ||
          compareNames(a.item.text, b.item.text),
      )
      .map(changeEntry),
    resolved: resolved
      .sort((a, b) => compareKinds(a.item, b.item) || compareNames(a.item.text, b.item.text))
      .map(changeEntry),
    reRated: reRated.sort((a, b) => ragRank(a.rag) - ragRank(b.rag) || compareNames(a.text, b.text)),
    overdue: overdue
      .sort(
        (a, b) =>
          compareText(a.item.due ?? "", b.item.due ?? "") ||
          compareNames(a.item.owner ?? "", b.item.owner ?? "") ||
          compareNames(a.item.text, b.item.text),
      )
      .map(changeEntry),
  };
}

function changeEntry(entry: SeriesItem): ChangeEntry {
  const { item } = entry;
  return {
    itemId: item.id,
    meetingId: entry.meetingId,
    meetingDate: entry.meetingDate,
    kind: item.kind,
    text: item.text,
    owner: item.owner,
    rag: item.rag,
    due: item.due,
    status: item.status,
    meetings: entry.links.carriedFrom?.meetings ?? null,
  };
}

function isClosed(item: Item): boolean {
  return item.status !== null && CLOSED_STATUSES.has(item.status);
}

/**
 * Whether an item of the last meeting was a piece of business that stays open until closed. A decision is one
 * only when it came in pending from an earlier meeting; see `meetingChanges`.
 */
function isThreadKind(entry: SeriesItem): boolean {
  switch (entry.item.kind) {
    case "action":
    case "risk":
    case "question":
      return true;
    case "decision":
      return entry.links.carriedFrom !== undefined;
    default:
      return false;
  }
}

/** The thread an item belongs to: the one it was carried along, or the one it starts. */
function threadOf(entry: SeriesItem): string {
  return entry.links.carriedFrom?.thread ?? `${entry.meetingId}/${entry.item.id}`;
}

function refKey(meetingId: string, itemId: string): string {
  return `${meetingId}\u0000${itemId}`;
}

/** The last meeting's risk this one restates best, if any. */
function bestSameRisk(entry: SeriesItem, risks: SeriesItem[]): { risk: SeriesItem; score: number } | null {
  let best: { risk: SeriesItem; score: number } | null = null;
  for (const risk of risks) {
    if (!isSameRisk(risk.item.text, entry.item.text)) continue;
    const score = riskSimilarity(risk.item.text, entry.item.text);
    if (!best || score > best.score) best = { risk, score };
  }
  return best;
}

function latestSource(entries: SeriesItem[]): ItemSource | null {
  let latest: SeriesItem | null = null;
  for (const entry of entries) if (!latest || compareMeetings(entry, latest) > 0) latest = entry;
  return latest ? sourceOf(latest) : null;
}

function compareKinds(a: Item, b: Item): number {
  return ITEM_KINDS.indexOf(a.kind) - ITEM_KINDS.indexOf(b.kind);
}

/** Seconds into the meeting the item was first heard; null for an item nobody said (typed, raised by a rule). */
function firstHeard(item: Item): number | null {
  const starts = item.evidence.flatMap((evidence) => (evidence.start === null ? [] : [evidence.start]));
  return starts.length === 0 ? null : Math.min(...starts);
}

function compareHeard(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return a - b;
}
