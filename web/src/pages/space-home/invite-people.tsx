import { CloseButton, ModalDialog } from "../../components/dialog";
import { InviteLink } from "../../components/invite-link";

export function InvitePeople({ spaceId }: { spaceId: string }) {
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
