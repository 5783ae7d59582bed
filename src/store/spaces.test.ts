import { describe, expect, it } from "vitest";
import { eachDatabase } from "../../test/helpers/database.js";
import { builtinTemplate } from "../../test/helpers/meeting.js";
import { createTestUser, type TestUser } from "../../test/helpers/server.js";
import type { Database } from "./database.js";
import {
  acceptInvitation,
  createInvitation,
  createSpace,
  findMemberRole,
  listMembers,
  listSpacesForUser,
  removeMember,
  revokeInvitation,
  setMemberRole,
} from "./spaces.js";

const NOW = new Date("2025-03-10T09:00:00Z");

async function spaceOwnedBy(database: Database, owner: TestUser) {
  const template = builtinTemplate("team-sync");
  return createSpace(database.db, owner.id, {
    name: "Platform",
    templateId: template.id,
    template,
    cadence: "weekly",
    durationMinutes: 30,
    timezone: "UTC",
    distribution: { emails: [], slackChannel: null, followUpHours: 2 },
    silenceWarningSeconds: 60,
  });
}

async function invite(
  database: Database,
  spaceId: string,
  by: TestUser,
  role: "viewer" | "member" | "owner",
  tokenHash: string,
) {
  return createInvitation(database.db, {
    spaceId,
    tokenHash,
    role,
    createdBy: by.id,
    expiresAt: new Date(NOW.getTime() + 86_400_000),
  });
}

describe("Spaces in the store", () => {
  eachDatabase((database) => {
    it("makes the creator the first owner, and lists the Space with the role", async () => {
      const ana = await createTestUser(database(), "Ana");
      const space = await spaceOwnedBy(database(), ana);
      expect(await findMemberRole(database().db, space.id, ana.id)).toBe("owner");
      expect((await listSpacesForUser(database().db, ana.id)).map((row) => [row.name, row.role])).toEqual([
        ["Platform", "owner"],
      ]);
    });

    it("never leaves a Space without an owner", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const space = await spaceOwnedBy(database(), ana);
      await expect(setMemberRole(db, space.id, ana.id, "member")).rejects.toMatchObject({ code: "conflict" });
      await expect(removeMember(db, space.id, ana.id)).rejects.toMatchObject({ code: "conflict" });
      await expect(setMemberRole(db, space.id, ben.id, "member")).rejects.toMatchObject({ code: "not_found" });

      await invite(database(), space.id, ana, "owner", "t1");
      await acceptInvitation(db, "t1", ben.id, NOW);
      expect((await setMemberRole(db, space.id, ana.id, "member")).role).toBe("member");
      await expect(removeMember(db, space.id, ben.id)).rejects.toMatchObject({ code: "conflict" });
      await removeMember(db, space.id, ana.id);
      expect((await listMembers(db, space.id)).map((member) => [member.name, member.role])).toEqual([["Ben", "owner"]]);
    });

    it("lets only one of two owners demoting each other at the same time succeed", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const space = await spaceOwnedBy(database(), ana);
      await invite(database(), space.id, ana, "owner", "t1");
      await acceptInvitation(db, "t1", ben.id, NOW);
      const results = await Promise.allSettled([
        setMemberRole(db, space.id, ana.id, "member"),
        setMemberRole(db, space.id, ben.id, "member"),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      const owners = (await listMembers(db, space.id)).filter((member) => member.role === "owner");
      expect(owners).toHaveLength(1);
    });

    it("accepts an invitation once it is valid, keeping a member's higher role", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const space = await spaceOwnedBy(database(), ana);
      await invite(database(), space.id, ana, "member", "member-link");
      await invite(database(), space.id, ana, "viewer", "viewer-link");
      expect(await acceptInvitation(db, "viewer-link", ben.id, NOW)).toEqual({
        status: "joined",
        spaceId: space.id,
        role: "viewer",
      });
      expect(await acceptInvitation(db, "member-link", ben.id, NOW)).toMatchObject({ role: "member" });
      expect(await acceptInvitation(db, "viewer-link", ben.id, NOW)).toMatchObject({ role: "member" });
      expect(await acceptInvitation(db, "member-link", ana.id, NOW)).toMatchObject({ role: "owner" });
      expect(await findMemberRole(db, space.id, ben.id)).toBe("member");
    });

    it("refuses unknown, expired and revoked invitations", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const space = await spaceOwnedBy(database(), ana);
      const invitation = await invite(database(), space.id, ana, "member", "link");
      expect(await acceptInvitation(db, "other", ben.id, NOW)).toEqual({ status: "unknown" });
      expect(await acceptInvitation(db, "link", ben.id, new Date(NOW.getTime() + 86_400_000))).toEqual({
        status: "expired",
      });
      expect(await revokeInvitation(db, space.id, invitation.id, NOW)).toBe(true);
      expect(await revokeInvitation(db, space.id, invitation.id, NOW)).toBe(true);
      expect(await acceptInvitation(db, "link", ben.id, NOW)).toEqual({ status: "revoked" });
      expect(await findMemberRole(db, space.id, ben.id)).toBeNull();
    });
  });
});
