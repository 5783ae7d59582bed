import type { SmtpSettings } from "../integrations/types.js";

/** The server-wide settings the follow-up worker sends with. */
export interface FollowUpConfig {
  /** Email is switched on when the server has an SMTP server to send through. */
  smtp: SmtpSettings | null;
  /** The Slack Web API base URL (a test server, or Slack's own when unset). */
  slackApiUrl: string | undefined;
  /** Where people open Docket: links in emails, Slack messages and the calendar feed. */
  publicUrl: string;
  /** How long a claimed delivery is held before another sender may take it over. */
  leaseSeconds: number;
  /** How often the worker looks for work. */
  intervalMs: number;
}

export function followUpConfigFromEnv(env: NodeJS.ProcessEnv, fallbackUrl: string): FollowUpConfig {
  return {
    smtp: env.DOCKET_SMTP_URL
      ? { url: env.DOCKET_SMTP_URL, from: env.DOCKET_MAIL_FROM || "Docket <docket@localhost>" }
      : null,
    slackApiUrl: env.DOCKET_SLACK_API_URL || undefined,
    publicUrl: (env.DOCKET_PUBLIC_URL || fallbackUrl).replace(/\/+$/, ""),
    leaseSeconds: Number(env.DOCKET_DELIVERY_LEASE_SECONDS) || 120,
    intervalMs: Number(env.DOCKET_WORKER_INTERVAL_MS) || 5000,
  };
}
