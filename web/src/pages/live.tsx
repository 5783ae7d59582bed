import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { api, type CaptureHealth, type Meeting, type MeetingStatus, type Role } from "../api";
import { Breadcrumbs } from "../components/breadcrumbs";
import { CloseButton, ModalDialog } from "../components/dialog";
import { DismissableError } from "../components/dismissable-error";
import { ErrorMessage, Loading } from "../components/feedback";
import { canRun, canWrite } from "../components/format";
import { useTitle } from "../components/layout";
import { meetingQuery, moveMeeting, spaceQuery, startMeeting } from "../components/queries";
import { WhatChanged } from "../components/what-changed";
import { MEETING_STATUS_WORDS } from "../components/words";
import { CapturePanel } from "../live/capture-panel";
import { EarlierDecisions } from "../live/earlier-decisions";
import type { LiveRoom } from "../live/room";
import { Announcer, CaptureHealthBar, ConnectionStatus, RenderMeter } from "../live/status";
import { TemplatePanel } from "../live/template-panel";
import { Transcript } from "../live/transcript";
import { useLiveRoom, useRoom } from "../live/use-room";
import { useMe } from "../session";
import "./live.css";

/** The live room: the transcript arriving beside the template filling in, with review, capture and its health. */
export default function LivePage({ meetingId }: { meetingId: string }) {
  return <LiveRoomView key={meetingId} meetingId={meetingId} />;
}

function LiveRoomView({ meetingId }: { meetingId: string }) {
  const queryClient = useQueryClient();
  const meeting = useQuery(meetingQuery(meetingId));
  const space = useQuery(spaceQuery(meeting.data?.spaceId));
  const me = useMe();
  const room = useLiveRoom(meetingId);
  const roomStatus = useRoom(room, (state) => state.status);
  const canSend = useRoom(room, (state) => state.canSend);
  const serverError = useRoom(room, (state) => state.serverError);
  useTitle(meeting.data ? `Live: ${meeting.data.title}` : "Live meeting");

  const status = roomStatus ?? meeting.data?.status;
  const knownStatus = meeting.data?.status;
  useEffect(() => {
    // The meeting row changes with its status (startedAt, endedAt): read it again.
    if (roomStatus && knownStatus && roomStatus !== knownStatus) {
      void queryClient.invalidateQueries({ queryKey: ["meeting", meetingId] });
    }
  }, [roomStatus, knownStatus, queryClient, meetingId]);

  if (meeting.isPending) return <Loading label="Opening the meeting" />;
  if (meeting.error) return <ErrorMessage error={meeting.error} title="This meeting could not be opened" />;
  const role = space.data?.role;
  const canReview = canSend && canWrite(role);
  const data = meeting.data;

  return (
    <div className="live-page">
      <div className="live-header">
        <Breadcrumbs
          trail={[
            { label: "Spaces", href: "/" },
            { label: space.data?.name ?? "Space", href: `/spaces/${data.spaceId}` },
            { label: "Live" },
          ]}
        />
        <div className="page-heading">
          <h1>
            {data.title}{" "}
            {status ? (
              <span className={`status-pill status-pill-${status}`}>
                {/* Beside the title "Live" is enough; lists say "Live now". */}
                {status === "live" ? "Live" : MEETING_STATUS_WORDS[status]}
              </span>
            ) : null}
          </h1>
          <MeetingControls room={room} meeting={data} status={status ?? data.status} role={role} />
        </div>
        <ConnectionStatus room={room} />
        <HealthBar room={room} meetingId={meetingId} />
        <ErrorMessage error={space.error} title="The Space could not be read, so reviewing is off" />
        {serverError ? (
          <DismissableError onDismiss={room.clearServerError}>The live room said: {serverError}</DismissableError>
        ) : null}
        <StatusNotice status={status ?? data.status} meetingId={meetingId} role={role} />
        {role === "viewer" ? (
          <p className="notice">
            You are a viewer in this Space: you can watch the notes fill in, not confirm or edit them.
          </p>
        ) : null}
      </div>
      <div className="live-grid">
        <div className="live-left">
          <section className="panel transcript-panel" aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">Transcript</h2>
            <Transcript
              room={room}
              emptyHint={
                canSend
                  ? "No transcript yet — start the microphone, paste a transcript or connect a sender."
                  : "No transcript yet — it appears here as soon as someone in the meeting starts capturing."
              }
            />
          </section>
        </div>
        <div className="live-right">
          <EarlierDecisions room={room} meetingId={meetingId} spaceId={data.spaceId} canReview={canReview} />
          <WhatChanged meetingId={meetingId} className="panel live-changes" />
          <CapturePanel
            room={room}
            meeting={data}
            speaker={me.data?.user.name ?? "Unknown speaker"}
            canSend={canReview}
          />
          <TemplatePanel room={room} meeting={data} canReview={canReview} />
        </div>
      </div>
      <RenderMeter room={room} />
      <Announcer room={room} />
    </div>
  );
}

function HealthBar({ room, meetingId }: { room: LiveRoom; meetingId: string }) {
  // The socket sends health at once; this answers while it connects, or when it cannot.
  const initial = useQuery({
    queryKey: ["meeting-health", meetingId],
    queryFn: () => api<CaptureHealth>(`/api/meetings/${encodeURIComponent(meetingId)}/health`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const fromRoom = useRoom(room, (state) => state.health);
  if (!fromRoom && initial.error) return <ErrorMessage error={initial.error} title="Capture health is unknown" />;
  return <CaptureHealthBar room={room} fallback={initial.data ?? null} />;
}

function StatusNotice({
  status,
  meetingId,
  role,
}: {
  status: MeetingStatus;
  meetingId: string;
  role: Role | undefined;
}) {
  if (status === "ended") {
    return (
      <p className="notice">
        This meeting has ended. <Link href={`/meetings/${meetingId}/notes`}>Read the notes</Link> — you can still
        confirm and correct items here or there.
      </p>
    );
  }
  if (status === "live") return null;
  return (
    <p className="notice">
      The meeting has not started yet.{" "}
      {canRun(role)
        ? "Start it when people are in the room; the first segment captured also starts it."
        : "A facilitator starts it; the first segment captured also starts it."}
    </p>
  );
}

/** Facilitators and owners start and end the meeting; ending asks first, then opens the notes. */
function MeetingControls({
  room,
  meeting,
  status,
  role,
}: {
  room: LiveRoom;
  meeting: Meeting;
  status: MeetingStatus;
  role: Role | undefined;
}) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const keepGoing = useRef<HTMLButtonElement>(null);
  const start = useMutation({
    mutationFn: () => startMeeting(meeting.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["meeting", meeting.id] }),
  });
  const end = useMutation({
    mutationFn: () => moveMeeting(meeting.id, "ended"),
    onSuccess: async () => {
      setConfirming(false);
      room.stop();
      await queryClient.invalidateQueries({ queryKey: ["meeting", meeting.id] });
      navigate(`/meetings/${meeting.id}/notes`);
    },
  });
  const runs = canRun(role);
  return (
    <div className="live-controls">
      <div className="page-actions">
        {status === "ended" ? (
          <Link href={`/meetings/${meeting.id}/notes`} className="button button-primary">
            Read the notes
          </Link>
        ) : (
          <Link href={`/meetings/${meeting.id}/notes`} className="button">
            Notes so far
          </Link>
        )}
        {runs && (status === "scheduled" || status === "pre-read") ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => start.mutate()}
            disabled={start.isPending}
          >
            {start.isPending ? "Starting…" : "Start the meeting"}
          </button>
        ) : null}
        {runs && status === "live" ? (
          <ModalDialog
            open={confirming}
            onOpenChange={(open) => (end.isPending ? null : setConfirming(open))}
            trigger={
              <button type="button" className="button button-danger">
                End meeting
              </button>
            }
            title="End the meeting?"
            description="The agent settles what is still open and the notes are drafted for review. The meeting takes no more transcript afterwards, and this cannot be undone."
            // Focus starts on the safe choice.
            initialFocus={keepGoing}
            confirmation
          >
            <ErrorMessage error={end.error} title="The meeting was not ended" />
            <div className="dialog-actions">
              <CloseButton buttonRef={keepGoing} disabled={end.isPending}>
                Keep the meeting going
              </CloseButton>
              <button
                type="button"
                className="button button-primary button-danger-solid"
                onClick={() => end.mutate()}
                disabled={end.isPending}
              >
                {end.isPending ? "Ending the meeting…" : "End meeting now"}
              </button>
            </div>
          </ModalDialog>
        ) : null}
      </div>
      <ErrorMessage error={start.error} title="The meeting did not start" />
    </div>
  );
}
