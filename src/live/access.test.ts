import { describe, expect, it } from "vitest";
import type { SpaceRole } from "../core/roles.js";
import { type GrantHolder, LiveAccess, type LiveGrant } from "./access.js";

/** A connection as the registry sees it, recording what it was told. */
function connection(grant: Partial<LiveGrant> = {}) {
  const told: { roles: SpaceRole[]; closed: { code: number; reason: string } | null } = { roles: [], closed: null };
  const holder: GrantHolder = {
    grant: { userId: "ben", spaceId: "space-1", tokenId: "token-1", sessionId: null, ...grant },
    setRole: (role) => told.roles.push(role),
    revoke: (code, reason) => {
      told.closed = { code, reason };
    },
  };
  return { holder, told };
}

describe("the open connections' rights", () => {
  it("follows the newest member change, whatever order the changes are heard in", () => {
    const access = new LiveAccess();
    const { holder, told } = connection();
    access.add(holder);
    access.apply({ kind: "member", spaceId: "space-1", userId: "ben", role: "viewer", seq: 5 });
    // Heard again by notification, and an older change arriving late: neither undoes the newest.
    access.apply({ kind: "member", spaceId: "space-1", userId: "ben", role: "viewer", seq: 5 });
    access.apply({ kind: "member", spaceId: "space-1", userId: "ben", role: "member", seq: 4 });
    expect(told.roles).toEqual(["viewer"]);
    access.apply({ kind: "member", spaceId: "space-1", userId: "ben", role: "member", seq: 6 });
    expect(told.roles).toEqual(["viewer", "member"]);
    expect(told.closed).toBeNull();
  });

  it("closes only the connections a change is about", () => {
    const access = new LiveAccess();
    const inSpace = connection();
    const otherSpace = connection({ spaceId: "space-2" });
    const bySession = connection({ tokenId: null, sessionId: "session-1" });
    const otherUser = connection({ userId: "cai" });
    for (const { holder } of [inSpace, otherSpace, bySession, otherUser]) access.add(holder);

    access.apply({ kind: "member", spaceId: "space-1", userId: "ben", role: null, seq: 1 });
    expect(inSpace.told.closed).toEqual({ code: 4403, reason: "you are no longer a member of this Space" });
    expect(bySession.told.closed).toMatchObject({ code: 4403 });
    expect(otherSpace.told.closed).toBeNull();
    expect(otherUser.told.closed).toBeNull();

    access.apply({ kind: "token", userId: "ben", tokenId: "token-1" });
    expect(otherSpace.told.closed).toEqual({ code: 4401, reason: "the API token was revoked" });
    access.apply({ kind: "space", spaceId: "space-1" });
    expect(otherUser.told.closed).toEqual({ code: 4404, reason: "the Space was deleted" });
    expect(access.size).toBe(0);
  });

  it("forgets a connection once it closes", () => {
    const access = new LiveAccess();
    const { holder, told } = connection();
    const remove = access.add(holder);
    remove();
    access.apply({ kind: "token", userId: "ben", tokenId: "token-1" });
    expect(told.closed).toBeNull();
    expect(access.size).toBe(0);
  });
});
