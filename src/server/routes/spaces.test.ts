import { describe, expect, it } from "vitest";
import { call, createSpaceVia, createTestApp, joinSpaceVia, signUp } from "../../../test/helpers/api.js";
import { eachDatabase } from "../../../test/helpers/database.js";
import { builtinTemplate } from "../../../test/helpers/meeting.js";

const DAY = 24 * 60 * 60 * 1000;

describe("Spaces over HTTP", () => {
  eachDatabase((database) => {
    it("creates a Space with a copy of its template and sensible defaults; the creator owns it", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app);
      const response = await call(app, ana, "POST", "/api/spaces", {
        body: { name: "Leadership", templateId: "engineering-leadership-sync", cadence: "weekly" },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: "Leadership",
        templateId: "engineering-leadership-sync",
        cadence: "weekly",
        durationMinutes: builtinTemplate("engineering-leadership-sync").durationMinutes,
        timezone: "UTC",
        // The template's Slack channel, and its follow-up rules, until the Space's people change them.
        distribution: { emails: [], slackChannel: "#eng-leadership", followUpHours: 2 },
        followUpRules: builtinTemplate("engineering-leadership-sync").followUp.rules,
        silenceWarningSeconds: 60,
        isDemo: false,
        role: "owner",
      });
      expect(response.body.template).toEqual(builtinTemplate("engineering-leadership-sync"));
      const listed = await call(app, ana, "GET", "/api/spaces");
      expect(listed.body.map((space: { name: string; role: string }) => [space.name, space.role])).toEqual([
        ["Leadership", "owner"],
      ]);
      expect(listed.body[0].template).toBeUndefined();
    });

    it("names the bad field: unknown template, unknown timezone, cadence, stray fields", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app);
      const base = { name: "X", templateId: "team-sync", cadence: "weekly" };
      const template = await call(app, ana, "POST", "/api/spaces", { body: { ...base, templateId: "standup" } });
      expect(template.status).toBe(400);
      expect(template.body.error.message).toBe(
        'body.templateId: no template "standup"; the templates are engineering-leadership-sync, product-engineering-sync, team-sync',
      );
      const zone = await call(app, ana, "POST", "/api/spaces", { body: { ...base, timezone: "Mars/Olympus" } });
      expect(zone.status).toBe(400);
      expect(zone.body.error.message).toMatch(/timezone: is not a known time zone/);
      const cadence = await call(app, ana, "POST", "/api/spaces", { body: { ...base, cadence: "daily" } });
      expect(cadence.status).toBe(400);
      expect(cadence.body.error.message).toMatch(/cadence: /);
      const email = await call(app, ana, "POST", "/api/spaces", {
        body: { ...base, distribution: { emails: ["not an email"] } },
      });
      expect(email.status).toBe(400);
      expect(email.body.error.message).toMatch(/distribution\.emails\.0: /);
      const stray = await call(app, ana, "POST", "/api/spaces", { body: { ...base, isDemo: true } });
      expect(stray.status).toBe(400);
      expect(stray.body.error.message).toContain('"isDemo"');
    });

    it("hides a Space from non-members behind a 404, and names a malformed id", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app);
      const ben = await signUp(app);
      const space = await createSpaceVia(app, ana);
      const hidden = await call(app, ben, "GET", `/api/spaces/${space.id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(`no Space ${space.id}`);
      expect((await call(app, ana, "GET", `/api/spaces/${crypto.randomUUID()}`)).status).toBe(404);
      const malformed = await call(app, ana, "GET", "/api/spaces/123");
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/^param\.spaceId: /);
      expect((await call(app, ben, "GET", "/api/spaces")).body).toEqual([]);
    });

    it("lets only owners change settings or delete; a new template is copied in", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app);
      const fay = await signUp(app);
      const space = await createSpaceVia(app, ana);
      await joinSpaceVia(app, ana, space.id, fay, "facilitator");
      const refused = await call(app, fay, "PATCH", `/api/spaces/${space.id}`, { body: { name: "Mine" } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe("this needs the owner role in the Space; you are a facilitator");
      expect((await call(app, fay, "DELETE", `/api/spaces/${space.id}`)).status).toBe(403);

      const empty = await call(app, ana, "PATCH", `/api/spaces/${space.id}`, { body: {} });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain("name at least one field to change");
      const changed = await call(app, ana, "PATCH", `/api/spaces/${space.id}`, {
        body: {
          name: "Team",
          templateId: "team-sync",
          timezone: "Europe/Berlin",
          distribution: { slackChannel: "#team" },
        },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        name: "Team",
        templateId: "team-sync",
        timezone: "Europe/Berlin",
        distribution: { emails: [], slackChannel: "#team", followUpHours: 2 },
      });
      expect(changed.body.template).toEqual(builtinTemplate("team-sync"));

      expect((await call(app, ana, "DELETE", `/api/spaces/${space.id}`)).status).toBe(204);
      expect((await call(app, ana, "GET", `/api/spaces/${space.id}`)).status).toBe(404);
      expect((await call(app, fay, "GET", "/api/spaces")).body).toEqual([]);
    });

    it("shows members' names and roles to everyone in the Space, their emails to owners only", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app, { name: "Ana" });
      const vic = await signUp(app, { name: "Vic" });
      const space = await createSpaceVia(app, ana);
      await joinSpaceVia(app, ana, space.id, vic, "viewer");
      const asViewer = await call(app, vic, "GET", `/api/spaces/${space.id}/members`);
      expect(asViewer.body.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
        ["Ana", "owner"],
        ["Vic", "viewer"],
      ]);
      expect(JSON.stringify(asViewer.body)).not.toContain("@");
      const asOwner = await call(app, ana, "GET", `/api/spaces/${space.id}/members`);
      expect(asOwner.body.map((m: { email: string }) => m.email)).toEqual([ana.user.email, vic.user.email]);
    });

    it("lets owners change roles and remove members, anyone leave, and never the last owner go", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app);
      const ben = await signUp(app);
      const cat = await signUp(app);
      const space = await createSpaceVia(app, ana);
      await joinSpaceVia(app, ana, space.id, ben, "member");
      await joinSpaceVia(app, ana, space.id, cat, "member");
      const members = `/api/spaces/${space.id}/members`;

      expect((await call(app, ben, "PATCH", `${members}/${cat.user.id}`, { body: { role: "owner" } })).status).toBe(
        403,
      );
      expect((await call(app, ben, "DELETE", `${members}/${cat.user.id}`)).status).toBe(403);
      const demote = await call(app, ana, "PATCH", `${members}/${ana.user.id}`, { body: { role: "member" } });
      expect(demote.status).toBe(409);
      expect(demote.body.error.message).toBe(
        "the last owner of a Space cannot be demoted; make someone else an owner first",
      );
      expect((await call(app, ana, "DELETE", `${members}/${ana.user.id}`)).status).toBe(409);
      const badRole = await call(app, ana, "PATCH", `${members}/${ben.user.id}`, { body: { role: "admin" } });
      expect(badRole.status).toBe(400);
      expect(
        (await call(app, ana, "PATCH", `${members}/${crypto.randomUUID()}`, { body: { role: "viewer" } })).status,
      ).toBe(404);

      const promoted = await call(app, ana, "PATCH", `${members}/${ben.user.id}`, { body: { role: "facilitator" } });
      expect(promoted.body).toMatchObject({ userId: ben.user.id, role: "facilitator" });
      expect((await call(app, cat, "DELETE", `${members}/${cat.user.id}`)).status).toBe(204);
      expect((await call(app, cat, "GET", `/api/spaces/${space.id}`)).status).toBe(404);
      expect((await call(app, ana, "DELETE", `${members}/${ben.user.id}`)).status).toBe(204);
      expect((await call(app, ben, "GET", `/api/spaces/${space.id}`)).status).toBe(404);
    });

    it("invites by link: owners only, tokens shown once, accepted by any signed-in user", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app);
      const ben = await signUp(app);
      const space = await createSpaceVia(app, ana);
      await joinSpaceVia(app, ana, space.id, ben, "facilitator");
      const invitations = `/api/spaces/${space.id}/invitations`;
      expect((await call(app, ben, "POST", invitations, { body: { role: "member" } })).status).toBe(403);
      expect((await call(app, ben, "GET", invitations)).status).toBe(403);

      const created = await call(app, ana, "POST", invitations, { body: { role: "member", expiresInDays: 3 } });
      expect(created.status).toBe(201);
      const { token, url, id } = created.body;
      expect(url).toBe(`/invite/${token}`);
      expect(created.body.expiresAt).toBe("2025-03-13T09:00:00.000Z");
      expect(created.body.maxUses).toBe(10);
      const listed = await call(app, ana, "GET", invitations);
      expect(listed.body.map((row: { id: string; status: string }) => [row.id, row.status])).toContainEqual([
        id,
        "active",
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(token);

      const cat = await signUp(app);
      expect((await call(app, null, "POST", `/api/invitations/${token}/accept`)).status).toBe(401);
      const accepted = await call(app, cat, "POST", `/api/invitations/${token}/accept`);
      expect(accepted.body).toEqual({ spaceId: space.id, role: "member", alreadyMember: false });
      // A facilitator opening a member link stays a facilitator.
      expect((await call(app, ben, "POST", `/api/invitations/${token}/accept`)).body).toEqual({
        spaceId: space.id,
        role: "facilitator",
        alreadyMember: true,
      });
      expect((await call(app, cat, "GET", `/api/spaces/${space.id}`)).body.role).toBe("member");
      const used = (await call(app, ana, "GET", invitations)).body.find((row: { id: string }) => row.id === id);
      expect(used).toMatchObject({ uses: 1, maxUses: 10, status: "active" });
    });

    it("does not let an old link undo a demotion or a removal, and stops a link at its use limit", async () => {
      const { app } = await createTestApp(database());
      const ana = await signUp(app);
      const ben = await signUp(app);
      const cat = await signUp(app);
      const dan = await signUp(app);
      const space = await createSpaceVia(app, ana);
      const invitations = `/api/spaces/${space.id}/invitations`;
      const link = (await call(app, ana, "POST", invitations, { body: { role: "member", maxUses: 3 } })).body;
      expect(link.maxUses).toBe(3);
      const accept = (user: typeof ben, token: string) => call(app, user, "POST", `/api/invitations/${token}/accept`);
      expect((await accept(ben, link.token)).status).toBe(200);
      expect((await accept(cat, link.token)).status).toBe(200);

      // Demoted to viewer: the member link does not make Ben a member again.
      const members = `/api/spaces/${space.id}/members`;
      expect((await call(app, ana, "PATCH", `${members}/${ben.user.id}`, { body: { role: "viewer" } })).status).toBe(
        200,
      );
      expect((await accept(ben, link.token)).body).toMatchObject({ role: "viewer", alreadyMember: true });
      expect((await call(app, ben, "GET", `/api/spaces/${space.id}`)).body.role).toBe("viewer");

      // Removed by an owner: the link made before the removal does not let Cat back in.
      expect((await call(app, ana, "DELETE", `${members}/${cat.user.id}`)).status).toBe(204);
      const refused = await accept(cat, link.token);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        "an owner removed you from this Space after this link was made; ask an owner for a new invitation",
      );
      expect((await call(app, cat, "GET", `/api/spaces/${space.id}`)).status).toBe(404);

      // The third and last use goes to Dan; after that the link is used up.
      expect((await accept(dan, link.token)).status).toBe(200);
      const eve = await signUp(app);
      const usedUp = await accept(eve, link.token);
      expect(usedUp.status).toBe(410);
      expect(usedUp.body.error.message).toBe(
        "this invitation has been used by the 3 people it allows; ask an owner of the Space for a new link",
      );
      const listed = (await call(app, ana, "GET", invitations)).body;
      expect(listed).toEqual([expect.objectContaining({ id: link.id, uses: 3, maxUses: 3, status: "used" })]);

      // An owner inviting Cat again, with a new link, lets her back.
      const fresh = (await call(app, ana, "POST", invitations, { body: { role: "viewer", maxUses: 1 } })).body;
      expect((await accept(cat, fresh.token)).body).toMatchObject({ role: "viewer", alreadyMember: false });
      const tooMany = await call(app, ana, "POST", invitations, { body: { role: "member", maxUses: 0 } });
      expect(tooMany.status).toBe(400);
      expect(JSON.stringify(tooMany.body)).toContain("maxUses");
    });

    it("refuses unknown (404), expired and revoked (410) invitations with a message saying which", async () => {
      const t = await createTestApp(database());
      const { app } = t;
      const ana = await signUp(app);
      const ben = await signUp(app);
      const space = await createSpaceVia(app, ana);
      const invitations = `/api/spaces/${space.id}/invitations`;
      const unknown = await call(app, ben, "POST", "/api/invitations/not-a-real-token/accept");
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain("not valid");

      const revoked = (await call(app, ana, "POST", invitations, { body: { role: "member" } })).body;
      expect((await call(app, ana, "DELETE", `${invitations}/${revoked.id}`)).status).toBe(204);
      const afterRevoke = await call(app, ben, "POST", `/api/invitations/${revoked.token}/accept`);
      expect(afterRevoke.status).toBe(410);
      expect(afterRevoke.body.error.message).toBe(
        "this invitation was revoked; ask an owner of the Space for a new link",
      );
      expect((await call(app, ana, "DELETE", `${invitations}/${crypto.randomUUID()}`)).status).toBe(404);

      const expiring = (await call(app, ana, "POST", invitations, { body: { role: "member" } })).body;
      t.clock.advance(7 * DAY);
      const expired = await call(app, ben, "POST", `/api/invitations/${expiring.token}/accept`);
      expect(expired.status).toBe(410);
      expect(expired.body.error.message).toContain("has expired");
      const statuses = (await call(app, ana, "GET", invitations)).body.map((row: { status: string }) => row.status);
      expect(statuses.sort()).toEqual(["expired", "revoked"]);
      expect((await call(app, ben, "GET", `/api/spaces/${space.id}`)).status).toBe(404);
    });
  });
});
