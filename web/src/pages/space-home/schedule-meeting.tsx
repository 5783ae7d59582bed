import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiFailure, api, type Meeting, type MeetingSummary, type Space } from "../../api";
import { CloseButton, ModalDialog } from "../../components/dialog";
import { ErrorMessage } from "../../components/feedback";
import { addDays, wallClock, zonedIso } from "../../components/format";

const CADENCE_DAYS: Record<Space["cadence"], number> = { weekly: 7, biweekly: 14, monthly: 28, "ad-hoc": 7 };

export function ScheduleMeeting({
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
