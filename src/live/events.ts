import type { ItemView, LiveEvent, SegmentView } from "../api/live-protocol.js";
import type { ItemEvent } from "../core/item.js";
import type { SeriesCopy } from "../core/series/carry-forward.js";
import type { Db } from "../store/database.js";
import { isReviewed, itemView, visibleChanges } from "../store/item-view.js";
import type { EventPayload, NewEvent, PeopleFields, SenderTag } from "../store/meeting-log.js";
import { readEventRows } from "../store/meeting-log.js";
import type { ItemEdits, MeetingStatus } from "../store/schema.js";

/** An event as committed, with its wire message serialized once for every socket that receives it. */
export interface StoredEvent {
  seq: number;
  at: string;
  segmentId: string | null;
  sender: SenderTag | null;
  event: LiveEvent;
  /** The `event` server message as UTF-8 JSON. */
  wire: Buffer;
}

export function storedEvent(seq: number, at: string, payload: EventPayload): StoredEvent {
  const wire = `{"type":"event","seq":${seq},"at":"${at}","segmentId":${JSON.stringify(payload.segmentId)},"event":${JSON.stringify(payload.event)}}`;
  return {
    seq,
    at,
    segmentId: payload.segmentId,
    sender: payload.sender ?? null,
    event: payload.event,
    wire: Buffer.from(wire),
  };
}

/** Stored events with seq in (after, upTo], in order, at most `limit`, ready to send. */
export async function readEvents(
  db: Db,
  meetingId: string,
  after: number,
  limit: number,
  upTo?: number,
): Promise<StoredEvent[]> {
  const rows = await readEventRows(db, meetingId, after, limit, upTo);
  return rows.map((row) => storedEvent(row.seq, row.at, row.payload));
}

// ---- what a change to a meeting says in its log ----

/** An event about to be stored: numbered when it is appended. */
export type Draft = Omit<NewEvent, "seq">;

/** The drafts numbered after the meeting's last seq. */
export function numbered(drafts: readonly Draft[], lastSeq: number): NewEvent[] {
  return drafts.map((draft, i) => ({
    seq: lastSeq + 1 + i,
    type: draft.type,
    actor: draft.actor,
    payload: draft.payload,
  }));
}

/** A segment stored, as its sender sent it. */
export function segmentDraft(segment: SegmentView, sender: SenderTag, actor: string | null): Draft {
  return {
    type: "segment",
    actor,
    payload: { segmentId: segment.id, sender, event: { kind: "segment", segment } },
  };
}

/**
 * What the engine's events say to people, given what they did to each item: an item carries their edits and
 * review; an update to fields they set is not news; a reviewed item the engine merged away stays.
 */
export function itemDrafts(
  itemEvents: readonly { segmentId: string | null; event: ItemEvent }[],
  people: ReadonlyMap<string, PeopleFields>,
): Draft[] {
  const drafts: Draft[] = [];
  for (const { segmentId, event } of itemEvents) {
    const draft = (liveEvent: LiveEvent): Draft => ({
      type: liveEvent.kind,
      actor: null,
      payload: { segmentId, event: liveEvent },
    });
    if (event.type === "metrics") {
      drafts.push(draft({ kind: "metrics", row: event.row }));
      continue;
    }
    const { edits, review, links } = people.get(event.item.id) ?? {
      edits: {},
      review: "suggested" as const,
      links: {},
    };
    if (event.type === "added") {
      drafts.push(draft({ kind: "item.added", item: itemView(event.item, edits, review, links) }));
    } else if (event.type === "updated") {
      const changed = visibleChanges(event.changed, edits);
      if (changed.length > 0)
        drafts.push(draft({ kind: "item.updated", item: itemView(event.item, edits, review, links), changed }));
    } else if (!isReviewed({ edits, review })) {
      drafts.push(draft({ kind: "item.removed", itemId: event.item.id }));
    }
  }
  return drafts;
}

/** A person reviewed an item (confirm, reject, or an edit with the fields it changed). */
export function reviewedDraft(
  item: ItemView,
  action: "confirm" | "reject" | "edit",
  changes: ItemEdits | null,
  by: { id: string; name: string },
): Draft {
  return {
    type: "item.reviewed",
    actor: by.id,
    payload: {
      segmentId: null,
      event: { kind: "item.reviewed", item, action, changes, by: { id: by.id, name: by.name } },
    },
  };
}

/** Items the series gave the meeting (carried over, or raised by a rule). */
export function seriesDrafts(added: readonly SeriesCopy[]): Draft[] {
  return added.map(({ item, links }) => ({
    type: "item.added",
    actor: null,
    payload: { segmentId: null, event: { kind: "item.added", item: itemView(item, {}, "suggested", links) } },
  }));
}

/** The meeting's status changed: by a person, or (`segmentId`) by the segment whose arrival started it. */
export function statusDraft(status: MeetingStatus, actor: string | null, segmentId: string | null = null): Draft {
  return { type: "meeting.status", actor, payload: { segmentId, event: { kind: "meeting.status", status } } };
}
