import { Link } from "wouter";
import type { MeetingList, MeetingSummary, Space } from "../../api";
import { EmptyState, ErrorMessage, Loading } from "../../components/feedback";
import { canRun, formatWhen, plural } from "../../components/format";
import { MeetingStatusBadge } from "../../components/meeting-status";
import type { QueryState } from "../../components/queries";

/** The Meetings tab: upcoming meetings soonest first, past ones latest first, each with its next step. */
export function MeetingsPanel({ space, query }: { space: Space; query: QueryState<MeetingList> }) {
  return (
    <>
      <h2 className="visually-hidden">Meetings</h2>
      {query.isPending ? <Loading label="Loading the meetings" /> : null}
      <ErrorMessage error={query.error} title="The meetings could not be loaded" />
      {query.data ? (
        <div className="grid-2 meetings-grid">
          <section aria-labelledby="upcoming-heading">
            <h3 id="upcoming-heading" className="panel-heading">
              Upcoming
            </h3>
            {query.data.upcoming.length === 0 ? (
              <EmptyState title="No meeting scheduled">
                {canRun(space.role)
                  ? "Schedule the next meeting: its pre-read opens for owners to fill in their rows."
                  : "A facilitator of this Space schedules the next meeting; it will appear here."}
              </EmptyState>
            ) : (
              <MeetingTimeline meetings={query.data.upcoming} space={space} label="Upcoming meetings" />
            )}
          </section>
          <section aria-labelledby="past-heading">
            <h3 id="past-heading" className="panel-heading">
              Past
            </h3>
            {query.data.past.length === 0 ? (
              <EmptyState title="No past meetings yet">
                When a meeting ends, its notes appear here with what it decided.
              </EmptyState>
            ) : (
              <MeetingTimeline meetings={query.data.past} space={space} label="Past meetings" />
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}

const NEXT_STEP: Record<MeetingSummary["status"], string> = {
  scheduled: "Prepare",
  "pre-read": "Fill in the pre-read",
  live: "Join the meeting",
  ended: "Read the notes",
};

function MeetingTimeline({ meetings, space, label }: { meetings: MeetingSummary[]; space: Space; label: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {meetings.map((meeting) => {
        const day = new Date(`${meeting.meetingDate}T12:00:00Z`);
        return (
          <li key={meeting.id} className={`timeline-item timeline-${meeting.status}`}>
            <span className="timeline-date" aria-hidden="true">
              <span className="timeline-day">{day.getUTCDate()}</span>
              <span className="timeline-month">
                {day.toLocaleDateString(undefined, { month: "short", timeZone: "UTC" })}
              </span>
            </span>
            <span className="timeline-body">
              <Link href={`/meetings/${meeting.id}`} className="timeline-title">
                {meeting.title}
              </Link>
              <span className="timeline-meta">
                <MeetingStatusBadge status={meeting.status} />
                <span>{formatWhen(meeting.scheduledAt, space.timezone)}</span>
                {meeting.attendees.length > 0 ? <span>{plural(meeting.attendees.length, "attendee")}</span> : null}
              </span>
            </span>
            <span className="timeline-next muted" aria-hidden="true">
              {NEXT_STEP[meeting.status]} →
            </span>
          </li>
        );
      })}
    </ol>
  );
}
