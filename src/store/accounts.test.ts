import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eachDatabase } from "../../test/helpers/database.js";
import { builtinTemplate } from "../../test/helpers/meeting.js";
import { createTestUser } from "../../test/helpers/server.js";
import {
  createApiToken,
  createSession,
  createUser,
  deleteApiToken,
  findSessionCsrfToken,
  findUserByEmail,
  listApiTokens,
} from "./accounts.js";
import { memberships, sessions, spaces } from "./schema.js";

describe("accounts in the store", () => {
  eachDatabase((database) => {
    it("refuses a second account for the same email as a conflict", async () => {
      const { db } = database();
      await createUser(db, { email: "ana@example.com", name: "Ana", passwordHash: "x" });
      await expect(
        createUser(db, { email: "ana@example.com", name: "Ana 2", passwordHash: "y" }),
      ).rejects.toMatchObject({ code: "conflict", message: "there is already an account for ana@example.com" });
      expect((await findUserByEmail(db, "ana@example.com"))?.name).toBe("Ana");
    });

    it("adds a new account to every demo Space as a viewer, and to no other Space", async () => {
      const { db } = database();
      const template = builtinTemplate("team-sync");
      const base = {
        templateId: template.id,
        template,
        cadence: "weekly" as const,
        durationMinutes: 30,
        timezone: "UTC",
        distribution: { emails: [], slackChannel: null, followUpHours: 2 },
      };
      const [demo] = await db
        .insert(spaces)
        .values({ ...base, name: "Demo", isDemo: true })
        .returning();
      await db.insert(spaces).values({ ...base, name: "Private" });
      const user = await createUser(db, { email: "ben@example.com", name: "Ben", passwordHash: "x" });
      const rows = await db.select().from(memberships).where(eq(memberships.userId, user.id));
      expect(rows.map((row) => [row.spaceId, row.role])).toEqual([[demo?.id, "viewer"]]);
    });

    it("stores sessions by id and drops the user's expired ones when a new one starts", async () => {
      const { db } = database();
      const user = await createTestUser(database(), "Cleo");
      const now = new Date("2025-03-10T09:00:00Z");
      await createSession(db, { id: "old", userId: user.id, csrfToken: "c1", expiresAt: new Date("2025-03-01") }, now);
      await createSession(db, { id: "new", userId: user.id, csrfToken: "c2", expiresAt: new Date("2025-04-01") }, now);
      expect((await db.select().from(sessions)).map((row) => row.id)).toEqual(["new"]);
      expect(await findSessionCsrfToken(db, "new")).toBe("c2");
      expect(await findSessionCsrfToken(db, "old")).toBeNull();
    });

    it("lists and deletes only the user's own API tokens, never with their hashes", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const token = await createApiToken(db, { userId: ana.id, name: "ci", tokenHash: "h1", prefix: "dkt_abcd" });
      expect(Object.keys(token).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix"]);
      expect(await deleteApiToken(db, ben.id, token.id)).toBeNull();
      expect((await listApiTokens(db, ana.id)).map((row) => row.name)).toEqual(["ci", "test"]);
      // The revocation is announced, so that the live connections the token opened close.
      expect(await deleteApiToken(db, ana.id, token.id)).toEqual({ kind: "token", userId: ana.id, tokenId: token.id });
      expect((await listApiTokens(db, ana.id)).map((row) => row.name)).toEqual(["test"]);
    });
  });
});
