import { z } from "zod";
import type { DeliveryChannel } from "../channel.js";
import { DeliveryError, type SlackDirectMessage, type SlackPayload, type SlackSettings } from "../types.js";

/** A message to a channel (`channel`), or to a person found by their email address (`email`): one of the two. */
export const slackPayloadSchema: z.ZodType<SlackPayload | SlackDirectMessage> = z
  .object({
    channel: z.string().min(1).optional(),
    email: z.string().min(1).optional(),
    text: z.string(),
    blocks: z.array(z.unknown()),
  })
  .refine((message) => (message.channel === undefined) !== (message.email === undefined), {
    path: ["channel"],
    message: "a Slack message needs a channel or a person's email address (one of them)",
  })
  .transform(({ channel, email, text, blocks }) =>
    email !== undefined ? { email, text, blocks } : { channel: channel ?? "", text, blocks },
  );

/** Slack through the bot a Space connected; a direct message finds the person by email in that workspace. */
export const slackChannel: DeliveryChannel<SlackPayload | SlackDirectMessage, SlackSettings> = {
  kind: "slack",
  payload: slackPayloadSchema,
  enabledFor: ({ server, connection }) => {
    const botToken = connection?.secrets.botToken;
    return botToken
      ? { settings: { botToken, apiUrl: server.slackApiUrl, allowLocalTargets: server.allowLocalTargets } }
      : { disabled: "Slack is not connected to this Space" };
  },
  async send(settings, payload, attempt) {
    // @slack/web-api loads with the first message, not at start-up.
    const { findSlackUserId, postSlackMessage } = await import("./post-message.js");
    if (!("email" in payload)) return postSlackMessage(settings, payload, attempt);
    const userId = await findSlackUserId(settings, payload.email);
    if (!userId) {
      throw new DeliveryError(`no Slack account in this workspace uses ${payload.email}`, { permanent: true });
    }
    const { email: _, ...message } = payload;
    return postSlackMessage(settings, { ...message, channel: userId }, attempt);
  },
};
