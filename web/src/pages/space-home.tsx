import { useQuery } from "@tanstack/react-query";
import { Tabs } from "radix-ui";
import { useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import type { DecisionLog, OpenActions, RiskRegister } from "../../../src/api/space-views.js";
import { api, type Meeting, type MeetingList, type MeetingSummary, type Space } from "../api";
import { Breadcrumbs } from "../components/breadcrumbs";
import { Loading } from "../components/feedback";
import { canRun, formatWhen } from "../components/format";
import { useTitle } from "../components/layout";
import { PageError } from "../components/page-error";
import { spaceQuery } from "../components/queries";
import { CADENCE_WORDS, ROLE_WORDS } from "../components/words";
import { ActionsPanel } from "./space-home/actions-panel";
import { AtAGlance } from "./space-home/at-a-glance";
import { CalendarFeed } from "./space-home/calendar-feed";
import { DecisionsPanel, decisionsPath } from "./space-home/decisions-panel";
import { FollowUpPanel, LateBanner } from "./space-home/follow-up-panel";
import { InvitePeople } from "./space-home/invite-people";
import { MeetingsPanel } from "./space-home/meetings-panel";
import { MetricsPanel } from "./space-home/metrics-panel";
import { RisksPanel } from "./space-home/risks-panel";
import { ScheduleMeeting } from "./space-home/schedule-meeting";
import { TimelinePanel } from "./space-home/timeline-panel";
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
      <LateBanner space={space} onOpen={() => navigate(`${location}?tab=follow-up`, { replace: true })} />
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
