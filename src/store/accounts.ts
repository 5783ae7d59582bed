import { and, count, desc, eq, gt, lte, sql } from "drizzle-orm";
import { DocketError } from "../core/errors.js";
import { type AccessChange, announceAccessChange } from "./access.js";
import type { Db } from "./database.js";
import { apiTokens, memberships, sessions, spaces, users } from "./schema.js";
import { jsonParam, query } from "./sql.js";

export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = Omit<typeof apiTokens.$inferSelect, "tokenHash" | "userId">;

/**
 * A new account. The email is expected lower-cased already; a taken one is a conflict. The user joins every
 * demo Space as a viewer, so a new account has something real to look at straight away.
 */
export async function createUser(
  db: Db,
  account: { email: string; name: string; passwordHash: string },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values(account).onConflictDoNothing({ target: users.email }).returning();
    if (!user) throw new DocketError("conflict", `there is already an account for ${account.email}`);
    const demos = await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.isDemo, true));
    if (demos.length > 0) {
      await tx
        .insert(memberships)
        .values(demos.map((space) => ({ spaceId: space.id, userId: user.id, role: "viewer" as const })));
    }
    return user;
  });
}

/** How many accounts there are (the demo owner included). */
export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/**
 * The owner of the demo Spaces: an account nobody can sign in to. Null when it exists already (two processes
 * starting at once on an empty database: the unique email lets exactly one of them seed).
 */
export async function createDemoOwner(db: Db, owner: { email: string; name: string }): Promise<UserRow | null> {
  const [user] = await db
    .insert(users)
    .values({ ...owner, passwordHash: null })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return user ?? null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user ?? null;
}

export async function findUser(db: Db, userId: string): Promise<UserRow | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ?? null;
}

/** These users' names and email addresses; ids with no user are left out. */
export function findUsers(db: Db, userIds: readonly string[]): Promise<{ id: string; name: string; email: string }[]> {
  return query(
    db,
    sql`SELECT id, name, email FROM users
        WHERE id IN (SELECT jsonb_array_elements_text(${jsonParam(userIds)})::uuid)`,
  );
}

/** Stores a session by the hash of its cookie, and drops the user's expired ones while at it. */
export async function createSession(
  db: Db,
  session: { id: string; userId: string; csrfToken: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, session.userId), lte(sessions.expiresAt, now)));
  await db.insert(sessions).values(session);
}

/** Who a session (by the hash of its cookie) belongs to, while it has not expired; with its CSRF token. */
export async function findSessionUser(
  db: Db,
  sessionId: string,
  now: Date,
): Promise<{ id: string; email: string; name: string; csrfToken: string; expiresAt: Date } | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now)));
  return row ?? null;
}

/** Ends a session (signing out); its open live connections close. Null when there was no such session. */
export async function deleteSession(db: Db, sessionId: string): Promise<AccessChange | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId });
    return row ? announceAccessChange(tx, { kind: "session", userId: row.userId, sessionId }) : null;
  });
}

export async function findSessionCsrfToken(db: Db, sessionId: string): Promise<string | null> {
  const [row] = await db.select({ csrfToken: sessions.csrfToken }).from(sessions).where(eq(sessions.id, sessionId));
  return row?.csrfToken ?? null;
}

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

export async function createApiToken(
  db: Db,
  token: { userId: string; name: string; tokenHash: string; prefix: string },
): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(token).returning(tokenColumns);
  if (!row) throw new Error("the token was not stored");
  return row;
}

/** Who an API token (by its hash) belongs to, and when it was last used. */
export async function findTokenUser(
  db: Db,
  tokenHash: string,
): Promise<{ id: string; email: string; name: string; tokenId: string; lastUsedAt: Date | null } | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

export async function touchApiToken(db: Db, tokenId: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId));
}

/** The user's tokens, newest first; never their hashes. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

/**
 * Revokes one of the user's own tokens; the live connections it opened close. Null when they have none with that id.
 */
export async function deleteApiToken(db: Db, userId: string, tokenId: string): Promise<AccessChange | null> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
      .returning({ id: apiTokens.id });
    return deleted.length > 0 ? announceAccessChange(tx, { kind: "token", userId, tokenId }) : null;
  });
}
