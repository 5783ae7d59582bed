import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app.js";
import type { ServerContext } from "../context.js";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "../errors.js";

const databaseKind = z.enum(["pglite", "postgres"]);

const health = createRoute({
  operationId: "getHealth",
  method: "get",
  path: "/api/health",
  tags: ["server"],
  summary: "Ready to serve",
  description:
    "Runs a cheap statement on the database (at most one a second; a repeat within the second gets the last answer).",
  security: [],
  responses: {
    200: {
      description: "The server is up and its database answers.",
      content: {
        "application/json": {
          schema: z.object({ status: z.literal("ok"), database: databaseKind }),
        },
      },
    },
    503: {
      description:
        "The database cannot be reached: writes are refused until it is back, which the server notices by itself.",
      headers: z.object({ "Retry-After": z.string().meta({ description: "Seconds to wait before asking again." }) }),
      content: {
        "application/json": {
          schema: z.object({
            status: z.literal("unavailable"),
            database: databaseKind,
            problem: z.string().meta({ example: "connection refused at 127.0.0.1:5432" }),
          }),
        },
      },
    },
  },
});

export function registerHealth(app: App, ctx: ServerContext): void {
  const database = ctx.database.kind;
  app.openapi(health, async (c) => {
    const health = await ctx.database.checkHealth();
    if (health.ok) return c.json({ status: "ok" as const, database }, 200);
    return c.json({ status: "unavailable" as const, database, problem: health.problem }, 503, {
      "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
    });
  });
}
