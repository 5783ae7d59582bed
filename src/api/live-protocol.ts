import { z } from "zod";
import { ITEM_STATUSES, type MetricRow, RAGS } from "../core/item.js";
import type { ItemEdits, ItemView } from "../core/item-view.js";
import type { MeetingStatus } from "../core/meeting.js";

export type { ItemView } from "../core/item-view.js";

/**
 * The live room's messages: one WebSocket per meeting at `GET /api/meetings/{id}/live?after=SEQ&client=NAME`.
 * Every connection receives the meeting's events; members (not viewers) may also send segments and reviews.
 * Design notes: docs/live.md.
 */

/** A transcript segment from a sender. `id` is the sender's own and makes resending harmless. */
export const segmentMessage = z.strictObject({
  type: z.literal("segment"),
  id: z.string().min(1).max(200),
  seq: z.number().int().min(0),
  speaker: z.string().max(200).nullable(),
  text: z.string().min(1).max(10_000),
  /** Seconds from the start of the meeting. */
  start: z.number().min(0).nullable(),
  end: z.number().min(0).nullable().optional(),
});

/** A correction to an item's editable fields (src/core/item-view.ts), with the limits the server accepts. */
export const itemChanges = z
  .strictObject({
    text: z.string().min(1).max(2000),
    owner: z.string().min(1).max(200).nullable(),
    due: z.iso.date().nullable(),
    rag: z.enum(RAGS).nullable(),
    status: z.enum(ITEM_STATUSES).nullable(),
  })
  .partial()
  .refine(
    (changes) => Object.keys(changes).length > 0,
    "name at least one field to change",
  ) satisfies z.ZodType<ItemEdits>;

/** A person's review of an item: confirm it, reject it, or correct fields. `ref` comes back in the reply. */
export const reviewMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("confirm"), itemId: z.string().min(1), ref: z.string().max(100).optional() }),
  z.strictObject({ type: z.literal("reject"), itemId: z.string().min(1), ref: z.string().max(100).optional() }),
  z.strictObject({
    type: z.literal("edit"),
    itemId: z.string().min(1),
    changes: itemChanges,
    ref: z.string().max(100).optional(),
  }),
]);

export const pingMessage = z.strictObject({ type: z.literal("ping"), ref: z.string().max(100).optional() });

export const clientMessage = z.union([segmentMessage, reviewMessage, pingMessage]);
export type SegmentMessage = z.infer<typeof segmentMessage>;
export type ReviewMessage = z.infer<typeof reviewMessage>;
export type ItemChanges = z.infer<typeof itemChanges>;
export type ClientMessage = z.infer<typeof clientMessage>;

export interface SegmentView {
  id: string;
  position: number;
  speaker: string | null;
  text: string;
  start: number | null;
  end: number | null;
}

export type LiveEvent =
  | { kind: "segment"; segment: SegmentView }
  | { kind: "item.added"; item: ItemView }
  | { kind: "item.updated"; item: ItemView; changed: string[] }
  | { kind: "item.removed"; itemId: string }
  | { kind: "metrics"; row: MetricRow }
  | {
      kind: "item.reviewed";
      item: ItemView;
      action: "confirm" | "reject" | "edit";
      changes: ItemEdits | null;
      by: { id: string; name: string };
    }
  | { kind: "meeting.status"; status: MeetingStatus };

export interface CaptureHealth {
  status: MeetingStatus;
  /** Connections that have sent segments in this meeting, with when each last did. */
  senders: { client: string; user: string; lastSegmentAt: string; segments: number }[];
  lastSegmentAt: string | null;
  /** Set while a live meeting has heard nothing for longer than the Space's silence warning. */
  warning: string | null;
}

export type ServerMessage =
  | { type: "welcome"; meetingId: string; status: MeetingStatus; lastSeq: number; canSend: boolean }
  /** `segmentId`: the segment whose arrival caused the event, when one did (for latency and for the UI). */
  | { type: "event"; seq: number; at: string; segmentId: string | null; event: LiveEvent }
  /** `seq`: the sender's own, echoed. `position`: the segment's place in the meeting, from 1 (the stored one for a duplicate). */
  | { type: "ack"; id: string; seq: number; position: number; duplicate: boolean }
  | { type: "health"; health: CaptureHealth }
  /**
   * `retryAfterMs`, with code `rate_limited`: the server is busy and did not store segment `id`; send it again after
   * this many ms, before any later segment (the connection refuses later ones until then).
   */
  | { type: "error"; ref?: string; id?: string; code: string; message: string; retryAfterMs?: number }
  | { type: "pong"; ref?: string };
