// Rights on open live connections: a role change, a removal, a revoked token or an ended session takes effect on
// sockets already open, at once and on every process, not only when a socket opens.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../../src/api/live-protocol.js";
import { hashSecret, SESSION_COOKIE } from "../../src/server/auth.js";
import type { RunningServer } from "../../src/server/serve.js";
import { memberships, sessions } from "../../src/store/schema.js";
import { testClock } from "../helpers/api.js";
import { databaseKinds, eachDatabase, twoProcessDatabases } from "../helpers/database.js";
import { createTestMeeting, createTestUser, type TestUser } from "../helpers/server.js";
import { call, type LiveClient } from "./live-client.js";
import { liveFixture } from "./room-fixture.js";

type ErrorMessage = Extract<ServerMessage, { type: "error" }>;

/** Whether the client received a segment event with this text. */
function heard(client: LiveClient, text: string): boolean {
  return client.eventsOf("segment").some((event) => event.segment.text === text);
}

/** Sends a segment as `sender` and waits until `watcher` has its event: everything committed before it has been sent. */
async function say(sender: LiveClient, watcher: LiveClient, id: string, text: string): Promise<void> {
  const ack = await sender.sendSegment({ id, seq: 1, speaker: "Priya Raman", text });
  expect(ack).toMatchObject({ type: "ack", id });
  await watcher.waitFor((m) => m.type === "event" && m.event.kind === "segment" && m.event.segment.text === text);
}

describe("rights on open live connections", () => {
  eachDatabase((database) => {
    const { startServer, open } = liveFixture();

    async function setUp(now?: () => Date) {
      // The rights are read again every 200 ms (60 s by default): the lost-notification test waits for that read.
      const server = await startServer(database(), now, { live: { accessCheckIntervalMs: 200 } });
      const owner = await createTestUser(database(), "Ana Owner");
      const priya = await createTestUser(database(), "Priya Raman");
      const ben = await createTestUser(database(), "Ben Member");
      const { spaceId, meetingId } = await createTestMeeting(
        database(),
        [
          { user: owner, role: "owner" },
          { user: priya, role: "member" },
          { user: ben, role: "member" },
        ],
        { status: "live" },
      );
      const watcher = await open(server, meetingId, priya, { client: "priya" });
      return { server, owner, priya, ben, spaceId, meetingId, watcher };
    }

    /** A browser session for the user, written straight to the database; the headers a same-origin socket sends. */
    async function sessionFor(server: RunningServer, user: TestUser, expiresAt: Date) {
      const cookie = randomBytes(24).toString("base64url");
      await database()
        .db.insert(sessions)
        .values({ id: hashSecret(cookie), userId: user.id, csrfToken: "csrf", expiresAt });
      const headers = { cookie: `${SESSION_COOKIE}=${cookie}`, origin: server.url };
      return { headers, writeHeaders: { ...headers, "x-csrf-token": "csrf" } };
    }

    it("keeps a member demoted to viewer watching, and refuses their writes saying why", async () => {
      const { server, owner, ben, spaceId, meetingId, watcher } = await setUp();
      const socket = await open(server, meetingId, ben, { client: "ben" });
      expect(await socket.sendSegment({ id: "b1", seq: 1, speaker: "Ben", text: "Before the change." })).toMatchObject({
        type: "ack",
      });

      const demoted = await call(server, owner, "PATCH", `/api/spaces/${spaceId}/members/${ben.id}`, {
        role: "viewer",
      });
      expect(demoted.status).toBe(200);
      const refused = await socket.sendSegment({ id: "b2", seq: 2, speaker: "Ben", text: "After the change." });
      expect(refused).toEqual({
        type: "error",
        id: "b2",
        code: "forbidden",
        message:
          "your role in this Space was changed to viewer: viewers cannot send segments; this needs the member role",
      });
      socket.send({ type: "confirm", itemId: "action-1", ref: "r1" });
      expect(await socket.waitFor<ErrorMessage>((m) => m.type === "error" && m.ref === "r1")).toMatchObject({
        code: "forbidden",
        message: expect.stringContaining("viewers cannot review items"),
      });
      expect(watcher.messages.some((m) => m.type === "event" && m.segmentId === "b2")).toBe(false);

      // Still in the room: it hears what others say.
      await say(watcher, watcher, "p1", "We keep the launch date.");
      await socket.waitFor((m) => m.type === "event" && m.segmentId === "p1");

      // Made a member again, the same socket may send.
      await call(server, owner, "PATCH", `/api/spaces/${spaceId}/members/${ben.id}`, { role: "member" });
      expect(await socket.sendSegment({ id: "b3", seq: 3, speaker: "Ben", text: "Back again." })).toMatchObject({
        type: "ack",
      });
    });

    it("closes a removed member's connection at once; it hears nothing said after the removal", async () => {
      const { server, owner, ben, spaceId, meetingId, watcher } = await setUp();
      const socket = await open(server, meetingId, ben, { client: "ben" });
      await say(watcher, socket, "p1", "Everyone hears this.");

      const removed = await call(server, owner, "DELETE", `/api/spaces/${spaceId}/members/${ben.id}`);
      expect(removed.status).toBe(204);
      // Said the moment the removal is answered, before the removed socket could do anything.
      await say(watcher, watcher, "p2", "Confidential: the acquisition closes on Friday.");
      expect(await socket.closed()).toEqual({ code: 4403, reason: "you are no longer a member of this Space" });
      expect(heard(socket, "Everyone hears this.")).toBe(true);
      expect(heard(socket, "Confidential: the acquisition closes on Friday.")).toBe(false);
      expect(socket.messages.filter((m) => m.type === "health").length).toBeGreaterThan(0);
    });

    it("closes the connections of a revoked API token, and of a deleted Space", async () => {
      const { server, owner, ben, meetingId, spaceId, watcher } = await setUp();
      const socket = await open(server, meetingId, ben, { client: "script" });
      const [token] = (await call(server, ben, "GET", "/api/tokens")).body as { id: string }[];
      expect((await call(server, ben, "DELETE", `/api/tokens/${token?.id}`)).status).toBe(204);
      await say(watcher, watcher, "p1", "Said after the token was revoked.");
      expect(await socket.closed()).toEqual({ code: 4401, reason: "the API token was revoked" });
      expect(heard(socket, "Said after the token was revoked.")).toBe(false);

      expect((await call(server, owner, "DELETE", `/api/spaces/${spaceId}`)).status).toBe(204);
      expect(await watcher.closed()).toEqual({ code: 4404, reason: "the Space was deleted" });
    });

    it("follows a change whose notification was lost at the next periodic read of the rights", async () => {
      const { server, ben, meetingId, spaceId } = await setUp();
      const cai = await createTestUser(database(), "Cai Member");
      await database().db.insert(memberships).values({ spaceId, userId: cai.id, role: "member" });
      const benSocket = await open(server, meetingId, ben, { client: "ben" });
      const caiSocket = await open(server, meetingId, cai, { client: "cai" });
      // A message is answered once the connection has read its rights after joining: from here only the tick looks.
      for (const socket of [benSocket, caiSocket]) {
        socket.send({ type: "ping", ref: "joined" });
        await socket.waitFor((m) => m.type === "pong");
      }
      // Written around the store: no notification is sent, as when the LISTEN connection was down.
      await database()
        .db.update(memberships)
        .set({ role: "viewer" })
        .where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, ben.id)));
      await database()
        .db.delete(memberships)
        .where(and(eq(memberships.spaceId, spaceId), eq(memberships.userId, cai.id)));
      expect(await caiSocket.closed()).toEqual({ code: 4403, reason: "you are no longer a member of this Space" });
      expect(await benSocket.sendSegment({ id: "b1", seq: 1, speaker: "Ben", text: "Still a member?" })).toMatchObject({
        type: "error",
        code: "forbidden",
      });
    });

    it("closes a session's connections when it signs out, and when it expires", async () => {
      const clock = testClock(new Date());
      const { server, ben, meetingId, watcher } = await setUp(clock.now);
      const session = await sessionFor(server, ben, new Date(clock.now().getTime() + 3_600_000));
      const socket = await open(server, meetingId, ben, { client: "tab" }, session.headers);
      const signedOut = await fetch(`${server.url}/api/auth/sign-out`, {
        method: "POST",
        headers: session.writeHeaders,
      });
      expect(signedOut.status).toBe(204);
      await say(watcher, watcher, "p1", "Said after signing out.");
      expect(await socket.closed()).toEqual({ code: 4401, reason: "the session ended (signed out)" });
      expect(heard(socket, "Said after signing out.")).toBe(false);

      // A session that runs out is checked at the connection's next message, whatever its timer says.
      const short = await sessionFor(server, ben, new Date(clock.now().getTime() + 60_000));
      const tab = await open(server, meetingId, ben, { client: "tab" }, short.headers);
      tab.send({ type: "ping", ref: "before" });
      await tab.waitFor((m) => m.type === "pong");
      clock.advance(61_000);
      tab.send({ type: "segment", id: "t1", seq: 1, speaker: "Ben", text: "Too late.", start: null });
      expect(await tab.closed()).toEqual({ code: 4401, reason: "the session expired; sign in again" });
      expect(tab.messages.some((m) => m.type === "ack")).toBe(false);
    });
  });
});

describe.runIf(databaseKinds().includes("postgres"))("rights on live connections across two servers", () => {
  const { first, second } = twoProcessDatabases();
  const { startServer, open } = liveFixture();

  it("follows a demotion and a removal made through server A on sockets held by server B", async () => {
    const a = await startServer(first());
    const b = await startServer(second());
    const owner = await createTestUser(first(), "Ana Owner");
    const priya = await createTestUser(first(), "Priya Raman");
    const ben = await createTestUser(first(), "Ben Member");
    const cai = await createTestUser(first(), "Cai Member");
    const { spaceId, meetingId } = await createTestMeeting(
      first(),
      [
        { user: owner, role: "owner" },
        { user: priya, role: "member" },
        { user: ben, role: "member" },
        { user: cai, role: "member" },
      ],
      { status: "live" },
    );
    const onA = await open(a, meetingId, priya, { client: "priya" });
    const benOnB = await open(b, meetingId, ben, { client: "ben" });
    const caiOnB = await open(b, meetingId, cai, { client: "cai" });
    expect(await benOnB.sendSegment({ id: "b1", seq: 1, speaker: "Ben", text: "Hello from B." })).toMatchObject({
      type: "ack",
    });

    expect((await call(a, owner, "PATCH", `/api/spaces/${spaceId}/members/${ben.id}`, { role: "viewer" })).status).toBe(
      200,
    );
    expect((await call(a, owner, "DELETE", `/api/spaces/${spaceId}/members/${cai.id}`)).status).toBe(204);
    // Committed after both changes: once B has sent this, it has heard of them (one channel, in commit order).
    await say(onA, benOnB, "p1", "Confidential: said through A after the removal.");

    expect(await caiOnB.closed()).toEqual({ code: 4403, reason: "you are no longer a member of this Space" });
    expect(heard(caiOnB, "Confidential: said through A after the removal.")).toBe(false);
    expect(await benOnB.sendSegment({ id: "b2", seq: 2, speaker: "Ben", text: "Still sending?" })).toMatchObject({
      type: "error",
      code: "forbidden",
      message: expect.stringContaining("your role in this Space was changed to viewer"),
    });
    expect(onA.messages.some((m) => m.type === "event" && m.segmentId === "b2")).toBe(false);
  });
});
