// A WebSocket client for the live room tests: collects every server message and waits for the ones asked for.
import WebSocket from "ws";
import type { LiveEvent, ServerMessage } from "../../src/api/live-protocol.js";
import type { RunningServer } from "../../src/server/serve.js";
import type { TestUser } from "../helpers/server.js";

export type EventMessage = Extract<ServerMessage, { type: "event" }>;

export function liveUrl(server: RunningServer, meetingId: string, query: Record<string, string | number> = {}): string {
  const url = new URL(`/api/meetings/${meetingId}/live`, server.url.replace(/^http/, "ws"));
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.toString();
}

export class LiveClient {
  readonly messages: ServerMessage[] = [];
  readonly #waiters: { predicate: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  #closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(message);
      for (const waiter of [...this.#waiters]) {
        if (waiter.predicate(message)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
    this.#closed = new Promise((resolve) =>
      socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Connects as the user (with their API token unless `headers` say otherwise) and waits for the welcome and the backlog. */
  static async open(
    server: RunningServer,
    meetingId: string,
    user: TestUser,
    query: Record<string, string | number> = {},
    headers: Record<string, string> = { authorization: `Bearer ${user.token}` },
  ): Promise<LiveClient> {
    const socket = new WebSocket(liveUrl(server, meetingId, query), { headers });
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    // The room sends its health right after the backlog: from then on the client has caught up.
    await client.waitFor((m) => m.type === "health");
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** The first message (received already or later) that matches. */
  waitFor<T extends ServerMessage = ServerMessage>(
    predicate: (m: ServerMessage) => boolean,
    timeoutMs = 20_000,
  ): Promise<T> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting; received: ${JSON.stringify(this.messages.slice(-5))}`));
      }, timeoutMs);
      const waiter = {
        predicate,
        resolve: (m: ServerMessage) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** Sends a segment and waits for its ack (or an error naming it). */
  async sendSegment(segment: { id: string; seq: number; speaker: string | null; text: string; start?: number | null }) {
    this.send({ type: "segment", start: null, ...segment });
    return this.waitFor<Extract<ServerMessage, { type: "ack" | "error" }>>(
      (m) => (m.type === "ack" || m.type === "error") && m.id === segment.id,
    );
  }

  /** Waits until an event with at least this seq has arrived. */
  waitForSeq(seq: number): Promise<ServerMessage> {
    return this.waitFor((m) => m.type === "event" && m.seq >= seq);
  }

  events(): EventMessage[] {
    return this.messages.filter((m): m is EventMessage => m.type === "event");
  }

  eventsOf<K extends LiveEvent["kind"]>(kind: K): Extract<LiveEvent, { kind: K }>[] {
    return this.events()
      .map((m) => m.event)
      .filter((e): e is Extract<LiveEvent, { kind: K }> => e.kind === kind);
  }

  /** The close code and reason, once the connection has closed (by either side). */
  closed(): Promise<{ code: number; reason: string }> {
    return this.#closed;
  }

  async close(): Promise<void> {
    this.socket.close();
    await this.#closed;
  }
}

/** The HTTP status an upgrade is refused with (or 101 when it is accepted). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once("error", (error) => {
      if (!String(error.message).includes("Unexpected server response")) reject(error);
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field and check them with expect.
type ResponseBody = any;

/** A REST call as the user: JSON in (unless a string body), the status and the parsed JSON (or text) out. */
export async function call(
  server: RunningServer,
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: ResponseBody; text: string }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(body === undefined || typeof body === "string" ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text };
}
