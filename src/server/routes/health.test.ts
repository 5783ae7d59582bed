import { createServer } from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestApp, type Json } from "../../../test/helpers/api.js";
import { eachDatabase } from "../../../test/helpers/database.js";
import { Availability, HealthCheck } from "../../store/availability.js";

/** A port nothing listens on now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("health, home and the API document", () => {
  eachDatabase((database, kind) => {
    it("answers health with the database in use, without signing in", async () => {
      const { app } = await createTestApp(database());
      const response = await app.request("/api/health");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", database: kind });
    });

    it("answers 503 naming the problem, with Retry-After, while its database cannot be reached", async () => {
      // A health check whose statement goes to a port nothing listens on: node-postgres's real "refused".
      const port = await closedPort();
      const availability = new Availability({ log: () => {} });
      const client = () => new pg.Client({ connectionString: `postgres://nobody@127.0.0.1:${port}/docket` });
      const health = new HealthCheck({ probe: () => client().connect(), availability });
      const { app } = await createTestApp({ ...database(), availability, checkHealth: () => health.check() });
      const response = await app.request("/api/health");
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({
        status: "unavailable",
        database: kind,
        problem: `connection refused at 127.0.0.1:${port}`,
      });
    });

    it("describes every route in /api/openapi.json, with its security and error responses", async () => {
      const { app } = await createTestApp(database());
      const doc: Json = await (await app.request("/api/openapi.json")).json();
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["session", "token"]);
      const operations = Object.entries(doc.paths as Record<string, Record<string, { responses: object }>>).flatMap(
        ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, op })),
      );
      expect(operations.length).toBeGreaterThan(25);
      expect(operations.map((o) => o.route)).toEqual(
        expect.arrayContaining([
          "post /api/auth/sign-in",
          "get /api/meetings/{meetingId}/live",
          "get /api/meetings/{meetingId}/notes.md",
        ]),
      );
      for (const { op } of operations) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    });

    it("serves the web app at / and at its deep links, and a JSON 404 that names an unknown API route", async () => {
      const { app } = await createTestApp(database());
      for (const path of ["/", "/spaces/00000000-0000-4000-8000-000000000000"]) {
        const page = await app.request(path, { headers: { "accept-encoding": "gzip" } });
        expect(page.status).toBe(200);
        expect(page.headers.get("content-type")).toContain("text/html");
        expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
        expect(page.headers.get("cache-control")).toBe("no-cache");
        expect(await page.text()).toContain('<div id="root">');
      }
      const script = (await (await app.request("/")).text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
      expect(script).toBeDefined();
      const asset = await app.request(script!, { headers: { "accept-encoding": "gzip, br" } });
      expect(asset.headers.get("content-encoding")).toBe("gzip");
      expect(asset.headers.get("cache-control")).toContain("immutable");
      expect((await app.request("/assets/no-such-file.js")).status).toBe(404);
      const missing = await app.request("/api/nothing-here");
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: "not_found", message: "no route GET /api/nothing-here" } });
    });
  });
});
