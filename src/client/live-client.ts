import { WebSocket } from "ws";
import { type EventCursor, liveRoomPath, startCursor, stepCursor, welcomeCursor } from "../api/event-cursor.js";
import type { SegmentMessage, ServerMessage } from "../api/live-protocol.js";

/**
 * A Node client for a live meeting room (`GET /api/meetings/{id}/live`, see src/api/live-protocol.ts).
 *
 * One connection both sends and watches: `send()` queues a segment and resolves with the server's
 * acknowledgement, which comes only once the segment is stored. Segments not yet acknowledged are kept and sent
 * again, in order, after a reconnect; the server recognises them by id, so resending is harmless. Events are
 * delivered in `seq` order without gaps or repeats (src/api/event-cursor.ts): a reconnect resumes after the last
 * one seen, and a gap makes the client reconnect to fill it.
 */

export type LiveSegment = Omit<SegmentMessage, "type">;
export type AckMessage = Extract<ServerMessage, { type: "ack" }>;
export type EventMessage = Extract<ServerMessage, { type: "event" }>;
export type WelcomeMessage = Extract<ServerMessage, { type: "welcome" }>;
export type ErrorMessage = Extract<ServerMessage, { type: "error" }>;

export type LiveErrorReason =
  /** The first connection could not be made: no server at the address, DNS, TLS. */
  | "unreachable"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  /** The meeting has ended: it takes no more segments. */
  | "ended"
  /** The server refused one segment (too long, malformed). */
  | "rejected"
  /** The connection dropped and could not be made again in time. */
  | "lost"
  /** `close()` was called while segments were still unacknowledged. */
  | "closed";

/** A failure the caller can show as it is: the message says what happened, never how. */
export class LiveError extends Error {
  constructor(
    readonly reason: LiveErrorReason,
    message: string,
    /** The HTTP status or server error code behind it, when there was one. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = "LiveError";
  }
}

export type ConnectionChange =
  | { state: "open"; reconnected: boolean }
  | { state: "lost"; cause: string }
  | { state: "retrying"; attempt: number; delayMs: number; cause: string };

export interface LiveClientOptions {
  /** The server's base URL: http(s)://host:port (ws(s):// works too). */
  server: string;
  meetingId: string;
  /** A personal API token, sent as `Authorization: Bearer …`. */
  token: string;
  /** Shown in the meeting's capture health (`client=`). */
  client?: string;
  /** Replay the events after this seq on the first connection; by default only new events are delivered. */
  after?: number;
  /** Most segments sent but not yet acknowledged at once (default 100). */
  window?: number;
  /** Delays between reconnection attempts grow from `initialDelayMs` to `maxDelayMs`; give up after `giveUpAfterMs`. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number; giveUpAfterMs?: number };
  onEvent?: (event: EventMessage) => void;
  /** A server error not tied to one of this client's segments. */
  onServerError?: (error: ErrorMessage) => void;
  onConnection?: (change: ConnectionChange) => void;
  /** The client gave up (lost connection, token revoked, meeting gone); pending sends are rejected with it too. */
  onFailure?: (error: LiveError) => void;
}

export interface LiveClientStats {
  /** Connections made again after a drop. */
  reconnects: number;
  /** Segment messages sent again on a new connection because the old one dropped before their ack. */
  resent: number;
  /** Times an event arrived with a seq beyond the next one (the client then reconnected to fill the gap). */
  gaps: number;
  /** Events already seen (seq at or below the last one), dropped. */
  repeatedEvents: number;
  /** Times the server said it was busy ("slow down"), and the client paused sending. */
  slowDowns: number;
}

interface Pending {
  segment: LiveSegment;
  /** The connection number it was last sent on (0: not sent yet; -1: waiting to be sent again after a refusal). */
  sentOn: number;
  /** Times the server answered "try again" after a failure on its side. */
  retries: number;
  /** Times the server said it was busy when this segment was sent. */
  slowDowns: number;
  /** performance.now() when it was last sent. */
  sentAt: number;
  resolve: (ack: AckMessage) => void;
  reject: (error: LiveError) => void;
}

/** Retry these after a pause; anything else ends the client. */
class TransientError extends Error {}

const DEFAULTS = { window: 100, initialDelayMs: 200, maxDelayMs: 5000, giveUpAfterMs: 120_000 };
/** A connection that neither opens nor fails within this time counts as failed. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
const PING_EVERY_MS = 15_000;
/** A segment sent this long ago without an ack is sent again on a new connection. */
const ACK_TIMEOUT_MS = 30_000;
/** Server error codes that mean "not now" rather than "never" ("unavailable" and "rate_limited" pause all sending). */
const RETRYABLE_CODES = new Set(["internal"]);
const MAX_SEGMENT_RETRIES = 8;
/** Pauses while the server's database is away ("unavailable"): every segment waits, however long it takes. */
const DATABASE_PAUSE_MS = { first: 250, max: 5000 };
/** The longest pause after "slow down", whatever the server asks: the sender keeps trying, however busy it is. */
const MAX_SLOW_DOWN_MS = 10_000;

export class LiveClient {
  readonly stats: LiveClientStats = { reconnects: 0, resent: 0, gaps: 0, repeatedEvents: 0, slowDowns: 0 };
  /** The server's welcome on the current (or last) connection. */
  welcome: WelcomeMessage | null = null;

  private cursor: EventCursor;
  private readonly pending = new Map<string, Pending>();
  private socket: WebSocket | null = null;
  /** Connections welcomed so far: the current one's number. */
  private connection = 0;
  /** Welcomed and not closed: segments may be sent. */
  private isOpen = false;
  /** A pong came since the last ping. */
  private isAlive = false;
  private closing = false;
  private failure: LiveError | null = null;
  private wakeReconnect: (() => void) | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  /**
   * The server's database is away: "paused" sends nothing; "probing" sends the oldest segment alone, and its ack
   * lets the rest follow, in order. Null while the database is reachable.
   */
  private databaseWait: { state: "paused" | "probing"; pauseMs: number } | null = null;
  /** performance.now() until which nothing is sent: the server said it was busy. */
  private pausedUntil = 0;
  private resumeTimer: NodeJS.Timeout | null = null;
  /** Connections being dropped on purpose: what they still deliver is ignored. */
  private readonly abandoned = new WeakSet<WebSocket>();

  private constructor(private readonly options: LiveClientOptions) {
    this.cursor = startCursor(options.after);
  }

  /** Opens the first connection; resolves once the server has welcomed it. Rejects with a LiveError. */
  static async connect(options: LiveClientOptions): Promise<LiveClient> {
    const client = new LiveClient(options);
    try {
      await client.connectOnce();
    } catch (error) {
      client.closing = true;
      client.stopPing();
      throw error instanceof LiveError ? error : new LiveError("unreachable", describeUnreachable(options, error));
    }
    return client;
  }

  /** The last event seq delivered to `onEvent` (before any, the seq the client started after; -1 before the welcome). */
  get lastSeq(): number {
    return this.cursor.lastSeq ?? -1;
  }

  /** Segments queued or sent and not yet acknowledged. */
  get unacknowledged(): number {
    return this.pending.size;
  }

  /** Queues a segment; resolves with its acknowledgement (the segment is stored), rejects with a LiveError. */
  send(segment: LiveSegment): Promise<AckMessage> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new LiveError("closed", "the live connection is closed"));
    const existing = this.pending.get(segment.id);
    if (existing) return new Promise((resolve, reject) => this.chain(existing, resolve, reject));
    const promise = new Promise<AckMessage>((resolve, reject) => {
      this.pending.set(segment.id, { segment, sentOn: 0, retries: 0, slowDowns: 0, sentAt: 0, resolve, reject });
    });
    // The caller may drop the promise when it only counts acknowledgements; a rejection must not crash it.
    promise.catch(() => {});
    this.pump();
    return promise;
  }

  /** Stops reconnecting and closes the connection; unacknowledged sends are rejected. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.stopPing();
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.wakeReconnect?.();
    const left = this.pending.size;
    if (left > 0) this.rejectAll(new LiveError("closed", `closed with ${left} segment(s) not acknowledged`));
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1000);
      socket.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      socket.close(1000, "done");
    });
  }

  /** Drops the connection as a network failure would; the client reconnects (after a gap, a silent server; tests). */
  dropConnection(): void {
    if (!this.socket) return;
    this.abandoned.add(this.socket);
    this.socket.terminate();
  }

  private chain(pending: Pending, resolve: (ack: AckMessage) => void, reject: (error: LiveError) => void): void {
    const { resolve: first, reject: firstReject } = pending;
    pending.resolve = (ack) => {
      first(ack);
      resolve(ack);
    };
    pending.reject = (error) => {
      firstReject(error);
      reject(error);
    };
  }

  private url(): string {
    const base = new URL(this.options.server);
    base.protocol = base.protocol === "https:" || base.protocol === "wss:" ? "wss:" : "ws:";
    const path = liveRoomPath(this.options.meetingId, this.cursor, this.options.client);
    return new URL(`${base.pathname.replace(/\/+$/, "")}${path}`, base).toString();
  }

  /** One connection attempt: resolves on the welcome; rejects with a LiveError (final) or a TransientError. */
  private connectOnce(): Promise<void> {
    const reconnected = this.connection > 0;
    return new Promise((resolve, reject) => {
      let settled = false;
      let welcomed = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      const socket = new WebSocket(this.url(), {
        headers: { authorization: `Bearer ${this.options.token}` },
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
        perMessageDeflate: false,
      });
      this.socket = socket;
      socket.on("unexpected-response", (request, response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (body.length < 10_000) body += chunk;
        });
        response.on("end", () => {
          settle(httpFailure(response.statusCode ?? 0, body, this.options));
          request.destroy();
          socket.terminate();
        });
        response.on("error", () => settle(new TransientError(`HTTP ${response.statusCode}`)));
      });
      socket.on("error", (error) => {
        if (!settled) settle(new TransientError(describeSocketError(error)));
      });
      socket.on("pong", () => {
        if (this.socket === socket) this.isAlive = true;
      });
      socket.on("message", (data) => {
        if (this.socket !== socket || this.abandoned.has(socket)) return;
        const message = parseServerMessage(data.toString());
        if (!message) return;
        if (!settled) {
          if (message.type === "welcome") {
            welcomed = true;
            this.handleWelcome(message, reconnected);
            settle();
          } else if (message.type === "error") {
            settle(serverFailure(message, this.options) ?? new TransientError(message.message));
            socket.close();
          }
          return;
        }
        this.handleMessage(message);
      });
      socket.on("close", (code, reasonBytes) => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.isOpen = false;
        this.stopPing();
        const reason = reasonBytes.toString();
        const final = closeFailure(code, reason, this.options);
        if (!welcomed) {
          settle(final ?? new TransientError(closeCause(code, reason)));
        } else if (!this.closing && !this.failure) {
          if (final) this.fail(final);
          else void this.reconnect(closeCause(code, reason));
        }
      });
    });
  }

  private handleWelcome(welcome: WelcomeMessage, reconnected: boolean): void {
    this.welcome = welcome;
    this.connection += 1;
    this.isOpen = true;
    // Without `after`, the first connection starts at the meeting's present: later reconnects resume from there.
    this.cursor = welcomeCursor(this.cursor, welcome.lastSeq);
    if (reconnected) this.stats.reconnects += 1;
    this.startPing();
    this.options.onConnection?.({ state: "open", reconnected });
    this.pump();
  }

  private handleMessage(message: ServerMessage): void {
    switch (message.type) {
      case "ack": {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        pending.resolve(message);
        if (this.databaseWait) this.databaseBack();
        this.pump();
        return;
      }
      case "event": {
        const step = stepCursor(this.cursor, message.seq);
        if (step.verdict === "repeat") {
          this.stats.repeatedEvents += 1;
          return;
        }
        if (step.verdict === "gap") {
          // Never deliver out of order: reconnect and ask for what was missed.
          this.stats.gaps += 1;
          this.dropConnection();
          return;
        }
        this.cursor = step.cursor;
        this.options.onEvent?.(message);
        return;
      }
      case "error": {
        const pending = message.id === undefined ? undefined : this.pending.get(message.id);
        if (pending) {
          this.handleRefusal(pending, message);
          return;
        }
        const final = serverFailure(message, this.options);
        if (final) this.fail(final);
        else this.options.onServerError?.(message);
        return;
      }
      case "health":
      case "welcome":
      case "pong":
        return;
    }
  }

  /** The server refused one of this client's segments: send it again after a pause, or give it up. */
  private handleRefusal(pending: Pending, message: ErrorMessage): void {
    if (message.code === "unavailable") {
      this.waitForDatabase();
      return;
    }
    if (message.code === "rate_limited") {
      this.slowDown(pending, message.retryAfterMs);
      return;
    }
    if (RETRYABLE_CODES.has(message.code) && pending.retries < MAX_SEGMENT_RETRIES) {
      // Failing for a moment on the server's side: send it again shortly. It may then land after segments sent later.
      pending.retries += 1;
      pending.sentOn = -1;
      const delay = Math.min(5000, 100 * 2 ** pending.retries);
      setTimeout(() => {
        if (pending.sentOn === -1) pending.sentOn = 0;
        this.pump();
      }, delay).unref();
      return;
    }
    this.pending.delete(pending.segment.id);
    pending.reject(segmentFailure(message));
    this.pump();
  }

  /**
   * Nothing was stored: every unacknowledged segment waits (one retried alone would land after later ones), then
   * the oldest goes alone to see whether the database is back; pauses grow while it is not. No limit: the server
   * keeps its word, and the segments are stored once it can.
   */
  private waitForDatabase(): void {
    for (const each of this.pending.values()) each.sentOn = -1;
    if (this.databaseWait?.state === "paused") return;
    const pauseMs = Math.min(DATABASE_PAUSE_MS.max, (this.databaseWait?.pauseMs ?? DATABASE_PAUSE_MS.first / 2) * 2);
    const wait: { state: "paused" | "probing"; pauseMs: number } = { state: "paused", pauseMs };
    this.databaseWait = wait;
    setTimeout(() => {
      if (this.databaseWait !== wait) return;
      wait.state = "probing";
      this.releaseHeld();
      this.pump();
    }, pauseMs).unref();
  }

  /** A segment was stored: the server's database is back, and everything held goes out, in order. */
  private databaseBack(): void {
    this.databaseWait = null;
    this.releaseHeld();
  }

  private releaseHeld(): void {
    for (const each of this.pending.values()) if (each.sentOn === -1) each.sentOn = 0;
  }

  /**
   * The server is busy and did not store `pending`: nothing is sent for the time it asks (or a growing pause when it
   * does not say), with jitter so that refused senders do not all come back at once. Then this segment and every
   * later one sent on this connection go again, in order; the server refuses later ones until this one is back.
   */
  private slowDown(pending: Pending, retryAfterMs: number | undefined): void {
    // Already waiting to go again: the refusal of a segment sent before the pause began.
    if (pending.sentOn !== this.connection) return;
    this.stats.slowDowns += 1;
    pending.slowDowns += 1;
    const asked = retryAfterMs ?? 100 * 2 ** Math.min(pending.slowDowns, 7);
    const delay = Math.round(Math.min(MAX_SLOW_DOWN_MS, asked * (1 + Math.random() * 0.5)));
    let from = false;
    for (const other of this.pending.values()) {
      if (other === pending) from = true;
      if (from && other.sentOn === this.connection) other.sentOn = 0;
    }
    this.pausedUntil = Math.max(this.pausedUntil, performance.now() + delay);
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      this.pausedUntil = 0;
      this.pump();
    }, this.pausedUntil - performance.now());
    this.resumeTimer.unref();
  }

  /** Sends queued segments in order, keeping at most `window` unacknowledged on this connection. */
  private pump(): void {
    const socket = this.socket;
    if (!this.isOpen || !socket || socket.readyState !== WebSocket.OPEN) return;
    if (this.databaseWait?.state === "paused" || performance.now() < this.pausedUntil) return;
    const window = this.databaseWait ? 1 : (this.options.window ?? DEFAULTS.window);
    let inFlight = 0;
    for (const pending of this.pending.values()) if (pending.sentOn === this.connection) inFlight += 1;
    for (const pending of this.pending.values()) {
      if (inFlight >= window) return;
      if (pending.sentOn === this.connection || pending.sentOn === -1) continue;
      if (pending.sentOn !== 0) this.stats.resent += 1;
      pending.sentOn = this.connection;
      pending.sentAt = performance.now();
      inFlight += 1;
      socket.send(JSON.stringify({ type: "segment", ...pending.segment }));
    }
  }

  private async reconnect(cause: string): Promise<void> {
    this.options.onConnection?.({ state: "lost", cause });
    const { initialDelayMs, maxDelayMs, giveUpAfterMs } = { ...DEFAULTS, ...this.options.reconnect };
    const lostAt = Date.now();
    for (let attempt = 1; !this.closing && !this.failure; attempt++) {
      // A gap is repaired at once; a dropped server gets growing pauses, jittered so clients do not stampede.
      const base = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(base * (0.8 + Math.random() * 0.4));
      this.options.onConnection?.({ state: "retrying", attempt, delayMs, cause });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.wakeReconnect = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeReconnect = null;
      if (this.closing || this.failure) return;
      try {
        await this.connectOnce();
        return;
      } catch (error) {
        if (error instanceof LiveError) {
          this.fail(error);
          return;
        }
        cause = error instanceof Error ? error.message : String(error);
        if (Date.now() - lostAt >= giveUpAfterMs) {
          const seconds = Math.round(giveUpAfterMs / 1000);
          this.fail(
            new LiveError(
              "lost",
              `lost the connection to ${this.options.server} and could not reconnect for ${seconds} s (${cause}); ` +
                `${this.pending.size} segment(s) were not acknowledged`,
            ),
          );
          return;
        }
      }
    }
  }

  private fail(error: LiveError): void {
    if (this.failure) return;
    this.failure = error;
    this.closing = true;
    this.stopPing();
    this.rejectAll(error);
    this.socket?.close();
    this.options.onFailure?.(error);
  }

  private rejectAll(error: LiveError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const pending of all) pending.reject(error);
  }

  /** A server that vanished without closing (a cut cable, a frozen VM) shows up as a missing pong. */
  private startPing(): void {
    this.stopPing();
    const socket = this.socket;
    if (!socket) return;
    this.isAlive = true;
    this.pingTimer = setInterval(() => {
      if (!this.isAlive || this.isAckOverdue()) {
        // Silent for a whole interval, or a segment waits far longer than any store takes: start over.
        this.dropConnection();
        return;
      }
      this.isAlive = false;
      socket.ping();
    }, PING_EVERY_MS);
    this.pingTimer.unref();
  }

  private isAckOverdue(): boolean {
    const limit = performance.now() - ACK_TIMEOUT_MS;
    for (const pending of this.pending.values()) {
      if (pending.sentOn === this.connection && pending.sentAt < limit) return true;
    }
    return false;
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}

function parseServerMessage(text: string): ServerMessage | null {
  try {
    const message = JSON.parse(text) as ServerMessage;
    return message && typeof message === "object" && typeof message.type === "string" ? message : null;
  } catch {
    return null;
  }
}

/** The HTTP answer to the upgrade request when the server refused it. */
function httpFailure(status: number, body: string, options: LiveClientOptions): Error {
  const message = errorMessageOf(body);
  const meeting = `meeting ${options.meetingId}`;
  switch (status) {
    case 401:
      return new LiveError("unauthorized", `the server refused the token: ${message ?? "unauthorized"}`, "401");
    case 403:
      return new LiveError("forbidden", `not allowed in ${meeting}: ${message ?? "forbidden"}`, "403");
    case 404:
      return new LiveError(
        "not_found",
        message?.includes("no route")
          ? `${options.server} has no live meetings (is it a Docket server?): ${message}`
          : `no ${meeting} on ${options.server}, or you are not a member of its Space`,
        "404",
      );
    case 409:
    case 410:
      return new LiveError("ended", `${meeting} does not take segments: ${message ?? "conflict"}`, String(status));
    case 400:
      return new LiveError("rejected", `the server refused the connection: ${message ?? "bad request"}`, "400");
    default:
      return new TransientError(`HTTP ${status}${message ? `: ${message}` : ""}`);
  }
}

function errorMessageOf(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === "string" ? parsed.error.message : null;
  } catch {
    return body.trim().slice(0, 200) || null;
  }
}

/** A server `error` message about the connection as a whole: final when it is about access or the meeting. */
function serverFailure(message: ErrorMessage, options: LiveClientOptions): LiveError | null {
  switch (message.code) {
    case "unauthorized":
      return new LiveError("unauthorized", `the server refused the token: ${message.message}`, message.code);
    case "forbidden":
      return new LiveError("forbidden", message.message, message.code);
    case "not_found":
      return new LiveError("not_found", `meeting ${options.meetingId}: ${message.message}`, message.code);
    default:
      return null;
  }
}

function segmentFailure(message: ErrorMessage): LiveError {
  const ended = /ended/i.test(message.code) || /\bended\b/i.test(message.message);
  if (ended) return new LiveError("ended", message.message, message.code);
  if (message.code === "forbidden" || message.code === "unauthorized" || message.code === "not_found") {
    return new LiveError(message.code, message.message, message.code);
  }
  return new LiveError("rejected", `segment ${message.id}: ${message.message}`, message.code);
}

/** Close codes 4000 + HTTP status (and 1008, policy) end the client; the rest are worth a reconnect. */
function closeFailure(code: number, reason: string, options: LiveClientOptions): LiveError | null {
  const why = reason || `closed with code ${code}`;
  if (code === 4401) return new LiveError("unauthorized", `the server refused the token: ${why}`, String(code));
  if (code === 4403 || code === 1008) return new LiveError("forbidden", why, String(code));
  if (code === 4404) return new LiveError("not_found", `meeting ${options.meetingId}: ${why}`, String(code));
  if (code === 4409 || code === 4410) return new LiveError("ended", why, String(code));
  return null;
}

function closeCause(code: number, reason: string): string {
  if (code === 1006) return "the connection dropped";
  return `closed by the server (${code}${reason ? `: ${reason}` : ""})`;
}

function describeSocketError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "no such host";
  if (code === "ECONNRESET") return "connection reset";
  if (code === "ETIMEDOUT" || /timed out|timeout/i.test(error.message)) return "timed out";
  return error.message || code || "connection failed";
}

function describeUnreachable(options: LiveClientOptions, error: unknown): string {
  const cause = error instanceof Error ? error.message : String(error);
  return `cannot reach the Docket server at ${options.server} (${cause})`;
}
