/**
 * Benchmark of live meetings through a real `docket serve` process (the built dist), on PGlite and on PostgreSQL:
 *
 * - start-up: the first start on an empty data folder (or database), then restarts on it, each timed from the
 *   spawn to the first 200 from /api/health, and the server's RSS when idle;
 * - load: N meetings at once, each with one sender replaying a real AMI meeting (eval/corpus ES2002a–d, with its
 *   real timings) at real speech rate and V viewers; every meeting starts at a different point of a recording, so
 *   the load is steady from the first second. Measured on this process's clock: segment → item latency (from
 *   sending a segment to each viewer receiving an item event whose segmentId is that segment), segment → segment
 *   event and segment → ack, events delivered per second, the server's CPU and RSS, and this process's own CPU and
 *   event-loop delay (to show that the client was not the bottleneck);
 * - `--find-max`: steps N up and reports the largest N whose p99 segment → item latency is at most 100 ms.
 *
 * Run with `npm run bench:live -- [--meetings N] [--viewers V] [--minutes M] [--db pglite|postgres|both]
 * [--find-max] [--steps 50,100,200] [--warmup 10] [--postgres-url URL] [--startup-runs 5] [--only startup|load]
 * [--out FILE]`. The first `--warmup` seconds, when every meeting starts at once, are reported on their own
 * ("warm-up max"). Writes bench-results/live.json (or --out FILE). Without --postgres-url (or DATABASE_URL) it
 * starts PostgreSQL with scripts/start-postgres.sh.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type EventMessage, LiveClient, type LiveSegment } from "../src/client/live-client.js";
import { packageRoot } from "../src/files/package-root.js";
import { createEmptyDatabase, dropDatabase } from "../src/store/postgres-admin.js";
import { CLI, createMeetings, inBatches, rssMb, type Summary, sleep, startServe, summarize } from "./serve-process.js";

const ROOT = packageRoot();
const RECORDINGS = ["ES2002a", "ES2002b", "ES2002c", "ES2002d"];
const ITEM_EVENTS = new Set(["item.added", "item.updated", "item.removed", "metrics"]);
const LATENCY_TARGET_MS = 100;
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

type DbKind = "pglite" | "postgres";

interface Options {
  meetings: number;
  viewers: number;
  minutes: number;
  warmup: number;
  kinds: DbKind[];
  findMax: boolean;
  steps: number[];
  postgresUrl: string | null;
  startupRuns: number;
  only: "startup" | "load" | null;
  out: string;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      meetings: { type: "string", default: "50" },
      viewers: { type: "string", default: "5" },
      minutes: { type: "string", default: "2" },
      warmup: { type: "string", default: "10" },
      db: { type: "string", default: "both" },
      "find-max": { type: "boolean", default: false },
      steps: { type: "string", default: "50,100,200,300,400,600,800,1000,1200,1600" },
      "postgres-url": { type: "string" },
      "startup-runs": { type: "string", default: "5" },
      only: { type: "string" },
      out: { type: "string", default: join(ROOT, "bench-results", "live.json") },
    },
  });
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number; got "${text}"`);
    return n;
  };
  const db = values.db;
  if (db !== "pglite" && db !== "postgres" && db !== "both") throw new Error(`--db must be pglite, postgres or both`);
  const only = values.only ?? null;
  if (only !== null && only !== "startup" && only !== "load") throw new Error(`--only must be startup or load`);
  return {
    meetings: Math.round(positive("meetings", values.meetings)),
    viewers: Math.round(positive("viewers", values.viewers)),
    minutes: positive("minutes", values.minutes),
    warmup: Number(values.warmup) >= 0 ? Number(values.warmup) : 10,
    kinds: db === "both" ? ["pglite", "postgres"] : [db],
    findMax: values["find-max"],
    steps: values.steps.split(",").map((s) => Math.round(positive("steps", s))),
    postgresUrl: values["postgres-url"] ?? (process.env.DATABASE_URL || null),
    startupRuns: Math.round(positive("startup-runs", values["startup-runs"])),
    only,
    out: values.out,
  };
}

// ── databases and server processes ──────────────────────────────────────────────────────────────────────────

interface Target {
  kind: DbKind;
  args: string[];
  env: Record<string, string>;
  remove(): Promise<void>;
}

let postgresServer: string | null = null;

function postgresServerUrl(options: Options): string {
  if (postgresServer) return postgresServer;
  if (options.postgresUrl) {
    postgresServer = options.postgresUrl;
    return postgresServer;
  }
  process.stderr.write("starting PostgreSQL with scripts/start-postgres.sh…\n");
  const out = execFileSync(join(ROOT, "scripts", "start-postgres.sh"), { encoding: "utf8" });
  postgresServer = out.trim().split("\n").at(-1) ?? "";
  return postgresServer;
}

/** An empty data folder, or an empty PostgreSQL database. */
async function freshTarget(kind: DbKind, options: Options): Promise<Target> {
  if (kind === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "docket-bench-"));
    return { kind, args: ["--data", dir], env: {}, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const server = postgresServerUrl(options);
  const url = await createEmptyDatabase(server, "docket_bench");
  return { kind, args: [], env: { DATABASE_URL: url }, remove: () => dropDatabase(server, url) };
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => process.exit(130));
}

/** CPU seconds the process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** CPU seconds used so far by each PostgreSQL process on this machine (its backends do the database's share). */
function postgresCpuByPid(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres")
        byPid.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // The process ended while we looked.
    }
  }
  return byPid;
}

/** CPU PostgreSQL used since `before`: backends that started since count from zero. */
function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpuByPid()) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** The whole machine's busy and total jiffies, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

// ── the API: a user, a token, Spaces and meetings ───────────────────────────────────────────────────────────

/** A JSON POST that must succeed (anything else throws with the server's answer): its JSON body and headers. */
// ── the recordings ──────────────────────────────────────────────────────────────────────────────────────────

interface Recording {
  id: string;
  segments: { line: number; start: number; end: number; speaker: string; text: string }[];
  first: number;
  last: number;
}

function loadRecordings(): Recording[] {
  return RECORDINGS.map((id) => {
    const segments = readFileSync(join(ROOT, "eval", "corpus", id, "utterances.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Recording["segments"][number])
      .filter((s) => s.text.trim() !== "");
    return { id, segments, first: segments[0]?.start ?? 0, last: segments.at(-1)?.start ?? 0 };
  });
}

interface Planned {
  at: number;
  meeting: number;
  segment: LiveSegment;
}

/**
 * What each meeting sends and when (seconds from the run's start): meeting i replays recording i mod 4 from an
 * offset spread by the golden ratio, so meetings are at different points of their conversations.
 */
function plan(recordings: Recording[], meetings: number, seconds: number): Planned[] {
  const planned: Planned[] = [];
  for (let m = 0; m < meetings; m++) {
    const recording = recordings[m % recordings.length] as Recording;
    const room = Math.max(0, recording.last - recording.first - seconds);
    const offset = recording.first + room * ((m * 0.618_033_988_75) % 1);
    let seq = 0;
    for (const s of recording.segments) {
      if (s.start < offset || s.start >= offset + seconds) continue;
      planned.push({
        at: s.start - offset,
        meeting: m,
        segment: {
          id: `${recording.id}-${s.line}`,
          seq: seq++,
          speaker: s.speaker,
          text: s.text,
          start: s.start,
          end: s.end,
        },
      });
    }
  }
  return planned.sort((a, b) => a.at - b.at);
}

// ── one load run ────────────────────────────────────────────────────────────────────────────────────────────

interface LoadResult {
  db: DbKind;
  meetings: number;
  viewers: number;
  minutes: number;
  /** Seconds at the start, while every meeting starts at once, kept out of the figures below. */
  warmupSeconds: number;
  /** The worst segment → event latency during the warm-up. */
  warmupWorstLatencyMs: number;
  segmentsSent: number;
  segmentsAcknowledged: number;
  segmentsPerSecond: number;
  /** Events the server logged (segments, item changes, metrics, status) per second, over every meeting. */
  eventsLoggedPerSecond: number;
  /** Events received by all the viewers together. */
  eventsDelivered: number;
  eventsDeliveredPerSecond: number;
  itemLatencyMs: Summary;
  segmentEventLatencyMs: Summary;
  ackLatencyMs: Summary;
  /** The worst segment → event latency in each 10 s of the run, warm-up included: shows stalls and when. */
  worstSegmentLatencyPer10sMs: number[];
  serverCpuPercent: number;
  serverRssMbPeak: number;
  serverRssMbEnd: number;
  /** PostgreSQL's own processes (null on PGlite, which runs inside the server process). */
  postgresCpuPercent: number | null;
  /** The whole machine, as % of one core (200% = both cores of a 2-core machine busy). */
  machineCpuPercent: number;
  /** What the machine spent outside this run (other processes on a shared machine): machine − server − PG − client. */
  otherCpuPercent: number;
  clientCpuPercent: number;
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
  failures: string[];
  gaps: number;
  reconnects: number;
  /** Times a sender was told to slow down (the server's backlog limit): 0 means the limit was never hit. */
  slowDowns: number;
  ok: boolean;
}

async function runLoad(kind: DbKind, meetings: number, options: Options, recordings: Recording[]): Promise<LoadResult> {
  const target = await freshTarget(kind, options);
  const server = await startServe(target.args, target.env);
  const failures: string[] = [];
  const clients: LiveClient[] = [];
  try {
    const { token, meetingIds } = await createMeetings(server.url, meetings);
    const seconds = options.minutes * 60;
    const planned = plan(recordings, meetings, options.warmup + seconds);
    const sentAt = meetingIds.map(() => new Map<string, number>());
    const itemLatency: number[] = [];
    const segmentLatency: number[] = [];
    const ackLatency: number[] = [];
    let eventsDelivered = 0;
    let warmupWorst = 0;
    let runStartedAt = performance.now();
    // Until then every meeting is starting at once (first segments, cold code): measured apart from the rest.
    let measureFrom = Number.POSITIVE_INFINITY;
    const worstByTenSeconds: number[] = [];
    const fail = (what: string) => (error: unknown) => {
      if (failures.length < 20) failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    };

    const connectOptions = (meetingId: string, client: string) => ({
      server: server.url,
      meetingId,
      token,
      client,
      reconnect: { giveUpAfterMs: 30_000 },
      onFailure: fail(`${client} ${meetingId}`),
    });
    const senders: LiveClient[] = [];
    await inBatches([...meetingIds.keys()], 25, async (m) => {
      const meetingId = meetingIds[m] as string;
      const sent = sentAt[m] as Map<string, number>;
      const onEvent = (message: EventMessage) => {
        const now = performance.now();
        if (now >= measureFrom) eventsDelivered += 1;
        const at = message.segmentId === null ? undefined : sent.get(message.segmentId);
        if (at === undefined) return;
        const bucket = Math.floor((now - runStartedAt) / 10_000);
        worstByTenSeconds[bucket] = Math.max(worstByTenSeconds[bucket] ?? 0, now - at);
        if (at < measureFrom) warmupWorst = Math.max(warmupWorst, now - at);
        else if (message.event.kind === "segment") segmentLatency.push(now - at);
        else if (ITEM_EVENTS.has(message.event.kind)) itemLatency.push(now - at);
      };
      const viewers = await Promise.all(
        Array.from({ length: options.viewers }, (_, v) =>
          LiveClient.connect({ ...connectOptions(meetingId, `viewer-${v}`), onEvent }),
        ),
      );
      const sender = await LiveClient.connect(connectOptions(meetingId, "sender"));
      clients.push(...viewers, sender);
      senders[m] = sender;
    });

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    let rssPeak = rssMb(server.pid);
    const rssTimer = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(server.pid));
    }, 1000);
    /** The counters the figures are differences of, read when the warm-up ends. */
    let start: ReturnType<typeof readCounters> | null = null;
    const readCounters = () => ({
      serverCpu: cpuSeconds(server.pid),
      postgresCpu: kind === "postgres" ? postgresCpuByPid() : null,
      seqs: senders.map((sender) => sender.lastSeq),
      machine: machineTicks(),
      clientCpu: process.cpuUsage(),
    });
    const startMeasuring = () => {
      measureFrom = performance.now();
      loopDelay.enable();
      start = readCounters();
      return start;
    };

    // One timer walks the merged plan: each segment goes out at its own time on the recording's clock.
    runStartedAt = performance.now();
    const acks: Promise<void>[] = [];
    let acknowledged = 0;
    let measuredSegments = 0;
    for (const item of planned) {
      const wait = runStartedAt + item.at * 1000 - performance.now();
      if (wait > 1) await sleep(wait);
      if (item.at >= options.warmup) {
        if (measuredSegments === 0) startMeasuring();
        measuredSegments += 1;
      }
      const sender = senders[item.meeting] as LiveClient;
      const sent = performance.now();
      (sentAt[item.meeting] as Map<string, number>).set(item.segment.id, sent);
      acks.push(
        sender.send(item.segment).then(
          (ack) => {
            acknowledged += 1;
            if (!ack.duplicate && sent >= measureFrom) ackLatency.push(performance.now() - sent);
          },
          fail(`segment ${item.segment.id}`),
        ),
      );
    }
    await Promise.race([Promise.all(acks), sleep(30_000)]);
    await sleep(2000); // item events for the last segments
    const begin = start ?? startMeasuring();
    const elapsed = (performance.now() - measureFrom) / 1000;
    clearInterval(rssTimer);
    loopDelay.disable();
    const percentOfElapsed = (seconds: number) => (seconds / elapsed) * 100;
    const serverCpu = percentOfElapsed(cpuSeconds(server.pid) - begin.serverCpu);
    const postgresCpu = begin.postgresCpu ? percentOfElapsed(postgresCpuSince(begin.postgresCpu)) : null;
    const logged = senders.reduce((n, sender, m) => n + sender.lastSeq - (begin.seqs[m] ?? 0), 0);
    const machineEnd = machineTicks();
    const clientCpu = process.cpuUsage(begin.clientCpu);
    const rssEnd = rssMb(server.pid);
    const clientCpuPercent = percentOfElapsed((clientCpu.user + clientCpu.system) / 1e6);
    const machineCpu = round(
      ((machineEnd.busy - begin.machine.busy) / Math.max(1, machineEnd.total - begin.machine.total)) *
        100 *
        cpus().length,
    );
    const gaps = clients.reduce((n, c) => n + c.stats.gaps, 0);
    const reconnects = clients.reduce((n, c) => n + c.stats.reconnects, 0);
    const slowDowns = clients.reduce((n, c) => n + c.stats.slowDowns, 0);
    const itemLatencyMs = summarize(itemLatency);
    const result: LoadResult = {
      db: kind,
      meetings,
      viewers: options.viewers,
      minutes: options.minutes,
      warmupSeconds: options.warmup,
      warmupWorstLatencyMs: round(warmupWorst),
      segmentsSent: planned.length,
      segmentsAcknowledged: acknowledged,
      segmentsPerSecond: round(measuredSegments / seconds),
      eventsLoggedPerSecond: round(logged / elapsed),
      eventsDelivered,
      eventsDeliveredPerSecond: round(eventsDelivered / elapsed),
      itemLatencyMs,
      segmentEventLatencyMs: summarize(segmentLatency),
      ackLatencyMs: summarize(ackLatency),
      worstSegmentLatencyPer10sMs: Array.from(worstByTenSeconds, (ms) => round(ms ?? 0)),
      serverCpuPercent: round(serverCpu),
      serverRssMbPeak: round(Math.max(rssPeak, rssEnd)),
      serverRssMbEnd: round(rssEnd),
      postgresCpuPercent: postgresCpu === null ? null : round(postgresCpu),
      machineCpuPercent: machineCpu,
      otherCpuPercent: round(machineCpu - serverCpu - (postgresCpu ?? 0) - clientCpuPercent),
      clientCpuPercent: round(clientCpuPercent),
      clientLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
      clientLoopDelayMaxMs: round(loopDelay.max / 1e6),
      failures,
      gaps,
      reconnects,
      slowDowns,
      ok: false,
    };
    result.ok =
      failures.length === 0 &&
      acknowledged === planned.length &&
      gaps === 0 &&
      itemLatencyMs.count > 0 &&
      itemLatencyMs.p99 <= LATENCY_TARGET_MS;
    return result;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    await target.remove();
  }
}

// ── start-up ────────────────────────────────────────────────────────────────────────────────────────────────

interface StartupResult {
  db: DbKind;
  firstStartMs: number;
  restartsMs: number[];
  restartMedianMs: number;
  restartMaxMs: number;
  idleRssMb: number;
}

async function measureStartup(kind: DbKind, options: Options): Promise<StartupResult> {
  const target = await freshTarget(kind, options);
  try {
    const first = await startServe(target.args, target.env);
    await first.stop();
    const restarts: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < options.startupRuns; i++) {
      const server = await startServe(target.args, target.env);
      restarts.push(server.startupMs);
      await sleep(2000);
      idle.push(rssMb(server.pid));
      await server.stop();
    }
    return {
      db: kind,
      firstStartMs: round(first.startupMs),
      restartsMs: restarts.map(round),
      restartMedianMs: round(median(restarts)),
      restartMaxMs: round(Math.max(...restarts)),
      idleRssMb: round(median(idle)),
    };
  } finally {
    await target.remove();
  }
}

// ── output ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A table's columns: each a heading and how to show one result in it. */
type Columns<R> = [heading: string, cell: (result: R) => string | number][];

function table<R>(columns: Columns<R>, results: R[]): string {
  const rows = [columns.map(([heading]) => heading), ...results.map((r) => columns.map(([, cell]) => String(cell(r))))];
  const widths = columns.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ")).join("\n");
}

const STARTUP_COLUMNS: Columns<StartupResult> = [
  ["db", (r) => r.db],
  ["first start (empty)", (r) => `${r.firstStartMs} ms`],
  ["restart median", (r) => `${r.restartMedianMs} ms`],
  ["restart max", (r) => `${r.restartMaxMs} ms`],
  ["restarts", (r) => r.restartsMs.length],
  ["idle RSS", (r) => `${r.idleRssMb} MB`],
];

const LOAD_COLUMNS: Columns<LoadResult> = [
  ["db", (r) => r.db],
  ["meetings", (r) => r.meetings],
  ["seg/s", (r) => r.segmentsPerSecond],
  ["events/s logged", (r) => r.eventsLoggedPerSecond],
  ["delivered", (r) => r.eventsDeliveredPerSecond],
  ["item p50", (r) => r.itemLatencyMs.p50],
  ["item p99", (r) => r.itemLatencyMs.p99],
  ["item max", (r) => r.itemLatencyMs.max],
  ["items", (r) => r.itemLatencyMs.count],
  ["seg p99", (r) => r.segmentEventLatencyMs.p99],
  ["ack p99", (r) => r.ackLatencyMs.p99],
  ["server CPU", (r) => `${r.serverCpuPercent}%`],
  ["PG CPU", (r) => (r.postgresCpuPercent === null ? "-" : `${r.postgresCpuPercent}%`)],
  ["RSS peak", (r) => `${r.serverRssMbPeak} MB`],
  ["machine CPU", (r) => `${r.machineCpuPercent}%`],
  ["others", (r) => `${r.otherCpuPercent}%`],
  ["client CPU", (r) => `${r.clientCpuPercent}%`],
  ["client lag p99", (r) => r.clientLoopDelayP99Ms],
  ["warm-up max", (r) => r.warmupWorstLatencyMs],
  ["slow-downs", (r) => r.slowDowns],
  ["ok", (r) => (r.ok ? "yes" : "NO")],
];

function printStartup(results: StartupResult[]): void {
  if (results.length === 0) return;
  console.log("\nStart-up of docket serve: spawn → first 200 from /api/health");
  console.log(table(STARTUP_COLUMNS, results));
}

function printLoad(results: LoadResult[]): void {
  if (results.length === 0) return;
  console.log(
    "\nLive load: real speech rate; latency on the client's clock (ms); CPU as % of one core " +
      `(the machine has ${cpus().length}; "others": processes outside this run)`,
  );
  console.log(table(LOAD_COLUMNS, results));
  for (const r of results) {
    if (r.failures.length || r.gaps || r.segmentsAcknowledged < r.segmentsSent) {
      console.log(
        `  ${r.db} ×${r.meetings}: ${r.segmentsAcknowledged}/${r.segmentsSent} acknowledged, ${r.gaps} gaps, ` +
          `${r.reconnects} reconnects${r.failures.length ? `; first failures: ${r.failures.slice(0, 3).join(" | ")}` : ""}`,
      );
    }
  }
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm run bench:live does)`);
  const recordings = loadRecordings();
  const startup: StartupResult[] = [];
  const load: LoadResult[] = [];
  const maxMeetings: Partial<Record<DbKind, number>> = {};
  for (const kind of options.kinds) {
    if (options.only !== "load") {
      process.stderr.write(`${kind}: start-up ×${options.startupRuns}…\n`);
      startup.push(await measureStartup(kind, options));
    }
    if (options.only === "startup") continue;
    const steps = options.findMax ? options.steps : [options.meetings];
    for (const meetings of steps) {
      let passed = false;
      // On a shared machine a step can fail because of someone else's load: --find-max tries a failed step once
      // more, and both runs are in the report.
      for (let attempt = 1; attempt <= (options.findMax ? 2 : 1) && !passed; attempt++) {
        process.stderr.write(
          `${kind}: ${meetings} meetings × ${options.viewers} viewers for ${options.minutes} min` +
            `${attempt > 1 ? " (again)" : ""}…\n`,
        );
        const result = await runLoad(kind, meetings, options, recordings);
        load.push(result);
        printLoad([result]);
        passed = result.ok;
      }
      if (options.findMax) {
        if (!passed) break;
        maxMeetings[kind] = meetings;
      }
    }
  }
  printStartup(startup);
  printLoad(load);
  if (options.findMax) {
    for (const kind of options.kinds) {
      const n = maxMeetings[kind];
      console.log(
        `\n${kind}: largest meetings count with p99 segment → item ≤ ${LATENCY_TARGET_MS} ms: ${n ?? `none of ${options.steps.join(", ")}`}`,
      );
    }
  }
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryMb: Math.round(totalmem() / 2 ** 20) },
    node: process.version,
    options: {
      ...options,
      postgresUrl: options.postgresUrl ? "(given)" : postgresServer ? "scripts/start-postgres.sh" : null,
    },
    startup,
    load,
    maxMeetings,
  };
  mkdirSync(join(options.out, ".."), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${options.out}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench-live: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
