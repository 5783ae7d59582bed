import type { Template } from "../core/template/template.js";
import type { FollowUpWorker } from "../follow-up/worker.js";
import type { Live } from "../live/create-live.js";
import type { Database } from "../store/database.js";

/** What every route and the live room share in one `docket serve` process. */
export interface ServerContext {
  database: Database;
  /** The built-in and user templates, by id. */
  templates: ReadonlyMap<string, Template>;
  /** The time, injected so that tests can move it. */
  now: () => Date;
  /** Secure cookies when Docket is served over HTTPS (set DOCKET_SECURE_COOKIES=1 behind a TLS proxy). */
  secureCookies: boolean;
  /** Where people reach Docket (`DOCKET_PUBLIC_URL`, no trailing slash): the base of links handed out. */
  publicUrl: string;
  /** The server has a mail server to send through (`DOCKET_SMTP_URL`). */
  emailEnabled: boolean;
  /** Webhooks and Salesforce may be http:// and local addresses (`DOCKET_ALLOW_LOCAL_TARGETS`: development, tests). */
  allowLocalTargets: boolean;
  /** This process's live rooms: the segment pipeline and the hub that broadcasts what it commits. */
  live: Live;
  /** Follow-up: distributes notes, raises reminders and sends the outbox (started by `docket serve`). */
  followUp: FollowUpWorker;
}

/** A signed-in caller, as the auth middleware found them. */
export interface Caller {
  userId: string;
  email: string;
  name: string;
  /** A browser session (cookie, needs the CSRF header on writes) or a personal API token. */
  via: "session" | "token";
  sessionId: string | null;
  /** The API token signed in with (`via: "token"`), or null. */
  tokenId: string | null;
  /** When the session ends by itself; null for a token. */
  expiresAt: Date | null;
  /** A cookie-authenticated write without the session's CSRF token: routes that need the caller refuse it. */
  csrfMissing: boolean;
}

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: { caller: Caller | null };
}
