import type { IncomingHttpHeaders } from "node:http";
import { Webhook } from "standardwebhooks";
import { serveLocally } from "./local-http.js";

/** A local webhook endpoint: records each request, checks its signature, and can fail or stall on demand. */

export interface WebhookReceiverOptions {
  /** A `whsec_<base64>` secret, or one set before Docket followed Standard Webhooks (checked as raw bytes). */
  secret: string;
  /** The receiver's clock for the signature's freshness check. */
  now?: () => Date;
}

export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
  deliveryId: string | undefined;
  signatureValid: boolean;
  /** The status answered, or null when the request was held. */
  answeredWith: number | null;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Distinct webhook-id values received, in first-seen order. */
  uniqueDeliveries(): string[];
  /** Answer the next `count` requests with `status` (and these headers, e.g. retry-after). */
  failNext(count: number, status?: number, headers?: Record<string, string>): void;
  /** Record the next request but never answer it. */
  holdNext(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const now = options.now ?? (() => new Date());
  const received: ReceivedWebhook[] = [];
  const failures: Array<{ status: number; headers: Record<string, string> }> = [];
  let holds = 0;

  const server = await serveLocally((request, body, response) => {
    const delivery = request.headers["webhook-id"];
    const entry: ReceivedWebhook = {
      method: request.method ?? "",
      path: request.url ?? "/",
      headers: request.headers,
      body,
      json: parseJson(body),
      deliveryId: typeof delivery === "string" ? delivery : undefined,
      signatureValid: verifyStandardWebhook(options.secret, request.headers, body, now()),
      answeredWith: null,
    };
    received.push(entry);
    if (holds > 0) {
      holds -= 1;
      return;
    }
    const failure = failures.shift();
    entry.answeredWith = failure?.status ?? 204;
    if (failure) {
      response.writeHead(failure.status, { "content-type": "text/plain", ...failure.headers }).end("failed");
    } else {
      response.writeHead(204).end();
    }
  });

  return {
    url: `${server.origin}/hooks/docket`,
    received,
    uniqueDeliveries: () => [
      ...new Set(received.map((entry) => entry.deliveryId).filter((id): id is string => id !== undefined)),
    ],
    failNext(count, status = 500, headers = {}) {
      for (let i = 0; i < count; i += 1) failures.push({ status, headers });
    },
    holdNext() {
      holds += 1;
    },
    close: server.close,
  };
}

/**
 * Checks the Standard Webhooks headers with the standardwebhooks library (an implementation independent of
 * Docket's): some listed signature is the library's for this id, timestamp and body, and the timestamp is
 * within five minutes of the receiver's clock (the library's own check reads the real clock; tests set theirs).
 */
export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string, now: Date): boolean {
  const [id, timestamp, signatures] = ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => {
    const value = headers[name];
    return typeof value === "string" ? value : "";
  });
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > 300) return false;
  // The README's rule: `whsec_` and padded base64 is the specification's format; any other secret is raw bytes.
  const webhook = /^whsec_(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(secret)
    ? new Webhook(secret)
    : new Webhook(Buffer.from(secret, "utf8"), { format: "raw" });
  const expected = webhook.sign(id, new Date(seconds * 1000), body);
  return signatures.split(" ").includes(expected);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
