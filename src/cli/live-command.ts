import { createHash } from "node:crypto";
import type { ItemView, LiveEvent } from "../api/live-protocol.js";
import {
  type AckMessage,
  type EventMessage,
  LiveClient,
  type LiveClientStats,
  LiveError,
  type LiveSegment,
} from "../client/live-client.js";
import { describeTranscriptWarning, parseTranscript } from "../core/transcript/parse-transcript.js";
import { readTranscriptFile } from "../files/transcript-file.js";
import type { Environment } from "./environment.js";

export interface LiveFlags {
  server?: string | undefined;
  meeting?: string | undefined;
  token?: string | undefined;
  speed?: string | undefined;
  json?: boolean | undefined;
  end?: boolean | undefined;
}

/** How long to keep listening after the last acknowledgement for item events the last segments cause. */
const QUIET_MS = 500;
const TRAILING_MAX_MS = 3000;
/** With --speed 0, at most this many segments are unacknowledged at once. */
const FAST_WINDOW = 64;
/** At real pace a healthy server keeps few unacknowledged; this bounds what piles up while it is away. */
const PACED_WINDOW = 200;

/**
 * `docket live FILE`: replays a transcript into a live meeting at N× the speed it was spoken, printing each
 * acknowledgement and each item as it arrives. Segment ids come from the file's content and the segment's
 * place in it, so running it again (or after a crash) adds nothing twice.
 */
export async function liveCommand(
  file: string | undefined,
  flags: LiveFlags,
  env: Pick<Environment, "DOCKET_SERVER" | "DOCKET_TOKEN">,
  usage: (message: string) => Error,
): Promise<number> {
  if (!file) throw usage("live needs a transcript FILE");
  const server = flags.server ?? env.DOCKET_SERVER;
  if (!server) throw usage("live needs --server URL (or set DOCKET_SERVER)");
  if (!isServerUrl(server)) throw usage(`--server must be an http:// or https:// URL; got "${server}"`);
  const meetingId = flags.meeting;
  if (!meetingId) throw usage("live needs --meeting ID");
  const token = flags.token ?? env.DOCKET_TOKEN;
  if (!token) throw usage("live needs --token TOKEN (or set DOCKET_TOKEN)");
  const speed = Number(flags.speed ?? "1");
  if (flags.speed?.trim() === "" || !Number.isFinite(speed) || speed < 0) {
    throw usage(`--speed must be a number ≥ 0 (0: as fast as possible); got "${flags.speed}"`);
  }

  const segments = await readLiveSegments(file, (warning) => process.stderr.write(`docket: warning: ${warning}\n`));
  if (segments.length === 0) {
    process.stderr.write(`docket: ${file} has no segments; nothing to send\n`);
    return 0;
  }

  const out = new LiveOutput(flags.json === true, segments.length);
  const failed = deferred<unknown>();
  const stopPacing = new AbortController();
  let lastEventAt = Date.now();
  let client: LiveClient;
  try {
    client = await LiveClient.connect({
      server,
      meetingId,
      token,
      client: "docket-live",
      window: speed === 0 ? FAST_WINDOW : PACED_WINDOW,
      onEvent: (message) => {
        lastEventAt = Date.now();
        out.event(message);
        if (message.event.kind === "meeting.status" && message.event.status === "ended" && !out.isComplete) {
          // Someone ended it: the rest would be refused one by one, so stop now.
          const stored = `${out.acknowledged} of ${segments.length} segments were stored`;
          failed.resolve(new LiveError("ended", `meeting ${meetingId} was ended during the replay; ${stored}`));
        }
      },
      onConnection: (change) => {
        if (change.state === "lost") process.stderr.write(`docket: ${change.cause}; reconnecting…\n`);
        if (change.state === "open" && change.reconnected) {
          process.stderr.write(`docket: reconnected; sending the ${client.unacknowledged} unacknowledged segment(s)\n`);
        }
      },
      onServerError: (error) => process.stderr.write(`docket: the server says: ${error.message}\n`),
      onFailure: (error) => failed.resolve(error),
    });
  } catch (error) {
    return reportFailure(error);
  }

  try {
    const welcome = client.welcome;
    if (welcome?.status === "ended")
      throw new LiveError("ended", `meeting ${meetingId} has ended; it takes no more segments`);
    if (welcome && !welcome.canSend) {
      throw new LiveError("forbidden", `you may watch meeting ${meetingId} but not send to it (a viewer's role)`);
    }
    const timed = segments.some((s) => s.start !== null);
    if (speed > 0 && !timed) process.stderr.write(`docket: ${file} has no timings; sending as fast as possible\n`);
    const pace = timed ? speed : 0;
    process.stderr.write(
      `docket: replaying ${segments.length} segments into meeting ${meetingId}` +
        (pace > 0 ? ` at ${pace}× (about ${duration(segments, pace)})` : "") +
        "\n",
    );

    const acks = replay(client, segments, pace, {
      onAck: (ack) => out.ack(ack),
      onError: (error) => failed.resolve(error),
      signal: stopPacing.signal,
    });
    const failure = await Promise.race([acks.then(() => null), failed.promise]);
    if (failure !== null) throw failure;

    if (flags.end) await endMeeting(server, meetingId, token);
    // Item events for the last segments may follow their acknowledgements by a moment.
    const doneAt = Date.now();
    while (Date.now() - doneAt < TRAILING_MAX_MS && Date.now() - Math.max(lastEventAt, doneAt) < QUIET_MS) {
      await sleep(50);
    }
    out.done(client.stats);
    return 0;
  } catch (error) {
    return reportFailure(error);
  } finally {
    stopPacing.abort();
    await client.close();
  }
}

/**
 * Sends every segment at its time (its start ÷ speed after the first one's; speed 0: at once, the client's window
 * bounding what is unacknowledged) and resolves when all are acknowledged. A refused segment calls `onError` at
 * once; `signal` stops the pacing.
 */
async function replay(
  client: LiveClient,
  segments: LiveSegment[],
  speed: number,
  handlers: { onAck: (ack: AckMessage) => void; onError: (error: unknown) => void; signal: AbortSignal },
): Promise<void> {
  const acks: Promise<void>[] = [];
  const startedAt = performance.now();
  const origin = segments.find((s) => s.start !== null)?.start ?? 0;
  let lastStart = origin;
  for (const segment of segments) {
    if (handlers.signal.aborted) return;
    if (speed > 0) {
      lastStart = segment.start ?? lastStart;
      const wait = startedAt + ((lastStart - origin) * 1000) / speed - performance.now();
      if (wait > 0 && !(await sleep(wait, handlers.signal))) return;
    }
    acks.push(client.send(segment).then(handlers.onAck, handlers.onError));
  }
  await Promise.all(acks);
}

/**
 * A transcript file's segments with ids from its content and their index: the same file gives the same ids.
 * `warn` hears each cue the reader skipped (`file:line: cue skipped: …`).
 */
export async function readLiveSegments(
  file: string,
  warn: (warning: string) => void = () => {},
): Promise<LiveSegment[]> {
  const text = await readTranscriptFile(file);
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const transcript = parseTranscript(text, file);
  for (const warning of transcript.warnings) warn(describeTranscriptWarning(file, warning));
  return transcript.segments.map((s, i) => ({
    id: `${digest}-${i}`,
    seq: i,
    speaker: s.speaker === null ? null : s.speaker.slice(0, 200),
    text: s.text,
    start: s.start === null ? null : Math.max(0, s.start),
    end: s.end === null ? null : Math.max(0, s.end),
  }));
}

async function endMeeting(server: string, meetingId: string, token: string): Promise<void> {
  const url = new URL(`api/meetings/${encodeURIComponent(meetingId)}/status`, withSlash(server));
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "ended" }),
  }).catch((error: unknown) => {
    throw new LiveError("unreachable", `could not end meeting ${meetingId}: ${String(error)}`);
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new LiveError(
      "rejected",
      `could not end meeting ${meetingId}: ${body?.error?.message ?? `HTTP ${response.status}`}`,
    );
  }
}

/** Prints acknowledgements and items as lines a person reads, or one JSON object per line. */
export class LiveOutput {
  acknowledged = 0;
  private duplicates = 0;
  private readonly items = new Map<string, ItemView>();

  constructor(
    private readonly json: boolean,
    private readonly total: number,
  ) {}

  get isComplete(): boolean {
    return this.acknowledged === this.total;
  }

  ack(ack: AckMessage): void {
    this.acknowledged += 1;
    if (ack.duplicate) this.duplicates += 1;
    if (this.json) this.line(JSON.stringify(ack));
    else this.line(`ack ${this.acknowledged}/${this.total}${ack.duplicate ? " (already stored)" : ""}`);
  }

  event(message: EventMessage): void {
    const { event } = message;
    if (event.kind === "segment") return;
    if (event.kind === "item.added" || event.kind === "item.updated" || event.kind === "item.reviewed") {
      this.items.set(event.item.id, event.item);
    }
    // Described before a removed item is forgotten (the line names it); forgotten in both modes, so the summary's
    // count is the same whichever is printed.
    const text = this.json ? JSON.stringify(message) : describeEvent(event, this.items);
    if (event.kind === "item.removed") this.items.delete(event.itemId);
    this.line(text);
  }

  done(stats: LiveClientStats): void {
    const summary = {
      type: "done",
      segments: this.total,
      acknowledged: this.acknowledged,
      duplicates: this.duplicates,
      items: this.items.size,
      reconnects: stats.reconnects,
      resent: stats.resent,
      slowDowns: stats.slowDowns,
    };
    if (this.json) {
      this.line(JSON.stringify(summary));
      return;
    }
    const parts = [`${this.acknowledged} segments acknowledged`];
    if (this.duplicates) parts.push(`${this.duplicates} of them already stored`);
    parts.push(`${this.items.size} item(s) seen`);
    if (stats.reconnects) parts.push(`${stats.reconnects} reconnect(s), ${stats.resent} segment(s) resent`);
    if (stats.slowDowns) parts.push(`told to slow down ${stats.slowDowns} time(s) by a busy server`);
    this.line(`done: ${parts.join(", ")}`);
  }

  private line(text: string): void {
    process.stdout.write(`${text}\n`);
  }
}

function describeEvent(event: Exclude<LiveEvent, { kind: "segment" }>, items: Map<string, ItemView>): string {
  switch (event.kind) {
    case "item.added":
      return `+ ${describeItem(event.item)}`;
    case "item.updated":
      return `~ ${describeItem(event.item)}`;
    case "item.removed": {
      const item = items.get(event.itemId);
      return `- ${item ? describeItem(item) : event.itemId}`;
    }
    case "item.reviewed":
      return `* ${describeItem(event.item)} ${event.action}ed by ${event.by.name}`;
    case "metrics": {
      const cells = Object.entries(event.row.values).map(([column, value]) => `${column} ${value}`);
      return `# ${"metrics".padEnd(10)}${event.row.team}: ${cells.join(", ")}`;
    }
    case "meeting.status":
      return `meeting is now ${event.status}`;
  }
}

/** `decision  "Salesforce v1 is one-way sync" (Priya)`: kind, text, then owner, rating and due date when set. */
function describeItem(item: ItemView): string {
  const details = [item.rag, item.owner, item.due ? `due ${item.due}` : null].filter((d) => d);
  const kind = item.kind.length >= 10 ? `${item.kind} ` : item.kind.padEnd(10);
  return `${kind}"${item.text}"${details.length ? ` (${details.join(", ")})` : ""}`;
}

function reportFailure(error: unknown): number {
  if (!(error instanceof LiveError)) throw error;
  const hint =
    error.reason === "lost" ? "\ndocket: run the same command again to send the rest; nothing is stored twice" : "";
  process.stderr.write(`docket: ${error.message}${hint}\n`);
  return 1;
}

function isServerUrl(text: string): boolean {
  try {
    return ["http:", "https:", "ws:", "wss:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The server's HTTP base with a trailing slash (a ws:// address names the same server). */
function withSlash(url: string): string {
  const http = url.replace(/^ws(s?):/i, "http$1:");
  return http.endsWith("/") ? http : `${http}/`;
}

function duration(segments: LiveSegment[], speed: number): string {
  const starts = segments.map((s) => s.start).filter((s): s is number => s !== null);
  const seconds = (Math.max(...starts) - Math.min(...starts)) / speed;
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", stop, { once: true });
  });
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
