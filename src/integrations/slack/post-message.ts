import {
  type KnownBlock,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from "@slack/web-api";
import { outboundFetch } from "../outbound.js";
import {
  type DeliveryAttempt,
  DeliveryError,
  type DeliveryResult,
  type SlackPayload,
  type SlackSettings,
} from "../types.js";

export interface SlackCallOptions {
  /** Per-request timeout in ms; tests shorten it. */
  timeoutMs?: number;
}

/** The metadata event type Docket stamps on its messages, so an uncertain resend can find the first one. */
export const SLACK_DELIVERY_EVENT = "docket_delivery";

const REQUEST_TIMEOUT_MS = 10_000;
/** How far back an uncertain resend looks: the cut-off attempt was moments ago. */
const HISTORY_LOOKBACK = 200;

/** Slack's own failures, worth another try later; every other error code is a problem with the request or the token. */
const TEMPORARY_SLACK_ERRORS = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

export async function postSlackMessage(
  settings: SlackSettings,
  payload: SlackPayload,
  attempt: DeliveryAttempt,
  options: SlackCallOptions = {},
): Promise<DeliveryResult> {
  const client = createSlackClient(settings, options);
  if (attempt.uncertain) {
    const earlier = await findDeliveredMessage(client, payload.channel, attempt.dedupeKey);
    if (earlier) return { externalId: earlier };
  }
  const posted = await callSlack("chat.postMessage", payload.channel, () =>
    client.chat.postMessage({
      channel: payload.channel,
      text: payload.text,
      // Blocks only when there are some; otherwise the text alone is the message.
      ...(payload.blocks.length > 0 ? { blocks: payload.blocks as KnownBlock[] } : {}),
      metadata: {
        event_type: SLACK_DELIVERY_EVENT,
        event_payload: { delivery_id: attempt.deliveryId, dedupe_key: attempt.dedupeKey },
      },
    }),
  );
  return { externalId: `${posted.channel}:${posted.ts}` };
}

/** The Slack user with this email address, or null when the workspace has none. */
export async function findSlackUserId(
  settings: SlackSettings,
  email: string,
  options: SlackCallOptions = {},
): Promise<string | null> {
  const client = createSlackClient(settings, options);
  try {
    const found = await callSlack("users.lookupByEmail", email, () => client.users.lookupByEmail({ email }));
    return found.user?.id ?? null;
  } catch (error) {
    if (slackErrorCode(error) === "users_not_found") return null;
    throw error;
  }
}

function createSlackClient(settings: SlackSettings, options: SlackCallOptions): WebClient {
  return new WebClient(settings.botToken, {
    slackApiUrl: settings.apiUrl,
    // Slack's API base is a setting too: https and public unless the server allows local targets.
    fetch: outboundFetch(settings.allowLocalTargets ?? false),
    // The outbox retries with its own backoff; a rate limit is reported at once rather than slept through here.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    logLevel: LogLevel.ERROR,
  });
}

/** `channel:ts` of a message this delivery already posted, found by its metadata, or null. */
async function findDeliveredMessage(client: WebClient, channel: string, dedupeKey: string): Promise<string | null> {
  try {
    const channelId = await resolveChannelId(client, channel);
    if (!channelId) return null;
    const history = await callSlack("conversations.history", channel, () =>
      client.conversations.history({ channel: channelId, limit: HISTORY_LOOKBACK, include_all_metadata: true }),
    );
    const earlier = history.messages?.find(
      (message) =>
        message.metadata?.event_type === SLACK_DELIVERY_EVENT &&
        (message.metadata.event_payload as Record<string, unknown> | undefined)?.dedupe_key === dedupeKey,
    );
    return earlier?.ts ? `${channelId}:${earlier.ts}` : null;
  } catch (error) {
    // Without the history scopes we cannot look; a possible duplicate is better than never delivering.
    if (slackErrorCode(error) === "missing_scope") return null;
    throw error;
  }
}

/** The conversation id chat.postMessage posts to for "#name", a user id (their DM) or a channel id. */
async function resolveChannelId(client: WebClient, channel: string): Promise<string | null> {
  if (channel.startsWith("#")) {
    const name = channel.slice(1);
    let cursor: string | undefined;
    do {
      const page = await callSlack("conversations.list", channel, () =>
        client.conversations.list({
          types: "public_channel,private_channel",
          exclude_archived: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        }),
      );
      const match = page.channels?.find((candidate) => candidate.name === name);
      if (match?.id) return match.id;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return null;
  }
  if (/^[UW][A-Z0-9]+$/.test(channel)) {
    const opened = await callSlack("conversations.open", channel, () => client.conversations.open({ users: channel }));
    return opened.channel?.id ?? null;
  }
  return channel;
}

async function callSlack<T>(method: string, target: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw classifySlackError(error, method, target);
  }
}

function slackErrorCode(error: unknown): string | null {
  const cause = error instanceof DeliveryError ? error.cause : error;
  return cause instanceof WebAPIPlatformError ? cause.data.error : null;
}

function classifySlackError(error: unknown, method: string, target: string): DeliveryError {
  const prefix = `Slack ${method} for ${target} failed`;
  if (error instanceof WebAPIRateLimitedError) {
    return new DeliveryError(`${prefix}: ratelimited (retry after ${error.retryAfter} s)`, {
      permanent: false,
      retryAfterMs: error.retryAfter * 1000,
      cause: error,
    });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const retryAfter = error.data.response_metadata?.retryAfter;
    return new DeliveryError(`${prefix}: ${code}`, {
      permanent: !TEMPORARY_SLACK_ERRORS.has(code),
      retryAfterMs: typeof retryAfter === "number" ? retryAfter * 1000 : null,
      cause: error,
    });
  }
  if (error instanceof WebAPIHTTPError) {
    const temporary = error.statusCode >= 500 || error.statusCode === 408;
    return new DeliveryError(`${prefix}: HTTP ${error.statusCode}`, { permanent: !temporary, cause: error });
  }
  if (error instanceof WebAPIRequestError) {
    const code = (error.original.cause as { code?: unknown } | undefined)?.code;
    const reason = `${error.original.name}: ${error.original.message}${typeof code === "string" ? `, ${code}` : ""}`;
    return new DeliveryError(`${prefix}: request error (${reason})`, {
      permanent: false,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`${prefix}: ${message}`, { permanent: false, cause: error });
}
