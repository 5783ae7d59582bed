import { describe, expect, it } from "vitest";
import type { CaptureHealth, ServerMessage } from "../../src/api/live-protocol.js";
import { testClock } from "../helpers/api.js";
import { databaseKinds, eachDatabase, twoProcessDatabases } from "../helpers/database.js";
import { createTestMeeting, createTestUser } from "../helpers/server.js";
import { call } from "./live-client.js";
import { liveFixture } from "./room-fixture.js";

const LINES: [string, string][] = [
  ["Darius Farahani", "Priya, can you draft the migration plan for the billing service?"],
  ["Priya Raman", "Yes, I'll have it by Friday."],
  ["Priya Raman", "My worry is the vendor contract could slip past the launch date."],
  ["Darius Farahani", "I'd call that one red."],
];

describe.runIf(databaseKinds().includes("postgres"))("two servers on one PostgreSQL database", () => {
  const { first, second } = twoProcessDatabases();
  const { startServer, open } = liveFixture();

  it("shows a viewer on server B, in order and without gaps, what was sent to server A", async () => {
    const a = await startServer(first());
    const b = await startServer(second());
    const priya = await createTestUser(first(), "Priya Raman");
    const viewer = await createTestUser(first(), "Vera Viewer");
    const { meetingId } = await createTestMeeting(
      first(),
      [
        { user: priya, role: "member" },
        { user: viewer, role: "viewer" },
      ],
      { status: "live" },
    );
    const onB = await open(b, meetingId, viewer);
    const alsoOnA = await open(a, meetingId, viewer);
    const sender = await open(a, meetingId, priya, { client: "laptop" });

    for (const [i, [speaker, text]] of LINES.entries()) {
      await sender.sendSegment({ id: `f${i}`, seq: i + 1, speaker, text });
    }
    // A review made through server B reaches viewers on A as well.
    const review = await call(b, priya, "POST", `/api/meetings/${meetingId}/items/risk-1/review`, {
      action: "edit",
      changes: { owner: "Priya Raman" },
    });
    expect(review.status).toBe(200);
    const last = review.body.seq as number;
    await onB.waitForSeq(last);
    await alsoOnA.waitForSeq(last);

    expect(onB.events().map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(onB.events()).toEqual(alsoOnA.events());
    expect(onB.eventsOf("item.added").map((e) => e.item.id)).toEqual(["action-1", "risk-1"]);
    expect(onB.eventsOf("item.updated").at(-1)?.item).toMatchObject({ id: "risk-1", rag: "red" });
    expect(onB.eventsOf("item.reviewed")).toHaveLength(1);

    // B's room learned who is sending from the events it read, and announced the new sender at once.
    const health = await onB.waitFor<Extract<ServerMessage, { type: "health" }>>(
      (m) => m.type === "health" && m.health.senders.length > 0,
    );
    expect(health.health.senders).toEqual([
      expect.objectContaining({ client: "laptop", user: "Priya Raman", segments: 1 }),
    ]);
    const now = (await call(b, viewer, "GET", `/api/meetings/${meetingId}/health`)).body as CaptureHealth;
    expect(now.senders).toEqual([expect.objectContaining({ client: "laptop", segments: LINES.length })]);
  });
});

describe("capture health", () => {
  eachDatabase((database) => {
    const { startServer, open } = liveFixture();

    it("names the senders and warns when a live meeting has heard nothing for longer than the Space allows", async () => {
      const clock = testClock(new Date("2025-03-14T15:00:00.000Z"));
      const server = await startServer(database(), clock.now);
      const priya = await createTestUser(database(), "Priya Raman");
      const { meetingId } = await createTestMeeting(database(), [{ user: priya, role: "member" }], {
        status: "scheduled",
      });
      const health = async () =>
        (await call(server, priya, "GET", `/api/meetings/${meetingId}/health`)).body as CaptureHealth;
      expect(await health()).toEqual({ status: "scheduled", senders: [], lastSegmentAt: null, warning: null });

      const sender = await open(server, meetingId, priya, { client: "zoom-app" });
      await sender.sendSegment({ id: "h1", seq: 1, speaker: "Priya Raman", text: "Can everyone hear me?" });
      // A new sender is news: everyone in the room hears the health at once.
      const announced = await sender.waitFor<Extract<ServerMessage, { type: "health" }>>(
        (m) => m.type === "health" && m.health.senders.length === 1,
      );
      const heardAt = clock.now().toISOString();
      const sender1 = { client: "zoom-app", user: "Priya Raman", lastSegmentAt: heardAt, segments: 1 };
      expect(announced.health).toEqual({
        status: "live",
        senders: [sender1],
        lastSegmentAt: heardAt,
        warning: null,
      });

      clock.advance(59_000);
      expect((await health()).warning).toBeNull();
      clock.advance(16_000);
      expect(await health()).toEqual({
        status: "live",
        senders: [sender1],
        lastSegmentAt: sender1.lastSegmentAt,
        warning: "No transcript for 75 s — is capture still running?",
      });
      // A connection opened now hears the warning right after its backlog.
      const late = await open(server, meetingId, priya);
      expect(late.messages.at(-1)).toMatchObject({
        type: "health",
        health: { warning: expect.stringContaining("75 s") },
      });

      // Speech again: the warning clears for everyone in the room.
      await sender.sendSegment({ id: "h2", seq: 2, speaker: "Priya Raman", text: "Sorry, my capture froze." });
      await late.waitFor((m) => m.type === "health" && m.health.warning === null);
      expect((await health()).senders).toEqual([{ ...sender1, lastSegmentAt: clock.now().toISOString(), segments: 2 }]);
    });
  });
});
