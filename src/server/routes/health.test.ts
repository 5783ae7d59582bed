import { describe, expect, it } from "vitest";
import { createTestApp, type Json } from "../../../test/helpers/api.js";
import { eachDatabase } from "../../../test/helpers/database.js";

describe("health, home and the API document", () => {
  eachDatabase((database, kind) => {
    it("answers health with the database in use, without signing in", async () => {
      const { app } = await createTestApp(database());
      const response = await app.request("/api/health");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", database: kind });
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

    it("serves a page at / and a JSON 404 that names an unknown API route", async () => {
      const { app } = await createTestApp(database());
      const home = await app.request("/");
      expect(home.headers.get("content-type")).toContain("text/html");
      expect(await home.text()).toContain("/api/openapi.json");
      const missing = await app.request("/api/nothing-here");
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: "not_found", message: "no route GET /api/nothing-here" } });
    });
  });
});
