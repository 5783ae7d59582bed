import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  browserFrom,
  call,
  createTestApp,
  sessionCookieValue,
  signUp,
  type TestApp,
} from "../../../test/helpers/api.js";
import { eachDatabase } from "../../../test/helpers/database.js";
import { createTestUser } from "../../../test/helpers/server.js";
import { apiTokens, sessions, users } from "../../store/schema.js";
import { hashSecret } from "../auth.js";
import { FAILED_SIGN_INS_PER_ADDRESS, FAILED_SIGN_INS_PER_EMAIL, SIGN_UPS_PER_ADDRESS } from "./accounts.js";

const PASSWORD = "correct horse battery";
const MINUTE = 60_000;

function signIn(t: TestApp, email: string, password: string, remoteAddress?: string) {
  return call(t.app, null, "POST", "/api/auth/sign-in", {
    body: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

describe("accounts over HTTP", () => {
  eachDatabase((database) => {
    it("signs up with a normalised email and an argon2id hash, and is signed in at once", async () => {
      const t = await createTestApp(database());
      const response = await call(t.app, null, "POST", "/api/auth/sign-up", {
        body: { email: "Ana@Example.COM", name: "Ana", password: PASSWORD },
      });
      expect(response.status).toBe(201);
      expect(response.body.user).toMatchObject({ email: "ana@example.com", name: "Ana" });
      expect(response.body.csrfToken).toMatch(/^[\w-]{43}$/);
      const [row] = await database().db.select().from(users).where(eq(users.email, "ana@example.com"));
      expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row?.passwordHash).not.toContain(PASSWORD);

      const browser = browserFrom(response, PASSWORD);
      const me = await call(t.app, browser, "GET", "/api/me");
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ user: response.body.user, csrfToken: response.body.csrfToken });
      // Only the cookie's hash is stored.
      const stored = await database().db.select().from(sessions);
      expect(stored.map((session) => session.id)).toEqual([hashSecret(browser.cookie)]);
    });

    it("refuses a second account for the same email in another case, and short passwords", async () => {
      const t = await createTestApp(database());
      await signUp(t.app, { email: "ana@example.com" });
      const again = await call(t.app, null, "POST", "/api/auth/sign-up", {
        body: { email: "ANA@example.com", name: "Ana", password: PASSWORD },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe("there is already an account for ana@example.com");
      const short = await call(t.app, null, "POST", "/api/auth/sign-up", {
        body: { email: "ben@example.com", name: "Ben", password: "short" },
      });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toMatch(/password: must be at least 10 characters/);
    });

    it("sets an httpOnly, SameSite=Lax session cookie for 30 days, Secure when configured", async () => {
      const t = await createTestApp(database());
      const { user } = await signUp(t.app, { email: "ana@example.com" });
      const plain = await signIn(t, user.email, PASSWORD);
      expect(plain.status).toBe(200);
      const [cookie] = plain.headers.getSetCookie();
      expect(cookie).toMatch(/^docket_session=[\w-]{43}; /);
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Lax");
      expect(cookie).toContain("Path=/");
      expect(cookie).toContain(`Max-Age=${30 * 24 * 60 * 60}`);
      expect(cookie).toContain(`Expires=${new Date(t.clock.now().getTime() + 30 * 24 * 60 * MINUTE).toUTCString()}`);
      expect(cookie).not.toContain("Secure");

      t.ctx.secureCookies = true;
      const secure = await signIn(t, user.email, PASSWORD);
      expect(secure.headers.getSetCookie()[0]).toContain("Secure");
    });

    it("gives the same 401 for an unknown email and a wrong password", async () => {
      const t = await createTestApp(database());
      await signUp(t.app, { email: "ana@example.com" });
      const wrongPassword = await signIn(t, "ana@example.com", "not the password");
      const unknownEmail = await signIn(t, "nobody@example.com", PASSWORD);
      expect([wrongPassword.status, unknownEmail.status]).toEqual([401, 401]);
      expect(wrongPassword.body).toEqual(unknownEmail.body);
      expect(wrongPassword.body.error.message).toBe("the email or password is wrong");
      expect(sessionCookieValue(wrongPassword.headers)).toBeNull();
    });

    it("signs out: the session row is deleted and the cookie cleared", async () => {
      const t = await createTestApp(database());
      const browser = await signUp(t.app);
      const out = await call(t.app, browser, "POST", "/api/auth/sign-out");
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie()[0]).toMatch(/^docket_session=; Max-Age=0; /);
      expect(await database().db.select().from(sessions)).toEqual([]);
      expect((await call(t.app, browser, "GET", "/api/me")).status).toBe(401);
      expect((await call(t.app, null, "POST", "/api/auth/sign-out")).status).toBe(401);
    });

    it("needs the CSRF header on cookie writes, not on token writes", async () => {
      const t = await createTestApp(database());
      const browser = await signUp(t.app);
      const forged = await call(t.app, browser, "POST", "/api/tokens", { body: { name: "ci" }, csrf: false });
      expect(forged.status).toBe(403);
      expect(forged.body.error.message).toContain("x-csrf-token");
      const wrong = await call(t.app, browser, "POST", "/api/tokens", {
        body: { name: "ci" },
        csrf: false,
        headers: { "x-csrf-token": "guessed" },
      });
      expect(wrong.status).toBe(403);
      expect((await call(t.app, browser, "POST", "/api/tokens", { body: { name: "ci" } })).status).toBe(201);
      // Reads need no header.
      expect((await call(t.app, browser, "GET", "/api/tokens")).status).toBe(200);

      const scripted = await createTestUser(database(), "Script");
      const byToken = await call(t.app, { token: scripted.token }, "POST", "/api/tokens", { body: { name: "ci" } });
      expect(byToken.status).toBe(201);
      const me = await call(t.app, { token: scripted.token }, "GET", "/api/me");
      expect(me.body.csrfToken).toBeUndefined();
    });

    it(`allows ${FAILED_SIGN_INS_PER_EMAIL} failed sign-ins per email per 15 minutes, then 429 until the window passes`, async () => {
      const t = await createTestApp(database());
      await signUp(t.app, { email: "ana@example.com" });
      await signUp(t.app, { email: "ben@example.com" });
      for (let i = 0; i < FAILED_SIGN_INS_PER_EMAIL; i++) {
        expect((await signIn(t, "ana@example.com", "wrong password")).status).toBe(401);
        t.clock.advance(MINUTE);
      }
      // Even the right password waits now; the address and another email are not blocked.
      const limited = await signIn(t, "ANA@example.com", PASSWORD);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("rate_limited");
      // The first failure was 5 minutes ago, so it leaves the 15-minute window in 10.
      expect(limited.headers.get("retry-after")).toBe(String(10 * 60));
      expect((await signIn(t, "ben@example.com", PASSWORD)).status).toBe(200);

      t.clock.advance(10 * MINUTE - 1000);
      expect((await signIn(t, "ana@example.com", PASSWORD)).status).toBe(429);
      t.clock.advance(1000);
      expect((await signIn(t, "ana@example.com", PASSWORD)).status).toBe(200);
    });

    it(`allows ${FAILED_SIGN_INS_PER_ADDRESS} failed sign-ins per client address per 15 minutes`, async () => {
      const t = await createTestApp(database());
      await signUp(t.app, { email: "ana@example.com" });
      for (let i = 0; i < FAILED_SIGN_INS_PER_ADDRESS; i++) {
        expect((await signIn(t, `guess${i}@example.com`, "wrong password", "203.0.113.7")).status).toBe(401);
      }
      const limited = await signIn(t, "ana@example.com", PASSWORD, "203.0.113.7");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBe(15 * 60);
      expect((await signIn(t, "ana@example.com", PASSWORD, "198.51.100.1")).status).toBe(200);
      t.clock.advance(15 * MINUTE);
      expect((await signIn(t, "ana@example.com", PASSWORD, "203.0.113.7")).status).toBe(200);
    });

    it("counts failed sign-ins per email from one client: someone else's failures do not lock a person out", async () => {
      const t = await createTestApp(database());
      await signUp(t.app, { email: "ana@example.com" });
      for (let i = 0; i < FAILED_SIGN_INS_PER_EMAIL; i++) {
        expect((await signIn(t, "ana@example.com", "wrong password", "203.0.113.7")).status).toBe(401);
      }
      expect((await signIn(t, "ana@example.com", PASSWORD, "203.0.113.7")).status).toBe(429);
      // Ana, from her own client, still signs in.
      expect((await signIn(t, "ana@example.com", PASSWORD, "198.51.100.1")).status).toBe(200);
    });

    it(`allows ${SIGN_UPS_PER_ADDRESS} sign-ups per client address per 15 minutes, then 429`, async () => {
      const t = await createTestApp(database());
      const signUpFrom = (n: number, remoteAddress: string) =>
        call(t.app, null, "POST", "/api/auth/sign-up", {
          body: { email: `bulk${n}@example.com`, name: `Bulk ${n}`, password: PASSWORD },
          remoteAddress,
        });
      for (let i = 0; i < SIGN_UPS_PER_ADDRESS; i++) expect((await signUpFrom(i, "203.0.113.7")).status).toBe(201);
      const limited = await signUpFrom(99, "203.0.113.7");
      expect(limited.status).toBe(429);
      expect(limited.body.error).toEqual({
        code: "rate_limited",
        message: "too many sign-ups from this address; try again in 15 minutes",
      });
      expect(limited.headers.get("retry-after")).toBe(String(15 * 60));
      expect((await database().db.select().from(users).where(eq(users.email, "bulk99@example.com"))).length).toBe(0);
      expect((await signUpFrom(100, "198.51.100.1")).status).toBe(201);
      t.clock.advance(15 * MINUTE);
      expect((await signUpFrom(101, "203.0.113.7")).status).toBe(201);
    });

    it("shows a token once, lists tokens without secrets, and revokes only the caller's own", async () => {
      const t = await createTestApp(database());
      const browser = await signUp(t.app);
      const created = await call(t.app, browser, "POST", "/api/tokens", { body: { name: "laptop script" } });
      expect(created.status).toBe(201);
      const { token, id } = created.body;
      expect(token).toMatch(/^dkt_[\w-]{43}$/);
      expect(created.body.prefix).toBe(token.slice(0, 12));
      const [stored] = await database().db.select().from(apiTokens).where(eq(apiTokens.id, id));
      expect(stored?.tokenHash).toBe(hashSecret(token));

      const listed = await call(t.app, browser, "GET", "/api/tokens");
      expect(listed.body).toEqual([
        { id, name: "laptop script", prefix: created.body.prefix, createdAt: expect.any(String), lastUsedAt: null },
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(token);
      expect((await call(t.app, { token }, "GET", "/api/me")).body.user.id).toBe(browser.user.id);

      const other = await createTestUser(database(), "Other");
      expect((await call(t.app, { token: other.token }, "DELETE", `/api/tokens/${id}`)).status).toBe(404);
      expect((await call(t.app, browser, "DELETE", `/api/tokens/${id}`)).status).toBe(204);
      const revoked = await call(t.app, { token }, "GET", "/api/me");
      expect(revoked.status).toBe(401);
      expect(revoked.body.error.message).toContain("revoked");
    });

    it("names the problem in malformed, unknown, mistyped and oversized bodies", async () => {
      const t = await createTestApp(database());
      const browser = await signUp(t.app);
      const malformed = await call(t.app, browser, "POST", "/api/tokens", { rawBody: '{"name": ' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toBe("Malformed JSON in request body");
      const unknown = await call(t.app, browser, "POST", "/api/tokens", { body: { name: "ci", admin: true } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('Unrecognized key: "admin"');
      const mistyped = await call(t.app, browser, "POST", "/api/tokens", { body: { name: 42 } });
      expect(mistyped.status).toBe(400);
      expect(mistyped.body.error.issues).toEqual([
        { path: expect.stringMatching(/\.name$/), message: expect.any(String) },
      ]);
      const huge = await call(t.app, browser, "POST", "/api/tokens", {
        body: { name: "x".repeat(2 * 1024 * 1024) },
      });
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe("too_large");
      const badId = await call(t.app, browser, "DELETE", "/api/tokens/not-a-uuid");
      expect(badId.status).toBe(400);
      expect(badId.body.error.message).toMatch(/^param\.id: /);
    });
  });
});
