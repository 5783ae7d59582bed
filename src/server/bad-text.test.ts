import { afterEach, describe, expect, it, vi } from "vitest";
import { call, createSpaceVia, createTestApp, signUp } from "../../test/helpers/api.js";
import { eachDatabase } from "../../test/helpers/database.js";
import { findUser } from "../store/accounts.js";
import { createApp } from "./app.js";
import { ROUTE_MODULES } from "./routes/index.js";

describe("text the database cannot keep, and what the log may say", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  eachDatabase((database) => {
    it("answers a NUL in a JSON string with a 400 naming the field, and stores nothing", async () => {
      const t = await createTestApp(database());
      const owner = await signUp(t.app);
      const response = await call(t.app, owner, "POST", "/api/spaces", {
        body: { name: "Leader\u0000ship", templateId: "engineering-leadership-sync", cadence: "weekly" },
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({
        code: "bad_input",
        message: "body.name: contains a NUL character (\\u0000), which is not text Docket can store",
        issues: [
          { path: "body.name", message: "contains a NUL character (\\u0000), which is not text Docket can store" },
        ],
      });
      expect((await call(t.app, owner, "GET", "/api/spaces")).body).toEqual([]);
    });

    it("answers an unpaired surrogate deep in a body, or in a query string, with a 400 naming where", async () => {
      const t = await createTestApp(database());
      const owner = await signUp(t.app);
      const space = await createSpaceVia(t.app, owner);
      const rawBody = `{"distribution":{"emails":["ana@example.com"],"slackChannel":"#eng\\ud800"}}`;
      const patched = await call(t.app, owner, "PATCH", `/api/spaces/${space.id}`, { rawBody });
      expect(patched.status).toBe(400);
      expect(patched.body.error.message).toBe(
        "body.distribution.slackChannel: contains an unpaired surrogate (\\uD800), which is not valid Unicode text",
      );
      const feed = await call(t.app, null, "GET", `/api/spaces/${space.id}/calendar.ics?key=x%00y`);
      expect(feed.status).toBe(400);
      expect(feed.body.error.message).toMatch(/^query\.key: contains a NUL character/);
    });

    it("logs a failed statement without its parameters", async () => {
      const writes: string[] = [];
      vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        writes.push(String(chunk));
        return true;
      });
      const t = await createTestApp(database());
      // A route whose statement fails in the database: a value that is not a uuid, carrying a secret.
      const app = createApp(t.ctx, [
        ...ROUTE_MODULES,
        (router) =>
          router.get("/api/failing", async (c) => c.json(await findUser(t.ctx.database.db, "secret-4f1c not a uuid"))),
      ]);
      const response = await call(app, null, "GET", "/api/failing");
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe("internal");
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatch(/^docket: GET \/api\/failing failed: a database statement failed: .*SQLSTATE 22P02/);
      expect(writes[0]).toContain('from "users"');
      expect(writes[0]).toMatch(/\n\s+at /);
      expect(writes[0]).not.toContain("secret-4f1c");
      expect(writes[0]).not.toContain("params");
    });
  });
});
