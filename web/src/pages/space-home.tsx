import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Tabs } from "radix-ui";
import { type FormEvent, useEffect, useId, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import type { DecisionLog, MetricSeries, OpenActions, RiskRegister } from "../../../src/api/space-views.js";
import { capitalize } from "../../../src/core/text.js";
import { ApiFailure, api, type Meeting, type MeetingList, type MeetingSummary, type Space } from "../api";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ColumnHeadings } from "../components/column-headings";
import { CloseButton, ModalDialog } from "../components/dialog";
import { EmptyState, ErrorMessage, Loading } from "../components/feedback";
import {
  addDays,
  canRun,
  formatDay,
  formatValue,
  formatWhen,
  plural,
  slug,
  wallClock,
  zonedIso,
} from "../components/format";
import { InviteLink } from "../components/invite-link";
import { useTitle } from "../components/layout";
import { MarkedText, splitHeadline } from "../components/marked-text";
import { MeetingStatusBadge } from "../components/meeting-status";
import { PageError } from "../components/page-error";
import { type QueryState, spaceQuery } from "../components/queries";
import { RagBadge } from "../components/rag";
import { Sparkline } from "../components/sparkline";
import { CADENCE_WORDS, RAG_WORDS, ROLE_WORDS } from "../components/words";
import { CalendarFeed, FollowUpPanel, LateBanner, TimelinePanel } from "./space-series";
import "./space-home.css";

const TABS = [
  { value: "meetings", label: "Meetings" },
  { value: "actions", label: "Action items" },
  { value: "risks", label: "Risks" },
  { value: "decisions", label: "Decisions" },
  { value: "metrics", label: "Metrics" },
  { value: "timeline", label: "Timeline" },
  { value: "follow-up", label: "Follow-up" },
] as const;
type Tab = (typeof TABS)[number]["value"];

const CADENCE_DAYS: Record<Space["cadence"], number> = { weekly: 7, biweekly: 14, monthly: 28, "ad-hoc": 7 };

/** The decision log's address, with its search words when there are any. */
const decisionsPath = (spaceId: string, q: string) =>
  `/api/spaces/${spaceId}/decisions${q ? `?q=${encodeURIComponent(q)}` : ""}`;

/** A Space's home: its meetings, and what they left behind — actions, risks, decisions and metrics. */
export default function SpaceHomePage({ spaceId }: { spaceId: string }) {
  const space = useQuery(spaceQuery(spaceId));
  useTitle(space.data?.name);
  if (space.isPending) return <Loading label="Opening the Space" />;
  if (space.error) {
    return (
      <>
        <Breadcrumbs trail={[{ label: "Your Spaces", href: "/" }, { label: "Space" }]} />
        <PageError title="This Space could not be opened" error={space.error} />
      </>
    );
  }
  return <SpaceHome space={space.data} />;
}

function SpaceHome({ space }: { space: Space }) {
  const meetings = useQuery({
    queryKey: ["meetings", space.id],
    queryFn: () => api<MeetingList>(`/api/spaces/${space.id}/meetings`),
  });
  const actions = useQuery({
    queryKey: ["actions", space.id],
    queryFn: () => api<OpenActions>(`/api/spaces/${space.id}/actions`),
  });
  const risks = useQuery({
    queryKey: ["risks", space.id],
    queryFn: () => api<RiskRegister>(`/api/spaces/${space.id}/risks`),
  });
  const decisions = useQuery({
    queryKey: ["decisions", space.id, ""],
    queryFn: () => api<DecisionLog>(decisionsPath(space.id, "")),
  });
  const search = useSearch();
  const [location, navigate] = useLocation();
  const requested = new URLSearchParams(search).get("tab");
  const tab: Tab = TABS.some((candidate) => candidate.value === requested) ? (requested as Tab) : "meetings";
  const [scheduled, setScheduled] = useState<Meeting | null>(null);

  const counts: Partial<Record<Tab, number>> = {
    meetings: meetings.data ? meetings.data.upcoming.length + meetings.data.past.length : undefined,
    actions: actions.data?.owners.reduce((sum, group) => sum + group.actions.length, 0),
    risks: risks.data?.risks.filter((risk) => risk.current.status !== "resolved").length,
    decisions: decisions.data?.decisions.length,
  };

  return (
    <>
      <Breadcrumbs trail={[{ label: "Your Spaces", href: "/" }, { label: space.name }]} />
      <div className="page-heading">
        <div className="space-title">
          <h1>{space.name}</h1>
          {space.isDemo ? <span className="badge badge-accent">Example</span> : null}
        </div>
        <div className="page-actions">
          {canRun(space.role) ? (
            <ScheduleMeeting space={space} lastMeeting={lastMeeting(meetings.data)} onScheduled={setScheduled} />
          ) : null}
          {space.role === "owner" ? <InvitePeople spaceId={space.id} /> : null}
          <CalendarFeed space={space} />
        </div>
      </div>
      <LateBanner spaceId={space.id} onOpen={() => navigate(`${location}?tab=follow-up`, { replace: true })} />
      <p className="space-meta">
        <span>{space.template.name}</span>
        <span>{CADENCE_WORDS[space.cadence]}</span>
        <span>{space.durationMinutes} min</span>
        <span>{space.timezone}</span>
        <span>
          You are {space.role === "owner" ? "an" : "a"} <strong>{ROLE_WORDS[space.role].toLowerCase()}</strong>
        </span>
      </p>
      {space.isDemo ? (
        <p className="notice">
          An example Space, read-only. It holds a real meeting captured by Docket: the decisions, action items, risks
          and metrics below came from its transcript. <Link href="/spaces/new">Create your own Space</Link> to run your
          meetings.
        </p>
      ) : null}
      {scheduled ? (
        <p className="notice" role="status">
          Scheduled “{scheduled.title}” for {formatWhen(scheduled.scheduledAt, space.timezone)}.{" "}
          <Link href={`/meetings/${scheduled.id}/prepare`}>Open its pre-read</Link> to assign rows to owners.
        </p>
      ) : null}

      <AtAGlance space={space} meetings={meetings.data} actions={actions.data} risks={risks.data} />

      <Tabs.Root
        value={tab}
        onValueChange={(value) => navigate(`${location}?tab=${value}`, { replace: true })}
        className="space-tabs"
      >
        <Tabs.List className="tabs-list" aria-label="Space views">
          {TABS.map((candidate) => (
            <Tabs.Trigger key={candidate.value} value={candidate.value} className="tabs-trigger">
              {candidate.label}
              {counts[candidate.value] !== undefined ? (
                <>
                  {" "}
                  <span className="tab-count">{counts[candidate.value]}</span>
                </>
              ) : null}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="meetings" className="tab-panel">
          <MeetingsPanel space={space} query={meetings} />
        </Tabs.Content>
        <Tabs.Content value="actions" className="tab-panel">
          <ActionsPanel space={space} query={actions} />
        </Tabs.Content>
        <Tabs.Content value="risks" className="tab-panel">
          <RisksPanel query={risks} />
        </Tabs.Content>
        <Tabs.Content value="decisions" className="tab-panel">
          <DecisionsPanel spaceId={space.id} />
        </Tabs.Content>
        <Tabs.Content value="metrics" className="tab-panel">
          <MetricsPanel spaceId={space.id} />
        </Tabs.Content>
        <Tabs.Content value="timeline" className="tab-panel">
          <TimelinePanel spaceId={space.id} />
        </Tabs.Content>
        <Tabs.Content value="follow-up" className="tab-panel">
          <FollowUpPanel space={space} />
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}

function lastMeeting(list: MeetingList | undefined): MeetingSummary | undefined {
  if (!list) return undefined;
  return list.upcoming[list.upcoming.length - 1] ?? list.past[0];
}

// ——— At a glance ———

function AtAGlance({
  space,
  meetings,
  actions,
  risks,
}: {
  space: Space;
  meetings: MeetingList | undefined;
  actions: OpenActions | undefined;
  risks: RiskRegister | undefined;
}) {
  const next = meetings?.upcoming[0];
  const open = actions?.owners.flatMap((group) => group.actions) ?? [];
  const overdue = open.filter((action) => action.overdue).length;
  const openRisks = risks?.risks.filter((risk) => risk.current.status !== "resolved") ?? [];
  const red = openRisks.filter((risk) => risk.current.rag === "red").length;
  const yellow = openRisks.filter((risk) => risk.current.rag === "yellow").length;
  return (
    <dl className="glance" aria-label="At a glance">
      <div className="glance-tile glance-next">
        <dt>Next meeting</dt>
        <dd>
          {!meetings ? (
            <span className="muted">…</span>
          ) : next ? (
            <>
              <Link href={`/meetings/${next.id}`} className="glance-link">
                {next.title}
              </Link>
              <span className="glance-sub">
                {formatWhen(next.scheduledAt, space.timezone)} · <MeetingStatusBadge status={next.status} />
              </span>
            </>
          ) : (
            <span className="muted">None scheduled</span>
          )}
        </dd>
      </div>
      <div className="glance-tile">
        <dt>Open action items</dt>
        <dd>
          <span className="glance-number">{actions ? open.length : "–"}</span>
          {overdue > 0 ? <span className="overdue glance-sub">{overdue} overdue</span> : null}
        </dd>
      </div>
      <div className="glance-tile">
        <dt>Open risks</dt>
        <dd>
          <span className="glance-number">{risks ? openRisks.length : "–"}</span>
          {red + yellow > 0 ? (
            <span className="glance-sub glance-rags">
              {red > 0 ? (
                <span>
                  <RagBadge rag="red" /> {red}
                </span>
              ) : null}
              {yellow > 0 ? (
                <span>
                  <RagBadge rag="yellow" /> {yellow}
                </span>
              ) : null}
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

// ——— Header actions ———

function ScheduleMeeting({
  space,
  lastMeeting,
  onScheduled,
}: {
  space: Space;
  lastMeeting: MeetingSummary | undefined;
  onScheduled: (meeting: Meeting) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className="button button-primary">
          Schedule meeting
        </button>
      }
      title="Schedule a meeting"
      description="The meeting opens for its pre-read before it starts, so owners can fill in their rows."
      descriptionClassName="muted"
    >
      {open ? (
        <ScheduleForm
          space={space}
          lastMeeting={lastMeeting}
          onDone={(meeting) => {
            setOpen(false);
            onScheduled(meeting);
          }}
        />
      ) : null}
    </ModalDialog>
  );
}

/** The next slot of the series: one cadence after the last meeting at the same time, or tomorrow at 10:00. */
function suggestedSlot(space: Space, last: MeetingSummary | undefined): { date: string; time: string } {
  const today = wallClock(new Date(), space.timezone).date;
  if (last) {
    const { date, time } = wallClock(last.scheduledAt, space.timezone);
    let next = addDays(date, CADENCE_DAYS[space.cadence]);
    while (next <= today) next = addDays(next, CADENCE_DAYS[space.cadence]);
    return { date: next, time };
  }
  return { date: addDays(today, 1), time: "10:00" };
}

function ScheduleForm({
  space,
  lastMeeting,
  onDone,
}: {
  space: Space;
  lastMeeting: MeetingSummary | undefined;
  onDone: (meeting: Meeting) => void;
}) {
  const queryClient = useQueryClient();
  const ids = { title: useId(), titleHint: useId(), date: useId(), time: useId(), whenHint: useId() };
  const [slot] = useState(() => suggestedSlot(space, lastMeeting));
  const [title, setTitle] = useState("");
  const [date, setDate] = useState(slot.date);
  const [time, setTime] = useState(slot.time);
  const [invalid, setInvalid] = useState<string | null>(null);
  const schedule = useMutation({
    mutationFn: (body: { title?: string; scheduledAt: string }) =>
      api<Meeting>(`/api/spaces/${space.id}/meetings`, { method: "POST", body }),
    onSuccess: async (meeting) => {
      queryClient.setQueryData(["meeting", meeting.id], meeting);
      await queryClient.invalidateQueries({ queryKey: ["meetings", space.id] });
      onDone(meeting);
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const scheduledAt = zonedIso(date, time, space.timezone);
    if (!scheduledAt) {
      setInvalid("Enter a date and a time.");
      return;
    }
    setInvalid(null);
    schedule.mutate({ ...(title.trim() ? { title: title.trim() } : {}), scheduledAt });
  }
  const issue = (field: string) =>
    schedule.error instanceof ApiFailure
      ? schedule.error.issues.find((candidate) => candidate.path === `body.${field}`)?.message
      : undefined;
  return (
    <form onSubmit={onSubmit} className="dialog-form">
      <div className="field">
        <label htmlFor={ids.title}>Title (optional)</label>
        <input
          id={ids.title}
          value={title}
          maxLength={200}
          onChange={(event) => setTitle(event.target.value)}
          placeholder={`${space.name}, ${date}`}
          aria-describedby={ids.titleHint}
        />
        <p className="hint" id={ids.titleHint}>
          Left empty, the meeting is named after the Space and its date.
        </p>
        {issue("title") ? <p className="field-error">{issue("title")}</p> : null}
      </div>
      <div className="form-pair">
        <div className="field">
          <label htmlFor={ids.date}>Date</label>
          <input
            id={ids.date}
            type="date"
            required
            value={date}
            onChange={(event) => setDate(event.target.value)}
            aria-describedby={ids.whenHint}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.time}>Start time</label>
          <input
            id={ids.time}
            type="time"
            required
            value={time}
            onChange={(event) => setTime(event.target.value)}
            aria-describedby={ids.whenHint}
          />
        </div>
      </div>
      <p className="hint" id={ids.whenHint}>
        In the Space's time zone, {space.timezone}. The meeting lasts {space.durationMinutes} minutes.
      </p>
      {invalid || issue("scheduledAt") ? (
        <p className="field-error" role="alert">
          {invalid ?? issue("scheduledAt")}
        </p>
      ) : null}
      <ErrorMessage error={schedule.error} title="The meeting could not be scheduled" />
      <div className="dialog-actions">
        <CloseButton quiet>Cancel</CloseButton>
        <button type="submit" className="button button-primary" disabled={schedule.isPending}>
          {schedule.isPending ? "Scheduling…" : "Schedule meeting"}
        </button>
      </div>
    </form>
  );
}

function InvitePeople({ spaceId }: { spaceId: string }) {
  return (
    <ModalDialog
      trigger={
        <button type="button" className="button">
          Invite people
        </button>
      }
      title="Invite people"
      description="Create a link and share it. Whoever opens it while signed in joins this Space with the role you choose."
      descriptionClassName="muted"
    >
      <InviteLink spaceId={spaceId} />
      <div className="dialog-actions">
        <CloseButton>Done</CloseButton>
      </div>
    </ModalDialog>
  );
}

// ——— Meetings ———

function MeetingsPanel({ space, query }: { space: Space; query: QueryState<MeetingList> }) {
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

// ——— Action items ———

function ActionsPanel({ space, query }: { space: Space; query: QueryState<OpenActions> }) {
  const groups = query.data?.owners.filter((group) => group.actions.length > 0) ?? [];
  return (
    <>
      <div className="panel-title">
        <h2>Open action items by owner</h2>
        {query.data ? (
          <p className="muted">
            Overdue means due before {formatDay(query.data.today)}, today in {space.timezone}.
          </p>
        ) : null}
      </div>
      {query.isPending ? <Loading label="Loading the action items" /> : null}
      <ErrorMessage error={query.error} title="The action items could not be loaded" />
      {query.data && groups.length === 0 ? (
        <EmptyState title="No open action items">
          Action items captured in a meeting appear here, by owner, until they are done.
        </EmptyState>
      ) : null}
      <div className="owner-groups">
        {groups.map((group) => {
          const overdue = group.actions.filter((action) => action.overdue).length;
          const owner = group.owner ?? "No owner yet";
          return (
            <section key={owner} className="owner-group" aria-label={`Action items of ${owner}`}>
              <h3 className="owner-heading">
                <span className={group.owner ? undefined : "unowned"}>{owner}</span>
                <span className="muted owner-count">
                  {plural(group.actions.length, "open item")}
                  {overdue > 0 ? <span className="overdue"> · {overdue} overdue</span> : null}
                </span>
              </h3>
              {group.owner ? null : (
                <p className="hint">Nobody owns these yet: give each an owner in its meeting's notes.</p>
              )}
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Action</th>
                      <th scope="col">Due</th>
                      <th scope="col">From</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.actions.map((action) => (
                      <tr
                        key={`${action.meetingId}:${action.item.id}`}
                        className={action.overdue ? "is-overdue" : undefined}
                      >
                        <td className="action-text">{action.item.text}</td>
                        <td data-label="Due">
                          {action.overdue ? (
                            <span className="overdue">
                              Overdue{action.item.due ? ` · ${formatDay(action.item.due)}` : ""}
                            </span>
                          ) : action.item.due ? (
                            formatDay(action.item.due)
                          ) : (
                            <span className="muted">No due date</span>
                          )}
                        </td>
                        <td data-label="From">
                          <Link href={`/meetings/${action.meetingId}`}>{action.meetingTitle}</Link>
                          <span className="muted cell-sub">{formatDay(action.meetingDate)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}

// ——— Risks ———

/** How many of the latest ratings in a row are the same as the current one. */
function streak(history: RiskRegister["risks"][number]["history"]): number {
  const last = history[history.length - 1];
  if (!last?.rag) return 0;
  let count = 0;
  for (let i = history.length - 1; i >= 0 && history[i]?.rag === last.rag; i--) count++;
  return count;
}

function RisksPanel({ query }: { query: QueryState<RiskRegister> }) {
  const risks = query.data?.risks ?? [];
  return (
    <>
      <div className="panel-title">
        <h2>Risk register</h2>
        <p className="muted">
          Each risk once, with its latest rating and how the rating changed from meeting to meeting.
        </p>
      </div>
      {query.isPending ? <Loading label="Loading the risks" /> : null}
      <ErrorMessage error={query.error} title="The risks could not be loaded" />
      {query.data && risks.length === 0 ? (
        <EmptyState title="No risks recorded">
          Risks raised in a meeting, rated red, yellow or green, are tracked here with their history.
        </EmptyState>
      ) : null}
      {risks.length > 0 ? (
        <ul className="risk-list" aria-label="Risks">
          {risks.map((risk) => {
            const current = risk.current;
            const resolved = current.status === "resolved";
            const run = streak(risk.history);
            return (
              <li key={risk.key} className={`risk card risk-${current.rag ?? "none"}${resolved ? " is-resolved" : ""}`}>
                <div className="risk-head">
                  <RagBadge rag={current.rag} />
                  {resolved ? <span className="badge badge-neutral">Resolved</span> : null}
                  {run > 1 && !resolved && current.rag ? (
                    <span className="risk-age">
                      {RAG_WORDS[current.rag]} for {run} meetings
                    </span>
                  ) : null}
                </div>
                <p className="risk-text">{current.text}</p>
                <dl className="facts">
                  <div>
                    <dt>Owner</dt>
                    <dd>{current.owner ?? <span className="unowned">No owner — needs one</span>}</dd>
                  </div>
                  <div>
                    <dt>Mitigation</dt>
                    <dd>{current.mitigation ?? <span className="muted">None recorded</span>}</dd>
                  </div>
                  {current.likelihood || current.impact ? (
                    <div>
                      <dt>Likelihood / impact</dt>
                      <dd>
                        {current.likelihood ? capitalize(current.likelihood) : "—"} /{" "}
                        {current.impact ? capitalize(current.impact) : "—"}
                      </dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>Last rated</dt>
                    <dd>
                      <Link href={`/meetings/${current.meetingId}`}>{current.meetingTitle}</Link>
                    </dd>
                  </div>
                </dl>
                <div className="risk-history">
                  <span className="risk-history-label" id={`history-${risk.key}`}>
                    History
                  </span>
                  <ol className="rag-history" aria-labelledby={`history-${risk.key}`}>
                    {risk.history.map((rating, i) => (
                      <li key={`${rating.meetingId}:${rating.itemId}`}>
                        {i > 0 ? (
                          <span className="rag-arrow" aria-hidden="true">
                            →
                          </span>
                        ) : null}
                        <span className={`rag-chip rag-chip-${rating.rag ?? "none"}`} title={rating.meetingTitle}>
                          <span className="dot" aria-hidden="true" />
                          {rating.rag ? RAG_WORDS[rating.rag] : "Not rated"} {formatDay(rating.meetingDate, "short")}
                        </span>
                      </li>
                    ))}
                  </ol>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}

// ——— Decisions ———

const DECISION_WORDS: Record<string, string> = { decided: "Decided", pending: "Pending", superseded: "Superseded" };

function DecisionsPanel({ spaceId }: { spaceId: string }) {
  const ids = { search: useId(), hint: useId() };
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const next = text.trim();
    if (next === query) return;
    const timer = setTimeout(() => setQuery(next), 250);
    return () => clearTimeout(timer);
  }, [text, query]);
  const log = useQuery({
    queryKey: ["decisions", spaceId, query],
    queryFn: () => api<DecisionLog>(decisionsPath(spaceId, query)),
    placeholderData: keepPreviousData,
  });
  const decisions = log.data?.decisions ?? [];
  const searching = log.isFetching || text.trim() !== query;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(text.trim());
  }
  const shownFor = log.data?.query ?? query;
  return (
    <>
      <div className="panel-title">
        <h2>Decision log</h2>
        <p className="muted">Every decision of the Space's meetings: what, who decided, and why.</p>
      </div>
      <search className="search-form">
        <form onSubmit={onSubmit}>
          <label htmlFor={ids.search} className="label">
            Search decisions
          </label>
          <div className="search-row">
            <input
              id={ids.search}
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder="e.g. Salesforce sync"
              aria-describedby={ids.hint}
              autoComplete="off"
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
          <p className="hint" id={ids.hint}>
            Searches the decisions' text, rationale and who decided.
          </p>
        </form>
      </search>
      <p className="search-status muted" role="status" aria-live="polite">
        {searching && query !== "" ? "Searching…" : null}
        {!searching && log.data && shownFor
          ? decisions.length > 0
            ? `${decisions.length === 1 ? "1 decision matches" : `${decisions.length} decisions match`} “${shownFor}”`
            : ""
          : null}
      </p>
      {log.isPending ? <Loading label="Loading the decisions" /> : null}
      <ErrorMessage error={log.error} title="The decisions could not be loaded" />
      {log.data && decisions.length === 0 ? (
        shownFor ? (
          <EmptyState
            title={`No decision matches “${shownFor}”`}
            action={
              <button
                type="button"
                className="button"
                onClick={() => {
                  setText("");
                  setQuery("");
                }}
              >
                Clear the search
              </button>
            }
          >
            Try fewer or other words — a name, a system, a customer.
          </EmptyState>
        ) : (
          <EmptyState title="No decisions yet">
            Decisions made in a meeting are logged here, with who decided and why, so nobody has to reopen them.
          </EmptyState>
        )
      ) : null}
      {decisions.length > 0 ? (
        <ol className={`decision-list${searching ? " is-stale" : ""}`} aria-label="Decisions">
          {decisions.map((decision) => {
            const marked = decision.headline ? splitHeadline(decision.headline, decision.rationale) : null;
            return (
              <li key={`${decision.meetingId}:${decision.id}`} className="decision card">
                <div className="decision-head">
                  <span className={`badge decision-${decision.status ?? "none"}`}>
                    {DECISION_WORDS[decision.status ?? ""] ?? "Recorded"}
                  </span>
                  <span className="muted decision-source">
                    <Link href={`/meetings/${decision.meetingId}`}>{decision.meetingTitle}</Link> ·{" "}
                    {formatDay(decision.meetingDate)}
                  </span>
                </div>
                <p className="decision-text">{marked ? <MarkedText html={marked.text} /> : decision.text}</p>
                <dl className="facts facts-inline">
                  <div>
                    <dt>Why</dt>
                    <dd>
                      {marked?.rationale ? (
                        <MarkedText html={marked.rationale} />
                      ) : (
                        (decision.rationale ?? <span className="muted">No rationale recorded</span>)
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt>Decided by</dt>
                    <dd>{decision.decidedBy ?? decision.owner ?? <span className="muted">Not recorded</span>}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ol>
      ) : null}
    </>
  );
}

// ——— Metrics ———

function MetricsPanel({ spaceId }: { spaceId: string }) {
  const series = useQuery({
    queryKey: ["metrics", spaceId],
    queryFn: () => api<MetricSeries>(`/api/spaces/${spaceId}/metrics`),
  });
  const columns = series.data?.columns.filter((column) => column.id !== "team") ?? [];
  const teams = series.data?.teams.filter((team) => team.points.length > 0) ?? [];
  return (
    <>
      <div className="panel-title">
        <h2>Metrics by team</h2>
        <p className="muted">Each team's numbers as reported in each meeting, oldest on the left.</p>
      </div>
      {series.isPending ? <Loading label="Loading the metrics" /> : null}
      <ErrorMessage error={series.error} title="The metrics could not be loaded" />
      {series.data && teams.length === 0 ? (
        <EmptyState title="No metrics yet">
          When teams report their numbers in a meeting or its pre-read — velocity, incidents, open roles — each team's
          trend is charted here.
        </EmptyState>
      ) : null}
      <div className="metric-teams">
        {teams.map((team) => (
          <TeamMetrics key={team.team} team={team} columns={columns} />
        ))}
      </div>
    </>
  );
}

function TeamMetrics({ team, columns }: { team: MetricSeries["teams"][number]; columns: MetricSeries["columns"] }) {
  const reported = columns.filter((column) => team.points.some((point) => typeof point.values[column.id] === "number"));
  return (
    <section className="panel metric-team" aria-labelledby={`team-${slug(team.team)}`}>
      <h3 id={`team-${slug(team.team)}`}>{team.team}</h3>
      <ul className="metric-tiles">
        {reported.map((column) => {
          const points = team.points.flatMap((point) => {
            const value = point.values[column.id];
            return typeof value === "number" ? [{ value, date: point.meetingDate }] : [];
          });
          const latest = points[points.length - 1];
          return (
            <li key={column.id} className="metric-tile">
              <span className="metric-label">{column.label}</span>
              <span className="metric-value">{latest ? formatValue(latest.value, column.unit) : "—"}</span>
              <Sparkline points={points} label={`${team.team} ${column.label}`} unit={column.unit} />
              {latest ? <span className="metric-date">{formatDay(latest.date, "short")}</span> : null}
            </li>
          );
        })}
      </ul>
      <details className="metric-values">
        <summary>Values by meeting</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <ColumnHeadings columns={reported} />
              </tr>
            </thead>
            <tbody>
              {team.points.map((point) => (
                <tr key={point.meetingId}>
                  <th scope="row">{formatDay(point.meetingDate)}</th>
                  {reported.map((column) => {
                    const value = point.values[column.id];
                    return <td key={column.id}>{typeof value === "number" ? formatValue(value, column.unit) : "—"}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
