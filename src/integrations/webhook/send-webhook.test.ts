import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../../test/fakes/webhook-receiver.js";
import { attempt, deliveryError } from "../../../test/helpers/delivery.js";
import type { WebhookPayload } from "../types.js";
import { sendWebhook, signWebhook, verifyWebhookSignature } from "./send-webhook.js";

const SECRET = "whsec_test_5f2a";
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

  it("posts the signed JSON body with Docket's headers", async () => {
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
    expect(request.headers["docket-delivery-id"]).toBe("del_1");
    expect(request.headers["docket-timestamp"]).toBe(String(TIMESTAMP));
    expect(request.headers["docket-signature"]).toMatch(new RegExp(`^t=${TIMESTAMP},v1=[0-9a-f]{64}$`));
    expect(request.signatureValid).toBe(true);
  });

  it("signs so that a wrong secret, a tampered body or an old timestamp fail verification", async () => {
    await sendWebhook({ url: receiver.url, signingSecret: SECRET, allowLocalTargets: true }, payload, attempt(), NOW);
    const { body, headers } = receiver.received[0]!;
    const header = headers["docket-signature"] as string;

    expect(verifyWebhookSignature(SECRET, header, body, NOW)).toBe(true);
    expect(verifyWebhookSignature("whsec_other", header, body, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, body.replace('"decisions":2', '"decisions":3'), NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, body, new Date(NOW.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, body, new Date(NOW.getTime() + 299_000))).toBe(true);
    expect(verifyWebhookSignature(SECRET, undefined, body, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `t=${TIMESTAMP},v1=zz`, body, NOW)).toBe(false);
  });

  it("signs with the timestamp it sends", () => {
    const body = '{"id":"del_1"}';
    const header = signWebhook(SECRET, TIMESTAMP, body);
    expect(verifyWebhookSignature(SECRET, header, body, NOW)).toBe(true);
    const moved = header.replace(`t=${TIMESTAMP}`, `t=${TIMESTAMP + 1}`);
    expect(verifyWebhookSignature(SECRET, moved, body, NOW)).toBe(false);
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
