import type { IncomingHttpHeaders } from "node:http";
import { verifyWebhookSignature } from "../../src/integrations/webhook/send-webhook.js";
import { serveLocally } from "./local-http.js";

/** A local webhook endpoint: records each request, checks its signature, and can fail or stall on demand. */

export interface WebhookReceiverOptions {
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
  /** Distinct docket-delivery-id values received, in first-seen order. */
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
    const signature = request.headers["docket-signature"];
    const delivery = request.headers["docket-delivery-id"];
    const entry: ReceivedWebhook = {
      method: request.method ?? "",
      path: request.url ?? "/",
      headers: request.headers,
      body,
      json: parseJson(body),
      deliveryId: typeof delivery === "string" ? delivery : undefined,
      signatureValid: verifyWebhookSignature(
        options.secret,
        typeof signature === "string" ? signature : undefined,
        body,
        now(),
      ),
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

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
