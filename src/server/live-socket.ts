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
import { NEEDS, roleAtLeast, type SpaceRole } from "../core/roles.js";
import { CLOSE_NOT_MEMBER, CLOSE_SIGNED_OUT, type GrantHolder, type LiveGrant } from "../live/access.js";
import { slowDownMessage } from "../live/backlog-gate.js";
import type { Live } from "../live/create-live.js";
import { type Peer, reportLiveError } from "../live/hub.js";
import { findAccess } from "../store/access.js";
import type { Db } from "../store/database.js";
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
  /**
   * The role in the meeting's Space when the connection opened. Member or above may send segments and reviews;
   * viewers only watch. It follows changes while the connection is open (src/live/access.ts).
   */
  role: SpaceRole;
  /** Who signed the connection in and with what: a removal, a revoked token or a sign-out closes it. */
  grant: LiveGrant;
  /** When the session it opened with ends by itself; null for an API token. */
  expiresAt: Date | null;
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

/** setTimeout's longest wait; a session that ends later is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One WebSocket in a meeting: joins the room (welcome, backlog, live events), and answers each message it
 * sends. A message that is not JSON, fails the protocol's schema, or is not allowed for the connection's role
 * gets an `error` reply and the connection stays open.
 *
 * Its rights are checked at each message, not only on open: the role follows changes (a viewer's writes are
 * refused), and a removal, a revoked token, a sign-out or the session's end closes it, after which it is sent
 * nothing more.
 */
export function openLiveConnection(
  deps: { live: Live; db: Db; now: () => Date },
  info: ConnectionInfo,
  peer: Peer,
): LiveConnection {
  const { hub, pipeline, access, gate } = deps.live;
  let role = info.role;
  let roleChanges = 0;
  let closed = false;
  let inFlight = 0;
  /**
   * The first segment refused with "slow down" and not yet taken: later ones are refused until it is sent again, so
   * a sender that resends from there stores its segments in the order it sent them.
   */
  let resumeFrom: string | null = null;
  let expiryTimer: NodeJS.Timeout | null = null;
  const membership = hub.join(info.meetingId, peer, {
    after: info.after,
    canSend: roleAtLeast(role, NEEDS.write),
  });
  const reply = (message: ServerMessage) => {
    if (!closed) peer.send(JSON.stringify(message));
  };
  /** No longer allowed in: nothing more is sent, not even a reply to a message already on its way. */
  const revoke = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    membership.leave();
    unregister();
    if (expiryTimer) clearTimeout(expiryTimer);
    peer.close(code, reason);
  };
  const holder: GrantHolder = {
    grant: info.grant,
    setRole(next) {
      role = next;
      roleChanges += 1;
    },
    revoke,
  };
  const unregister = access.add(holder);

  const hasExpired = () => info.expiresAt !== null && deps.now().getTime() >= info.expiresAt.getTime();
  const watchExpiry = () => {
    if (!info.expiresAt || closed) return;
    if (hasExpired()) return revoke(CLOSE_SIGNED_OUT, "the session expired; sign in again");
    expiryTimer = setTimeout(watchExpiry, Math.min(info.expiresAt.getTime() - deps.now().getTime(), MAX_TIMER_MS));
    expiryTimer.unref();
  };
  watchExpiry();

  /**
   * The rights as they are once the room listens for changes: one that landed between the upgrade's check and then
   * would otherwise go unheard. Later ones arrive as notifications.
   */
  const recheck = async () => {
    const changesBefore = roleChanges;
    try {
      const current = await findAccess(deps.db, { ...info.grant, now: deps.now() });
      if (!current.isSignedIn) {
        revoke(CLOSE_SIGNED_OUT, info.grant.tokenId ? "the API token was revoked" : "the session ended; sign in again");
      } else if (!current.role) revoke(CLOSE_NOT_MEMBER, "you are no longer a member of this Space");
      else if (roleChanges === changesBefore) role = current.role;
    } catch (error) {
      // An outage: the upgrade's check stands, and changes still arrive as notifications.
      reportLiveError("connection", error);
    }
  };

  const ready = membership.ready.then(
    async () => {
      await recheck();
      return !closed;
    },
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
    if (closed) return;
    if (hasExpired()) {
      revoke(CLOSE_SIGNED_OUT, "the session expired; sign in again");
      return;
    }
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
    if (!roleAtLeast(role, NEEDS.write)) {
      const what = message.type === "segment" ? "send segments" : "review items";
      const why = role === info.role ? "" : `your role in this Space was changed to ${role}: `;
      reply({
        type: "error",
        ...tags,
        code: "forbidden",
        message: `${why}viewers cannot ${what}; this needs the member role`,
      });
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      if (message.type === "segment") resumeFrom ??= message.id;
      reply({ type: "error", ...tags, code: "rate_limited", message: "too many messages waiting; wait for acks" });
      return;
    }
    if (message.type === "segment") {
      const { id, seq, speaker, text, start, end } = message;
      const admission = resumeFrom === null || resumeFrom === id ? gate.admit() : null;
      if (!admission?.admitted) {
        resumeFrom ??= id;
        const retryAfterMs = admission?.retryAfterMs ?? gate.retryAfterMs();
        reply({ type: "error", id, code: "rate_limited", retryAfterMs, message: slowDownMessage(retryAfterMs) });
        return;
      }
      resumeFrom = null;
      inFlight += 1;
      pipeline
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
        .finally(() => {
          inFlight -= 1;
          admission.leave();
        });
      return;
    }
    inFlight += 1;
    const review =
      message.type === "edit" ? { action: "edit" as const, changes: message.changes } : { action: message.type };
    pipeline
      .review(info.meetingId, message.itemId, review, { id: info.userId, name: info.userName })
      .then(
        () => {},
        (error: unknown) => reply(errorReply(error, message.ref === undefined ? {} : { ref: message.ref })),
      )
      .finally(() => {
        inFlight -= 1;
      });
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
      unregister();
      if (expiryTimer) clearTimeout(expiryTimer);
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
