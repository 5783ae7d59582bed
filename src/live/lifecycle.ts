import { DocketError } from "../core/errors.js";
import type { MeetingStatus } from "../store/schema.js";

/** Where a meeting may go from each status: forward only (a pre-read may be skipped), and any of them may end. */
const NEXT: Record<MeetingStatus, readonly MeetingStatus[]> = {
  scheduled: ["pre-read", "live", "ended"],
  "pre-read": ["live", "ended"],
  live: ["ended"],
  ended: [],
};

export function canMoveTo(from: MeetingStatus, to: MeetingStatus): boolean {
  return NEXT[from].includes(to);
}

/** A 409 naming both states when the move is not allowed. */
export function checkTransition(from: MeetingStatus, to: MeetingStatus): void {
  if (canMoveTo(from, to)) return;
  const allowed = NEXT[from];
  const hint = allowed.length
    ? `; from ${from} it can go to ${allowed.join(" or ")}`
    : "; an ended meeting stays ended";
  throw new DocketError("conflict", `the meeting cannot go from ${from} to ${to}${hint}`);
}

/** A segment arriving before the meeting was started starts it. */
export function startsOnSegment(status: MeetingStatus): boolean {
  return status === "scheduled" || status === "pre-read";
}
