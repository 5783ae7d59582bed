// Past capacity the server tells live senders to slow down instead of queueing without bound: a segment over the
// backlog limit is refused (not stored, not acked) with a time to wait, and the senders back off and send again
// until every segment is stored once, in the order each sender sent them.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../../src/api/live-protocol.js";
import { type AckMessage, LiveClient as NodeLiveClient } from "../../src/client/live-client.js";
import { query } from "../../src/store/sql.js";
import { eachDatabase } from "../helpers/database.js";
import { createTestMeeting, createTestUser } from "../helpers/server.js";
import { liveFixture } from "./room-fixture.js";

type Reply = Extract<ServerMessage, { type: "ack" | "error" }>;

const line = (i: number) => `Line ${i}: we keep the launch on the fourteenth and Ana owns the vendor call.`;

describe("back-pressure on live senders", () => {
  eachDatabase((database) => {
    const { startServer, open } = liveFixture();
    const storedIds = async (meetingId: string, client?: string) =>
      (
        await query<{ id: string }>(
          database().db,
          client === undefined
            ? sql`SELECT id FROM segments WHERE meeting_id = ${meetingId} ORDER BY position`
            : sql`SELECT id FROM segments WHERE meeting_id = ${meetingId} AND sender = ${client} ORDER BY position`,
        )
      ).map((row) => row.id);

    it("refuses a segment past the limit with a time to wait, and later ones until that one is sent again", async () => {
      const server = await startServer(database(), undefined, { live: { backlog: { maxWaiting: 1 } } });
      const priya = await createTestUser(database(), "Priya Raman");
      const { meetingId } = await createTestMeeting(database(), [{ user: priya, role: "member" }], { status: "live" });
      const socket = await open(server, meetingId, priya, { client: "laptop" });

      const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);
      for (const [i, id] of ids.entries()) {
        socket.send({ type: "segment", id, seq: i + 1, speaker: "Priya Raman", text: line(i), start: null });
      }
      const replies = await Promise.all(
        ids.map((id) => socket.waitFor<Reply>((m) => (m.type === "ack" || m.type === "error") && m.id === id)),
      );
      // One segment may wait at a time, and a burst arrives faster than a transaction: some are refused.
      const refused = replies.filter((reply) => reply.type === "error");
      expect(refused.length).toBeGreaterThan(0);
      for (const reply of refused) {
        expect(reply).toEqual({
          type: "error",
          id: reply.id,
          code: "rate_limited",
          retryAfterMs: expect.any(Number),
          message: `the server is busy: slow down and send again in ${(reply as { retryAfterMs: number }).retryAfterMs} ms`,
        });
        expect((reply as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(100);
      }
      // Once one is refused, every later one is too: what was stored is a prefix of what was sent, in order.
      const firstRefused = replies.findIndex((reply) => reply.type === "error");
      expect(replies.slice(firstRefused).every((reply) => reply.type === "error")).toBe(true);
      const acked = ids.slice(0, firstRefused);
      expect(await storedIds(meetingId)).toEqual(acked);

      // A later segment sent first is still refused; the first refused one is taken, then the rest.
      const later = ids[firstRefused + 1];
      if (later !== undefined) {
        const refusalsOf = (id: string) => socket.messages.filter((m) => m.type === "error" && m.id === id);
        const before = refusalsOf(later).length;
        socket.send({ type: "segment", id: later, seq: 99, speaker: "Priya Raman", text: "Out of turn.", start: null });
        await socket.waitFor(() => refusalsOf(later).length > before);
        expect(refusalsOf(later).at(-1)).toMatchObject({ code: "rate_limited" });
        expect(await storedIds(meetingId)).toEqual(acked);
      }
      for (const [i, id] of ids.entries()) {
        if (i < firstRefused) continue;
        socket.send({ type: "segment", id, seq: i + 1, speaker: "Priya Raman", text: line(i), start: null });
        expect(await socket.waitFor((m) => m.type === "ack" && m.id === id)).toMatchObject({ duplicate: false });
      }
      expect(await storedIds(meetingId)).toEqual(ids);
    });

    it("has several senders in a burst back off as told, until every segment is stored once, in order", async () => {
      const server = await startServer(database(), undefined, { live: { backlog: { maxWaiting: 3 } } });
      const priya = await createTestUser(database(), "Priya Raman");
      const ana = await createTestUser(database(), "Ana Ortiz");
      const members = [
        { user: priya, role: "member" as const },
        { user: ana, role: "member" as const },
      ];
      const first = await createTestMeeting(database(), members, { status: "live" });
      const second = await createTestMeeting(database(), members, { status: "live" });
      // Two senders in one meeting, one in another: the limit is the process's, across meetings.
      const senders = [
        { meetingId: first.meetingId, token: priya.token, client: "priya-laptop" },
        { meetingId: first.meetingId, token: ana.token, client: "ana-phone" },
        { meetingId: second.meetingId, token: priya.token, client: "room-mic" },
      ];
      const clients = await Promise.all(
        senders.map(({ meetingId, token, client }) =>
          NodeLiveClient.connect({ server: server.url, meetingId, token, client }),
        ),
      );
      try {
        const count = 30;
        const acks = await Promise.all(
          clients.map((client, c) =>
            Promise.all(
              Array.from({ length: count }, (_, i) =>
                client.send({ id: `${c}-${i}`, seq: i + 1, speaker: null, text: line(i), start: i }),
              ),
            ),
          ),
        );
        const slowDowns = clients.reduce((sum, client) => sum + client.stats.slowDowns, 0);
        expect(slowDowns).toBeGreaterThan(0);
        for (const [c, { meetingId, client }] of senders.entries()) {
          const sent = Array.from({ length: count }, (_, i) => `${c}-${i}`);
          expect((acks[c] as AckMessage[]).map((ack) => ack.id)).toEqual(sent);
          expect((acks[c] as AckMessage[]).every((ack) => !ack.duplicate)).toBe(true);
          // Stored once each, in the order this sender sent them.
          expect(await storedIds(meetingId, client)).toEqual(sent);
        }
        expect(await storedIds(first.meetingId)).toHaveLength(2 * count);
        expect(await storedIds(second.meetingId)).toHaveLength(count);
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
    });
  });
});
