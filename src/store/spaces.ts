import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { DocketError } from "../core/errors.js";
import type { MetricBounds } from "../core/space/metric-range.js";
import type { FollowUpRule, Template } from "../core/template/template.js";
import { type AccessChange, announceAccessChange } from "./access.js";
import type { Db } from "./database.js";
import {
  type Cadence,
  type Distribution,
  invitations,
  memberships,
  type SpaceRole,
  spaceRemovals,
  spaces,
  users,
} from "./schema.js";

export type SpaceRow = typeof spaces.$inferSelect;
export type SpaceSummaryRow = Omit<SpaceRow, "template" | "followUpRules" | "metricBounds"> & { role: SpaceRole };
export type InvitationRow = Omit<typeof invitations.$inferSelect, "tokenHash">;

export interface SpaceSettings {
  name: string;
  templateId: string;
  /** The Space's own copy: later edits to the template it came from do not change it. */
  template: Template;
  cadence: Cadence;
  durationMinutes: number;
  timezone: string;
  distribution: Distribution;
  silenceWarningSeconds: number;
  followUpRules?: FollowUpRule[];
  /** The normal range of metric columns a facilitator set; a column without one uses each team's history. */
  metricBounds?: MetricBounds;
  /** Every new account joins demo Spaces as a viewer. */
  isDemo?: boolean;
}

/** A Space whose creator is its first owner. */
export async function createSpace(db: Db, ownerId: string, settings: SpaceSettings): Promise<SpaceRow> {
  return db.transaction(async (tx) => {
    const [space] = await tx
      .insert(spaces)
      .values({ ...settings, createdBy: ownerId })
      .returning();
    if (!space) throw new Error("the Space was not stored");
    await tx.insert(memberships).values({ spaceId: space.id, userId: ownerId, role: "owner" });
    return space;
  });
}

const summaryColumns = {
  id: spaces.id,
  name: spaces.name,
  templateId: spaces.templateId,
  cadence: spaces.cadence,
  durationMinutes: spaces.durationMinutes,
  timezone: spaces.timezone,
  distribution: spaces.distribution,
  silenceWarningSeconds: spaces.silenceWarningSeconds,
  isDemo: spaces.isDemo,
  createdBy: spaces.createdBy,
  createdAt: spaces.createdAt,
  role: memberships.role,
};

/** The Spaces the user belongs to, with their role, by name. */
export async function listSpacesForUser(db: Db, userId: string): Promise<SpaceSummaryRow[]> {
  return db
    .select(summaryColumns)
    .from(memberships)
    .innerJoin(spaces, eq(spaces.id, memberships.spaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(spaces.name), asc(spaces.createdAt));
}

export async function findSpace(db: Db, spaceId: string): Promise<SpaceRow | null> {
  const [space] = await db.select().from(spaces).where(eq(spaces.id, spaceId));
  return space ?? null;
}

export async function updateSpace(db: Db, spaceId: string, changes: Partial<SpaceSettings>): Promise<SpaceRow> {
  const [space] =
    Object.keys(changes).length > 0
      ? await db.update(spaces).set(changes).where(eq(spaces.id, spaceId)).returning()
      : await db.select().from(spaces).where(eq(spaces.id, spaceId));
  if (!space) throw new DocketError("not_found", `no Space ${spaceId}`);
  return space;
}

/** Deletes the Space with its memberships, invitations, meetings and everything in them. */
export async function deleteSpace(db: Db, spaceId: string): Promise<AccessChange> {
  return db.transaction(async (tx) => {
    await tx.delete(spaces).where(eq(spaces.id, spaceId));
    return announceAccessChange(tx, { kind: "space", spaceId });
  });
}

export async function findMemberRole(db: Db, spaceId: string, userId: string): Promise<SpaceRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

/** Which of these users are members of the Space. */
export async function findMemberIds(db: Db, spaceId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.spaceId, spaceId), inArray(memberships.userId, [...userIds])));
  return new Set(rows.map((row) => row.userId));
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: SpaceRole;
  joinedAt: Date;
}

export async function listMembers(db: Db, spaceId: string): Promise<MemberRow[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.spaceId, spaceId))
    .orderBy(asc(users.name));
}

/**
 * Changes a member's role. Demoting the last owner is a conflict: a Space always keeps someone who can manage it.
 * Returns the change as announced to every process (their open live connections follow it).
 */
export async function setMemberRole(
  db: Db,
  spaceId: string,
  userId: string,
  role: SpaceRole,
): Promise<{ member: MemberRow; change: AccessChange }> {
  return db.transaction(async (tx) => {
    const current = await lockMembership(tx, spaceId, userId);
    if (current === "owner" && role !== "owner") await requireAnotherOwner(tx, spaceId, "demoted");
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, userId)));
    const member = (await listMembers(tx, spaceId)).find((row) => row.userId === userId);
    if (!member) throw new Error("the member vanished inside the transaction");
    return { member, change: await announceAccessChange(tx, { kind: "member", spaceId, userId, role }) };
  });
}

/**
 * Removes a member; the last owner cannot be removed. Someone removed by another member (an owner) is recorded, so
 * that a link made before the removal does not let them back in; leaving by oneself is not.
 */
export async function removeMember(db: Db, spaceId: string, userId: string, removedBy: string): Promise<AccessChange> {
  return db.transaction(async (tx) => {
    const current = await lockMembership(tx, spaceId, userId);
    if (current === "owner") await requireAnotherOwner(tx, spaceId, "removed");
    await tx.delete(memberships).where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, userId)));
    if (removedBy !== userId) {
      await tx
        .insert(spaceRemovals)
        .values({ spaceId, userId, removedBy })
        .onConflictDoUpdate({
          target: [spaceRemovals.spaceId, spaceRemovals.userId],
          set: { removedBy, removedAt: sql`now()` },
        });
    }
    return announceAccessChange(tx, { kind: "member", spaceId, userId, role: null });
  });
}

/**
 * Locks the Space's row, so two owners demoting each other at once cannot leave it without one, and returns the
 * member's role.
 */
async function lockMembership(tx: Db, spaceId: string, userId: string): Promise<SpaceRole> {
  await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for("update");
  const role = await findMemberRole(tx, spaceId, userId);
  if (!role) throw new DocketError("not_found", `no member ${userId} in this Space`);
  return role;
}

async function requireAnotherOwner(tx: Db, spaceId: string, what: "demoted" | "removed"): Promise<void> {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.spaceId, spaceId), eq(memberships.role, "owner")));
  if (owners.length < 2) {
    throw new DocketError("conflict", `the last owner of a Space cannot be ${what}; make someone else an owner first`);
  }
}

const invitationColumns = {
  id: invitations.id,
  spaceId: invitations.spaceId,
  role: invitations.role,
  createdBy: invitations.createdBy,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  revokedAt: invitations.revokedAt,
  maxUses: invitations.maxUses,
  uses: invitations.uses,
};

export async function createInvitation(
  db: Db,
  invitation: {
    spaceId: string;
    tokenHash: string;
    role: SpaceRole;
    createdBy: string;
    expiresAt: Date;
    /** How many people may join by it (the column's default when left out). */
    maxUses?: number;
  },
): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(invitation).returning(invitationColumns);
  if (!row) throw new Error("the invitation was not stored");
  return row;
}

/** The Space's invitations, newest first; never their token hashes. */
export async function listInvitations(db: Db, spaceId: string): Promise<InvitationRow[]> {
  return db
    .select(invitationColumns)
    .from(invitations)
    .where(eq(invitations.spaceId, spaceId))
    .orderBy(asc(invitations.createdAt));
}

/** Revokes an invitation of the Space (revoking twice is harmless); false when the Space has no such invitation. */
export async function revokeInvitation(db: Db, spaceId: string, invitationId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ revokedAt: invitations.revokedAt })
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.spaceId, spaceId)));
  if (!row) return false;
  if (!row.revokedAt) await db.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, invitationId));
  return true;
}

export type AcceptResult =
  /** Joined now, with the invitation's role. */
  | { status: "joined"; spaceId: string; role: SpaceRole }
  /** Already a member: the role stays what an owner made it, whatever the link says. */
  | { status: "member"; spaceId: string; role: SpaceRole }
  /** An owner removed the user after the link was made: only a newer invitation lets them back in. */
  | { status: "removed" }
  | { status: "used"; maxUses: number }
  | { status: "unknown" | "expired" | "revoked" };

/**
 * Joins the user to the invitation's Space, using one of the link's uses. An invitation never changes the role of
 * someone already a member, and does not re-admit someone an owner removed after it was made.
 */
export async function acceptInvitation(db: Db, tokenHash: string, userId: string, now: Date): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    // Locked: two people taking the last use at once cannot both join.
    const [invitation] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).for("update");
    if (!invitation) return { status: "unknown" };
    const { spaceId } = invitation;
    const current = await findMemberRole(tx, spaceId, userId);
    if (current) return { status: "member", spaceId, role: current };
    if (invitation.revokedAt) return { status: "revoked" };
    if (invitation.expiresAt <= now) return { status: "expired" };
    if (invitation.uses >= invitation.maxUses) return { status: "used", maxUses: invitation.maxUses };
    // Compared in the database: both times are its own, to the microsecond.
    const [removal] = await tx
      .select({ removedAt: spaceRemovals.removedAt })
      .from(spaceRemovals)
      .innerJoin(invitations, eq(invitations.spaceId, spaceRemovals.spaceId))
      .where(
        and(
          eq(invitations.id, invitation.id),
          eq(spaceRemovals.userId, userId),
          gte(spaceRemovals.removedAt, invitations.createdAt),
        ),
      );
    if (removal) return { status: "removed" };
    const [joined] = await tx
      .insert(memberships)
      .values({ spaceId, userId, role: invitation.role })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    if (!joined) {
      // Joined a moment ago by another request: the same answer as a member's.
      return { status: "member", spaceId, role: (await findMemberRole(tx, spaceId, userId)) ?? invitation.role };
    }
    await tx
      .update(invitations)
      .set({ uses: sql`${invitations.uses} + 1` })
      .where(eq(invitations.id, invitation.id));
    await tx.delete(spaceRemovals).where(and(eq(spaceRemovals.spaceId, spaceId), eq(spaceRemovals.userId, userId)));
    return { status: "joined", spaceId, role: joined.role };
  });
}
