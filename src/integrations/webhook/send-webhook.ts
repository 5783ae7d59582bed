import { createHmac } from "node:crypto";
import { targetUrlProblem } from "../../core/outbound/target-address.js";
import { outboundFetch } from "../outbound.js";
import {
  type DeliveryAttempt,
  DeliveryError,
  type DeliveryResult,
  type WebhookPayload,
  type WebhookSettings,
} from "../types.js";

export interface SendWebhookOptions {
  /** Whole-request timeout in ms; tests shorten it. */
  timeoutMs?: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
const USER_AGENT = "Docket-Webhooks/1";

/** The body every webhook carries; `id` is the delivery id, the same on every attempt, so receivers can dedupe. */
export interface WebhookBody {
  id: string;
  event: string;
  createdAt: string;
  data: unknown;
}

export async function sendWebhook(
  settings: WebhookSettings,
  payload: WebhookPayload,
  attempt: DeliveryAttempt,
  now: Date,
  options: SendWebhookOptions = {},
): Promise<DeliveryResult> {
  const target = parseTarget(settings.url, settings.allowLocalTargets ?? false);
  const timestamp = Math.floor(now.getTime() / 1000);
  const webhookBody: WebhookBody = {
    id: attempt.deliveryId,
    event: payload.event,
    createdAt: now.toISOString(),
    data: payload.data,
  };
  const body = JSON.stringify(webhookBody);
  let response: Response;
  try {
    response = await outboundFetch(settings.allowLocalTargets ?? false)(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        ...webhookHeaders(settings.signingSecret, attempt.deliveryId, timestamp, body),
      },
      body,
      // A redirected POST may turn into a GET elsewhere; the receiver should be configured with its real URL.
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw new DeliveryError(`Webhook to ${target.host} failed: ${describeRequestFailure(error)}`, {
      permanent: false,
      cause: error,
    });
  }
  const excerpt = await readExcerpt(response);
  if (response.status >= 200 && response.status < 300) return { externalId: null };
  const temporary = response.status === 408 || response.status === 429 || response.status >= 500;
  const detail = excerpt ? `: ${excerpt}` : "";
  throw new DeliveryError(`Webhook to ${target.host} answered HTTP ${response.status}${detail}`, {
    permanent: !temporary,
    retryAfterMs: temporary ? parseRetryAfter(response.headers.get("retry-after"), now) : null,
  });
}

/**
 * The signature headers of one delivery, by the Standard Webhooks specification (standardwebhooks.com):
 * `webhook-id` (the delivery id, the same on every retry), `webhook-timestamp` (unix seconds) and
 * `webhook-signature`, one `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` per secret, space-separated.
 * The `docket-*` headers of the scheme before it are still sent, so receivers written against it keep working.
 */
export function webhookHeaders(
  signingSecret: string,
  deliveryId: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": deliveryId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(signingSecret, deliveryId, timestamp, body),
    "docket-delivery-id": deliveryId,
    "docket-timestamp": String(timestamp),
    "docket-signature": signLegacyWebhook(signingSecret, timestamp, body),
  };
}

/**
 * `v1,<base64>` for each secret the setting lists (several `whsec_` secrets, space-separated, while a receiver
 * rotates to a new one: it accepts any signature that verifies).
 */
function signWebhook(signingSecret: string, deliveryId: string, timestamp: number, body: string): string {
  return secretsOf(signingSecret)
    .map((secret) => {
      const digest = createHmac("sha256", signingKey(secret)).update(`${deliveryId}.${timestamp}.${body}`);
      return `v1,${digest.digest("base64")}`;
    })
    .join(" ");
}

/** Docket's first scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` per secret, keyed by its text. */
function signLegacyWebhook(signingSecret: string, timestamp: number, body: string): string {
  const signatures = secretsOf(signingSecret).map(
    (secret) => `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`,
  );
  return [`t=${timestamp}`, ...signatures].join(",");
}

/** Several `whsec_` secrets separated by spaces are a rotation; anything else is one secret (older ones may hold spaces). */
function secretsOf(signingSecret: string): string[] {
  const listed = signingSecret.trim().split(/\s+/);
  return listed.every((secret) => STANDARD_SECRET.test(secret)) ? listed : [signingSecret];
}

// `whsec_` and standard base64 with its padding: the specification's secret format.
const STANDARD_SECRET = /^whsec_((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/;

/**
 * A `whsec_<base64>` secret signs with the bytes it encodes, as the specification says. Any other secret (those
 * set before Docket followed it) signs with its UTF-8 text, so its receivers keep their secret: with the
 * standardwebhooks library, `new Webhook(Buffer.from(secret), { format: "raw" })`.
 */
function signingKey(secret: string): Buffer {
  const encoded = STANDARD_SECRET.exec(secret)?.[1];
  return encoded ? Buffer.from(encoded, "base64") : Buffer.from(secret, "utf8");
}

function parseTarget(url: string, allowLocalTargets: boolean): URL {
  // Checked again when sent: a setting saved before the rule, or under another server setting, is refused too.
  const problem = targetUrlProblem(url, allowLocalTargets);
  if (problem) throw new DeliveryError(`Webhook URL ${problem}`, { permanent: true });
  return new URL(url);
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, …) is on its cause. */
function describeRequestFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return `${error.name}: ${error.message}${typeof code === "string" ? ` (${code})` : ""}`;
}

/** The start of the receiver's answer, for the delivery log; the rest is discarded. */
async function readExcerpt(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.replace(/\s+/g, " ").trim().slice(0, 200);
  } catch {
    return "";
  }
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
