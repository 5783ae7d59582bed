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
  listInvitations,
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
  maxUses?: number,
) {
  return createInvitation(database.db, {
    spaceId,
    tokenHash,
    role,
    createdBy: by.id,
    expiresAt: new Date(NOW.getTime() + 86_400_000),
    ...(maxUses === undefined ? {} : { maxUses }),
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
      await expect(removeMember(db, space.id, ana.id, ana.id)).rejects.toMatchObject({ code: "conflict" });
      await expect(setMemberRole(db, space.id, ben.id, "member")).rejects.toMatchObject({ code: "not_found" });

      await invite(database(), space.id, ana, "owner", "t1");
      await acceptInvitation(db, "t1", ben.id, NOW);
      expect((await setMemberRole(db, space.id, ana.id, "member")).member.role).toBe("member");
      await expect(removeMember(db, space.id, ben.id, ben.id)).rejects.toMatchObject({ code: "conflict" });
      await removeMember(db, space.id, ana.id, ben.id);
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

    it("accepts an invitation once it is valid, and never changes the role of someone already a member", async () => {
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
      // A viewer (invited as one, or demoted by an owner) does not make themselves a member with another link.
      expect(await acceptInvitation(db, "member-link", ben.id, NOW)).toEqual({
        status: "member",
        spaceId: space.id,
        role: "viewer",
      });
      expect(await acceptInvitation(db, "viewer-link", ana.id, NOW)).toMatchObject({ status: "member", role: "owner" });
      expect(await findMemberRole(db, space.id, ben.id)).toBe("viewer");
      expect(await findMemberRole(db, space.id, ana.id)).toBe("owner");
    });

    it("lets as many people join by a link as it allows; members opening it again use nothing", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const [ben, cai, dee] = await Promise.all(["Ben", "Cai", "Dee"].map((name) => createTestUser(database(), name)));
      const space = await spaceOwnedBy(database(), ana);
      await invite(database(), space.id, ana, "member", "two-uses", 2);
      expect(await acceptInvitation(db, "two-uses", ben!.id, NOW)).toMatchObject({ status: "joined" });
      expect(await acceptInvitation(db, "two-uses", ben!.id, NOW)).toMatchObject({ status: "member" });
      expect(await acceptInvitation(db, "two-uses", cai!.id, NOW)).toMatchObject({ status: "joined" });
      expect(await acceptInvitation(db, "two-uses", dee!.id, NOW)).toEqual({ status: "used", maxUses: 2 });
      expect(await findMemberRole(db, space.id, dee!.id)).toBeNull();
      expect((await listInvitations(db, space.id)).map((row) => [row.uses, row.maxUses])).toEqual([[2, 2]]);
    });

    it("does not re-admit someone an owner removed with a link made before the removal; a newer one does", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const cai = await createTestUser(database(), "Cai");
      const space = await spaceOwnedBy(database(), ana);
      await invite(database(), space.id, ana, "member", "old-link");
      await acceptInvitation(db, "old-link", ben.id, NOW);
      await acceptInvitation(db, "old-link", cai.id, NOW);
      await removeMember(db, space.id, ben.id, ana.id);
      // Leaving by oneself is not a removal: the same link lets Cai back.
      await removeMember(db, space.id, cai.id, cai.id);

      expect(await acceptInvitation(db, "old-link", ben.id, NOW)).toEqual({ status: "removed" });
      expect(await findMemberRole(db, space.id, ben.id)).toBeNull();
      expect(await acceptInvitation(db, "old-link", cai.id, NOW)).toMatchObject({ status: "joined", role: "member" });

      await invite(database(), space.id, ana, "viewer", "new-link");
      expect(await acceptInvitation(db, "new-link", ben.id, NOW)).toMatchObject({ status: "joined", role: "viewer" });
      // Back in by an owner's choice: the removal no longer stands in the way of the older link either.
      await removeMember(db, space.id, ben.id, ben.id);
      expect(await acceptInvitation(db, "old-link", ben.id, NOW)).toMatchObject({ status: "joined" });
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
