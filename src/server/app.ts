import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { DocketError } from "../core/errors.js";
import { findUnstorableText } from "../core/stored-text.js";
import { describeFailure } from "../store/failure.js";
import { authenticate } from "./auth.js";
import type { AppEnv, ServerContext } from "./context.js";
import {
  ApiError,
  errorBody,
  fieldError,
  invalidInput,
  STATUS,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  unavailableBody,
} from "./errors.js";

/** JSON bodies above this are refused with 413 (transcript uploads have their own, larger limit). */
export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 20 * 1024 * 1024;

export type App = OpenAPIHono<AppEnv>;

// package.json says UNLICENSED: all rights reserved (SPDX writes that LicenseRef-…); change both together.
// A constant, not a literal in doc31's argument: its type is OpenAPI 3.0's, which has no `identifier`.
const API_LICENSE = { name: "Proprietary", identifier: "LicenseRef-Proprietary" };

/** A router whose validation failures come out in Docket's one error format. */
export function createRouter(): App {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // Hono calls a JSON body "json"; people call it the body.
      const where = result.target === "json" ? "body" : result.target;
      if (!result.success) throw invalidInput(where, result.error.issues);
      // Valid by its schema, but a NUL or an unpaired surrogate is not text the database can keep.
      const problem = findUnstorableText(result.data, where);
      if (problem) throw fieldError(problem.path, problem.message);
    },
  });
}

function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError("too_large", `the request body is over the limit of ${Math.round(maxSize / 1024)} KB`);
    },
  });
}

/** The whole HTTP API. Route modules add themselves with `register(app, ctx)`. */
export function createApp(ctx: ServerContext, modules: ((app: App, ctx: ServerContext) => void)[]): App {
  const app = createRouter();
  const jsonLimit = limitBody(JSON_BODY_LIMIT);
  const uploadLimit = limitBody(UPLOAD_BODY_LIMIT);
  app.use("/api/*", (c, next) => {
    // A transcript upload may be a large JSON file (Whisper, Deepgram); every other JSON body is small.
    const json = c.req.header("content-type")?.startsWith("application/json");
    return json && !c.req.path.endsWith("/transcript") ? jsonLimit(c, next) : uploadLimit(c, next);
  });
  app.use("/api/*", authenticate(ctx));
  for (const register of modules) register(app, ctx);

  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "docket_session",
    description: "Set by POST /api/auth/sign-in. Writes also need the x-csrf-token header.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "token", {
    type: "http",
    scheme: "bearer",
    description: "A personal API token from POST /api/tokens.",
  });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Docket API",
      version: "1",
      license: API_LICENSE,
    },
    // Paths start with /api, so the server is where people reach Docket (DOCKET_PUBLIC_URL).
    servers: [{ url: ctx.publicUrl, description: "This Docket server" }],
    security: [{ session: [] }, { token: [] }],
  });

  app.notFound((c) =>
    c.json(errorBody(new ApiError("not_found", `no route ${c.req.method} ${new URL(c.req.url).pathname}`)), 404),
  );
  app.onError((error, c) => {
    // The database is away: not the request's fault and not a bug. Logged once per outage, not per request.
    const unavailable = ctx.database.availability.recognise(error);
    if (unavailable || (error instanceof DocketError && error.code === "unavailable")) {
      return c.json(unavailableBody(c.req.method), 503, { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
    }
    if (error instanceof DocketError) return c.json(errorBody(error), STATUS[error.code]);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own: malformed JSON, a body that cannot be read.
      return c.json(errorBody(new ApiError("bad_input", error.message || "bad request")), error.status);
    }
    // An invitation link's token is in its path: it must not reach the log.
    const path = new URL(c.req.url).pathname.replace(/\/invitations\/[^/]+\/accept$/, "/invitations/…/accept");
    process.stderr.write(`docket: ${c.req.method} ${path} failed: ${describeFailure(error)}\n`);
    return c.json(
      { error: { code: "internal", message: "something went wrong on the server; it has been logged" } },
      500,
    );
  });
  return app;
}
