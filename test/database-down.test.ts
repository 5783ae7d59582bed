// PostgreSQL stops in the middle of a live meeting and comes back: two `docket serve` processes on their own
// throw-away cluster (never the suite's shared one) keep their word. Nothing is acknowledged that was not stored,
// clients are told "unavailable", health names the problem, no process exits, and everything resumes by itself:
// held segments are stored once and in order, and live events cross processes again (LISTEN reopened).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { type AckMessage, type EventMessage, LiveClient, type LiveSegment } from "../src/client/live-client.js";
import {
  createMeetingThroughApi,
  type DocketServer,
  ROOT,
  startDocketServer,
  stopAllProcesses,
} from "./helpers/processes.js";

const run = promisify(execFile);
const BIN = "/usr/lib/postgresql/15/bin";
const WAIT = { timeout: 30_000, interval: 50 };

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

function pgCtl(dir: string, ...args: string[]) {
  return run("runuser", ["-u", "postgres", "--", join(BIN, "pg_ctl"), "-D", dir, ...args], { timeout: 60_000 });
}

const segment = (n: number, text: string): LiveSegment => ({
  id: `segment-${n}`,
  seq: n,
  speaker: "Ana",
  text,
  start: n * 5,
  end: n * 5 + 4,
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!existsSync(join(BIN, "pg_ctl")))("docket serve when PostgreSQL goes away and comes back", () => {
  const dir = `/tmp/docket-pgdown-${process.pid}`;
  let port = 0;
  let databaseUrl = "";
  let a: DocketServer;
  let b: DocketServer;

  const startPostgres = () =>
    pgCtl(
      dir,
      "-l",
      join(dir, "server.log"),
      "-w",
      "start",
      "-o",
      `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=/tmp -c fsync=off -c max_connections=400 -c shared_buffers=128MB`,
    );

  beforeAll(async () => {
    port = await freePort();
    const { stdout } = await run(join(ROOT, "scripts", "start-postgres.sh"), [dir, String(port)], { timeout: 120_000 });
    databaseUrl = stdout.trim().split("\n").at(-1) ?? "";
    [a, b] = await Promise.all([startDocketServer({ databaseUrl }), startDocketServer({ databaseUrl })]);
  }, 150_000);

  afterAll(async () => {
    await stopAllProcesses();
    // Stopped and removed however the test went: the cluster is this test's alone.
    await pgCtl(dir, "stop", "-m", "immediate").catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("refuses writes with 'unavailable' while it is down, then stores every held segment once, in order", async () => {
    const { token, meetingId } = await createMeetingThroughApi(a.url);
    const auth = { authorization: `Bearer ${token}` };
    const onB: EventMessage[] = [];
    const viewer = await LiveClient.connect({ server: b.url, meetingId, token, after: 0, onEvent: (e) => onB.push(e) });
    const sender = await LiveClient.connect({ server: a.url, meetingId, token });
    const segmentIdsOnB = () => onB.flatMap((m) => (m.event.kind === "segment" ? [m.event.segment.id] : []));
    try {
      await Promise.all([1, 2, 3].map((n) => sender.send(segment(n, `Before the outage, part ${n}.`))));
      await vi.waitUntil(() => segmentIdsOnB().length === 3, WAIT);

      // A socket of its own, opened before the outage (opening one needs the database to check the token).
      const raw = new WebSocket(`${a.url.replace("http", "ws")}/api/meetings/${meetingId}/live`, { headers: auth });
      const replies: { type: string; id?: string; code?: string; message?: string }[] = [];
      raw.on("message", (data) => replies.push(JSON.parse(data.toString())));
      await vi.waitUntil(() => replies.some((m) => m.type === "welcome"), WAIT);

      await pgCtl(dir, "stop", "-m", "fast");

      // A segment sent on that socket: its answer is the refusal, and no ack ever comes.
      raw.send(JSON.stringify({ type: "segment", ...segment(99, "Refused, never stored: secret-refused-text.") }));
      await vi.waitUntil(() => replies.some((m) => m.type === "error" || m.type === "ack"), WAIT);
      expect(replies.filter((m) => m.id === "segment-99")).toEqual([
        {
          type: "error",
          id: "segment-99",
          code: "unavailable",
          message: "not stored: the database is unavailable; try again shortly",
        },
      ]);
      raw.close();

      // The sender's segments are held, not acknowledged, and not given up.
      const acked: AckMessage[] = [];
      const held = [4, 5, 6].map((n) =>
        sender.send(segment(n, `During the outage, part ${n}: secret-outage-text.`)).then((ack) => {
          acked.push(ack);
          return ack;
        }),
      );

      // A REST write: 503, with when to try again and a message that says nothing was stored.
      const write = await fetch(new URL("/api/spaces", a.url), {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          name: "Not now",
          templateId: "engineering-leadership-sync",
          cadence: "weekly",
          durationMinutes: 60,
          timezone: "UTC",
        }),
      });
      expect(write.status).toBe(503);
      expect(write.headers.get("retry-after")).toBe("5");
      expect(await write.json()).toEqual({
        error: { code: "unavailable", message: "not stored: the database is unavailable; try again shortly" },
      });

      // Health names the problem (a moment after the stop, its last answer may still be the cached "ok").
      let health: { status: number; body: unknown } = { status: 0, body: null };
      await vi.waitUntil(async () => {
        const response = await fetch(new URL("/api/health", a.url));
        health = { status: response.status, body: await response.json() };
        return health.status === 503 && String((health.body as { problem: string }).problem).includes("refused");
      }, WAIT);
      expect(health.body).toEqual({
        status: "unavailable",
        database: "postgres",
        problem: `connection refused at 127.0.0.1:${port}`,
      });

      // Long enough for the hub's tick (5 s) and the follow-up worker to fail quietly a few times.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(acked).toEqual([]);
      expect(sender.unacknowledged).toBe(3);
      for (const server of [a, b]) expect(isAlive(server.pid), server.output()).toBe(true);

      await startPostgres();

      const acks = await Promise.all(held);
      expect(acks.map((ack) => [ack.id, ack.duplicate])).toEqual([
        ["segment-4", false],
        ["segment-5", false],
        ["segment-6", false],
      ]);
      await Promise.all([7, 8].map((n) => sender.send(segment(n, `After the outage, part ${n}.`))));

      // The transcript: every segment once, in the order sent; the refused one is not there.
      const ids = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `segment-${n}`);
      const transcript = await fetch(new URL(`/api/meetings/${meetingId}/segments`, a.url), { headers: auth });
      expect(transcript.status).toBe(200);
      const { segments } = (await transcript.json()) as { segments: { id: string; position: number }[] };
      expect(segments.map((s) => s.id)).toEqual(ids);
      expect(segments.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

      // The viewer on the other process got every event, in order and without gaps.
      await vi.waitUntil(() => segmentIdsOnB().length === ids.length, WAIT);
      expect(segmentIdsOnB()).toEqual(ids);
      expect(onB.map((m) => m.seq)).toEqual(onB.map((_, i) => i + 1));

      // Each process listens again (the LISTEN connection's last statement), so events cross without waiting
      // for a tick; health is back too.
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        await vi.waitUntil(async () => {
          const { rows } = await admin.query<{ count: number }>(
            "SELECT count(*)::int AS count FROM pg_stat_activity WHERE query = 'LISTEN docket_events'",
          );
          return rows[0]?.count === 2;
        }, WAIT);
      } finally {
        await admin.end();
      }
      for (const server of [a, b]) {
        await vi.waitUntil(async () => (await fetch(new URL("/api/health", server.url))).status === 200, WAIT);
      }

      // The log: one line when the database went, one when it came back; no statement's values.
      for (const server of [a, b]) {
        const output = server.output();
        expect(output.match(/the database is unavailable/g), output).toHaveLength(1);
        expect(output).toMatch(/docket: the database is back after \d+ s\n/);
        expect(output).not.toContain("secret-");
        expect(output).not.toMatch(/ failed: /);
        expect(isAlive(server.pid)).toBe(true);
      }
    } finally {
      await Promise.all([sender.close(), viewer.close()]);
    }
  }, 150_000);
});
