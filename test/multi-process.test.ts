// Two `docket serve` processes on one PostgreSQL database share live meetings: a viewer connected to process B
// sees, in order and without holes, the events of segments sent to process A — the same log A's own viewers see.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { readLiveSegments } from "../src/cli/live-command.js";
import { type EventMessage, LiveClient } from "../src/client/live-client.js";
import { createPostgresDatabase, dropPostgresDatabase } from "./helpers/database.js";
import {
  createMeetingThroughApi,
  type DocketServer,
  ROOT,
  runDocket,
  startDocketServer,
  stopAllProcesses,
} from "./helpers/processes.js";

const VTT = "examples/eng-leadership-sync.vtt";
const VTT_SEGMENTS = 155;
const WAIT = { timeout: 15_000, interval: 20 };

/** The ids of the segment events in a viewer's log, in order. */
const segmentIds = (log: EventMessage[]) =>
  log.flatMap((m) => (m.event.kind === "segment" ? [m.event.segment.id] : []));
/** A viewer's log without the times, which differ between processes. */
const logOf = (log: EventMessage[]) => log.map(({ seq, segmentId, event }) => ({ seq, segmentId, event }));

describe.skipIf(!inject("postgresUrl"))("two docket serve processes on one PostgreSQL database", () => {
  let databaseUrl: string;
  let a: DocketServer;
  let b: DocketServer;

  beforeAll(async () => {
    databaseUrl = await createPostgresDatabase();
    // Both start at once: migrations on an empty database must not trip over each other.
    [a, b] = await Promise.all([startDocketServer({ databaseUrl }), startDocketServer({ databaseUrl })]);
  }, 90_000);

  afterAll(async () => {
    await stopAllProcesses();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  });

  it("a viewer on B sees the items from segments sent to A, in order with no gaps", async () => {
    const { token, meetingId } = await createMeetingThroughApi(a.url);
    const onB: EventMessage[] = [];
    const onA: EventMessage[] = [];
    const watch = (server: DocketServer, into: EventMessage[]) =>
      LiveClient.connect({ server: server.url, meetingId, token, after: 0, onEvent: (e) => into.push(e) });
    const [viewerB, viewerA] = await Promise.all([watch(b, onB), watch(a, onA)]);
    try {
      const run = await runDocket([
        "live",
        VTT,
        "--server",
        a.url,
        "--meeting",
        meetingId,
        "--token",
        token,
        "--speed",
        "0",
        "--json",
      ]);
      expect(run.code, run.stderr).toBe(0);
      const sent = run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { type: string; id?: string })
        .filter((m) => m.type === "ack")
        .map((m) => m.id);
      expect(sent).toHaveLength(VTT_SEGMENTS);

      await vi.waitUntil(() => segmentIds(onB).length === VTT_SEGMENTS && onB.length === onA.length, WAIT);
      // Every segment, in the order it was sent; seqs 1, 2, 3, … as they arrived (the client repairs nothing here).
      expect(segmentIds(onB)).toEqual(sent);
      expect(onB.map((m) => m.seq)).toEqual(onB.map((_, i) => i + 1));
      expect(viewerB.stats).toEqual({ reconnects: 0, resent: 0, gaps: 0, repeatedEvents: 0, slowDowns: 0 });
      const itemsOnB = onB.filter((m) => m.event.kind === "item.added");
      expect(itemsOnB.length).toBeGreaterThan(5);
      // Each item event names the segment that caused it, which B had already seen.
      for (const message of itemsOnB) {
        const at = onB.findIndex((m) => m.event.kind === "segment" && m.event.segment.id === message.segmentId);
        expect(at, `item at seq ${message.seq}`).toBeGreaterThanOrEqual(0);
        expect(onB[at]?.seq).toBeLessThan(message.seq);
      }
      // B delivers exactly the log A delivers.
      expect(logOf(onB)).toEqual(logOf(onA));

      // A viewer joining B afterwards gets the same log from the database.
      const late: EventMessage[] = [];
      const lateViewer = await watch(b, late);
      try {
        await vi.waitUntil(() => late.length === onB.length, WAIT);
        expect(late.map((m) => [m.seq, m.segmentId, m.event.kind])).toEqual(
          onB.map((m) => [m.seq, m.segmentId, m.event.kind]),
        );
      } finally {
        await lateViewer.close();
      }
    } finally {
      await Promise.all([viewerA.close(), viewerB.close()]);
    }
  }, 90_000);

  it("segments sent to both processes at once make one log, the same on both, every segment once", async () => {
    const { token, meetingId } = await createMeetingThroughApi(b.url);
    const all = await readLiveSegments(join(ROOT, VTT));
    const logs: EventMessage[][] = [[], []];
    const viewers = await Promise.all(
      [a, b].map((server, i) =>
        LiveClient.connect({ server: server.url, meetingId, token, after: 0, onEvent: (e) => logs[i]?.push(e) }),
      ),
    );
    const senders = await Promise.all(
      [a, b].map((server) => LiveClient.connect({ server: server.url, meetingId, token, window: 8 })),
    );
    try {
      // Even segments through A, odd ones through B, both as fast as they are acknowledged.
      const acks = await Promise.all(all.map((segment, i) => (senders[i % 2] as LiveClient).send(segment)));
      expect(acks.filter((ack) => ack.duplicate)).toEqual([]);
      expect(new Set(acks.map((ack) => ack.position)).size).toBe(all.length);
      const [onA, onB] = logs as [EventMessage[], EventMessage[]];
      await vi.waitUntil(() => segmentIds(onA).length === all.length && segmentIds(onB).length === all.length, WAIT);
      await vi.waitUntil(() => onA.length === onB.length && onA.at(-1)?.seq === onB.at(-1)?.seq, WAIT);
      for (const log of [onA, onB]) expect(log.map((m) => m.seq)).toEqual(log.map((_, i) => i + 1));
      expect(new Set(segmentIds(onA)).size).toBe(all.length);
      expect(segmentIds(onA).sort()).toEqual(all.map((s) => s.id).sort());
      expect(logOf(onB)).toEqual(logOf(onA));
      for (const viewer of viewers) expect(viewer.stats.gaps).toBe(0);
    } finally {
      await Promise.all([...viewers, ...senders].map((client) => client.close()));
    }
  }, 90_000);
});
