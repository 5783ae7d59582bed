import { roleAtLeast, type SpaceRole } from "../core/roles.js";
import { findMeetingForMember, type MeetingRow } from "../store/meetings.js";
import { findMemberRole } from "../store/spaces.js";
import type { Caller, ServerContext } from "./context.js";
import { ApiError } from "./errors.js";

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
  const role = await findMemberRole(ctx.database.db, spaceId, caller.userId);
  if (!role) throw new ApiError("not_found", `no Space ${spaceId}`);
  if (!roleAtLeast(role, needed)) {
    throw new ApiError("forbidden", `this needs the ${needed} role in the Space; you are ${article(role)} ${role}`);
  }
  return role;
}

/** The meeting and the caller's role in its Space; 404 for a meeting that does not exist or is not theirs. */
export async function requireMeetingRole(
  ctx: ServerContext,
  caller: Caller,
  meetingId: string,
  needed: SpaceRole,
): Promise<{ meeting: MeetingRow; role: SpaceRole }> {
  const row = await findMeetingForMember(ctx.database.db, meetingId, caller.userId);
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
