import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { findSessionUser, findTokenUser, touchApiToken } from "../store/accounts.js";
import type { AppEnv, Caller, ServerContext } from "./context.js";
import { ApiError } from "./errors.js";

export const SESSION_COOKIE = "docket_session";
export const CSRF_HEADER = "x-csrf-token";
export const TOKEN_PREFIX = "dkt_";
const LAST_USED_RESOLUTION_MS = 60_000;

/** A random secret, URL-safe. Sessions, API tokens and invitation links are made of these. */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** Secrets are stored as their SHA-256: a stolen database does not sign anybody in. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Resolves who is asking: a session cookie or `Authorization: Bearer <token>`. Sets `caller` (or null). */
export function authenticate(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("caller", await findCaller(ctx, c));
    await next();
  };
}

export async function findCaller(ctx: ServerContext, c: Context): Promise<Caller | null> {
  const { db } = ctx.database;
  const authorization = c.req.header("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new ApiError("unauthorized", "the Authorization header must be 'Bearer <token>'");
    const row = await findTokenUser(db, hashSecret(match[1]));
    if (!row) throw new ApiError("unauthorized", "the API token is not valid (it may have been revoked)");
    // "Last used" to the minute is enough: a script calling in a loop does not write on every request.
    const now = ctx.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await touchApiToken(db, row.tokenId, now);
    }
    return {
      userId: row.id,
      email: row.email,
      name: row.name,
      via: "token",
      sessionId: null,
      tokenId: row.tokenId,
      expiresAt: null,
      csrfMissing: false,
    };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return null;
  const sessionId = hashSecret(cookie);
  const row = await findSessionUser(db, sessionId, ctx.now());
  if (!row) return null;
  // A write without the CSRF token is refused where it needs the caller (requireCaller), not here: signing in
  // again from a browser that still holds a session cookie must work.
  const csrfMissing = !SAFE_METHODS.has(c.req.method) && !sameSecret(c.req.header(CSRF_HEADER) ?? "", row.csrfToken);
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    via: "session",
    sessionId,
    tokenId: null,
    expiresAt: row.expiresAt,
    csrfMissing,
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signed-in caller, or a 401. */
export function requireCaller(c: Context<AppEnv>): Caller {
  const caller = c.get("caller");
  if (!caller) throw new ApiError("unauthorized", "sign in first (or send an API token)");
  if (caller.csrfMissing) {
    throw new ApiError("forbidden", `a signed-in browser must send the ${CSRF_HEADER} header on writes`);
  }
  return caller;
}
