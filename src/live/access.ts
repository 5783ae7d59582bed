import type { SpaceRole } from "../core/roles.js";
import { type AccessChange, findAccesses } from "../store/access.js";
import type { Db } from "../store/database.js";

/** What an open live connection was let in with: whose it is, in which Space, and what signed it in. */
export interface LiveGrant {
  userId: string;
  spaceId: string;
  /** The API token it opened with, or null. */
  tokenId: string | null;
  /** The session (hash of its cookie) it opened with, or null. */
  sessionId: string | null;
}

/** Close codes: 4000 + the HTTP status a new connection would now get. */
export const CLOSE_SIGNED_OUT = 4401;
export const CLOSE_NOT_MEMBER = 4403;
export const CLOSE_GONE = 4404;

/** An open connection as the registry sees it: its grant, and how to tell it that its rights changed. */
export interface GrantHolder {
  grant: LiveGrant;
  /** Still a member, with this role now. */
  setRole(role: SpaceRole): void;
  /** No longer allowed in: stop sending to it and close it with the code and reason. */
  revoke(code: number, reason: string): void;
}

/**
 * The open live connections of one process by user, so that a change of rights reaches them the moment this process
 * hears of it: at once for a change made here, by notification for one made by another process. Rights are held in
 * memory by each connection and changed from here, so a segment costs no extra query.
 */
export class LiveAccess {
  readonly #byUser = new Map<string, Set<GrantHolder>>();
  /** The newest member change each connection followed: a change heard twice, or late, does not undo a newer one. */
  readonly #lastSeq = new WeakMap<GrantHolder, number>();

  /** Registers an open connection; call the returned function when it closes. */
  add(holder: GrantHolder): () => void {
    const { userId } = holder.grant;
    let holders = this.#byUser.get(userId);
    if (!holders) {
      holders = new Set();
      this.#byUser.set(userId, holders);
    }
    holders.add(holder);
    return () => this.#remove(holder);
  }

  /** Connections open in this process. */
  get size(): number {
    let n = 0;
    for (const holders of this.#byUser.values()) n += holders.size;
    return n;
  }

  apply(change: AccessChange): void {
    const holders =
      change.kind === "space"
        ? [...this.#byUser.values()].flatMap((set) => [...set])
        : [...(this.#byUser.get(change.userId) ?? [])];
    for (const holder of holders) {
      const { grant } = holder;
      switch (change.kind) {
        case "member": {
          if (grant.spaceId !== change.spaceId) break;
          if ((this.#lastSeq.get(holder) ?? 0) >= change.seq) break;
          this.#lastSeq.set(holder, change.seq);
          if (change.role) holder.setRole(change.role);
          else this.#revoke(holder, CLOSE_NOT_MEMBER, "you are no longer a member of this Space");
          break;
        }
        case "space":
          if (grant.spaceId === change.spaceId) this.#revoke(holder, CLOSE_GONE, "the Space was deleted");
          break;
        case "token":
          if (grant.tokenId === change.tokenId) this.#revoke(holder, CLOSE_SIGNED_OUT, "the API token was revoked");
          break;
        case "session":
          if (grant.sessionId === change.sessionId)
            this.#revoke(holder, CLOSE_SIGNED_OUT, "the session ended (signed out)");
          break;
      }
    }
  }

  /**
   * Reads every open connection's rights again, in one statement. A notification can be lost (the LISTEN connection
   * dropped and came back); the hub calls this on its own cadence (`accessCheckIntervalMs`), so such a change still
   * lands within that interval.
   */
  async check(db: Db, now: Date): Promise<void> {
    const holders = [...this.#byUser.values()].flatMap((set) => [...set]);
    if (holders.length === 0) return;
    const seqsBefore = holders.map((holder) => this.#lastSeq.get(holder));
    const found = await findAccesses(
      db,
      holders.map((holder) => holder.grant),
      now,
    );
    holders.forEach((holder, i) => {
      const access = found[i];
      // Closed meanwhile, or told of a newer change while the statement ran: that one stands.
      if (!access || !this.#byUser.get(holder.grant.userId)?.has(holder)) return;
      if (!access.isSignedIn) {
        const why = holder.grant.tokenId ? "the API token was revoked" : "the session ended; sign in again";
        this.#revoke(holder, CLOSE_SIGNED_OUT, why);
      } else if (!access.role) this.#revoke(holder, CLOSE_NOT_MEMBER, "you are no longer a member of this Space");
      else if (this.#lastSeq.get(holder) === seqsBefore[i]) holder.setRole(access.role);
    });
  }

  #revoke(holder: GrantHolder, code: number, reason: string): void {
    this.#remove(holder);
    holder.revoke(code, reason);
  }

  #remove(holder: GrantHolder): void {
    const holders = this.#byUser.get(holder.grant.userId);
    if (!holders?.delete(holder) || holders.size > 0) return;
    this.#byUser.delete(holder.grant.userId);
  }
}
