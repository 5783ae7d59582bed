import type { WebSocket } from "ws";
import type { z } from "zod";
import {
  type ClientMessage,
  pingMessage,
  reviewMessage,
  type ServerMessage,
  segmentMessage,
} from "../api/live-protocol.js";
import { DocketError } from "../core/errors.js";
import { type LiveHub, type Peer, reportLiveError } from "../live/hub.js";
import type { LivePipeline } from "../live/pipeline.js";
import { describeIssues } from "./errors.js";

/** Who is on the other end, as the upgrade request established. */
export interface ConnectionInfo {
  meetingId: string;
  userId: string;
  userName: string;
  /** The `client` query parameter: which capture app or browser tab this is. */
  client: string;
  /** The last seq the client has seen; null to start at the meeting's present. */
  after: number | null;
  /** Member or above: may send segments and reviews. Viewers only watch. */
  canSend: boolean;
}

export interface LiveConnection {
  onMessage(data: unknown): void;
  onClose(): void;
}

/** The hub's view of a socket. */
export function peerOf(ws: WebSocket): Peer {
  return {
    send: (data) => ws.send(data, { binary: false }),
    bufferedAmount: () => ws.bufferedAmount,
    close: (code, reason) => ws.close(code, reason),
  };
}

/** Messages a connection may have waiting for the pipeline before it is told to slow down. */
const MAX_IN_FLIGHT = 1000;

/**
 * One WebSocket in a meeting: joins the room (welcome, backlog, live events), and answers each message it
 * sends. A message that is not JSON, fails the protocol's schema, or is not allowed for the connection's role
 * gets an `error` reply and the connection stays open.
 */
export function openLiveConnection(
  deps: { hub: LiveHub; pipeline: LivePipeline },
  info: ConnectionInfo,
  peer: Peer,
): LiveConnection {
  const membership = deps.hub.join(info.meetingId, peer, { after: info.after, canSend: info.canSend });
  let closed = false;
  let inFlight = 0;
  const reply = (message: ServerMessage) => {
    if (!closed) peer.send(JSON.stringify(message));
  };
  const ready = membership.ready.then(
    () => true,
    (error: unknown) => {
      if (error instanceof DocketError) {
        reply({ type: "error", code: error.code, message: error.message });
        // 4000 + the HTTP status: a client gives up on a meeting that is gone, and retries anything else.
        peer.close(error.code === "not_found" ? 4404 : 1011, error.message.slice(0, 120));
      } else {
        reportLiveError("connection", error);
        reply({ type: "error", code: "internal", message: "the meeting room could not be opened; try again" });
        peer.close(1011, "the meeting room could not be opened");
      }
      return false;
    },
  );

  function handle(data: unknown): void {
    if (typeof data !== "string") {
      reply({ type: "error", code: "bad_input", message: "send messages as JSON text frames" });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch (error) {
      reply({ type: "error", code: "bad_input", message: `the message is not JSON: ${(error as Error).message}` });
      return;
    }
    const tags = replyTags(value);
    const type = typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
    const schema = SCHEMAS.get(String(type));
    if (!schema) {
      const got = type === undefined ? "no type" : `type ${JSON.stringify(type)}`;
      reply({
        type: "error",
        ...tags,
        code: "bad_input",
        message: `unknown message (${got}); expected one of segment, confirm, reject, edit, ping`,
      });
      return;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      reply({ type: "error", ...tags, code: "bad_input", message: describe(String(type), parsed.error) });
      return;
    }
    const message = parsed.data as ClientMessage;
    if (message.type === "ping") {
      reply({ type: "pong", ...(message.ref === undefined ? {} : { ref: message.ref }) });
      return;
    }
    if (!info.canSend) {
      const what = message.type === "segment" ? "send segments" : "review items";
      reply({
        type: "error",
        ...tags,
        code: "forbidden",
        message: `viewers cannot ${what}; this needs the member role`,
      });
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      reply({ type: "error", ...tags, code: "rate_limited", message: "too many messages waiting; wait for acks" });
      return;
    }
    inFlight += 1;
    const done = () => {
      inFlight -= 1;
    };
    if (message.type === "segment") {
      const { id, seq, speaker, text, start, end } = message;
      deps.pipeline
        .addSegments(info.meetingId, [{ id, speaker, text, start, end: end ?? null, senderSeq: seq }], {
          client: info.client,
          user: info.userName,
          userId: info.userId,
        })
        .then(
          ([outcome]) => {
            if (outcome) reply({ type: "ack", id, seq, position: outcome.position, duplicate: outcome.duplicate });
          },
          (error: unknown) => reply(errorReply(error, { id })),
        )
        .finally(done);
      return;
    }
    const review =
      message.type === "edit" ? { action: "edit" as const, changes: message.changes } : { action: message.type };
    deps.pipeline
      .review(info.meetingId, message.itemId, review, { id: info.userId, name: info.userName })
      .then(
        () => {},
        (error: unknown) => reply(errorReply(error, message.ref === undefined ? {} : { ref: message.ref })),
      )
      .finally(done);
  }

  return {
    onMessage(data) {
      // Messages that arrive while the welcome and backlog are being sent wait for them, in order.
      void ready.then((isOpen) => {
        if (isOpen) handle(data);
      });
    },
    onClose() {
      closed = true;
      membership.leave();
    },
  };
}

// A Map, not an object: a message of type "constructor" or "toString" must not find Object's own members.
const SCHEMAS = new Map<string, z.ZodType>([
  ["segment", segmentMessage],
  ["confirm", reviewMessage],
  ["reject", reviewMessage],
  ["edit", reviewMessage],
  ["ping", pingMessage],
]);

/** `ref` and `id` from the message, when it has them, so that the sender can tell which message failed. */
function replyTags(value: unknown): { ref?: string; id?: string } {
  if (typeof value !== "object" || value === null) return {};
  const { ref, id } = value as { ref?: unknown; id?: unknown };
  return {
    ...(typeof ref === "string" ? { ref: ref.slice(0, 100) } : {}),
    ...(typeof id === "string" ? { id: id.slice(0, 200) } : {}),
  };
}

/** "segment.text: Too small: …; segment.start: …" */
function describe(type: string, error: z.ZodError): string {
  return describeIssues(type, error.issues.slice(0, 5))
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join("; ");
}

function errorReply(error: unknown, tags: { ref?: string; id?: string }): ServerMessage {
  if (error instanceof DocketError) return { type: "error", ...tags, code: error.code, message: error.message };
  reportLiveError("connection", error);
  return {
    type: "error",
    ...tags,
    code: "internal",
    message: "something went wrong on the server; it has been logged",
  };
}
