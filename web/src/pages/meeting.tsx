import { useQuery } from "@tanstack/react-query";
import { Redirect } from "wouter";
import { ErrorMessage, Loading } from "../components/feedback";
import { meetingQuery } from "../components/queries";

/** A meeting's own address opens the page for where it is: preparing, live, or its notes. */
export default function MeetingPage({ meetingId }: { meetingId: string }) {
  const meeting = useQuery(meetingQuery(meetingId));
  if (meeting.isPending) return <Loading label="Opening the meeting" />;
  if (meeting.error) return <ErrorMessage error={meeting.error} title="This meeting could not be opened" />;
  const page = { scheduled: "prepare", "pre-read": "prepare", live: "live", ended: "notes" }[meeting.data.status];
  return <Redirect to={`/meetings/${meetingId}/${page}`} replace />;
}
