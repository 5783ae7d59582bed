import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, eachDatabase } from "../../test/helpers/database.js";
import { builtinTemplate, segmentsOf } from "../../test/helpers/meeting.js";
import { createTestMeeting, createTestUser } from "../../test/helpers/server.js";
import { extractItems } from "../core/extraction/extract-items.js";
import { createItem } from "../core/item.js";
import type { Database } from "../store/database.js";
import { meetings } from "../store/schema.js";
import { query } from "../store/sql.js";
import type { StoredEvent } from "./events.js";
import { type IncomingSegment, LivePipeline } from "./pipeline.js";

const LINES = segmentsOf([
  ["Darius Farahani", "Priya, can you draft the migration plan for the billing service?"],
  ["Priya Raman", "Yes, I'll have it by Friday."],
  ["Priya Raman", "My worry is the vendor contract could slip past the launch date."],
  ["Darius Farahani", "I'd call that one red."],
]);
const incoming = (i: number): IncomingSegment => ({ ...LINES[i]!, senderSeq: i + 1 });

/** What the batch engine makes of these segments in the test meeting, by id. */
function expectedItems(segments: typeof LINES) {
  const { items } = extractItems(segments, {
    template: builtinTemplate("engineering-leadership-sync"),
    meetingDate: "2025-03-14",
    attendees: ["Priya Raman"],
  });
  return [...items].sort((x, y) => x.id.localeCompare(y.id));
}

describe("the live pipeline", () => {
  eachDatabase((database) => {
    async function setUp() {
      const priya = await createTestUser(database(), "Priya Raman");
      const { meetingId } = await createTestMeeting(database(), [{ user: priya, role: "member" }], { status: "live" });
      const committed: StoredEvent[][] = [];
      const pipeline = new LivePipeline({
        database: database(),
        now: () => new Date("2025-03-14T15:00:00Z"),
        origin: "test",
        onCommit: (_meeting, events) => committed.push(events),
      });
      const sender = { client: "laptop", user: priya.name, userId: priya.id };
      return { priya, meetingId, pipeline, committed, sender };
    }

    const rows = (statement: SQL) => query<Record<string, unknown>>(database().db, statement);

    /** The engine's items as stored, by id. */
    const storedItems = async (meetingId: string) =>
      (await rows(sql`SELECT item FROM items WHERE meeting_id = ${meetingId} ORDER BY id`)).map((r) => r.item);

    it("stores segments sent at the same time in one transaction, in order, each id once", async () => {
      const { meetingId, pipeline, committed, sender } = await setUp();
      const [a, b, c] = await Promise.all([
        pipeline.addSegments(meetingId, [incoming(0)], sender),
        pipeline.addSegments(meetingId, [incoming(1), incoming(0)], sender),
        pipeline.addSegments(meetingId, [incoming(2)], sender),
      ]);
      expect([a, b, c]).toEqual([
        [{ id: "s1", position: 1, duplicate: false }],
        [
          { id: "s2", position: 2, duplicate: false },
          { id: "s1", position: 1, duplicate: true },
        ],
        [{ id: "s3", position: 3, duplicate: false }],
      ]);
      // All three were waiting when the queue got to them: one transaction, one broadcast.
      expect(committed).toHaveLength(1);
      const seqs = committed.flat().map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(await rows(sql`SELECT id, position, sender_seq FROM segments ORDER BY position`)).toEqual([
        { id: "s1", position: 1, sender_seq: 1 },
        { id: "s2", position: 2, sender_seq: 2 },
        { id: "s3", position: 3, sender_seq: 3 },
      ]);
      const wire = JSON.parse(String(committed[0]![0]!.wire));
      expect(wire).toEqual({
        type: "event",
        seq: 1,
        at: "2025-03-14T15:00:00.000Z",
        segmentId: "s1",
        event: expect.objectContaining({ kind: "segment" }),
      });
    });

    it("drops NUL characters, which PostgreSQL cannot store, from the segment and its sender's name", async () => {
      const { meetingId, pipeline, sender } = await setUp();
      const segment = { ...incoming(0), id: "s\u00001", text: "Hello\u0000 there." };
      expect(await pipeline.addSegments(meetingId, [segment], { ...sender, client: "lap\u0000top" })).toEqual([
        { id: "s\u00001", position: 1, duplicate: false },
      ]);
      expect(await rows(sql`SELECT id, sender, text FROM segments`)).toEqual([
        { id: "s1", sender: "laptop", text: "Hello there." },
      ]);
    });

    it("stores nothing when a transaction fails, drops its extractor, and the next segment rebuilds it", async () => {
      const { meetingId, pipeline, sender } = await setUp();
      await pipeline.addSegments(meetingId, [incoming(0)], sender);
      expect(pipeline.engineCount).toBe(1);
      // An unknown user as the actor breaks the events' foreign key after the extractor has read the segment.
      await expect(
        pipeline.addSegments(meetingId, [incoming(1)], { ...sender, userId: randomUUID() }),
      ).rejects.toThrow();
      expect(pipeline.engineCount).toBe(0);
      expect(await rows(sql`SELECT count(*)::int AS n FROM segments`)).toEqual([{ n: 1 }]);
      for (const i of [1, 2, 3]) await pipeline.addSegments(meetingId, [incoming(i)], sender);
      await pipeline.setStatus(meetingId, "ended", null);

      expect(await storedItems(meetingId)).toEqual(expectedItems(LINES));
      expect(await rows(sql`SELECT status, segment_count, ended_at IS NOT NULL AS ended FROM meetings`)).toEqual([
        { status: "ended", segment_count: 4, ended: true },
      ]);
    });

    it("gives other work turns of the event loop during a transaction's long work, a rebuilt engine's replay too", async () => {
      const { meetingId, sender } = await setUp();
      // turnMs 0: a turn after every segment the engine reads, which the immediates counted here then take.
      const pipelineWith = (turnMs: number) =>
        new LivePipeline({ database: database(), now: () => new Date(), origin: "test", onCommit: () => {}, turnMs });
      const turnsDuring = async (work: Promise<unknown>) => {
        let turns = 0;
        let running = true;
        const tick = () => {
          if (!running) return;
          turns += 1;
          setImmediate(tick);
        };
        setImmediate(tick);
        await work;
        running = false;
        return turns;
      };
      const batch = [0, 1, 2].map(incoming);
      expect(await turnsDuring(pipelineWith(0).addSegments(meetingId, batch, sender))).toBeGreaterThanOrEqual(3);
      // A new pipeline (a restart) rebuilds the engine from the 3 stored segments, then reads the 4th.
      expect(await turnsDuring(pipelineWith(0).addSegments(meetingId, [incoming(3)], sender))).toBeGreaterThanOrEqual(
        4,
      );
    });

    it("keeps an extractor per meeting and forgets the least recently used beyond its limit", async () => {
      const { priya, sender } = await setUp();
      const limited = new LivePipeline({
        database: database(),
        now: () => new Date(),
        origin: "test",
        onCommit: () => {},
        maxEngines: 2,
      });
      const meetings = [];
      for (let i = 0; i < 3; i++) {
        meetings.push((await createTestMeeting(database(), [{ user: priya, role: "member" }])).meetingId);
      }
      for (const id of meetings) await limited.addSegments(id, [incoming(0)], sender);
      expect(limited.engineCount).toBe(2);
      // The forgotten one is rebuilt from its stored segment when it hears more: the same items as one that never
      // forgot (action-1 from the first line gets its due date from the second).
      expect(await limited.addSegments(meetings[0]!, [incoming(1)], sender)).toEqual([
        { id: "s2", position: 2, duplicate: false },
      ]);
      expect(limited.engineCount).toBe(2);
      await limited.setStatus(meetings[0]!, "ended", null);
      expect(await storedItems(meetings[0]!)).toEqual(expectedItems(LINES.slice(0, 2)));
    });
  });
});

describe.skipIf(!databaseKinds().includes("postgres"))("supersede on PostgreSQL", () => {
  let database: Database | null = null;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it("two supersedes that cross between the same two meetings both succeed: the meetings lock in one order", async () => {
    const db = database!.db;
    const olga = await createTestUser(database!, "Olga Petrova");
    const { spaceId, meetingId: first } = await createTestMeeting(database!, [{ user: olga, role: "member" }], {
      status: "live",
    });
    const [other] = await db
      .insert(meetings)
      .values({
        spaceId,
        title: "Weekly sync",
        status: "live",
        scheduledAt: new Date("2025-03-21T15:00:00Z"),
        meetingDate: "2025-03-21",
        template: builtinTemplate("engineering-leadership-sync"),
        attendees: [],
      })
      .returning({ id: meetings.id });
    const second = other!.id;
    // Each meeting has an earlier decision the other one replaces, and a new decision that replaces it.
    for (const meetingId of [first, second]) {
      for (const id of ["decision-old", "decision-new"]) {
        const item = createItem({ id, kind: "decision", section: "decisions", text: `${id} of ${meetingId}` });
        await db.execute(
          sql`INSERT INTO items (meeting_id, id, kind, item) VALUES (${meetingId}, ${id}, 'decision', ${JSON.stringify(item)}::jsonb)`,
        );
      }
    }
    const pipeline = new LivePipeline({
      database: database!,
      now: () => new Date("2025-03-21T15:00:00Z"),
      origin: "test",
      onCommit: () => {},
    });
    const actor = { id: olga.id, name: olga.name };

    // Another transaction holds both meeting rows until both supersedes wait for their first lock; then it lets
    // go of them together, so each takes its first lock at the same moment.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = () => {};
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`SELECT id FROM meetings WHERE id IN (${first}, ${second}) FOR UPDATE`);
      holding();
      await released;
    });
    await held;
    const crossing = Promise.allSettled([
      pipeline.supersede(first, "decision-new", { meetingId: second, itemId: "decision-old" }, actor),
      pipeline.supersede(second, "decision-new", { meetingId: first, itemId: "decision-old" }, actor),
    ]);
    for (let waiting = 0; waiting < 2; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const [row] = await query<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      waiting = row?.n ?? 0;
    }
    release();
    await holder;

    const outcomes = await crossing;
    expect(
      outcomes.map((outcome) =>
        outcome.status === "rejected" ? String(outcome.reason.cause ?? outcome.reason) : "ok",
      ),
    ).toEqual(["ok", "ok"]);
    const superseded = await query<{ meetingId: string; links: unknown }>(
      db,
      sql`SELECT meeting_id AS "meetingId", links FROM items WHERE id = 'decision-old' ORDER BY meeting_id`,
    );
    expect(superseded.map((row) => row.links)).toEqual(
      [first, second].sort().map((meetingId) => ({
        supersededBy: { meetingId: meetingId === first ? second : first, itemId: "decision-new" },
      })),
    );
  });
});
