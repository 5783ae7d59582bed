import type { z } from "zod";
import type { DeliveryAttempt, DeliveryResult, SmtpSettings } from "./types.js";

/**
 * A way Docket sends: email, Slack, a webhook, Salesforce. Each integration exports one; the outbox worker finds
 * the channel of a delivery by its `kind` in `CHANNELS` (./channels.ts) and knows nothing else about it. To add
 * one: a folder here with its channel object, an entry in that list, and the kind in `DELIVERY_CHANNELS`.
 */
export interface DeliveryChannel<Payload = unknown, Settings = unknown> {
  /** The outbox's `channel` column. */
  readonly kind: string;
  /**
   * What a delivery of this kind carries. The payload is stored as JSON when the delivery is queued and parsed
   * with this when it is claimed: one that does not fit fails the delivery, naming the field.
   */
  readonly payload: z.ZodType<Payload>;
  /** The settings to send with, from the server's and the Space's; or why the channel is off there. */
  enabledFor(where: ChannelSettingsSource): { settings: Settings } | { disabled: string };
  /** Sends one payload; a failure is a `DeliveryError` that says whether trying again can help. */
  send(settings: Settings, payload: Payload, attempt: DeliveryAttempt, now: Date): Promise<DeliveryResult>;
}

/** Settings that are the server's, not a Space's (from its configuration). */
export interface ServerChannelSettings {
  /** Email is on when the server has a mail server to send through. */
  smtp: SmtpSettings | null;
  /** The Slack Web API base URL (a proxy or a test server), Slack's own when unset. */
  slackApiUrl: string | undefined;
  /** Targets may be http:// and local addresses (`DOCKET_ALLOW_LOCAL_TARGETS`: development and tests only). */
  allowLocalTargets: boolean;
}

/** A service a Space connected (`space_integrations`): settings people may see again, and secrets. */
export interface StoredConnection {
  settings: Readonly<Record<string, string>>;
  secrets: Readonly<Record<string, string>>;
}

export interface ChannelSettingsSource {
  server: ServerChannelSettings;
  /** The Space's connection of this channel's kind, if it has one (never for a delivery without a Space). */
  connection: StoredConnection | undefined;
}

/** "the email payload is malformed: to: Invalid input: expected array, received string" (every problem). */
export function describeMalformedPayload(kind: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  return `the ${kind} payload is malformed: ${problems.join("; ")}`;
}
