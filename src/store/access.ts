import { sql } from "drizzle-orm";
import { SPACE_ROLES } from "../core/roles.js";
import { type Db, EVENTS_CHANNEL } from "./database.js";
import type { SpaceRole } from "./schema.js";
import { jsonParam, query } from "./sql.js";

/**
 * A change to who may do what, as every process hears of it: open live connections follow it at once. It travels
 * as a NOTIFY on the live events' channel, sent inside the transaction that made the change, so it is delivered
 * only if that commits, and in commit order with the meetings' event notices.
 */
export type AccessChange =
  /** The member's role in the Space now; null when they are no longer a member. */
  | { kind: "member"; spaceId: string; userId: string; role: SpaceRole | null; seq: number }
  /** The Space is gone, with everyone's membership. */
  | { kind: "space"; spaceId: string }
  | { kind: "token"; userId: string; tokenId: string }
  /** A session (by the hash of its cookie, as stored) ended: signed out. */
  | { kind: "session"; userId: string; sessionId: string };

/** A member change before the database numbers it. */
type Unnumbered = { kind: "member"; spaceId: string; userId: string; role: SpaceRole | null };

/**
 * Announces the change; call it inside the transaction that makes it. A member change gets a number from a
 * sequence: a process that hears of one change twice (at once, and by its notification) keeps the newest.
 */
export async function announceAccessChange(
  db: Db,
  change: Unnumbered | Exclude<AccessChange, { kind: "member" }>,
): Promise<AccessChange> {
  if (change.kind !== "member") {
    await query(db, sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${encodeAccessChange(change)})`);
    return change;
  }
  const [row] = await query<{ seq: string }>(db, sql`SELECT nextval('access_change_seq')::text AS seq`);
  const numbered: AccessChange = { ...change, seq: Number(row?.seq ?? 0) };
  await query(db, sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${encodeAccessChange(numbered)})`);
  return numbered;
}

export function encodeAccessChange(change: AccessChange): string {
  return JSON.stringify({ access: change });
}

/** The change in a payload, or null for anything else on the channel (the meetings' event notices). */
export function decodeAccessChange(payload: string): AccessChange | null {
  if (!payload.startsWith('{"access"')) return null;
  try {
    const value = (JSON.parse(payload) as { access?: unknown }).access;
    if (typeof value !== "object" || value === null) return null;
    const change = value as Record<string, unknown>;
    const isText = (key: string) => typeof change[key] === "string";
    switch (change.kind) {
      case "member":
        return isText("spaceId") &&
          isText("userId") &&
          (change.role === null || SPACE_ROLES.includes(change.role as SpaceRole)) &&
          typeof change.seq === "number"
          ? (change as AccessChange)
          : null;
      case "space":
        return isText("spaceId") ? (change as AccessChange) : null;
      case "token":
        return isText("userId") && isText("tokenId") ? (change as AccessChange) : null;
      case "session":
        return isText("userId") && isText("sessionId") ? (change as AccessChange) : null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

export interface Grant {
  spaceId: string;
  userId: string;
  tokenId: string | null;
  sessionId: string | null;
}

export interface Access {
  /** The user's role in the Space; null when not a member. */
  role: SpaceRole | null;
  /** The token or session the connection opened with still stands. */
  isSignedIn: boolean;
}

/**
 * What a live connection may still do: the user's role in the Space and whether the token or session it opened with
 * still stands. Read once a connection has joined its room (changes from then on arrive as notifications), never per
 * segment.
 */
export async function findAccess(db: Db, grant: Grant & { now: Date }): Promise<Access> {
  const [access] = await findAccesses(db, [grant], grant.now);
  return access ?? { role: null, isSignedIn: false };
}

/** The same for many connections in one statement, in the order given (the live room's periodic check). */
export async function findAccesses(db: Db, grants: readonly Grant[], now: Date): Promise<Access[]> {
  if (grants.length === 0) return [];
  const rows = grants.map((grant, i) => ({
    i,
    space_id: grant.spaceId,
    user_id: grant.userId,
    token_id: grant.tokenId,
    session_id: grant.sessionId,
  }));
  const found = await query<{ i: number; role: SpaceRole | null; signed_in: boolean }>(
    db,
    sql`SELECT g.i, m.role,
          (EXISTS (SELECT 1 FROM api_tokens t WHERE t.id = g.token_id AND t.user_id = g.user_id)
           OR EXISTS (SELECT 1 FROM sessions s
                      WHERE s.id = g.session_id AND s.user_id = g.user_id
                        AND s.expires_at > ${now.toISOString()}::timestamptz)
          ) AS signed_in
        FROM jsonb_to_recordset(${jsonParam(rows)})
          AS g(i int, space_id uuid, user_id uuid, token_id uuid, session_id text)
        LEFT JOIN memberships m ON m.space_id = g.space_id AND m.user_id = g.user_id
        ORDER BY g.i`,
  );
  return grants.map((_, i) => {
    const row = found[i];
    return { role: row?.role ?? null, isSignedIn: row?.signed_in === true };
  });
}
