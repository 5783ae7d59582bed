import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../../test/fakes/webhook-receiver.js";
import { attempt, deliveryError } from "../../../test/helpers/delivery.js";
import type { WebhookPayload } from "../types.js";
import { sendWebhook, webhookHeaders } from "./send-webhook.js";

// `whsec_` and the base64 of random bytes, as the specification has them.
const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const OTHER_SECRET = "whsec_3m3ulT1SKfG9cLpJqaNHm8rTwxY2qtHU";
const THIRD_SECRET = "whsec_VJWJk7cHtbdLkDDsPpbJ8aW2lrYQVGGY";

/** The three headers the library reads, as strings. */
function standardHeaders(headers: IncomingHttpHeaders | Record<string, string>): Record<string, string> {
  const value = (name: string) => String(headers[name] ?? "");
  return {
    "webhook-id": value("webhook-id"),
    "webhook-timestamp": value("webhook-timestamp"),
    "webhook-signature": value("webhook-signature"),
  };
}
const NOW = new Date("2025-03-14T15:09:26.000Z");
const TIMESTAMP = Math.floor(NOW.getTime() / 1000);

const payload: WebhookPayload = {
  event: "notes.distributed",
  data: { meetingId: "mtg_1", title: "Q3 planning", decisions: 2 },
};

describe("sendWebhook", () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver({ secret: SECRET, now: () => NOW });
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("posts the JSON body with the Standard Webhooks headers", async () => {
    const result = await sendWebhook(
      { url: receiver.url, signingSecret: SECRET, allowLocalTargets: true },
      payload,
      attempt(),
      NOW,
    );

    expect(result).toEqual({ externalId: null });
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0]!;
    expect(request.method).toBe("POST");
    expect(request.json).toEqual({
      id: "del_1",
      event: "notes.distributed",
      createdAt: "2025-03-14T15:09:26.000Z",
      data: payload.data,
    });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toBe("Docket-Webhooks/1");
    expect(request.headers["webhook-id"]).toBe("del_1");
    expect(request.headers["webhook-timestamp"]).toBe(String(TIMESTAMP));
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    // Checked by the standardwebhooks library, not by Docket's code.
    expect(request.signatureValid).toBe(true);
  });

  it("signs so that the standardwebhooks library verifies it, and rejects a wrong secret, a changed body or an old timestamp", async () => {
    const now = new Date(); // the library checks the timestamp against the real clock
    await sendWebhook({ url: receiver.url, signingSecret: SECRET, allowLocalTargets: true }, payload, attempt(), now);
    const { body, headers } = receiver.received[0]!;
    const standard = standardHeaders(headers);

    expect(new Webhook(SECRET).verify(body, standard)).toEqual(JSON.parse(body));
    expect(() => new Webhook(OTHER_SECRET).verify(body, standard)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(SECRET).verify(body.replace('"decisions":2', '"decisions":3'), standard)).toThrow(
      WebhookVerificationError,
    );
    const old = { ...standard, "webhook-timestamp": String(Math.floor(now.getTime() / 1000) - 600) };
    expect(() => new Webhook(SECRET).verify(body, old)).toThrow(WebhookVerificationError);
    const otherId = { ...standard, "webhook-id": "del_2" };
    expect(() => new Webhook(SECRET).verify(body, otherId)).toThrow(WebhookVerificationError);
  });

  it("matches the specification's example signature", () => {
    // The example of the Standard Webhooks reference libraries: secret, message id, timestamp, payload.
    const example = webhookHeaders(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1614265330,
      '{"test": 2432232314}',
    );
    expect(example["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs with every secret listed, so a receiver rotating to a new secret accepts either", () => {
    const now = new Date();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = '{"id":"del_1"}';
    const headers = webhookHeaders(`${SECRET} ${OTHER_SECRET}`, "del_1", timestamp, body);
    expect(headers["webhook-signature"]).toMatch(/^v1,\S+ v1,\S+$/);
    const standard = standardHeaders(headers);
    expect(new Webhook(SECRET).verify(body, standard)).toEqual({ id: "del_1" });
    expect(new Webhook(OTHER_SECRET).verify(body, standard)).toEqual({ id: "del_1" });
    expect(() => new Webhook(THIRD_SECRET).verify(body, standard)).toThrow(WebhookVerificationError);
  });

  it("keeps a secret set before Docket followed the specification working: its text is the key, and the old header is still sent", () => {
    const legacy = "a shared secret from 2025";
    const now = new Date();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = '{"id":"del_1"}';
    const headers = webhookHeaders(legacy, "del_1", timestamp, body);
    expect(new Webhook(Buffer.from(legacy), { format: "raw" }).verify(body, standardHeaders(headers))).toEqual({
      id: "del_1",
    });
    // The first scheme, computed here by hand: HMAC-SHA256 of "<t>.<body>" keyed by the secret's text, in hex.
    const hex = createHmac("sha256", legacy).update(`${timestamp}.${body}`).digest("hex");
    expect(headers["docket-signature"]).toBe(`t=${timestamp},v1=${hex}`);
    expect(headers["docket-delivery-id"]).toBe("del_1");
    expect(headers["docket-timestamp"]).toBe(String(timestamp));
  });

  it("treats 5xx as temporary and honours Retry-After", async () => {
    receiver.failNext(1, 503, { "retry-after": "120" });
    const error = await deliveryError(
      sendWebhook({ url: receiver.url, signingSecret: SECRET, allowLocalTargets: true }, payload, attempt(), NOW),
    );
    expect(error.permanent).toBe(false);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.message).toContain("HTTP 503");
    expect(error.message).not.toContain(SECRET);
  });

  it("reads a Retry-After date relative to now", async () => {
    receiver.failNext(1, 429, { "retry-after": new Date(NOW.getTime() + 90_000).toUTCString() });
    const error = await deliveryError(
      sendWebhook({ url: receiver.url, signingSecret: SECRET, allowLocalTargets: true }, payload, attempt(), NOW),
    );
    expect(error.permanent).toBe(false);
    expect(error.retryAfterMs).toBe(90_000);
  });

  it("treats 500 and 408 as temporary and other 4xx as permanent", async () => {
    const settings = { url: receiver.url, signingSecret: SECRET, allowLocalTargets: true };
    receiver.failNext(1, 500);
    expect((await deliveryError(sendWebhook(settings, payload, attempt(), NOW))).permanent).toBe(false);
    receiver.failNext(1, 408);
    expect((await deliveryError(sendWebhook(settings, payload, attempt(), NOW))).permanent).toBe(false);
    receiver.failNext(1, 400);
    const rejected = await deliveryError(sendWebhook(settings, payload, attempt(), NOW));
    expect(rejected.permanent).toBe(true);
    expect(rejected.retryAfterMs).toBeNull();
    receiver.failNext(1, 410);
    expect((await deliveryError(sendWebhook(settings, payload, attempt(), NOW))).permanent).toBe(true);
  });

  it("treats a receiver that never answers as temporary, and a retry reuses the delivery id", async () => {
    receiver.holdNext();
    const settings = { url: receiver.url, signingSecret: SECRET, allowLocalTargets: true };
    const error = await deliveryError(sendWebhook(settings, payload, attempt(), NOW, { timeoutMs: 200 }));
    expect(error.permanent).toBe(false);

    await sendWebhook(settings, payload, attempt({ attempt: 2, uncertain: true }), NOW);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.uniqueDeliveries()).toEqual(["del_1"]);
  });

  it("treats a refused connection as temporary and a malformed URL as permanent", async () => {
    const url = receiver.url;
    await receiver.close();
    const refused = await deliveryError(
      sendWebhook({ url, signingSecret: SECRET, allowLocalTargets: true }, payload, attempt(), NOW),
    );
    expect(refused.permanent).toBe(false);

    const malformed = await deliveryError(
      sendWebhook({ url: "not a url", signingSecret: SECRET, allowLocalTargets: true }, payload, attempt(), NOW),
    );
    expect(malformed.permanent).toBe(true);
    receiver = await startWebhookReceiver({ secret: SECRET, now: () => NOW });
  });
});
