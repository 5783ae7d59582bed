/**
 * What the outbox worker hands to a channel. The payload is rendered when the delivery is enqueued, so every
 * attempt sends the same thing; the target's settings and secrets are read when it is sent, so a rotated token
 * is used at once.
 */

export interface EmailPayload {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SlackPayload {
  /** "#eng-leadership", a channel id, or a user id for a direct message. */
  channel: string;
  /** The notification text (shown where blocks cannot be). */
  text: string;
  /** Block Kit blocks. */
  blocks: unknown[];
}

/** A Slack message to a person: their Slack account is looked up by email address when it is sent. */
export interface SlackDirectMessage extends Omit<SlackPayload, "channel"> {
  email: string;
}

export interface WebhookPayload {
  /** "notes.distributed", "escalation.raised", … */
  event: string;
  data: unknown;
}

export interface SalesforceTaskPayload {
  /** Docket's id for the action item: the Task's external id, so pushing it again updates the same Task. */
  externalId: string;
  subject: string;
  description: string;
  /** YYYY-MM-DD. */
  activityDate: string | null;
  status: "Not Started" | "Completed";
  /** The owner's name as said in the meeting (Salesforce's OwnerId is left to the org's assignment rules). */
  ownerName: string | null;
}

export interface DeliveryAttempt {
  /** The outbox row's id: sent as the idempotency key where the target takes one. */
  deliveryId: string;
  dedupeKey: string;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * An earlier attempt was cut off (the process died while sending): it may have arrived. Channels that can ask
   * the target whether it did (Slack message metadata) check before sending again.
   */
  uncertain: boolean;
}

export interface DeliveryResult {
  /** The target's id for what it received (Slack ts, Task id, SMTP message id). */
  externalId: string | null;
}

/**
 * A failed attempt. `permanent` failures (bad token, unknown channel, 4xx) are not retried; the rest (5xx, 429,
 * network) are retried with backoff, after `retryAfterMs` when the target said when.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;
  constructor(message: string, options: { permanent: boolean; retryAfterMs?: number | null; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "DeliveryError";
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** The server's mail settings (`DOCKET_SMTP_URL`, `DOCKET_MAIL_FROM`). */
export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

/**
 * Send to http:// and to private, loopback and link-local addresses (`DOCKET_ALLOW_LOCAL_TARGETS`: development
 * and tests). Unset, a target must be https and public (src/integrations/outbound.ts).
 */
export interface TargetPolicy {
  allowLocalTargets?: boolean | undefined;
}

export interface SlackSettings extends TargetPolicy {
  botToken: string;
  /** The Web API base URL; https://slack.com/api/ unless `DOCKET_SLACK_API_URL` says otherwise. */
  apiUrl?: string | undefined;
}

export interface WebhookSettings extends TargetPolicy {
  url: string;
  /** The HMAC-SHA256 key the receiver checks signatures with. */
  signingSecret: string;
}

export interface SalesforceSettings extends TargetPolicy {
  instanceUrl: string;
  accessToken: string;
  /** REST API version, "62.0" unless set. */
  apiVersion?: string | undefined;
}
