import { type SQL, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ItemView } from "../../src/api/live-protocol.js";
import type { RunningServer } from "../../src/server/serve.js";
import { query } from "../../src/store/sql.js";
import { eachDatabase } from "../helpers/database.js";
import { createTestMeeting, createTestUser, type TestUser } from "../helpers/server.js";
import { call } from "./live-client.js";
import { liveFixture } from "./room-fixture.js";

// What the engine makes of it (see the engine's own tests): action-1 (Priya, confident) gets its due date from
// the second line; action-2 is a housekeeping suggestion below MIN_CONFIDENCE; risk-1 is rated red a line later.
const CONVERSATION: [string, string][] = [
  ["Darius Farahani", "Priya, can you draft the migration plan for the billing service?"],
  ["Priya Raman", "Yes, I'll have it by Friday."],
  ["Darius Farahani", "I'll drop the link in the doc."],
  ["Priya Raman", "My worry is the vendor contract could slip past the launch date."],
  ["Darius Farahani", "I'd call that one red."],
];

describe("reviews", () => {
  eachDatabase((database) => {
    const { startServer, open } = liveFixture();

    async function setUp() {
      const server = await startServer(database());
      const priya = await createTestUser(database(), "Priya Raman");
      const darius = await createTestUser(database(), "Darius Farahani");
      const viewer = await createTestUser(database(), "Vera Viewer");
      const { meetingId } = await createTestMeeting(
        database(),
        [
          { user: priya, role: "member" },
          { user: darius, role: "facilitator" },
          { user: viewer, role: "viewer" },
        ],
        { status: "live", meetingDate: "2025-03-14" },
      );
      const sender = await open(server, meetingId, darius, { client: "laptop" });
      const watcher = await open(server, meetingId, viewer);
      let seq = 0;
      const say = async (line: number) => {
        const [speaker, text] = CONVERSATION[line]!;
        seq += 1;
        const ack = await sender.sendSegment({ id: `c${line}`, seq, speaker, text });
        expect(ack.type).toBe("ack");
      };
      return { server, priya, darius, viewer, meetingId, sender, watcher, say };
    }

    const selectRows = (statement: SQL) => query(database().db, statement);

    async function items(server: RunningServer, meetingId: string, user: TestUser): Promise<ItemView[]> {
      const response = await call(server, user, "GET", `/api/meetings/${meetingId}/items`);
      expect(response.status).toBe(200);
      return response.body.items;
    }

    it("keeps a person's edit, with who and when, through a later engine update of the item", async () => {
      const { server, meetingId, priya, watcher, say, sender } = await setUp();
      await say(0);
      const added = await watcher.waitFor((m) => m.type === "event" && m.event.kind === "item.added");
      expect(added).toMatchObject({ event: { item: { id: "action-1", owner: "Priya Raman", review: "suggested" } } });

      const edited = await call(server, priya, "POST", `/api/meetings/${meetingId}/items/action-1/review`, {
        action: "edit",
        changes: { text: "Draft the billing migration plan", due: "2025-03-20" },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.item).toMatchObject({
        text: "Draft the billing migration plan",
        due: "2025-03-20",
        review: "confirmed",
        edited: ["text", "due"],
      });
      const reviewed = await watcher.waitFor((m) => m.type === "event" && m.event.kind === "item.reviewed");
      expect(reviewed).toMatchObject({
        event: {
          action: "edit",
          changes: { text: "Draft the billing migration plan", due: "2025-03-20" },
          by: { id: priya.id, name: "Priya Raman" },
        },
      });

      // "Yes, I'll have it by Friday." — the engine sets the due date (Friday the 21st) and raises its confidence.
      await say(1);
      const rows = await selectRows(
        sql`SELECT item->>'due' AS engine_due, edits, review, updated_by FROM items WHERE id = 'action-1'`,
      );
      expect(rows).toEqual([
        {
          engine_due: "2025-03-21",
          edits: { text: "Draft the billing migration plan", due: "2025-03-20" },
          review: "confirmed",
          updated_by: priya.id,
        },
      ]);
      const [action] = (await items(server, meetingId, priya)).filter((i) => i.id === "action-1");
      expect(action).toMatchObject({
        text: "Draft the billing migration plan",
        due: "2025-03-20",
        review: "confirmed",
      });
      expect(action?.confidence).toBeGreaterThan(0.9);
      // The engine's change to a field people set is not news; its other changes (the confidence) are.
      await watcher.waitFor(
        (m) => m.type === "event" && m.event.kind === "item.updated" && m.event.item.id === "action-1",
      );
      const updates = watcher.eventsOf("item.updated").filter((e) => e.item.id === "action-1");
      expect(updates.length).toBeGreaterThan(0);
      for (const update of updates) {
        expect(update.changed).not.toContain("due");
        expect(update.item.due).toBe("2025-03-20");
      }
      expect(
        await selectRows(sql`SELECT actor_id FROM events WHERE type = 'item.reviewed' AND meeting_id = ${meetingId}`),
      ).toEqual([{ actor_id: priya.id }]);
      expect(sender.messages.filter((m) => m.type === "error")).toEqual([]);
    });

    it("keeps a rejected item rejected when the engine later updates it", async () => {
      const { server, meetingId, priya, watcher, sender, say } = await setUp();
      await say(3);
      await watcher.waitFor((m) => m.type === "event" && m.event.kind === "item.added" && m.event.item.id === "risk-1");
      sender.send({ type: "reject", itemId: "risk-1", ref: "r1" });
      await watcher.waitFor((m) => m.type === "event" && m.event.kind === "item.reviewed");
      await say(4);
      const update = await watcher.waitFor(
        (m) => m.type === "event" && m.event.kind === "item.updated" && m.event.item.id === "risk-1",
      );
      expect(update).toMatchObject({ event: { item: { rag: "red", review: "rejected" } } });
      const [risk] = (await items(server, meetingId, priya)).filter((i) => i.id === "risk-1");
      expect(risk).toMatchObject({ rag: "red", review: "rejected" });
      expect(sender.messages.find((m) => m.type === "error")).toBeUndefined();
    });

    it("writes notes with confirmed items (suggestions too) and without rejected ones", async () => {
      const { server, meetingId, priya, darius, viewer, say } = await setUp();
      for (const line of [0, 1, 2, 3, 4]) await say(line);
      const before = await items(server, meetingId, viewer);
      const suggestion = before.find((i) => i.id === "action-2");
      expect(suggestion?.confidence).toBeLessThan(0.5);

      let notes = (await call(server, viewer, "GET", `/api/meetings/${meetingId}/notes.md`)).text;
      expect(notes).toContain("Draft the migration plan for the billing service");
      expect(notes).toContain("The vendor contract could slip past the launch date");
      expect(notes).not.toContain("Drop the link in the doc");

      const review = (itemId: string, body: object) =>
        call(server, priya, "POST", `/api/meetings/${meetingId}/items/${itemId}/review`, body);
      expect((await review("action-2", { action: "confirm" })).status).toBe(200);
      expect((await review("risk-1", { action: "reject" })).status).toBe(200);
      expect((await review("nope-1", { action: "confirm" })).status).toBe(404);
      expect((await review("action-1", { action: "edit", changes: {} })).status).toBe(400);
      expect(
        (await call(server, viewer, "POST", `/api/meetings/${meetingId}/items/action-1/review`, { action: "confirm" }))
          .status,
      ).toBe(403);

      const md = await fetch(`${server.url}/api/meetings/${meetingId}/notes.md`, {
        headers: { authorization: `Bearer ${darius.token}` },
      });
      expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
      notes = await md.text();
      expect(notes).toContain("Draft the migration plan for the billing service");
      expect(notes).toContain("Drop the link in the doc");
      expect(notes).not.toContain("The vendor contract could slip past the launch date");

      const json = await call(server, viewer, "GET", `/api/meetings/${meetingId}/notes.json`);
      expect(json.status).toBe(200);
      const ids = (json.body.sections as { items: { id: string }[] }[]).flatMap((s) => s.items.map((i) => i.id));
      expect(ids).toEqual(expect.arrayContaining(["action-1", "action-2"]));
      expect(ids).not.toContain("risk-1");
    });
  });
});
