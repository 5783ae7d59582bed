import { and, asc, eq, inArray } from "drizzle-orm";
import { DocketError } from "../core/errors.js";
import type { MetricBounds } from "../core/space/metric-range.js";
import type { FollowUpRule, Template } from "../core/template/template.js";
import type { Db } from "./database.js";
import { type Cadence, type Distribution, invitations, memberships, type SpaceRole, spaces, users } from "./schema.js";

export type SpaceRow = typeof spaces.$inferSelect;
export type SpaceSummaryRow = Omit<SpaceRow, "template" | "followUpRules" | "metricBounds"> & { role: SpaceRole };
export type InvitationRow = Omit<typeof invitations.$inferSelect, "tokenHash">;

/** Lowest to highest: an invitation never lowers a member's role. */
const ROLE_ORDER: readonly SpaceRole[] = ["viewer", "member", "facilitator", "owner"];

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
export async function deleteSpace(db: Db, spaceId: string): Promise<void> {
  await db.delete(spaces).where(eq(spaces.id, spaceId));
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

/** Changes a member's role. Demoting the last owner is a conflict: a Space always keeps someone who can manage it. */
export async function setMemberRole(db: Db, spaceId: string, userId: string, role: SpaceRole): Promise<MemberRow> {
  return db.transaction(async (tx) => {
    const current = await lockMembership(tx, spaceId, userId);
    if (current === "owner" && role !== "owner") await requireAnotherOwner(tx, spaceId, "demoted");
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, userId)));
    const member = (await listMembers(tx, spaceId)).find((row) => row.userId === userId);
    if (!member) throw new Error("the member vanished inside the transaction");
    return member;
  });
}

/** Removes a member; the last owner cannot be removed. */
export async function removeMember(db: Db, spaceId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockMembership(tx, spaceId, userId);
    if (current === "owner") await requireAnotherOwner(tx, spaceId, "removed");
    await tx.delete(memberships).where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, userId)));
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
};

export async function createInvitation(
  db: Db,
  invitation: { spaceId: string; tokenHash: string; role: SpaceRole; createdBy: string; expiresAt: Date },
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
  | { status: "joined"; spaceId: string; role: SpaceRole }
  | { status: "unknown" | "expired" | "revoked" };

/** Joins the user to the invitation's Space. A member already there keeps the higher of the two roles. */
export async function acceptInvitation(db: Db, tokenHash: string, userId: string, now: Date): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const [invitation] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
    if (!invitation) return { status: "unknown" };
    if (invitation.revokedAt) return { status: "revoked" };
    if (invitation.expiresAt <= now) return { status: "expired" };
    const { spaceId } = invitation;
    const current = await findMemberRole(tx, spaceId, userId);
    if (!current) {
      await tx.insert(memberships).values({ spaceId, userId, role: invitation.role }).onConflictDoNothing();
      return { status: "joined", spaceId, role: (await findMemberRole(tx, spaceId, userId)) ?? invitation.role };
    }
    if (ROLE_ORDER.indexOf(invitation.role) <= ROLE_ORDER.indexOf(current))
      return { status: "joined", spaceId, role: current };
    await tx
      .update(memberships)
      .set({ role: invitation.role })
      .where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, userId)));
    return { status: "joined", spaceId, role: invitation.role };
  });
}
