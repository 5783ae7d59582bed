import type { ServerChannelSettings } from "../integrations/channel.js";

/** The server-wide settings the follow-up worker sends with (from `docket serve`'s configuration). */
export interface FollowUpConfig extends ServerChannelSettings {
  /** Where people open Docket: links in emails and Slack messages. */
  publicUrl: string;
  /** How long a claimed delivery is held before another sender may take it over. */
  leaseSeconds: number;
  /** How often the worker looks for work. */
  intervalMs: number;
}

/** What the worker uses for a setting it is not given. */
export const FOLLOW_UP_DEFAULTS = {
  smtp: null,
  slackApiUrl: undefined,
  allowLocalTargets: false,
  publicUrl: "http://localhost:3000",
  leaseSeconds: 120,
  intervalMs: 5000,
} as const satisfies FollowUpConfig;
