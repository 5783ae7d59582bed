/**
 * Where a reader of a meeting's live events is, and the rule every reader follows: events carry `seq` 1, 2, 3…
 * and each is applied exactly once, in order. A repeat (a seq at or below the last applied) is dropped; a gap (a
 * seq past the next one) is not applied: the reader connects again with `after=` its last seq, and the server
 * sends what fell in between. The browser's live room and the Node client both read events through it.
 */
export interface EventCursor {
  /** The last seq applied; null while a reader that asked only for new events has not been welcomed yet. */
  readonly lastSeq: number | null;
}

export type EventStep =
  /** The next event: apply it, then read on from `cursor`. */
  | { verdict: "apply"; cursor: EventCursor }
  /** Seen already: drop it. */
  | { verdict: "repeat" }
  /** Events are missing before this one: apply nothing, reconnect after the last seq applied. */
  | { verdict: "gap"; expected: number | null };

/** A reader that replays the events after `after` (0: all of them), or, without it, starts at the present. */
export function startCursor(after?: number): EventCursor {
  return { lastSeq: after ?? null };
}

/** The room's welcome names its last seq: a reader with no place yet starts there; one with a place keeps it. */
export function welcomeCursor(cursor: EventCursor, welcomeLastSeq: number): EventCursor {
  return cursor.lastSeq === null ? { lastSeq: welcomeLastSeq } : cursor;
}

/** What to do with the event numbered `seq`. */
export function stepCursor(cursor: EventCursor, seq: number): EventStep {
  if (cursor.lastSeq === null) return { verdict: "gap", expected: null };
  if (seq <= cursor.lastSeq) return { verdict: "repeat" };
  if (seq !== cursor.lastSeq + 1) return { verdict: "gap", expected: cursor.lastSeq + 1 };
  return { verdict: "apply", cursor: { lastSeq: seq } };
}

/**
 * The live room's address for a reader at `cursor`: `/api/meetings/{id}/live`, with `after=` its last seq when it
 * has one (without, the room starts at the present) and `client=` naming the capture app or tab.
 */
export function liveRoomPath(meetingId: string, cursor: EventCursor, client?: string): string {
  const query = new URLSearchParams();
  if (cursor.lastSeq !== null) query.set("after", String(cursor.lastSeq));
  if (client) query.set("client", client);
  const search = query.toString();
  return `/api/meetings/${encodeURIComponent(meetingId)}/live${search ? `?${search}` : ""}`;
}
