import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, type ChangeEntry, type MeetingChanges } from "../api";
import { ErrorMessage, Loading } from "./feedback";
import { formatDay } from "./format";
import { KIND_WORDS, RAG_WORDS } from "./words";

/** `GET /api/meetings/{id}/changes`, for `useQuery`. */
export function changesQuery(meetingId: string) {
  return {
    queryKey: ["changes", meetingId],
    queryFn: () => api<MeetingChanges>(`/api/meetings/${encodeURIComponent(meetingId)}/changes`),
  };
}

/** "What changed since the last meeting": new, resolved, re-rated and overdue, or why there is nothing to say. */
export function WhatChanged({ meetingId, className = "panel" }: { meetingId: string; className?: string }) {
  const changes = useQuery(changesQuery(meetingId));
  const data = changes.data;
  const nothing = data && data.new.length + data.resolved.length + data.reRated.length + data.overdue.length === 0;
  return (
    <section className={`${className} changes-panel`} aria-labelledby={`changes-${meetingId}`}>
      <h2 id={`changes-${meetingId}`}>What changed since the last meeting</h2>
      {changes.isPending ? <Loading label="Comparing with the last meeting" /> : null}
      <ErrorMessage error={changes.error} title="The changes could not be read" />
      {data ? (
        data.previousMeeting ? (
          <p className="muted">
            Compared with{" "}
            <Link href={`/meetings/${data.previousMeeting.meetingId}`}>{data.previousMeeting.meetingTitle}</Link> of{" "}
            {formatDay(data.previousMeeting.meetingDate)}.
          </p>
        ) : (
          <p className="empty-title">This is the Space's first meeting: there is no earlier one to compare with.</p>
        )
      ) : null}
      {nothing && data.previousMeeting ? <p className="empty-title">Nothing changed since the last meeting.</p> : null}
      {data?.previousMeeting && !nothing ? (
        <div className="changes-groups">
          <ChangeGroup title="New" entries={data.new} />
          <ChangeGroup title="Resolved" entries={data.resolved} />
          <ChangeGroup title="Re-rated" entries={data.reRated} />
          <ChangeGroup title="Overdue" entries={data.overdue} />
        </div>
      ) : null}
    </section>
  );
}

function ChangeGroup({ title, entries }: { title: string; entries: (ChangeEntry & { from?: ChangeEntry["rag"] })[] }) {
  if (entries.length === 0) return null;
  const id = `changes-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section className="changes-group" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="tab-count">{entries.length}</span>
      </h3>
      <ul aria-labelledby={id}>
        {entries.map((entry) => (
          <li key={`${entry.meetingId}:${entry.itemId}`}>
            <span className="changes-kind muted">{KIND_WORDS[entry.kind]}:</span> {entry.text}
            <ChangeDetail entry={entry} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ChangeDetail({ entry }: { entry: ChangeEntry & { from?: ChangeEntry["rag"] } }) {
  const parts: string[] = [];
  if ("from" in entry) {
    const word = (rag: ChangeEntry["rag"] | undefined) => (rag ? RAG_WORDS[rag].toLowerCase() : "not rated");
    parts.push(`${word(entry.from)} → ${word(entry.rag)}`);
  }
  if (entry.owner) parts.push(entry.owner);
  if (entry.due) parts.push(`due ${formatDay(entry.due)}`);
  if (entry.meetings !== null && entry.meetings > 1) parts.push(`open for ${entry.meetings} meetings`);
  if (parts.length === 0) return null;
  return <span className="changes-sub"> — {parts.join(" · ")}</span>;
}
