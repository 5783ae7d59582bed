import { describe, expect, it } from "vitest";
import { testClock } from "../../test/helpers/api.js";
import { eachDatabase } from "../../test/helpers/database.js";
import { createTestMeeting, createTestUser } from "../../test/helpers/server.js";
import type { ServerMessage } from "../api/live-protocol.js";
import { createLive } from "./create-live.js";
import { LiveHub, type Peer } from "./hub.js";
import { type IncomingSegment, LivePipeline } from "./pipeline.js";

function fakePeer(buffered = () => 0) {
  const messages: ServerMessage[] = [];
  const closed: { code: number; reason: string }[] = [];
  const peer: Peer = {
    send: (data) => messages.push(JSON.parse(String(data))),
    bufferedAmount: buffered,
    close: (code, reason) => closed.push({ code, reason }),
  };
  return { peer, messages, closed };
}

const segment = (id: string, text: string, speaker: string | null = null): IncomingSegment => ({
  id,
  speaker,
  text,
  start: null,
  end: null,
  senderSeq: null,
});

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe("the hub", () => {
  eachDatabase((database) => {
    async function setUp() {
      const clock = testClock(new Date("2025-03-14T15:00:00.000Z"));
      const live = createLive({ database: database(), now: clock.now, healthIntervalMs: 20 });
      const priya = await createTestUser(database(), "Priya Raman");
      const { meetingId } = await createTestMeeting(database(), [{ user: priya, role: "member" }], { status: "live" });
      const sender = { client: "laptop", user: priya.name, userId: priya.id };
      const say = (id: string, text: string) =>
        live.pipeline.addSegments(meetingId, [segment(id, text, "Priya Raman")], sender);
      // Another process: same database, its own pipeline, no sockets here.
      const elsewhere = new LivePipeline({
        database: database(),
        now: () => new Date(),
        origin: "other",
        onCommit: () => {},
      });
      const sayElsewhere = (id: string, text: string) => elsewhere.addSegments(meetingId, [segment(id, text)], sender);
      return { live, clock, meetingId, say, sayElsewhere };
    }

    it("tells a live room every few seconds how capture is doing, with a warning once it has gone quiet", async () => {
      const { live, clock, meetingId, say } = await setUp();
      const { peer, messages } = fakePeer();
      const membership = live.hub.join(meetingId, peer, { after: 0, canSend: true });
      await membership.ready;
      await say("h1", "Hello.");
      clock.advance(61_000);
      await until(() => messages.some((m) => m.type === "health" && m.health.warning !== null));
      const warned = messages.find((m) => m.type === "health" && m.health.warning !== null);
      expect(warned).toMatchObject({ health: { warning: "No transcript for 61 s — is capture still running?" } });
      membership.leave();
      expect(live.hub.roomCount).toBe(0);
    });

    it("closes a connection that has fallen too far behind, telling it where to resume", async () => {
      const { live, meetingId, say } = await setUp();
      let backlog = 0;
      const slow = fakePeer(() => backlog);
      const membership = live.hub.join(meetingId, slow.peer, { after: 0, canSend: false });
      await membership.ready;
      await say("s1", "One.");
      await until(() => slow.messages.some((m) => m.type === "event"));
      backlog = 64 * 1024 * 1024;
      await say("s2", "Two.");
      await until(() => slow.closed.length > 0);
      expect(slow.closed).toEqual([{ code: 1013, reason: "falling behind: reconnect with after=1" }]);
      membership.leave();
      expect(live.hub.roomCount).toBe(0);
    });

    it("catches up on its own when notifications are lost", async () => {
      const { meetingId, sayElsewhere } = await setUp();
      // A database whose LISTEN hears nothing, as when the listening connection dropped for a while.
      const deaf = { ...database(), listen: async () => async () => {} };
      const hub = new LiveHub({ database: deaf, origin: "deaf", now: () => new Date(), healthIntervalMs: 20 });
      const { peer, messages } = fakePeer();
      const membership = hub.join(meetingId, peer, { after: 0, canSend: false });
      await membership.ready;
      await sayElsewhere("x1", "Hello?");
      await until(() => messages.some((m) => m.type === "event"));
      expect(messages.filter((m) => m.type === "event")).toMatchObject([{ seq: 1, segmentId: "x1" }]);
      membership.leave();
    });

    it("reads the open connections' rights again on its own cadence, not at every health tick", async () => {
      const { meetingId } = await setUp();
      const hubWith = (accessCheckIntervalMs: number | undefined) => {
        const checks = { count: 0 };
        const hub = new LiveHub({
          database: database(),
          origin: "rights",
          now: () => new Date(),
          healthIntervalMs: 20,
          checkAccess: async () => {
            checks.count += 1;
          },
          ...(accessCheckIntervalMs === undefined ? {} : { accessCheckIntervalMs }),
        });
        const membership = hub.join(meetingId, fakePeer().peer, { after: null, canSend: false });
        return { checks, membership };
      };
      const often = hubWith(30);
      const byDefault = hubWith(undefined);
      await Promise.all([often.membership.ready, byDefault.membership.ready]);
      await until(() => often.checks.count >= 3);
      // Many health ticks have passed meanwhile; the default (a minute) has not read the rights once.
      expect(byDefault.checks.count).toBe(0);
      often.membership.leave();
      byDefault.membership.leave();
      // No room left: the reads stop with the ticker.
      const stoppedAt = often.checks.count;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(often.checks.count).toBeLessThanOrEqual(stoppedAt + 1);
    });

    it("sends events committed elsewhere before its own later ones, in seq order", async () => {
      const { live, meetingId, say, sayElsewhere } = await setUp();
      const { peer, messages } = fakePeer();
      const membership = live.hub.join(meetingId, peer, { after: 0, canSend: false });
      await membership.ready;
      await say("a1", "Here first.");
      await sayElsewhere("b1", "From elsewhere.");
      await say("a2", "Here again.");
      await until(() => messages.filter((m) => m.type === "event").length >= 3);
      const events = messages.filter((m) => m.type === "event");
      expect(events.map((m) => (m.type === "event" ? [m.seq, m.segmentId] : null))).toEqual([
        [1, "a1"],
        [2, "b1"],
        [3, "a2"],
      ]);
      membership.leave();
    });
  });
});
