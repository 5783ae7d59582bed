/** A person's role in a Space, from least to most: each role may do what the ones before it may. */
export const SPACE_ROLES = ["viewer", "member", "facilitator", "owner"] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

/** What each role may do, in the words the checks use (on the server and in the web app). */
export const NEEDS = {
  read: "viewer",
  /** Send segments, review items, edit their own pre-read rows. */
  write: "member",
  /** Create and run meetings, assign pre-read rows. */
  run: "facilitator",
  /** Members, invitations, settings, deleting. */
  manage: "owner",
} as const satisfies Record<string, SpaceRole>;

export function roleAtLeast(role: SpaceRole, needed: SpaceRole): boolean {
  return SPACE_ROLES.indexOf(role) >= SPACE_ROLES.indexOf(needed);
}
