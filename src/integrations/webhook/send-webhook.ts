import { createHmac, timingSafeEqual } from "node:crypto";
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
        "docket-delivery-id": attempt.deliveryId,
        "docket-timestamp": String(timestamp),
        "docket-signature": signWebhook(settings.signingSecret, timestamp, body),
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

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the scheme receivers check with the shared secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${webhookDigest(secret, timestamp, body)}`;
}

/**
 * Checks a `docket-signature` header against the raw body. The timestamp must be within `toleranceSeconds` of
 * `now`, so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === "v1" && value) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookDigest(secret, timestamp, body), "hex");
  return signatures.some((signature) => {
    const given = Buffer.from(signature, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function webhookDigest(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
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
