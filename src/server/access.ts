import { and, eq } from "drizzle-orm";
import { meetings, memberships, type SpaceRole } from "../store/schema.js";
import type { Caller, ServerContext } from "./context.js";
import { ApiError } from "./errors.js";

const RANK: Record<SpaceRole, number> = { viewer: 0, member: 1, facilitator: 2, owner: 3 };

/** What each role may do, in the words the checks use. */
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
  return RANK[role] >= RANK[needed];
}

/**
 * The caller's role in the Space, or a 404 when they are not a member: a Space's existence is not revealed to
 * outsiders. A member whose role is too low gets a 403 that says which role is needed.
 */
export async function requireSpaceRole(
  ctx: ServerContext,
  caller: Caller,
  spaceId: string,
  needed: SpaceRole,
): Promise<SpaceRole> {
  const [row] = await ctx.database.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, caller.userId)));
  if (!row) throw new ApiError("not_found", `no Space ${spaceId}`);
  if (!roleAtLeast(row.role, needed)) {
    throw new ApiError(
      "forbidden",
      `this needs the ${needed} role in the Space; you are ${article(row.role)} ${row.role}`,
    );
  }
  return row.role;
}

/** The meeting and the caller's role in its Space; 404 for a meeting that does not exist or is not theirs. */
export async function requireMeetingRole(
  ctx: ServerContext,
  caller: Caller,
  meetingId: string,
  needed: SpaceRole,
): Promise<{ meeting: typeof meetings.$inferSelect; role: SpaceRole }> {
  const [row] = await ctx.database.db
    .select({ meeting: meetings, role: memberships.role })
    .from(meetings)
    .innerJoin(memberships, and(eq(memberships.spaceId, meetings.spaceId), eq(memberships.userId, caller.userId)))
    .where(eq(meetings.id, meetingId));
  if (!row) throw new ApiError("not_found", `no meeting ${meetingId}`);
  if (!roleAtLeast(row.role, needed)) {
    throw new ApiError(
      "forbidden",
      `this needs the ${needed} role in the Space; you are ${article(row.role)} ${row.role}`,
    );
  }
  return row;
}

function article(role: SpaceRole): string {
  return role === "owner" ? "an" : "a";
}
