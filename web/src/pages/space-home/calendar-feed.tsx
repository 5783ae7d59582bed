import { useMutation } from "@tanstack/react-query";
import { api, type Space } from "../../api";
import { CopyField } from "../../components/copy-field";
import { CloseButton, ModalDialog } from "../../components/dialog";
import { ErrorMessage } from "../../components/feedback";

/** "Subscribe in calendar": makes the person's private feed address for the Space and shows it once. */
export function CalendarFeed({ space }: { space: Space }) {
  const feed = useMutation({
    mutationFn: () => api<{ url: string }>(`/api/spaces/${space.id}/calendar-feed`, { method: "POST" }),
  });
  return (
    <ModalDialog
      trigger={
        <button type="button" className="button">
          Subscribe in calendar
        </button>
      }
      title="Subscribe in your calendar"
      description="A private address of the Space's meetings for Google Calendar, Outlook or Apple Calendar. Making a new one stops the old one."
      descriptionClassName="muted"
    >
      {feed.data ? (
        <CopyField
          label="Calendar address"
          value={feed.data.url}
          noun="address"
          hint="Shown only once. Whoever has it can read this Space's meeting times: share it with nobody."
        />
      ) : (
        <button type="button" className="button button-primary" disabled={feed.isPending} onClick={() => feed.mutate()}>
          {feed.isPending ? "Making the address…" : "Make my calendar address"}
        </button>
      )}
      <ErrorMessage error={feed.error} title="The address could not be made" />
      <div className="dialog-actions">
        <CloseButton>Done</CloseButton>
      </div>
    </ModalDialog>
  );
}
