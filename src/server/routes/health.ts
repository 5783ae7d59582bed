import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app.js";
import type { ServerContext } from "../context.js";

const health = createRoute({
  operationId: "getHealth",
  method: "get",
  path: "/api/health",
  tags: ["server"],
  summary: "Ready to serve",
  security: [],
  responses: {
    200: {
      description: "The server is up and its database open.",
      content: {
        "application/json": {
          schema: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) }),
        },
      },
    },
  },
});

export function registerHealth(app: App, ctx: ServerContext): void {
  app.openapi(health, (c) => c.json({ status: "ok" as const, database: ctx.database.kind }, 200));
}
