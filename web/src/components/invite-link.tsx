import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, type NewInvitation, type Role } from "../api";
import { CopyField } from "./copy-field";
import { ErrorMessage } from "./feedback";
import { ROLE_WORDS } from "./words";

const ROLE_HINTS: Record<Role, string> = {
  member: "Fills in their own pre-read rows and reviews items in the notes.",
  facilitator: "Also schedules meetings, assigns pre-read rows and runs the meeting.",
  viewer: "Reads the Space's meetings and notes; changes nothing.",
  owner: "Also manages members, invitations and the Space's settings.",
};
const ROLES: Role[] = ["member", "facilitator", "viewer", "owner"];

/** The link as people paste it: absolute, on this site. */
function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

/** Create an invitation link for a role, then show it with a Copy button. Owners only (the server checks). */
export function InviteLink({ spaceId, defaultRole = "member" }: { spaceId: string; defaultRole?: Role }) {
  const ids = { role: useId(), roleHint: useId() };
  const [role, setRole] = useState<Role>(defaultRole);
  const create = useMutation({
    mutationFn: (forRole: Role) =>
      api<NewInvitation>(`/api/spaces/${spaceId}/invitations`, { method: "POST", body: { role: forRole } }),
  });
  const invitation = create.data && create.data.role === role ? create.data : null;
  const link = invitation ? absolute(invitation.url) : "";

  return (
    <div className="invite">
      <div className="field">
        <label htmlFor={ids.role}>They join as</label>
        <select
          id={ids.role}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          aria-describedby={ids.roleHint}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {ROLE_WORDS[value]}
            </option>
          ))}
        </select>
        <p className="hint" id={ids.roleHint}>
          {ROLE_HINTS[role]}
        </p>
      </div>
      <ErrorMessage error={create.error} title="The link could not be created" />
      {invitation ? (
        <CopyField
          label="Invitation link"
          value={link}
          noun="link"
          buttonLabel="Copy link"
          hint={
            <>
              Anyone with this link can join as {ROLE_WORDS[invitation.role].toLowerCase()} until{" "}
              {new Date(invitation.expiresAt).toLocaleDateString(undefined, { day: "numeric", month: "long" })}. Copy it
              now: it is shown only once.
            </>
          }
        />
      ) : (
        <button
          type="button"
          className="button button-primary"
          disabled={create.isPending}
          onClick={() => create.mutate(role)}
        >
          {create.isPending ? "Creating the link…" : "Create invitation link"}
        </button>
      )}
    </div>
  );
}
