import { z } from "zod";
import type { DeliveryChannel } from "../channel.js";
import type { WebhookPayload, WebhookSettings } from "../types.js";
import { sendWebhook } from "./send-webhook.js";

export const webhookPayloadSchema: z.ZodType<WebhookPayload> = z.object({
  event: z.string().min(1),
  data: z.unknown(),
});

/** A signed POST to the URL a Space set up. */
export const webhookChannel: DeliveryChannel<WebhookPayload, WebhookSettings> = {
  kind: "webhook",
  payload: webhookPayloadSchema,
  enabledFor: ({ server, connection }) => {
    const url = connection?.settings.url;
    const signingSecret = connection?.secrets.signingSecret;
    const { allowLocalTargets } = server;
    return url && signingSecret
      ? { settings: { url, signingSecret, allowLocalTargets } }
      : { disabled: "no webhook is set up" };
  },
  send: (settings, payload, attempt, now) => sendWebhook(settings, payload, attempt, now),
};
