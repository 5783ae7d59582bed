import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  type Browser,
  call,
  createSpaceVia,
  createTestApp,
  joinSpaceVia,
  signUp,
  type TestApp,
} from "../../../test/helpers/api.js";
import { eachDatabase } from "../../../test/helpers/database.js";
import { builtinTemplate } from "../../../test/helpers/meeting.js";
import { meetings } from "../../store/schema.js";

/** A Space (Leadership Sync template, Tokyo time) with an owner, a facilitator, two members and a viewer. */
async function team(t: TestApp) {
  const people: Record<"owner" | "facilitator" | "member" | "other" | "viewer", Browser> = {
    owner: await signUp(t.app, { name: "Olga" }),
    facilitator: await signUp(t.app, { name: "Farid" }),
    member: await signUp(t.app, { name: "Mei" }),
    other: await signUp(t.app, { name: "Omar" }),
    viewer: await signUp(t.app, { name: "Vera" }),
  };
  const space = await createSpaceVia(t.app, people.owner, { timezone: "Asia/Tokyo" });
  await joinSpaceVia(t.app, people.owner, space.id, people.facilitator, "facilitator");
  await joinSpaceVia(t.app, people.owner, space.id, people.member, "member");
  await joinSpaceVia(t.app, people.owner, space.id, people.other, "member");
  await joinSpaceVia(t.app, people.owner, space.id, people.viewer, "viewer");
  return { ...people, space };
}

async function scheduleMeeting(t: TestApp, as: Browser, spaceId: string, body: Record<string, unknown> = {}) {
  const response = await call(t.app, as, "POST", `/api/spaces/${spaceId}/meetings`, {
    body: { scheduledAt: "2025-03-14T20:00:00Z", ...body },
  });
  if (response.status !== 201) throw new Error(`scheduling failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

describe("meetings over HTTP", () => {
  eachDatabase((database) => {
    it("schedules a meeting with the Space's template, dated in the Space's timezone", async () => {
      const t = await createTestApp(database());
      const { facilitator, member, space } = await team(t);
      const response = await call(t.app, facilitator, "POST", `/api/spaces/${space.id}/meetings`, {
        body: {
          scheduledAt: "2025-03-14T20:00:00Z",
          attendees: [{ name: "Mei", userId: member.user.id }, { name: "A guest" }],
        },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        spaceId: space.id,
        title: "Leadership, 2025-03-15",
        status: "scheduled",
        scheduledAt: "2025-03-14T20:00:00.000Z",
        // 20:00 UTC is 05:00 the next morning in Tokyo.
        meetingDate: "2025-03-15",
        attendees: [
          { name: "Mei", userId: member.user.id },
          { name: "A guest", userId: null },
        ],
        counts: { preReadRows: 0, items: 0, segments: 0 },
      });
      expect(response.body.template).toEqual(builtinTemplate("engineering-leadership-sync"));
    });

    it("keeps the meeting's template when the Space's template changes afterwards", async () => {
      const t = await createTestApp(database());
      const { owner, facilitator, space } = await team(t);
      const meeting = await scheduleMeeting(t, facilitator, space.id);
      const changed = await call(t.app, owner, "PATCH", `/api/spaces/${space.id}`, {
        body: { templateId: "team-sync" },
      });
      expect(changed.body.template.id).toBe("team-sync");
      const again = await call(t.app, owner, "GET", `/api/meetings/${meeting.id}`);
      expect(again.body.template).toEqual(builtinTemplate("engineering-leadership-sync"));
      const next = await scheduleMeeting(t, facilitator, space.id);
      expect(next.template.id).toBe("team-sync");
    });

    it("lets only facilitators and owners schedule, and hides the Space from outsiders", async () => {
      const t = await createTestApp(database());
      const { member, viewer, space } = await team(t);
      const outsider = await signUp(t.app);
      const path = `/api/spaces/${space.id}/meetings`;
      const body = { scheduledAt: "2025-03-14T20:00:00Z" };
      const byMember = await call(t.app, member, "POST", path, { body });
      expect(byMember.status).toBe(403);
      expect(byMember.body.error.message).toBe("this needs the facilitator role in the Space; you are a member");
      expect((await call(t.app, viewer, "POST", path, { body })).status).toBe(403);
      expect((await call(t.app, outsider, "POST", path, { body })).status).toBe(404);
      expect((await call(t.app, outsider, "GET", path)).status).toBe(404);
    });

    it("names bad meeting input: the time, attendees who are not members, stray fields", async () => {
      const t = await createTestApp(database());
      const { facilitator, space } = await team(t);
      const outsider = await signUp(t.app);
      const path = `/api/spaces/${space.id}/meetings`;
      const time = await call(t.app, facilitator, "POST", path, { body: { scheduledAt: "next Tuesday" } });
      expect(time.status).toBe(400);
      expect(time.body.error.message).toMatch(/scheduledAt: /);
      const stranger = await call(t.app, facilitator, "POST", path, {
        body: { scheduledAt: "2025-03-14T20:00:00Z", attendees: [{ name: "Who", userId: outsider.user.id }] },
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.message).toBe(
        `body.attendees.0.userId: ${outsider.user.id} is not a member of this Space`,
      );
      const stray = await call(t.app, facilitator, "POST", path, {
        body: { scheduledAt: "2025-03-14T20:00:00Z", status: "live" },
      });
      expect(stray.status).toBe(400);
      expect(stray.body.error.message).toContain('"status"');
    });

    it("lists upcoming meetings soonest first and past ones latest first", async () => {
      const t = await createTestApp(database());
      const { facilitator, viewer, space } = await team(t);
      // The clock stands at 2025-03-10T09:00Z; the template's meetings last an hour.
      const longAgo = await scheduleMeeting(t, facilitator, space.id, { scheduledAt: "2025-03-01T09:00:00Z" });
      const earlier = await scheduleMeeting(t, facilitator, space.id, { scheduledAt: "2025-03-09T09:00:00Z" });
      const now = await scheduleMeeting(t, facilitator, space.id, { scheduledAt: "2025-03-10T08:30:00Z" });
      const later = await scheduleMeeting(t, facilitator, space.id, { scheduledAt: "2025-03-17T09:00:00Z" });
      const soon = await scheduleMeeting(t, facilitator, space.id, { scheduledAt: "2025-03-11T09:00:00Z" });
      const listed = await call(t.app, viewer, "GET", `/api/spaces/${space.id}/meetings`);
      const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
      expect(ids(listed.body.upcoming)).toEqual([now.id, soon.id, later.id]);
      expect(ids(listed.body.past)).toEqual([earlier.id, longAgo.id]);
      expect(listed.body.upcoming[0].template).toBeUndefined();
    });

    it("lets facilitators change a meeting until it ends; the date follows the time", async () => {
      const t = await createTestApp(database());
      const { facilitator, member, space } = await team(t);
      const meeting = await scheduleMeeting(t, facilitator, space.id);
      const path = `/api/meetings/${meeting.id}`;
      expect((await call(t.app, member, "PATCH", path, { body: { title: "Mine" } })).status).toBe(403);
      const moved = await call(t.app, facilitator, "PATCH", path, {
        body: { title: "Moved", scheduledAt: "2025-03-14T10:00:00+09:00" },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        title: "Moved",
        scheduledAt: "2025-03-14T01:00:00.000Z",
        meetingDate: "2025-03-14",
      });

      await database().db.update(meetings).set({ status: "ended" }).where(eq(meetings.id, meeting.id));
      const late = await call(t.app, facilitator, "PATCH", path, { body: { title: "Too late" } });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe("the meeting has ended; it can no longer change");
      expect((await call(t.app, facilitator, "GET", `/api/meetings/${crypto.randomUUID()}`)).status).toBe(404);
    });

    it("lets members add their own pre-read rows and facilitators add anyone's", async () => {
      const t = await createTestApp(database());
      const { facilitator, member, other, viewer, space } = await team(t);
      const meeting = await scheduleMeeting(t, facilitator, space.id);
      const path = `/api/meetings/${meeting.id}/pre-read`;
      const own = await call(t.app, member, "POST", path, {
        body: { sectionId: "metrics", cells: { team: "Platform", velocity: "84" } },
      });
      expect(own.status).toBe(201);
      expect(own.body).toMatchObject({
        ownerId: member.user.id,
        ownerName: "Mei",
        position: 1,
        updatedBy: member.user.id,
      });
      expect(own.body.updatedAt).toBe(t.clock.now().toISOString());

      const forOther = await call(t.app, member, "POST", path, {
        body: { sectionId: "risks", ownerId: other.user.id, cells: {} },
      });
      expect(forOther.status).toBe(403);
      expect(forOther.body.error.message).toBe("only facilitators may add rows for others");
      expect((await call(t.app, viewer, "POST", path, { body: { sectionId: "risks", cells: {} } })).status).toBe(403);
      const assigned = await call(t.app, facilitator, "POST", path, {
        body: { sectionId: "risks", ownerId: other.user.id, cells: { text: "Vendor delay", rag: "red" } },
      });
      expect(assigned.status).toBe(201);
      expect(assigned.body.ownerName).toBe("Omar");

      const preRead = await call(t.app, viewer, "GET", path);
      expect(preRead.status).toBe(200);
      const sections = preRead.body.sections as { sectionId: string; rows: { id: string }[] }[];
      expect(sections.map((section) => section.sectionId)).toEqual(
        builtinTemplate("engineering-leadership-sync")
          .sections.filter((section) => section.columns?.length)
          .map((section) => section.id),
      );
      expect(sections.find((s) => s.sectionId === "metrics")?.rows.map((row) => row.id)).toEqual([own.body.id]);
      expect(sections.find((s) => s.sectionId === "risks")?.rows.map((row) => row.id)).toEqual([assigned.body.id]);
      const counted = await call(t.app, viewer, "GET", `/api/meetings/${meeting.id}`);
      expect(counted.body.counts.preReadRows).toBe(2);
    });

    it("checks pre-read rows against the meeting's template, naming the bad key", async () => {
      const t = await createTestApp(database());
      const { facilitator, member, space } = await team(t);
      const outsider = await signUp(t.app);
      const meeting = await scheduleMeeting(t, facilitator, space.id);
      const path = `/api/meetings/${meeting.id}/pre-read`;
      const section = await call(t.app, member, "POST", path, { body: { sectionId: "weather", cells: {} } });
      expect(section.status).toBe(400);
      expect(section.body.error.message).toMatch(/^body\.sectionId: no section "weather" in this meeting's template/);
      const prose = await call(t.app, member, "POST", path, { body: { sectionId: "decisions", cells: {} } });
      expect(prose.body.error.message).toMatch(/section "decisions" has no columns to fill/);
      const column = await call(t.app, member, "POST", path, {
        body: { sectionId: "metrics", cells: { team: "Platform", morale: "high" } },
      });
      expect(column.status).toBe(400);
      expect(column.body.error.message).toBe(
        'body.cells.morale: no column "morale" in section "metrics"; its columns are team, velocity, incidents, p1_mttr_min, open_reqs, attrition_90d',
      );
      const mistyped = await call(t.app, member, "POST", path, { body: { sectionId: "metrics", cells: { team: 3 } } });
      expect(mistyped.status).toBe(400);
      expect(mistyped.body.error.message).toMatch(/cells\.team: /);
      const stranger = await call(t.app, facilitator, "POST", path, {
        body: { sectionId: "metrics", ownerId: outsider.user.id, cells: {} },
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.message).toBe(`body.ownerId: ${outsider.user.id} is not a member of this Space`);
    });

    it("lets a row's owner edit its cells, facilitators edit and reassign any, and nobody else", async () => {
      const t = await createTestApp(database());
      const { owner, facilitator, member, other, viewer, space } = await team(t);
      const meeting = await scheduleMeeting(t, facilitator, space.id);
      const created = await call(t.app, member, "POST", `/api/meetings/${meeting.id}/pre-read`, {
        body: { sectionId: "metrics", cells: { team: "Platform" } },
      });
      const row = `/api/meetings/${meeting.id}/pre-read/${created.body.id}`;

      t.clock.advance(60_000);
      const edited = await call(t.app, member, "PATCH", row, { body: { cells: { velocity: "84" } } });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        cells: { team: "Platform", velocity: "84" },
        updatedBy: member.user.id,
        updatedAt: t.clock.now().toISOString(),
      });
      const assigned = await call(t.app, facilitator, "POST", `/api/meetings/${meeting.id}/pre-read`, {
        body: { sectionId: "risks", ownerId: member.user.id, cells: {} },
      });
      expect(assigned.body).toMatchObject({ ownerId: member.user.id, updatedAt: null, updatedBy: null });
      const filled = await call(t.app, member, "PATCH", `/api/meetings/${meeting.id}/pre-read/${assigned.body.id}`, {
        body: { cells: { text: "Vendor renewal" } },
      });
      expect(filled.body).toMatchObject({ updatedAt: t.clock.now().toISOString(), updatedBy: member.user.id });
      const byOther = await call(t.app, other, "PATCH", row, { body: { cells: { velocity: "1" } } });
      expect(byOther.status).toBe(403);
      expect(byOther.body.error.message).toBe("only the row's owner or a facilitator may edit it");
      expect((await call(t.app, viewer, "PATCH", row, { body: { cells: { velocity: "1" } } })).status).toBe(403);
      const selfReassign = await call(t.app, member, "PATCH", row, { body: { ownerId: other.user.id } });
      expect(selfReassign.status).toBe(403);
      expect(selfReassign.body.error.message).toBe("only facilitators may reassign a row");
      const badKey = await call(t.app, member, "PATCH", row, { body: { cells: { morale: "high" } } });
      expect(badKey.status).toBe(400);
      expect(badKey.body.error.message).toMatch(/^body\.cells\.morale: /);

      const reassigned = await call(t.app, facilitator, "PATCH", row, {
        body: { ownerId: other.user.id, cells: { incidents: "2" } },
      });
      expect(reassigned.body).toMatchObject({
        ownerId: other.user.id,
        ownerName: "Omar",
        updatedBy: facilitator.user.id,
      });
      expect((await call(t.app, other, "PATCH", row, { body: { cells: { velocity: "80" } } })).status).toBe(200);
      expect((await call(t.app, owner, "PATCH", row, { body: { cells: { velocity: "81" } } })).status).toBe(200);

      const elsewhere = await scheduleMeeting(t, facilitator, space.id);
      const wrongMeeting = `/api/meetings/${elsewhere.id}/pre-read/${created.body.id}`;
      expect((await call(t.app, facilitator, "PATCH", wrongMeeting, { body: { cells: {} } })).status).toBe(404);

      await database().db.update(meetings).set({ status: "ended" }).where(eq(meetings.id, meeting.id));
      expect((await call(t.app, other, "PATCH", row, { body: { cells: { velocity: "1" } } })).status).toBe(409);
      const afterEnd = await call(t.app, other, "POST", `/api/meetings/${meeting.id}/pre-read`, {
        body: { sectionId: "metrics", cells: {} },
      });
      expect(afterEnd.status).toBe(409);
      expect((await call(t.app, viewer, "GET", `/api/meetings/${meeting.id}/pre-read`)).status).toBe(200);
    });
  });
});
