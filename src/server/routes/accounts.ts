import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import { hash, verify } from "@node-rs/argon2";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { apiTokenSchema, meSchema, newApiTokenSchema, sessionSchema } from "../../api/schemas.js";
import { DAY_MS } from "../../core/calendar/dates.js";
import {
  createApiToken,
  createSession,
  createUser,
  deleteApiToken,
  deleteSession,
  findSessionCsrfToken,
  findUser,
  findUserByEmail,
  listApiTokens,
  type UserRow,
} from "../../store/accounts.js";
import type { App } from "../app.js";
import { hashSecret, newSecret, requireCaller, SESSION_COOKIE, TOKEN_PREFIX } from "../auth.js";
import type { AppEnv, ServerContext } from "../context.js";
import { ApiError, errorBody } from "../errors.js";
import { errorResponses, jsonBody, jsonResponse, noContent } from "../openapi.js";
import { SlidingWindowLimiter } from "../rate-limit.js";

export const SESSION_DAYS = 30;
const RATE_WINDOW_MS = 15 * 60 * 1000;
/**
 * Failed sign-ins allowed per email from one client address, and per client address, in RATE_WINDOW_MS. The email
 * is counted with the address, never alone: otherwise anyone could lock a person out by failing with their email.
 */
export const FAILED_SIGN_INS_PER_EMAIL = 5;
export const FAILED_SIGN_INS_PER_ADDRESS = 20;
/** Sign-ups allowed per client address in RATE_WINDOW_MS: each costs an argon2 hash and makes an account. */
export const SIGN_UPS_PER_ADDRESS = 10;

const WRONG_CREDENTIALS = "the email or password is wrong";

const email = z.email().max(320);
const password = z.string().max(512);

const signUp = createRoute({
  operationId: "signUp",
  method: "post",
  path: "/api/auth/sign-up",
  tags: ["accounts"],
  summary: "Create an account and sign in",
  security: [],
  request: {
    body: jsonBody(
      z.strictObject({
        email,
        name: z.string().trim().min(1).max(100),
        password: password.min(10, "must be at least 10 characters"),
      }),
    ),
  },
  responses: {
    201: jsonResponse(sessionSchema, "Signed up and in; the session cookie is set."),
    ...errorResponses(409, 429),
  },
});

const signIn = createRoute({
  operationId: "signIn",
  method: "post",
  path: "/api/auth/sign-in",
  tags: ["accounts"],
  summary: "Sign in with email and password",
  security: [],
  request: { body: jsonBody(z.strictObject({ email, password: password.min(1) })) },
  responses: {
    200: jsonResponse(sessionSchema, "Signed in; the session cookie is set."),
    ...errorResponses(429),
  },
});

const signOut = createRoute({
  operationId: "signOut",
  method: "post",
  path: "/api/auth/sign-out",
  tags: ["accounts"],
  summary: "End this browser's session",
  responses: { 204: noContent, ...errorResponses(403) },
});

const me = createRoute({
  operationId: "getMe",
  method: "get",
  path: "/api/me",
  tags: ["accounts"],
  summary: "Who is signed in",
  responses: { 200: jsonResponse(meSchema, "The caller."), ...errorResponses() },
});

const createToken = createRoute({
  operationId: "createApiToken",
  method: "post",
  path: "/api/tokens",
  tags: ["accounts"],
  summary: "Create a personal API token (shown once)",
  request: { body: jsonBody(z.strictObject({ name: z.string().trim().min(1).max(100) })) },
  responses: { 201: jsonResponse(newApiTokenSchema, "The token, shown this once."), ...errorResponses(403) },
});

const listTokens = createRoute({
  operationId: "listApiTokens",
  method: "get",
  path: "/api/tokens",
  tags: ["accounts"],
  summary: "The caller's API tokens (never the tokens themselves)",
  responses: { 200: jsonResponse(z.array(apiTokenSchema), "The caller's tokens."), ...errorResponses() },
});

const deleteToken = createRoute({
  operationId: "deleteApiToken",
  method: "delete",
  path: "/api/tokens/{id}",
  tags: ["accounts"],
  summary: "Revoke one of the caller's API tokens",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: noContent, ...errorResponses(403, 404) },
});

export function registerAccounts(app: App, ctx: ServerContext): void {
  const { db } = ctx.database;
  // Per app, so every test app (and every process) starts with clean counts.
  const failuresByClientAndEmail = new SlidingWindowLimiter(FAILED_SIGN_INS_PER_EMAIL, RATE_WINDOW_MS, ctx.now);
  const failuresByAddress = new SlidingWindowLimiter(FAILED_SIGN_INS_PER_ADDRESS, RATE_WINDOW_MS, ctx.now);
  const signUpsByAddress = new SlidingWindowLimiter(SIGN_UPS_PER_ADDRESS, RATE_WINDOW_MS, ctx.now);

  app.openapi(signUp, async (c) => {
    const body = c.req.valid("json");
    const address = clientAddress(c);
    const wait = signUpsByAddress.retryAfterSeconds(address);
    if (wait > 0) {
      const error = new ApiError(
        "rate_limited",
        `too many sign-ups from this address; try again in ${formatWait(wait)}`,
      );
      return c.json(errorBody(error), 429, { "Retry-After": String(wait) });
    }
    // Counted before hashing, whether or not the account is made: the hash is the cost being limited.
    signUpsByAddress.hit(address);
    const user = await createUser(db, {
      email: normaliseEmail(body.email),
      name: body.name,
      passwordHash: await hash(body.password),
    });
    return c.json({ user: presentUser(user), csrfToken: await startSession(c, ctx, user.id) }, 201);
  });

  app.openapi(signIn, async (c) => {
    const body = c.req.valid("json");
    const address = clientAddress(c);
    const clientAndEmail = `${address} ${normaliseEmail(body.email)}`;
    const wait = Math.max(
      failuresByClientAndEmail.retryAfterSeconds(clientAndEmail),
      failuresByAddress.retryAfterSeconds(address),
    );
    if (wait > 0) {
      const error = new ApiError("rate_limited", `too many failed sign-ins; try again in ${formatWait(wait)}`);
      return c.json(errorBody(error), 429, { "Retry-After": String(wait) });
    }
    const user = await findUserByEmail(db, normaliseEmail(body.email));
    // An unknown email costs the same hashing time as a wrong password, so timing does not reveal accounts.
    const isValid = user?.passwordHash
      ? await verify(user.passwordHash, body.password)
      : await verify(await dummyHash(), body.password).then(() => false);
    if (!user || !isValid) {
      failuresByClientAndEmail.hit(clientAndEmail);
      failuresByAddress.hit(address);
      throw new ApiError("unauthorized", WRONG_CREDENTIALS);
    }
    failuresByClientAndEmail.reset(clientAndEmail);
    return c.json({ user: presentUser(user), csrfToken: await startSession(c, ctx, user.id) }, 200);
  });

  app.openapi(signOut, async (c) => {
    const caller = requireCaller(c);
    // The session's open live connections close: here at once, in other processes by notification.
    const ended = caller.sessionId ? await deleteSession(db, caller.sessionId) : null;
    if (ended) ctx.live.access.apply(ended);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: ctx.secureCookies, httpOnly: true, sameSite: "Lax" });
    return c.body(null, 204);
  });

  app.openapi(me, async (c) => {
    const caller = requireCaller(c);
    const user = await findUser(db, caller.userId);
    if (!user) throw new ApiError("unauthorized", "the account no longer exists");
    const csrfToken = caller.sessionId ? await findSessionCsrfToken(db, caller.sessionId) : null;
    return c.json({ user: presentUser(user), ...(csrfToken ? { csrfToken } : {}) }, 200);
  });

  app.openapi(createToken, async (c) => {
    const caller = requireCaller(c);
    const token = newSecret(TOKEN_PREFIX);
    const row = await createApiToken(db, {
      userId: caller.userId,
      name: c.req.valid("json").name,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 8),
    });
    return c.json({ ...presentToken(row), token }, 201);
  });

  app.openapi(listTokens, async (c) => {
    const caller = requireCaller(c);
    return c.json((await listApiTokens(db, caller.userId)).map(presentToken), 200);
  });

  app.openapi(deleteToken, async (c) => {
    const caller = requireCaller(c);
    const { id } = c.req.valid("param");
    const revoked = await deleteApiToken(db, caller.userId, id);
    if (!revoked) throw new ApiError("not_found", `no API token ${id}`);
    // The token's open live connections close: here at once, in other processes by notification.
    ctx.live.access.apply(revoked);
    return c.body(null, 204);
  });
}

/** One account per address whatever its case or stray spaces. */
export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** A new session: the cookie carries the secret, the database its hash. Returns the CSRF token for writes. */
async function startSession(c: Context<AppEnv>, ctx: ServerContext, userId: string): Promise<string> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  await createSession(ctx.database.db, { id: hashSecret(secret), userId, csrfToken, expiresAt }, now);
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: ctx.secureCookies,
    expires: expiresAt,
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
  return csrfToken;
}

/**
 * The peer's address. Forwarded headers are not trusted: anyone could send them to dodge the per-address limit.
 * Without a socket (in-process tests) every request counts as one address.
 */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

let dummy: Promise<string> | null = null;
function dummyHash(): Promise<string> {
  dummy ??= hash(newSecret());
  return dummy;
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

function presentUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() };
}

function presentToken(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null }) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
