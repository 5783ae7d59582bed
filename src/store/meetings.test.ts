import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eachDatabase } from "../../test/helpers/database.js";
import { builtinTemplate } from "../../test/helpers/meeting.js";
import { createTestMeeting, createTestUser } from "../../test/helpers/server.js";
import {
  createMeeting,
  createPreReadRow,
  findMeeting,
  listMeetings,
  listPreReadRows,
  updateMeeting,
  updatePreReadRow,
} from "./meetings.js";
import { meetings, spaces } from "./schema.js";

describe("meetings in the store", () => {
  eachDatabase((database) => {
    it("copies the Space's template into the meeting, so later changes to the Space leave it as it was", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const { spaceId } = await createTestMeeting(database(), [{ user: ana, role: "owner" }]);
      await db.update(spaces).set({ timezone: "Asia/Tokyo" }).where(eq(spaces.id, spaceId));
      const meeting = await createMeeting(db, {
        spaceId,
        title: null,
        scheduledAt: new Date("2025-03-20T23:00:00Z"),
        attendees: [{ name: "Ana", userId: ana.id }],
        createdBy: ana.id,
      });
      expect(meeting).toMatchObject({
        status: "scheduled",
        meetingDate: "2025-03-21",
        title: "Test Space, 2025-03-21",
      });
      expect(meeting.template.id).toBe("engineering-leadership-sync");
      await db
        .update(spaces)
        .set({ templateId: "team-sync", template: builtinTemplate("team-sync") })
        .where(eq(spaces.id, spaceId));
      expect((await findMeeting(db, meeting.id))?.template).toEqual(builtinTemplate("engineering-leadership-sync"));
      expect((await listMeetings(db, spaceId)).map((row) => row.meetingDate)).toEqual(["2025-03-14", "2025-03-21"]);
    });

    it("moves the meeting date with the time, and refuses changes once the meeting has ended", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const { meetingId } = await createTestMeeting(database(), [{ user: ana, role: "owner" }]);
      const moved = await updateMeeting(db, meetingId, { scheduledAt: new Date("2025-04-01T10:00:00Z") });
      expect(moved.meetingDate).toBe("2025-04-01");
      await db.update(meetings).set({ status: "ended" }).where(eq(meetings.id, meetingId));
      await expect(updateMeeting(db, meetingId, { title: "Renamed" })).rejects.toMatchObject({ code: "conflict" });
      await expect(updateMeeting(db, crypto.randomUUID(), { title: "x" })).rejects.toMatchObject({ code: "not_found" });
    });

    it("appends pre-read rows in order and merges edited cells into the row", async () => {
      const { db } = database();
      const ana = await createTestUser(database(), "Ana");
      const ben = await createTestUser(database(), "Ben");
      const { meetingId } = await createTestMeeting(database(), [{ user: ana, role: "owner" }]);
      const now = new Date("2025-03-10T09:00:00Z");
      const base = { meetingId, sectionId: "metrics", createdBy: ana.id, now };
      const first = await createPreReadRow(db, { ...base, ownerId: ana.id, cells: { team: "Platform" } });
      const second = await createPreReadRow(db, { ...base, ownerId: ben.id, cells: { team: "Mobile" } });
      expect([first.position, second.position]).toEqual([1, 2]);
      expect(second.ownerName).toBe("Ben");
      const later = new Date("2025-03-11T09:00:00Z");
      const edited = await updatePreReadRow(db, meetingId, first.id, {
        cells: { velocity: "84" },
        updatedBy: ben.id,
        now: later,
      });
      expect(edited).toMatchObject({
        cells: { team: "Platform", velocity: "84" },
        updatedBy: ben.id,
        updatedAt: later,
      });
      expect((await listPreReadRows(db, meetingId)).map((row) => row.cells.team)).toEqual(["Platform", "Mobile"]);
    });
  });
});
