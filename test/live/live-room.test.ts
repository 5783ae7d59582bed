import { randomBytes } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashSecret, SESSION_COOKIE } from "../../src/server/auth.js";
import { sessions } from "../../src/store/schema.js";
import { query } from "../../src/store/sql.js";
import { eachDatabase } from "../helpers/database.js";
import { createTestMeeting, createTestUser } from "../helpers/server.js";
import { call, liveUrl, upgradeStatus } from "./live-client.js";
import { liveFixture } from "./room-fixture.js";

describe("the live room", () => {
  eachDatabase((database) => {
    const { startServer, open, close } = liveFixture();

    async function setUp(status: "scheduled" | "live" = "live") {
      const server = await startServer(database());
      const member = await createTestUser(database(), "Priya Raman");
      const viewer = await createTestUser(database(), "Vera Viewer");
      const { meetingId } = await createTestMeeting(
        database(),
        [
          { user: member, role: "member" },
          { user: viewer, role: "viewer" },
        ],
        { status },
      );
      return { server, member, viewer, meetingId };
    }

    const rows = (statement: SQL) => query(database().db, statement);

    it("welcomes, then acks a segment only once it is stored, and broadcasts it", async () => {
      const { server, member, viewer, meetingId } = await setUp();
      const watcher = await open(server, meetingId, viewer);
      const sender = await open(server, meetingId, member, { client: "laptop" });
      expect(sender.messages[0]).toEqual({ type: "welcome", meetingId, status: "live", lastSeq: 0, canSend: true });
      expect(watcher.messages[0]).toMatchObject({ type: "welcome", canSend: false });

      const ack = await sender.sendSegment({ id: "a1", seq: 1, speaker: "Priya Raman", text: "Hello everyone." });
      expect(ack).toEqual({ type: "ack", id: "a1", seq: 1, position: 1, duplicate: false });
      // The ack came after the commit: the row is there the moment the sender hears back.
      expect(await rows(sql`SELECT id, position, sender FROM segments WHERE meeting_id = ${meetingId}`)).toEqual([
        { id: "a1", position: 1, sender: "laptop" },
      ]);
      const event = await watcher.waitFor((m) => m.type === "event" && m.event.kind === "segment");
      expect(event).toMatchObject({
        type: "event",
        seq: 1,
        segmentId: "a1",
        event: { kind: "segment", segment: { id: "a1", position: 1, speaker: "Priya Raman", text: "Hello everyone." } },
      });
      const [meeting] = await rows(
        sql`SELECT segment_count, last_event_seq, last_segment_at IS NOT NULL AS heard FROM meetings WHERE id = ${meetingId}`,
      );
      expect(meeting).toEqual({ segment_count: 1, last_event_seq: 1, heard: true });
    });

    it("ignores a segment sent twice: one row, and the second ack says duplicate", async () => {
      const { server, member, meetingId } = await setUp();
      const sender = await open(server, meetingId, member);
      const segment = { id: "dup", seq: 1, speaker: "Priya Raman", text: "We should ship on Friday." };
      sender.send({ type: "segment", start: 1, ...segment });
      sender.send({ type: "segment", start: 1, ...segment });
      await sender.waitFor((m) => m.type === "ack" && m.duplicate);
      const acks = sender.messages.filter((m) => m.type === "ack");
      expect(acks).toEqual([
        { type: "ack", id: "dup", seq: 1, position: 1, duplicate: false },
        { type: "ack", id: "dup", seq: 1, position: 1, duplicate: true },
      ]);
      expect(await rows(sql`SELECT count(*)::int AS n FROM segments WHERE meeting_id = ${meetingId}`)).toEqual([
        { n: 1 },
      ]);
      expect(sender.eventsOf("segment")).toHaveLength(1);
    });

    it("takes a resend after a reconnect: what was stored is acked as a duplicate, the rest is stored in order", async () => {
      const { server, member, meetingId } = await setUp();
      const first = await open(server, meetingId, member, { client: "laptop" });
      await first.sendSegment({ id: "r1", seq: 1, speaker: "Priya Raman", text: "First thing." });
      await first.sendSegment({ id: "r2", seq: 2, speaker: "Priya Raman", text: "Second thing." });
      const lastSeq = first.events().at(-1)?.seq ?? 0;
      await close(first);

      const again = await open(server, meetingId, member, { client: "laptop", after: lastSeq });
      expect(again.events()).toEqual([]);
      expect(
        await again.sendSegment({ id: "r2", seq: 2, speaker: "Priya Raman", text: "Second thing." }),
      ).toMatchObject({ position: 2, duplicate: true });
      expect(await again.sendSegment({ id: "r3", seq: 3, speaker: "Priya Raman", text: "Third thing." })).toMatchObject(
        {
          position: 3,
          duplicate: false,
        },
      );
      expect(await rows(sql`SELECT id FROM segments WHERE meeting_id = ${meetingId} ORDER BY position`)).toEqual([
        { id: "r1" },
        { id: "r2" },
        { id: "r3" },
      ]);
    });

    it("sends a reconnecting viewer exactly the events after the seq it names", async () => {
      const { server, member, viewer, meetingId } = await setUp();
      const sender = await open(server, meetingId, member);
      const lines = [
        "Priya, can you draft the migration plan for the billing service?",
        "Yes, I'll have it by Friday.",
        "My worry is the vendor contract could slip past the launch date.",
        "I'd call that one red.",
      ];
      for (const [i, text] of lines.entries()) {
        await sender.sendSegment({ id: `v${i}`, seq: i, speaker: i % 2 ? "Priya Raman" : "Darius Farahani", text });
      }
      const all = (await open(server, meetingId, viewer, { after: 0 })).events();
      expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
      expect(all.length).toBeGreaterThan(lines.length);
      const n = 3;
      const later = await open(server, meetingId, viewer, { after: n });
      expect(later.events()).toEqual(all.slice(n));
      // Without `after`, a connection starts at the present: no backlog, and the welcome says where that is.
      const fresh = await open(server, meetingId, viewer);
      expect(fresh.messages[0]).toMatchObject({ type: "welcome", lastSeq: all.length });
      expect(fresh.events()).toEqual([]);
      // And live events keep coming after the backlog, without a gap.
      await sender.sendSegment({ id: "v9", seq: 9, speaker: "Priya Raman", text: "Thanks all." });
      await later.waitForSeq(all.length + 1);
      await fresh.waitForSeq(all.length + 1);
      expect(fresh.events()[0]?.seq).toBe(all.length + 1);
      expect(later.events().map((e) => e.seq)).toEqual(
        all
          .slice(n)
          .map((e) => e.seq)
          .concat(all.length + 1),
      );
    });

    it("answers a bad message with an error naming the problem and keeps the connection", async () => {
      const { server, member, meetingId } = await setUp();
      const client = await open(server, meetingId, member);
      client.send("{not json");
      expect(await client.waitFor((m) => m.type === "error")).toMatchObject({
        code: "bad_input",
        message: expect.stringMatching(/^the message is not JSON/),
      });
      client.send({ type: "shout", ref: "x1" });
      expect(await client.waitFor((m) => m.type === "error" && m.ref === "x1")).toMatchObject({
        message: expect.stringContaining('unknown message (type "shout")'),
      });
      // A name every object has is no message type either (it used to throw, unanswered, inside the server).
      client.send({ type: "constructor", ref: "x2" });
      expect(await client.waitFor((m) => m.type === "error" && m.ref === "x2")).toMatchObject({
        message: expect.stringContaining('unknown message (type "constructor")'),
      });
      client.send({ type: "segment", id: "bad", seq: 1, speaker: null, text: "", start: null });
      expect(await client.waitFor((m) => m.type === "error" && m.id === "bad")).toMatchObject({
        code: "bad_input",
        message: expect.stringContaining("segment.text"),
      });
      client.send({ type: "ping", ref: "still-there" });
      expect(await client.waitFor((m) => m.type === "pong")).toEqual({ type: "pong", ref: "still-there" });
      expect(await client.sendSegment({ id: "ok", seq: 2, speaker: null, text: "Fine now." })).toMatchObject({
        type: "ack",
      });
    });

    it("lets a viewer watch but not send segments or reviews", async () => {
      const { server, viewer, meetingId } = await setUp();
      const client = await open(server, meetingId, viewer);
      client.send({ type: "segment", id: "v1", seq: 1, speaker: null, text: "Sneaky.", start: null });
      expect(await client.waitFor((m) => m.type === "error" && m.id === "v1")).toMatchObject({
        code: "forbidden",
        message: "viewers cannot send segments; this needs the member role",
      });
      client.send({ type: "confirm", itemId: "action-1", ref: "c1" });
      expect(await client.waitFor((m) => m.type === "error" && m.ref === "c1")).toMatchObject({ code: "forbidden" });
      client.send({ type: "ping" });
      await client.waitFor((m) => m.type === "pong");
      expect(await rows(sql`SELECT count(*)::int AS n FROM segments`)).toEqual([{ n: 0 }]);
    });

    it("starts a scheduled meeting on its first segment, and an ended meeting refuses new ones", async () => {
      const { server, member, meetingId } = await setUp("scheduled");
      const client = await open(server, meetingId, member);
      expect(client.messages[0]).toMatchObject({ status: "scheduled" });
      await client.sendSegment({ id: "s1", seq: 1, speaker: null, text: "Let's begin." });
      expect(client.events().map((e) => e.event)).toEqual([
        { kind: "meeting.status", status: "live" },
        expect.objectContaining({ kind: "segment" }),
      ]);
      expect(
        await call(server, member, "POST", `/api/meetings/${meetingId}/status`, { status: "ended" }),
      ).toMatchObject({ status: 403 });
      const [started] = await rows(sql`SELECT status, started_at IS NOT NULL AS started FROM meetings`);
      expect(started).toEqual({ status: "live", started: true });
    });

    it("refuses upgrades without a caller (401), from outsiders (404), and cookies from another site (403)", async () => {
      const { server, member, meetingId } = await setUp();
      const outsider = await createTestUser(database(), "Olga Outsider");
      const url = liveUrl(server, meetingId);
      expect(await upgradeStatus(url, {})).toBe(401);
      expect(await upgradeStatus(url, { authorization: "Bearer dkt_nope" })).toBe(401);
      expect(await upgradeStatus(url, { authorization: `Bearer ${outsider.token}` })).toBe(404);
      expect(await upgradeStatus(liveUrl(server, "not-a-uuid"), { authorization: `Bearer ${member.token}` })).toBe(400);

      const cookie = randomBytes(24).toString("base64url");
      await database()
        .db.insert(sessions)
        .values({
          id: hashSecret(cookie),
          userId: member.id,
          csrfToken: "csrf",
          expiresAt: new Date(Date.now() + 3_600_000),
        });
      const host = new URL(server.url).host;
      const asBrowser = { cookie: `${SESSION_COOKIE}=${cookie}` };
      expect(await upgradeStatus(url, { ...asBrowser, origin: "https://evil.example" })).toBe(403);
      expect(await upgradeStatus(url, asBrowser)).toBe(403);
      expect(await upgradeStatus(url, { ...asBrowser, origin: `http://${host}` })).toBe(101);
    });

    it("documents every live route in the OpenAPI document", async () => {
      const { server } = await setUp();
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
      for (const path of [
        "/api/meetings/{meetingId}/live",
        "/api/meetings/{meetingId}/status",
        "/api/meetings/{meetingId}/transcript",
        "/api/meetings/{meetingId}/items/{itemId}/review",
        "/api/meetings/{meetingId}/items",
        "/api/meetings/{meetingId}/segments",
        "/api/meetings/{meetingId}/events",
        "/api/meetings/{meetingId}/health",
        "/api/meetings/{meetingId}/notes.md",
        "/api/meetings/{meetingId}/notes.json",
      ]) {
        expect(doc.paths, path).toHaveProperty([path]);
      }
    });
  });
});
