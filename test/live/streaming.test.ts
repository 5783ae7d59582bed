import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ItemView } from "../../src/api/live-protocol.js";
import { extractItems } from "../../src/core/extraction/extract-items.js";
import { MIN_CONFIDENCE } from "../../src/core/extraction/extractor.js";
import type { Item } from "../../src/core/item.js";
import type { Segment } from "../../src/core/segment.js";
import { parseTranscript, segmentsForExtraction } from "../../src/core/transcript/parse-transcript.js";
import type { RunningServer } from "../../src/server/serve.js";
import { query } from "../../src/store/sql.js";
import { eachDatabase } from "../helpers/database.js";
import { builtinTemplate } from "../helpers/meeting.js";
import { createTestMeeting, createTestUser, type TestUser } from "../helpers/server.js";
import { call, type LiveClient } from "./live-client.js";
import { liveFixture } from "./room-fixture.js";

const root = new URL("../../", import.meta.url);
const DEVSET_FILE = "eval/devset/eng-leadership-sync/transcript.zoom.vtt";
const devsetText = readFileSync(new URL(DEVSET_FILE, root), "utf8");
const devsetSegments = segmentsForExtraction(parseTranscript(devsetText, "transcript.zoom.vtt").segments);
const MEETING_DATE = "2025-03-17";
const NAMES = ["Elena Sokolova", "Tobias Lind", "Priya Raman"];

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The items at or above MIN_CONFIDENCE as the engine made them (without what people added), by id. */
function confidentItems(views: ItemView[]): Item[] {
  return views
    .filter((view) => view.confidence >= MIN_CONFIDENCE)
    .map(({ review: _review, edited: _edited, links: _links, ...item }) => item)
    .sort(byId);
}

/** What `extractItems` says about these segments with the meeting's options. */
function expected(segments: Segment[], templateId = "engineering-leadership-sync") {
  const { items, metrics } = extractItems(segments, {
    template: builtinTemplate(templateId),
    meetingDate: MEETING_DATE,
    attendees: NAMES,
  });
  return { items: [...items].sort(byId), metrics };
}

/** Evidence without segment ids: an upload names its segments itself. */
function withoutSegmentIds(item: Item) {
  return { ...item, evidence: item.evidence.map(({ segmentId: _, ...rest }) => rest) };
}

// Whole meetings through real sockets: generous time for a busy machine.
describe("streaming and uploading a real meeting", { timeout: 60_000 }, () => {
  eachDatabase((database, kind) => {
    const { startServer, open, close } = liveFixture();
    const server = () => startServer(database());

    async function setUp(options: { status?: "scheduled" | "live"; templateId?: string } = {}) {
      const [facilitator, member, viewer] = await Promise.all(NAMES.map((name) => createTestUser(database(), name)));
      const { meetingId } = await createTestMeeting(
        database(),
        [
          { user: facilitator!, role: "facilitator" },
          { user: member!, role: "member" },
          { user: viewer!, role: "viewer" },
        ],
        { status: options.status ?? "live", meetingDate: MEETING_DATE, templateId: options.templateId },
      );
      return { facilitator: facilitator!, member: member!, viewer: viewer!, meetingId };
    }

    /** Sends the segments one message each (without waiting in between) and waits for every ack. */
    async function stream(client: LiveClient, segments: Segment[], firstSeq = 1) {
      for (const [i, s] of segments.entries()) {
        client.send({
          type: "segment",
          id: s.id,
          seq: firstSeq + i,
          speaker: s.speaker,
          text: s.text,
          start: s.start,
          end: s.end,
        });
      }
      const last = segments.at(-1)!;
      await client.waitFor((m) => (m.type === "ack" || m.type === "error") && m.id === last.id, 30_000);
      expect(client.messages.filter((m) => m.type === "error")).toEqual([]);
    }

    async function items(srv: RunningServer, user: TestUser, meetingId: string) {
      const response = await call(srv, user, "GET", `/api/meetings/${meetingId}/items`);
      expect(response.status).toBe(200);
      return response.body as { items: ItemView[]; metrics: unknown[] };
    }

    async function end(srv: RunningServer, user: TestUser, meetingId: string) {
      const response = await call(srv, user, "POST", `/api/meetings/${meetingId}/status`, { status: "ended" });
      expect(response.status).toBe(200);
    }

    it("streams a devset meeting segment by segment to the items extractItems finds, and viewers see them all", async () => {
      const srv = await server();
      const { facilitator, member, viewer, meetingId } = await setUp();
      const watcher = await open(srv, meetingId, viewer);
      const sender = await open(srv, meetingId, member, { client: "zoom" });
      await stream(sender, devsetSegments);
      const acks = sender.messages.filter((m) => m.type === "ack");
      expect(acks.map((a) => (a.type === "ack" ? a.position : 0))).toEqual(devsetSegments.map((_, i) => i + 1));
      await end(srv, facilitator, meetingId);
      await watcher.waitFor(
        (m) => m.type === "event" && m.event.kind === "meeting.status" && m.event.status === "ended",
      );

      const stored = await items(srv, viewer, meetingId);
      const want = expected(devsetSegments);
      expect(want.items.length).toBeGreaterThan(10);
      const confident = confidentItems(stored.items);
      expect(confident).toEqual(want.items);
      expect(stored.metrics).toEqual(want.metrics);

      // The viewer's picture, built from the events alone, is the stored one (suggestions included).
      const seen = new Map<string, ItemView>();
      for (const event of watcher.events().map((m) => m.event)) {
        if (event.kind === "item.added" || event.kind === "item.updated") seen.set(event.item.id, event.item);
        if (event.kind === "item.removed") seen.delete(event.itemId);
      }
      expect([...seen.values()].sort(byId)).toEqual([...stored.items].sort(byId));
      expect(watcher.events().map((e) => e.seq)).toEqual(watcher.events().map((_, i) => i + 1));
    });

    it("uploads the same file to the same items, ends the recorded meeting, and takes a re-upload as duplicates", async () => {
      const srv = await server();
      const { facilitator, member, viewer, meetingId } = await setUp({ status: "scheduled" });
      const watcher = await open(srv, meetingId, viewer);
      // Ending the recorded meeting is the facilitator's (upload.test.ts: a member's upload is refused).
      const upload = () =>
        call(srv, facilitator, "POST", `/api/meetings/${meetingId}/transcript?filename=meeting.vtt`, devsetText, {
          "content-type": "text/vtt",
        });
      const first = await upload();
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ segments: devsetSegments.length, duplicates: 0, status: "ended" });
      const stored = await items(srv, viewer, meetingId);
      expect(first.body.items).toBe(stored.items.length);
      const want = expected(devsetSegments);
      const confident = confidentItems(stored.items);
      expect(confident.map(withoutSegmentIds)).toEqual(want.items.map(withoutSegmentIds));
      await watcher.waitFor(
        (m) => m.type === "event" && m.event.kind === "meeting.status" && m.event.status === "ended",
      );
      expect(watcher.eventsOf("meeting.status").map((e) => e.status)).toEqual(["live", "ended"]);

      const again = await upload();
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ segments: 0, duplicates: devsetSegments.length, status: "ended" });
      const other = await call(srv, member, "POST", `/api/meetings/${meetingId}/transcript`, "Ana: Something new.\n");
      expect(other.status).toBe(409);
      expect(other.body.error.message).toBe("the meeting has ended; it takes no more segments");
    });

    it("settles a long, implicit meeting when it ends, as extractItems does (AMI ES2002a, uploaded)", async () => {
      const srv = await server();
      const { facilitator, viewer, meetingId } = await setUp({ status: "scheduled", templateId: "team-sync" });
      const text = readFileSync(new URL("eval/corpus/ES2002a/transcript.txt", root), "utf8");
      const response = await call(srv, facilitator, "POST", `/api/meetings/${meetingId}/transcript`, text, {
        "content-disposition": 'attachment; filename="ES2002a.txt"',
      });
      expect(response.status).toBe(200);
      const segments = segmentsForExtraction(parseTranscript(text, "ES2002a.txt").segments);
      const want = expected(segments, "team-sync");
      const stored = await items(srv, viewer, meetingId);
      const confident = confidentItems(stored.items);
      expect(confident.map(withoutSegmentIds)).toEqual(want.items.map(withoutSegmentIds));
      expect(want.items.length).toBeGreaterThan(10);
    });

    it("stores the cues it can read and names the skipped ones with their lines", async () => {
      const srv = await server();
      const { member, meetingId } = await setUp({ status: "live" });
      const oneBad = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAna: hi\n\n2\n00:00:0x --> 00:00:03.000\nBo: yo\n";
      const response = await call(
        srv,
        member,
        "POST",
        `/api/meetings/${meetingId}/transcript?filename=meeting.vtt`,
        oneBad,
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        segments: 1,
        warnings: ['meeting.vtt:8: cue skipped: timestamp "00:00:0x" is not a valid time'],
      });
    });

    it("refuses a transcript with nothing it can read with a 400 naming the file and line, and stores nothing", async () => {
      const srv = await server();
      const { member, meetingId } = await setUp({ status: "scheduled" });
      const bad = "WEBVTT\n\n2\n00:00:0x --> 00:00:03.000\nBo: yo\n";
      const response = await call(
        srv,
        member,
        "POST",
        `/api/meetings/${meetingId}/transcript?filename=meeting.vtt`,
        bad,
      );
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: "bad_input",
        message: 'meeting.vtt:4: timestamp "00:00:0x" is not a valid time',
      });
      const counts = await query(
        database().db,
        sql`SELECT (SELECT count(*)::int FROM segments) AS segments, (SELECT count(*)::int FROM events) AS events,
                   (SELECT status FROM meetings WHERE id = ${meetingId}) AS status`,
      );
      expect(counts).toEqual([{ segments: 0, events: 0, status: "scheduled" }]);
    });

    it(`continues a meeting on a fresh server and on servers taking turns, to the items of an uninterrupted run (${kind})`, async () => {
      const { facilitator, member, viewer, meetingId } = await setUp();
      const third = Math.floor(devsetSegments.length / 3);
      const parts = [
        devsetSegments.slice(0, third),
        devsetSegments.slice(third, 2 * third),
        devsetSegments.slice(2 * third),
      ];

      // Server A takes the first third, then goes away (a restart).
      const a = await server();
      const first = await open(a, meetingId, member);
      await stream(first, parts[0]!);
      await close(first);
      await close(a);

      // B starts with no extractor: it rebuilds from the stored segments. C joins; B and C take turns, so each
      // finds segments stored by the other that its extractor has not read.
      const b = await server();
      const c = await server();
      const onB = await open(b, meetingId, member, { client: "b" });
      const onC = await open(c, meetingId, member, { client: "c" });
      const half = Math.floor(parts[1]!.length / 2);
      await stream(onB, parts[1]!.slice(0, half), 1000);
      await stream(onC, parts[1]!.slice(half), 2000);
      await stream(onB, parts[2]!.slice(0, 5), 3000);
      await stream(onC, parts[2]!.slice(5), 4000);
      await end(b, facilitator, meetingId);

      const stored = await items(c, viewer, meetingId);
      const confident = confidentItems(stored.items);
      expect(confident).toEqual(expected(devsetSegments).items);
    });

    it("moves a meeting forward only, by facilitators, naming both states when it cannot", async () => {
      const srv = await server();
      const { facilitator, member, meetingId } = await setUp({ status: "scheduled" });
      const status = (user: TestUser, to: string) =>
        call(srv, user, "POST", `/api/meetings/${meetingId}/status`, { status: to });
      expect((await status(member, "live")).status).toBe(403);
      expect((await status(facilitator, "pre-read")).body).toMatchObject({ status: "pre-read" });
      const back = await status(facilitator, "scheduled");
      expect(back.status).toBe(409);
      expect(back.body.error.message).toMatch(/^the meeting cannot go from pre-read to scheduled/);
      expect((await status(facilitator, "live")).status).toBe(200);
      expect((await status(facilitator, "ended")).status).toBe(200);
      const reopen = await status(facilitator, "live");
      expect(reopen.status).toBe(409);
      expect(reopen.body.error.message).toMatch(/^the meeting cannot go from ended to live/);
      expect((await status(facilitator, "done")).status).toBe(400);

      const rows = await query(
        database().db,
        sql`SELECT started_at IS NOT NULL AS started, ended_at IS NOT NULL AS ended FROM meetings WHERE id = ${meetingId}`,
      );
      expect(rows).toEqual([{ started: true, ended: true }]);
      const events = await call(srv, member, "GET", `/api/meetings/${meetingId}/events`);
      expect(events.body.events.map((e: { event: { status: string } }) => e.event.status)).toEqual([
        "pre-read",
        "live",
        "ended",
      ]);
      const sender = await open(srv, meetingId, member);
      expect(await sender.sendSegment({ id: "late", seq: 1, speaker: null, text: "Hello?" })).toMatchObject({
        type: "error",
        code: "conflict",
      });
    });
  });
});
