import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { api, type NewInvitation, type Role } from "../api";
import { ErrorMessage } from "./feedback";
import { ROLE_WORDS } from "./format";

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

/** Copies text; falls back to selecting the field for browsers that refuse the clipboard. */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand?.("copy") ?? false;
  }
}

/** Create an invitation link for a role, then show it with a Copy button. Owners only (the server checks). */
export function InviteLink({ spaceId, defaultRole = "member" }: { spaceId: string; defaultRole?: Role }) {
  const ids = { role: useId(), roleHint: useId(), link: useId(), linkHint: useId() };
  const [role, setRole] = useState<Role>(defaultRole);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const create = useMutation({
    mutationFn: (forRole: Role) =>
      api<NewInvitation>(`/api/spaces/${spaceId}/invitations`, { method: "POST", body: { role: forRole } }),
  });
  const invitation = create.data && create.data.role === role ? create.data : null;
  const link = invitation ? absolute(invitation.url) : "";

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    setCopied((await copyText(link, field.current)) ? "copied" : "failed");
  }

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
        <div className="field">
          <label htmlFor={ids.link}>Invitation link</label>
          <div className="copy-row">
            <input
              id={ids.link}
              ref={field}
              readOnly
              value={link}
              onFocus={(event) => event.currentTarget.select()}
              aria-describedby={ids.linkHint}
            />
            <button type="button" className="button" onClick={copy}>
              Copy link
            </button>
          </div>
          <p className="hint" id={ids.linkHint}>
            Anyone with this link can join as {ROLE_WORDS[invitation.role].toLowerCase()} until{" "}
            {new Date(invitation.expiresAt).toLocaleDateString(undefined, { day: "numeric", month: "long" })}. Copy it
            now: it is shown only once.
          </p>
          <p className="copy-status" role="status" aria-live="polite">
            {copied === "copied" ? "✓ Link copied" : copied === "failed" ? "Select the link and copy it by hand." : ""}
          </p>
        </div>
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
