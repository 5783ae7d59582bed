import type { CaptureHealth } from "../api/live-protocol.js";
import type { Db } from "../store/database.js";
import { readCaptureState } from "../store/meeting-log.js";
import type { MeetingStatus } from "../store/schema.js";
import type { StoredEvent } from "./events.js";

type SenderHealth = CaptureHealth["senders"][number];

/** What a room knows about capture: enough to say who is sending and whether the transcript has gone quiet. */
export interface HealthState {
  status: MeetingStatus;
  lastSegmentAt: string | null;
  startedAt: string | null;
  silenceWarningSeconds: number;
  /** By client and user. */
  senders: Map<string, SenderHealth>;
}

export function captureHealth(state: HealthState, now: Date): CaptureHealth {
  return {
    status: state.status,
    senders: [...state.senders.values()].map((s) => ({ ...s })),
    lastSegmentAt: state.lastSegmentAt,
    warning: silenceWarning(state, now),
  };
}

/** Set while a live meeting has heard nothing (since its last segment, or since it started) for too long. */
export function silenceWarning(state: HealthState, now: Date): string | null {
  if (state.status !== "live") return null;
  const since = state.lastSegmentAt ?? state.startedAt;
  if (since === null) return null;
  const silent = Math.floor((now.getTime() - Date.parse(since)) / 1000);
  if (silent <= state.silenceWarningSeconds) return null;
  return `No transcript for ${silent} s — is capture still running?`;
}

/**
 * Brings the state up to date with one committed event. True when what the health says changed in a way
 * people should hear about at once (a new sender, a status change); counts and times wait for the next tick.
 */
export function applyToHealth(state: HealthState, event: StoredEvent): boolean {
  if (event.event.kind === "meeting.status") {
    const changed = state.status !== event.event.status;
    state.status = event.event.status;
    if (state.status === "live") state.startedAt ??= event.at;
    return changed;
  }
  if (event.event.kind !== "segment") return false;
  state.lastSegmentAt = event.at;
  if (!event.sender) return false;
  const key = senderKey(event.sender.client, event.sender.user);
  const known = state.senders.get(key);
  if (known) {
    known.segments += 1;
    known.lastSegmentAt = event.at;
    return false;
  }
  state.senders.set(key, {
    client: event.sender.client,
    user: event.sender.user,
    lastSegmentAt: event.at,
    segments: 1,
  });
  return true;
}

function senderKey(client: string, user: string): string {
  return `${client}\u0000${user}`;
}

/** The meeting's capture state from the database, and the last event seq it reflects (one snapshot). */
export async function readHealthState(db: Db, meetingId: string): Promise<HealthState & { lastSeq: number }> {
  const row = await readCaptureState(db, meetingId);
  const senders = new Map<string, SenderHealth>();
  for (const s of row.senders) {
    senders.set(senderKey(s.client, s.user), {
      client: s.client,
      user: s.user,
      lastSegmentAt: s.lastSegmentAt,
      segments: s.segments,
    });
  }
  return { ...row, senders };
}
