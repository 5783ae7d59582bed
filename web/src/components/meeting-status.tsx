import type { MeetingStatus } from "../api";
import { MEETING_STATUS_WORDS } from "./words";

/** Where a meeting is, in words (not a rating: no red, yellow or green). */
export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  return (
    <span className={`badge status-badge status-${status}`}>
      {status === "live" ? <span className="dot" aria-hidden="true" /> : null}
      {MEETING_STATUS_WORDS[status]}
    </span>
  );
}
