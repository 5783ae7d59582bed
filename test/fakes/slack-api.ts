import type { IncomingMessage, ServerResponse } from "node:http";
import { serveLocally } from "./local-http.js";

/**
 * A local stand-in for Slack's Web API: the methods Docket calls, answered the way Slack documents them (HTTP 200
 * with `{ ok: false, error }` for API errors, 429 + Retry-After when rate limited). @slack/web-api POSTs
 * application/x-www-form-urlencoded with nested values as JSON strings and the token as a Bearer header; JSON
 * bodies and a `token` field are accepted too, as Slack does.
 */

export interface FakeSlackChannel {
  id: string;
  name: string;
  isArchived?: boolean;
}

export interface FakeSlackUser {
  id: string;
  email: string;
  name?: string;
}

export interface FakeSlackOptions {
  /** The bot token it accepts; several stand for several workspaces on one API (see `requests` for which). */
  token: string | readonly string[];
  channels?: FakeSlackChannel[];
  users?: FakeSlackUser[];
}

export interface FakeSlackMessage {
  type: "message";
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | undefined;
  bot_id: string;
  user: string;
}

export interface FakeSlackRequest {
  method: string;
  contentType: string;
  authorization: string | undefined;
  params: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base URL for WebClient's slackApiUrl, ending with /api/. */
  apiUrl: string;
  /** Posted messages by conversation id, oldest first. */
  messages: Map<string, FakeSlackMessage[]>;
  /** Every request received, in order (including failed and held ones). */
  requests: FakeSlackRequest[];
  /** Requests for one method. */
  calls(method: string): FakeSlackRequest[];
  /** Answer the next `count` requests with this HTTP status and no Slack body. */
  failNext(count: number, status?: number): void;
  /** Answer the next request with 429 and Retry-After. */
  rateLimitNext(retryAfterSeconds: number): void;
  /** Handle the next request (a post is stored) but never answer it: the caller is cut off after Slack acted. */
  holdNext(): void;
  close(): Promise<void>;
}

const BOT_ID = "B0DOCKET";
const BOT_USER_ID = "U0DOCKETBOT";

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const channels = new Map((options.channels ?? []).map((channel) => [channel.id, channel]));
  const users = options.users ?? [];
  const directMessages = new Map<string, string>(); // user id → DM id
  const messages = new Map<string, FakeSlackMessage[]>();
  const requests: FakeSlackRequest[] = [];
  const faults: Array<{ kind: "fail"; status: number } | { kind: "ratelimit"; retryAfter: number }> = [];
  let holds = 0;
  let lastTs = 0;

  function nextTs(): string {
    // Slack's ts: unix seconds with six digits, unique within the conversation.
    const micros = Math.max(Date.now() * 1000, lastTs + 1);
    lastTs = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
  }

  function directMessageFor(userId: string): string | null {
    if (!users.some((user) => user.id === userId)) return null;
    let dm = directMessages.get(userId);
    if (!dm) {
      dm = `D${userId.slice(1)}`;
      directMessages.set(userId, dm);
    }
    return dm;
  }

  /** A conversation id for what chat.postMessage accepts: an id, "#name", "name", or a user id (their DM). */
  function resolveConversation(channel: string): string | null {
    if (channels.has(channel)) return channel;
    if ([...directMessages.values()].includes(channel)) return channel;
    const name = channel.replace(/^#/, "");
    const named = [...channels.values()].find((candidate) => candidate.name === name);
    if (named) return named.id;
    if (/^[UW]/.test(channel)) return directMessageFor(channel);
    return null;
  }

  const tokens = new Set(typeof options.token === "string" ? [options.token] : options.token);
  const handlers: Record<string, (params: Record<string, unknown>) => Record<string, unknown>> = {
    "auth.test": () => ({
      ok: true,
      url: "https://docket-test.slack.com/",
      team: "Docket Test",
      user: "docket",
      team_id: "T0DOCKET",
      user_id: BOT_USER_ID,
      bot_id: BOT_ID,
    }),
    "chat.postMessage": (params) => {
      const channelParam = stringParam(params.channel);
      if (!channelParam) return { ok: false, error: "channel_not_found" };
      const id = resolveConversation(channelParam);
      if (!id) return { ok: false, error: "channel_not_found" };
      if (channels.get(id)?.isArchived) return { ok: false, error: "is_archived" };
      const blocks = jsonParam(params.blocks);
      if (blocks !== undefined && !Array.isArray(blocks)) return { ok: false, error: "invalid_blocks" };
      const text = stringParam(params.text) ?? "";
      if (!text && !blocks) return { ok: false, error: "no_text" };
      if (text.length > 40_000) return { ok: false, error: "msg_too_long" };
      const metadata = jsonParam(params.metadata);
      if (metadata !== undefined && !isMetadata(metadata)) return { ok: false, error: "invalid_metadata_format" };
      const message: FakeSlackMessage = {
        type: "message",
        channel: id,
        ts: nextTs(),
        text,
        blocks,
        metadata,
        bot_id: BOT_ID,
        user: BOT_USER_ID,
      };
      const list = messages.get(id) ?? [];
      list.push(message);
      messages.set(id, list);
      const { channel: _channel, metadata: _metadata, ...shown } = message;
      return { ok: true, channel: id, ts: message.ts, message: shown };
    },
    "conversations.list": (params) => {
      const excludeArchived = booleanParam(params.exclude_archived);
      const all = [...channels.values()].filter((channel) => !(excludeArchived && channel.isArchived));
      const limit = Math.min(Number(params.limit ?? 100) || 100, 1000);
      const offset = Number(stringParam(params.cursor) ?? 0) || 0;
      const page = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? String(offset + limit) : "";
      return {
        ok: true,
        channels: page.map((channel) => ({
          id: channel.id,
          name: channel.name,
          is_channel: true,
          is_archived: Boolean(channel.isArchived),
          is_member: true,
        })),
        response_metadata: { next_cursor: next },
      };
    },
    "conversations.history": (params) => {
      const id = stringParam(params.channel);
      if (!id || !(channels.has(id) || [...directMessages.values()].includes(id))) {
        return { ok: false, error: "channel_not_found" };
      }
      const withMetadata = booleanParam(params.include_all_metadata);
      const limit = Math.min(Number(params.limit ?? 100) || 100, 999);
      const newestFirst = [...(messages.get(id) ?? [])].reverse();
      const page = newestFirst
        .slice(0, limit)
        .map(({ channel: _channel, metadata, ...message }) =>
          withMetadata && metadata ? { ...message, metadata } : message,
        );
      return {
        ok: true,
        messages: page,
        has_more: newestFirst.length > limit,
        pin_count: 0,
        response_metadata: { next_cursor: "" },
      };
    },
    "conversations.open": (params) => {
      const ids = (stringParam(params.users) ?? "").split(",").filter(Boolean);
      if (ids.length !== 1) return { ok: false, error: ids.length === 0 ? "users_list_not_supplied" : "not_supported" };
      const dm = directMessageFor(ids[0]!);
      if (!dm) return { ok: false, error: "user_not_found" };
      return { ok: true, channel: { id: dm, is_im: true, user: ids[0] } };
    },
    "users.lookupByEmail": (params) => {
      const email = (stringParam(params.email) ?? "").toLowerCase();
      const user = users.find((candidate) => candidate.email.toLowerCase() === email);
      if (!user) return { ok: false, error: "users_not_found" };
      return {
        ok: true,
        user: { id: user.id, name: user.name ?? user.email.split("@")[0], profile: { email: user.email } },
      };
    },
  };

  function handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const contentType = request.headers["content-type"] ?? "";
    const method = new URL(request.url ?? "/", "http://localhost").pathname.replace(/^\/api\//, "");
    const params = parseParams(contentType, body);
    requests.push({ method, contentType, authorization: request.headers.authorization, params });

    const fault = faults.shift();
    if (fault?.kind === "fail") {
      response.writeHead(fault.status, { "content-type": "text/plain" }).end("upstream error");
      return;
    }
    if (fault?.kind === "ratelimit") {
      response
        .writeHead(429, { "content-type": "application/json", "retry-after": String(fault.retryAfter) })
        .end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    if (request.method !== "POST" && request.method !== "GET") {
      response.writeHead(405).end();
      return;
    }

    const result = answer(method, request.headers.authorization, params);
    if (holds > 0) {
      holds -= 1;
      return; // acted on, never answered
    }
    response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(result));
  }

  function answer(method: string, authorization: string | undefined, params: Record<string, unknown>) {
    const token = authorization?.startsWith("Bearer ") ? authorization.slice(7) : stringParam(params.token);
    if (!token) return { ok: false, error: "not_authed" };
    if (!tokens.has(token)) return { ok: false, error: "invalid_auth" };
    const handler = handlers[method];
    if (!handler) return { ok: false, error: "unknown_method" };
    return handler(params);
  }

  const server = await serveLocally(handle);

  return {
    apiUrl: `${server.origin}/api/`,
    messages,
    requests,
    calls: (method) => requests.filter((request) => request.method === method),
    failNext(count, status = 500) {
      for (let i = 0; i < count; i += 1) faults.push({ kind: "fail", status });
    },
    rateLimitNext(retryAfterSeconds) {
      faults.push({ kind: "ratelimit", retryAfter: retryAfterSeconds });
    },
    holdNext() {
      holds += 1;
    },
    close: server.close,
  };
}

function parseParams(contentType: string, body: string): Record<string, unknown> {
  if (contentType.startsWith("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body || "{}");
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function stringParam(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function booleanParam(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

/** Form posts carry nested values as JSON strings; JSON posts carry them as they are. */
function jsonParam(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function isMetadata(value: unknown): value is FakeSlackMessage["metadata"] {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.event_type === "string" &&
    !!candidate.event_payload &&
    typeof candidate.event_payload === "object" &&
    !Array.isArray(candidate.event_payload)
  );
}
