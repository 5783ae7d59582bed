// HTTP helpers for tests: an in-process app on a test database, a clock the test moves, and calls as a token
// holder, a signed-in browser (cookie + CSRF header) or nobody.
import type { FollowUpConfig } from "../../src/follow-up/config.js";
import { type App, createApp } from "../../src/server/app.js";
import { CSRF_HEADER, SESSION_COOKIE } from "../../src/server/auth.js";
import type { ServerContext } from "../../src/server/context.js";
import { ROUTE_MODULES } from "../../src/server/routes/index.js";
import { createServerContext } from "../../src/server/serve.js";
import type { Database } from "../../src/store/database.js";

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

/** A clock that stands still until the test moves it. */
export function testClock(start = new Date("2025-03-10T09:00:00Z")): TestClock {
  let time = start.getTime();
  return {
    now: () => new Date(time),
    advance: (ms) => {
      time += ms;
    },
  };
}

export interface TestApp {
  app: App;
  ctx: ServerContext;
  clock: TestClock;
}

/** The whole API in this process (call it with `app.request`), on the given test database. */
export async function createTestApp(
  database: Database,
  clock: TestClock = testClock(),
  followUp: Partial<FollowUpConfig> = {},
): Promise<TestApp> {
  // Nothing is sent unless a test says where (the server reads no environment; this is its default anyway).
  const { publicUrl, ...sending } = followUp;
  const ctx = await createServerContext(database, { now: clock.now, publicUrl, followUp: { smtp: null, ...sending } });
  return { app: createApp(ctx, ROUTE_MODULES), ctx, clock };
}

/** A browser signed in over HTTP: its session cookie and the CSRF token its writes must send. */
export interface Browser {
  user: { id: string; email: string; name: string };
  password: string;
  cookie: string;
  csrfToken: string;
}

/** Who makes a call: a browser session, an API token, or nobody. */
export type As = Browser | { token: string } | null;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are whatever the API sent; tests assert on them.
export type Json = any;

export interface ApiResponse {
  status: number;
  body: Json;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as it is, with a JSON content type (malformed JSON, oversized bodies). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Browser calls send the CSRF header on writes unless this is false. */
  csrf?: boolean;
  /** The client's address, as the Node server would see its socket. */
  remoteAddress?: string;
}

export async function call(
  app: App,
  as: As,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (as && "token" in as) headers.authorization = `Bearer ${as.token}`;
  if (as && "cookie" in as) {
    headers.cookie = `${SESSION_COOKIE}=${as.cookie}`;
    if (method !== "GET" && options.csrf !== false) headers[CSRF_HEADER] = as.csrfToken;
  }
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const env = options.remoteAddress ? { incoming: { socket: { remoteAddress: options.remoteAddress } } } : undefined;
  const response = await app.request(path, { method, headers: { ...headers, ...options.headers }, body }, env);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

let accounts = 0;

/** Signs up over HTTP and returns the browser's session. */
export async function signUp(app: App, account: { email?: string; name?: string; password?: string } = {}) {
  accounts += 1;
  const name = account.name ?? `Person ${accounts}`;
  const email = account.email ?? `person.${accounts}.${Date.now().toString(36)}@example.com`;
  const password = account.password ?? "correct horse battery";
  const response = await call(app, null, "POST", "/api/auth/sign-up", { body: { email, name, password } });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return browserFrom(response, password);
}

/** The session a sign-up or sign-in response set up. */
export function browserFrom(response: ApiResponse, password: string): Browser {
  const cookie = sessionCookieValue(response.headers);
  if (!cookie) throw new Error("the response set no session cookie");
  return { user: response.body.user, password, cookie, csrfToken: response.body.csrfToken };
}

export function sessionCookieValue(headers: Headers): string | null {
  for (const line of headers.getSetCookie()) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(line);
    if (match) return match[1] ?? null;
  }
  return null;
}

/** A Space created over HTTP by `owner`, on the built-in Engineering Leadership Sync unless told otherwise. */
export async function createSpaceVia(app: App, owner: As, settings: Record<string, unknown> = {}): Promise<Json> {
  const response = await call(app, owner, "POST", "/api/spaces", {
    body: { name: "Leadership", templateId: "engineering-leadership-sync", cadence: "weekly", ...settings },
  });
  if (response.status !== 201) throw new Error(`creating a Space failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Adds `member` to the Space with `role` through an invitation the owner creates. */
export async function joinSpaceVia(app: App, owner: As, spaceId: string, member: As, role: string): Promise<void> {
  const invitation = await call(app, owner, "POST", `/api/spaces/${spaceId}/invitations`, { body: { role } });
  if (invitation.status !== 201) throw new Error(`inviting failed: ${JSON.stringify(invitation.body)}`);
  const accepted = await call(app, member, "POST", `/api/invitations/${invitation.body.token}/accept`);
  if (accepted.status !== 200) throw new Error(`accepting failed: ${JSON.stringify(accepted.body)}`);
}
