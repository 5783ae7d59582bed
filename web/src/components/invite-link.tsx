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
/** The server's bounds and defaults (POST /api/spaces/{id}/invitations). */
const DAYS = [1, 3, 7, 14, 30];
const DEFAULT_DAYS = 7;
const DEFAULT_USES = 10;
const MAX_USES = 1000;

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
  const ids = { role: useId(), roleHint: useId(), days: useId(), uses: useId(), usesHint: useId() };
  const [role, setRole] = useState<Role>(defaultRole);
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [uses, setUses] = useState(String(DEFAULT_USES));
  const maxUses = Number(uses);
  const isUsesValid = Number.isInteger(maxUses) && maxUses >= 1 && maxUses <= MAX_USES;
  const create = useMutation({
    mutationFn: (settings: { role: Role; expiresInDays: number; maxUses: number }) =>
      api<NewInvitation & { expiresInDays: number }>(`/api/spaces/${spaceId}/invitations`, {
        method: "POST",
        body: settings,
      }).then((created) => ({ ...created, expiresInDays: settings.expiresInDays })),
  });
  // A link made with other settings than those now chosen is not shown: the person would copy the wrong one.
  const invitation =
    create.data && create.data.role === role && create.data.expiresInDays === days && create.data.maxUses === maxUses
      ? create.data
      : null;
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
      <div className="field">
        <label htmlFor={ids.days}>The link works for</label>
        <select id={ids.days} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {DAYS.map((value) => (
            <option key={value} value={value}>
              {value === 1 ? "1 day" : `${value} days`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.uses}>How many people may join by it</label>
        <input
          id={ids.uses}
          type="number"
          min={1}
          max={MAX_USES}
          value={uses}
          onChange={(event) => setUses(event.target.value)}
          aria-invalid={!isUsesValid}
          aria-describedby={ids.usesHint}
        />
        <p className="hint" id={ids.usesHint}>
          {isUsesValid
            ? "People already in the Space keep their role when they open it."
            : `Enter a whole number from 1 to ${MAX_USES}.`}
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
              Up to {invitation.maxUses === 1 ? "1 person" : `${invitation.maxUses} people`} can join with this link as{" "}
              {ROLE_WORDS[invitation.role].toLowerCase()} until{" "}
              {new Date(invitation.expiresAt).toLocaleDateString(undefined, { day: "numeric", month: "long" })}. Copy it
              now: it is shown only once.
            </>
          }
        />
      ) : (
        <button
          type="button"
          className="button button-primary"
          disabled={create.isPending || !isUsesValid}
          onClick={() => create.mutate({ role, expiresInDays: days, maxUses })}
        >
          {create.isPending ? "Creating the link…" : "Create invitation link"}
        </button>
      )}
    </div>
  );
}
