import { describe, expect, it } from "vitest";
import { eachDatabase } from "../../test/helpers/database.js";
import { createTestMeeting, createTestUser } from "../../test/helpers/server.js";
import { type AccessChange, decodeAccessChange, encodeAccessChange, findAccess } from "./access.js";
import { createSession, deleteApiToken, deleteSession, listApiTokens } from "./accounts.js";
import { EVENTS_CHANNEL } from "./database.js";
import { removeMember, setMemberRole } from "./spaces.js";

const NOW = new Date("2025-03-10T09:00:00Z");

describe("access changes", () => {
  it("reads back what it writes, and nothing else on the channel", () => {
    const changes: AccessChange[] = [
      { kind: "member", spaceId: "s", userId: "u", role: "viewer", seq: 3 },
      { kind: "member", spaceId: "s", userId: "u", role: null, seq: 4 },
      { kind: "space", spaceId: "s" },
      { kind: "token", userId: "u", tokenId: "t" },
      { kind: "session", userId: "u", sessionId: "h" },
    ];
    for (const change of changes) expect(decodeAccessChange(encodeAccessChange(change))).toEqual(change);
    for (const payload of [
      '{"m":"meeting","s":4,"o":"origin"}',
      '{"access":{"kind":"member","spaceId":"s","userId":"u","role":"admin","seq":1}}',
      '{"access":{"kind":"token","userId":"u"}}',
      '{"access":',
      "",
    ]) {
      expect(decodeAccessChange(payload)).toBeNull();
    }
  });

  eachDatabase((database) => {
    it("announces each change, in order, only once it commits", async () => {
      const heard: AccessChange[] = [];
      const unlisten = await database().listen(EVENTS_CHANNEL, (payload) => {
        const change = decodeAccessChange(payload);
        if (change) heard.push(change);
      });
      try {
        const { db } = database();
        const owner = await createTestUser(database(), "Ana");
        const ben = await createTestUser(database(), "Ben");
        const { spaceId } = await createTestMeeting(database(), [
          { user: owner, role: "owner" },
          { user: ben, role: "member" },
        ]);
        const demoted = (await setMemberRole(db, spaceId, ben.id, "viewer")).change;
        const removed = await removeMember(db, spaceId, ben.id, owner.id);
        // Refused (the last owner): nothing is announced.
        await expect(removeMember(db, spaceId, owner.id, owner.id)).rejects.toMatchObject({ code: "conflict" });
        expect(demoted).toMatchObject({ kind: "member", userId: ben.id, role: "viewer" });
        expect(removed).toMatchObject({ kind: "member", userId: ben.id, role: null });
        expect((removed as { seq: number }).seq).toBeGreaterThan((demoted as { seq: number }).seq);
        await expect.poll(() => heard.length).toBe(2);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(heard).toEqual([demoted, removed]);
      } finally {
        await unlisten();
      }
    });

    it("finds whether a connection's role and sign-in still stand", async () => {
      const { db } = database();
      const owner = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const { spaceId } = await createTestMeeting(database(), [
        { user: owner, role: "owner" },
        { user: ben, role: "member" },
      ]);
      const [token] = await listApiTokens(db, ben.id);
      const byToken = { spaceId, userId: ben.id, tokenId: token?.id ?? null, sessionId: null, now: NOW };
      expect(await findAccess(db, byToken)).toEqual({ role: "member", isSignedIn: true });
      // Another user's token does not sign Ben in.
      const [ownerToken] = await listApiTokens(db, owner.id);
      expect(await findAccess(db, { ...byToken, tokenId: ownerToken?.id ?? null })).toMatchObject({
        isSignedIn: false,
      });

      await createSession(
        db,
        { id: "session-hash", userId: ben.id, csrfToken: "c", expiresAt: new Date(NOW.getTime() + 60_000) },
        NOW,
      );
      const bySession = { ...byToken, tokenId: null, sessionId: "session-hash" };
      expect(await findAccess(db, bySession)).toEqual({ role: "member", isSignedIn: true });
      expect(await findAccess(db, { ...bySession, now: new Date(NOW.getTime() + 60_000) })).toMatchObject({
        isSignedIn: false,
      });

      await setMemberRole(db, spaceId, ben.id, "viewer");
      expect(await findAccess(db, bySession)).toEqual({ role: "viewer", isSignedIn: true });
      expect(await deleteSession(db, "session-hash")).toEqual({
        kind: "session",
        userId: ben.id,
        sessionId: "session-hash",
      });
      expect(await findAccess(db, bySession)).toMatchObject({ isSignedIn: false });
      await deleteApiToken(db, ben.id, token?.id ?? "");
      await removeMember(db, spaceId, ben.id, owner.id);
      expect(await findAccess(db, byToken)).toEqual({ role: null, isSignedIn: false });
    });
  });
});
