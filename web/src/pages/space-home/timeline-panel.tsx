import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, type Timeline, type TimelineEntry } from "../../api";
import { EmptyState, ErrorMessage, Loading } from "../../components/feedback";
import { formatDay } from "../../components/format";
import { RagBadge } from "../../components/rag";
import { RAG_WORDS, TIMELINE_WORDS } from "../../components/words";

/** The Timeline tab: what happened across the series, newest meeting first. */
export function TimelinePanel({ spaceId }: { spaceId: string }) {
  const timeline = useQuery({
    queryKey: ["timeline", spaceId],
    queryFn: () => api<Timeline>(`/api/spaces/${encodeURIComponent(spaceId)}/timeline`),
  });
  // Newest meeting date first; within a date the server's order (newest first) stands (sort is stable).
  const entries = [...(timeline.data?.entries ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <>
      <div className="panel-title">
        <h2>Timeline</h2>
        <p className="muted">
          What happened in the Space, newest first: meetings, decisions, risk ratings, escalations and completed action
          items.
        </p>
      </div>
      {timeline.isPending ? <Loading label="Loading the timeline" /> : null}
      <ErrorMessage error={timeline.error} title="The timeline could not be loaded" />
      {timeline.data && entries.length === 0 ? (
        <EmptyState title="Nothing has happened yet">
          When a meeting starts, it and what it decides, rates and escalates appear here in order.
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <ol className="space-timeline" aria-label="Timeline">
          {entries.map((entry) => (
            <li
              // Entries have no id of their own; an item can appear twice, but not twice with one kind and time.
              key={`${entry.kind}:${entry.meeting.meetingId}:${entry.itemId ?? ""}:${entry.at}`}
              className={`space-timeline-entry space-timeline-${entry.kind}`}
            >
              <time dateTime={entry.date} className="space-timeline-date">
                {formatDay(entry.date)}
              </time>
              <div className="space-timeline-body">
                <span className="space-timeline-kind">{TIMELINE_WORDS[entry.kind]}</span>
                <p className="space-timeline-text">
                  {entry.kind === "meeting" ? (
                    <Link href={`/meetings/${entry.meeting.meetingId}`}>{entry.text}</Link>
                  ) : (
                    entry.text
                  )}
                </p>
                <TimelineDetail entry={entry} />
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

function TimelineDetail({ entry }: { entry: TimelineEntry }) {
  const rating =
    entry.kind === "risk-rating" && entry.rag ? (
      <span className="space-timeline-rating">
        {entry.from ? `${RAG_WORDS[entry.from]} → ` : null}
        <RagBadge rag={entry.rag} />
      </span>
    ) : null;
  return (
    <p className="space-timeline-detail muted">
      {rating}
      {entry.detail ? <span>{entry.detail}</span> : null}
      {entry.kind !== "meeting" ? (
        <span>
          In <Link href={`/meetings/${entry.meeting.meetingId}`}>{entry.meeting.meetingTitle}</Link>
        </span>
      ) : null}
    </p>
  );
}
