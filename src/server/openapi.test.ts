import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Json } from "../../test/helpers/api.js";
import { createTestDatabase } from "../../test/helpers/database.js";
import type { Database } from "../store/database.js";

const run = promisify(execFile);
const REDOCLY = new URL("../../node_modules/@redocly/cli/bin/cli.js", import.meta.url).pathname;

interface Operation {
  route: string;
  operationId: unknown;
}

/** `/api/openapi.json` as generated clients read it: the document from the routes of a real app. */
describe("the OpenAPI document", () => {
  let database: Database;
  let doc: Json;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const { app } = await createTestApp(database, undefined, { publicUrl: "https://docket.acme.test" });
    doc = await (await app.request("/api/openapi.json")).json();
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  function operations(): Operation[] {
    return Object.entries(doc.paths as Record<string, Record<string, { operationId?: unknown }>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, operationId: op.operationId })),
    );
  }

  it("names every operation with a unique operationId, so generated clients get method names", () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((op) => typeof op.operationId !== "string").map((op) => op.route)).toEqual([]);
    const ids = all.map((op) => op.operationId as string);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(all).toEqual(
      expect.arrayContaining([
        { route: "post /api/spaces", operationId: "createSpace" },
        { route: "post /api/meetings/{meetingId}/transcript", operationId: "uploadTranscript" },
      ]),
    );
  });

  it("says where the API is served (the public URL) and under which licence", () => {
    expect(doc.servers).toEqual([{ url: "https://docket.acme.test", description: "This Docket server" }]);
    expect(doc.info.license).toEqual({ name: "Proprietary", identifier: "LicenseRef-Proprietary" });
  });

  it("passes Redocly's recommended lint, but for two warnings that describe the API as it is", async () => {
    const folder = await mkdtemp(join(tmpdir(), "docket-openapi-"));
    try {
      const file = join(folder, "openapi.json");
      await writeFile(file, JSON.stringify(doc));
      // Offline: no telemetry, no update check. Exit 0 means no errors; the warnings are read from the JSON.
      const { stdout } = await run(process.execPath, [REDOCLY, "lint", file, "--format=json"], {
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", CI: "true" },
        timeout: 60_000,
      });
      const report = JSON.parse(stdout.slice(stdout.indexOf("{")));
      expect(report.totals.errors).toBe(0);
      const problems = (report.problems as { ruleId: string; location: { pointer: string }[] }[]).map(
        (problem) => `${problem.ruleId} ${problem.location[0]?.pointer}`,
      );
      expect(problems.sort()).toEqual([
        // The WebSocket upgrade answers 101 Switching Protocols, not 2xx.
        "operation-2xx-response #/paths/~1api~1meetings~1{meetingId}~1live/get/responses",
        // Health takes no input and needs no account: it has no 4xx to describe.
        "operation-4xx-response #/paths/~1api~1health/get/responses",
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
