// Nothing acknowledged is lost: `docket serve` (PGlite in a folder) is killed with SIGKILL while `docket live`
// replays a real AMI meeting into it, then started again on the same folder; the sender reconnects and resends
// what had no ack. Afterwards every segment is stored once, and the meeting's items are exactly those of the
// same transcript replayed without a crash.
import { join } from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AckMessage } from "../src/client/live-client.js";
import { openDatabase } from "../src/store/database.js";
import { events, items, segments } from "../src/store/schema.js";
import {
  collect,
  createMeetingThroughApi,
  createSpaceAndMeeting,
  type DocketServer,
  runDocket,
  spawnDocket,
  startDocketServer,
  stopAllProcesses,
  temporaryFolder,
} from "./helpers/processes.js";

// A real meeting (AMI ES2002a, 434 dialogue acts, "Name: text" lines without timings: sent as fast as acknowledged).
const TRANSCRIPT = "eval/corpus/ES2002a/transcript.txt";
const SEGMENTS = 434;
/** The server is killed once the sender has this many acknowledgements. */
const KILL_AT = 150;

describe("a server killed mid-meeting", () => {
  let folder: { path: string; remove: () => Promise<void> };
  let server: DocketServer;

  beforeAll(async () => {
    folder = await temporaryFolder("docket-crash");
    server = await startDocketServer({ dataDir: folder.path });
  }, 60_000);

  afterAll(async () => {
    await stopAllProcesses();
    await folder?.remove();
  });

  it("keeps every acknowledged segment once, and ends with the items of an uninterrupted run", async () => {
    const { token, meetingId } = await createMeetingThroughApi(server.url);
    const { meetingId: referenceId } = await createSpaceAndMeeting(server.url, token);
    const args = ["--server", server.url, "--token", token, "--speed", "0", "--json"];

    const reference = await runDocket(["live", TRANSCRIPT, "--meeting", referenceId, ...args]);
    expect(reference.code, reference.stderr).toBe(0);

    // The crash run: SIGKILL the server as soon as KILL_AT segments are acknowledged, then start it again.
    const sender = spawnDocket(["live", TRANSCRIPT, "--meeting", meetingId, ...args]);
    const finished = collect(sender);
    const acked: AckMessage[] = [];
    let ackedBeforeKill: string[] = [];
    let buffered = "";
    const killed = new Promise<void>((resolve, reject) => {
      sender.stdout?.on("data", (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) {
          const message = JSON.parse(line) as { type: string };
          if (message.type !== "ack") continue;
          acked.push(message as AckMessage);
          if (acked.length === KILL_AT) {
            server.kill().then(() => {
              ackedBeforeKill = acked.map((a) => a.id);
              resolve();
            }, reject);
          }
        }
      });
      sender.once("exit", () => reject(new Error("the sender finished before the server was killed")));
    });
    await killed;
    expect(ackedBeforeKill.length).toBeGreaterThanOrEqual(KILL_AT);
    expect(ackedBeforeKill.length).toBeLessThan(SEGMENTS);
    server = await server.restart();

    const run = await finished;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/reconnected; sending the \d+ unacknowledged segment\(s\)/);
    expect(new Set(acked.map((a) => a.id)).size).toBe(SEGMENTS);
    const summary = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, number>;
    expect(summary).toMatchObject({ type: "done", acknowledged: SEGMENTS, reconnects: 1 });

    // Read what the server stored, from its data folder, once it has stopped.
    expect(await server.stop()).toBe(0);
    const database = await openDatabase({ kind: "pglite", dataDir: join(folder.path, "pglite") });
    try {
      const stored = await database.db
        .select({ id: segments.id, position: segments.position })
        .from(segments)
        .where(eq(segments.meetingId, meetingId))
        .orderBy(asc(segments.position));
      const storedIds = stored.map((s) => s.id);
      expect(storedIds).toHaveLength(SEGMENTS);
      expect(new Set(storedIds).size).toBe(SEGMENTS);
      expect(stored.map((s) => s.position)).toEqual([...Array(SEGMENTS).keys()].map((i) => i + 1));
      for (const id of ackedBeforeKill) expect(storedIds).toContain(id);
      // The position an ack reported is where the segment is, also for acks given after the restart.
      const positionOf = new Map(stored.map((s) => [s.id, s.position]));
      for (const ack of acked) expect(positionOf.get(ack.id), ack.id).toBe(ack.position);
      // Segments are stored in the order they were sent: the file's order.
      const referenceOrder = await database.db
        .select({ id: segments.id })
        .from(segments)
        .where(eq(segments.meetingId, referenceId))
        .orderBy(asc(segments.position));
      expect(storedIds).toEqual(referenceOrder.map((s) => s.id));

      // The event log has one "segment" event per segment and its seqs have no holes.
      const log = await database.db
        .select({ seq: events.seq, payload: events.payload })
        .from(events)
        .where(eq(events.meetingId, meetingId))
        .orderBy(asc(events.seq));
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      const segmentEvents = log
        .map((e) => (e.payload as { event: { kind: string; segment?: { id: string } } }).event)
        .filter((event) => event.kind === "segment")
        .map((event) => event.segment?.id);
      expect(segmentEvents).toEqual(storedIds);

      const finalItems = async (id: string) =>
        (
          await database.db
            .select({ id: items.id, kind: items.kind, item: items.item })
            .from(items)
            .where(and(eq(items.meetingId, id), eq(items.removed, false)))
            .orderBy(asc(items.id))
        ).map(({ id, kind, item }) => ({
          id,
          kind,
          text: item.text,
          owner: item.owner,
          due: item.due,
          status: item.status,
          rag: item.rag,
          evidence: item.evidence.map((e) => e.segmentId),
        }));
      const expected = await finalItems(referenceId);
      expect(expected.length).toBeGreaterThan(10);
      expect(await finalItems(meetingId)).toEqual(expected);
    } finally {
      await database.close();
    }
  }, 90_000);
});
