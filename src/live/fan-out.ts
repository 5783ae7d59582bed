/**
 * Events cross processes as a NOTIFY on EVENTS_CHANNEL sent inside the transaction that stored them, so it is
 * delivered only if (and when) they commit. The payload is small — which meeting, its newest seq, and which
 * process stored them — and the events themselves are read from the database by whoever needs them.
 */
export interface EventsNotice {
  meetingId: string;
  /** The meeting's last event seq after the commit. */
  seq: number;
  /** The process that committed (it has already broadcast to its own sockets). */
  origin: string;
}

export function encodeNotice(notice: EventsNotice): string {
  return JSON.stringify({ m: notice.meetingId, s: notice.seq, o: notice.origin });
}

/** The notice in a payload, or null for anything else on the channel. */
export function decodeNotice(payload: string): EventsNotice | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null) return null;
    const { m, s, o } = value as Record<string, unknown>;
    if (typeof m !== "string" || typeof s !== "number" || !Number.isInteger(s) || typeof o !== "string") return null;
    return { meetingId: m, seq: s, origin: o };
  } catch {
    return null;
  }
}
