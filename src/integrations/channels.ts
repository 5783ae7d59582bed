import type { DeliveryChannel } from "./channel.js";
import { emailChannel } from "./email/channel.js";
import { salesforceChannel } from "./salesforce/channel.js";
import { slackChannel } from "./slack/channel.js";
import { webhookChannel } from "./webhook/channel.js";

/** Every way Docket sends, by the outbox's `channel` column. */
export const CHANNELS: readonly DeliveryChannel[] = [emailChannel, slackChannel, webhookChannel, salesforceChannel];

export function findChannel(kind: string, channels: readonly DeliveryChannel[] = CHANNELS): DeliveryChannel | null {
  return channels.find((channel) => channel.kind === kind) ?? null;
}
