import type { z } from "zod";
import { errorSchema } from "../api/schemas.js";

// The parts of a route's description in /api/openapi.json that every route module repeats. The shapes themselves
// are in src/api/schemas.ts.

const ERROR_DESCRIPTIONS = {
  400: "The request is malformed; the message names the field.",
  401: "Not signed in.",
  403: "Signed in, but the role is too low (or the CSRF header is missing).",
  404: "No such thing, or not visible to the caller.",
  409: "The change conflicts with the current state.",
  410: "It existed but is no longer usable.",
  413: "The body is too large.",
  429: "Too many attempts; see Retry-After.",
  503: "The database is unavailable for now; nothing was stored. Try again after Retry-After seconds.",
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The error responses a route can give, for the OpenAPI document (every route may meet a database outage). */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  const all = [...new Set<ErrorStatus>([400, 401, 503, ...statuses])];
  return Object.fromEntries(
    all.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { "application/json": { schema: errorSchema } } },
    ]),
  ) as Record<
    S | 400 | 401 | 503,
    { description: string; content: { "application/json": { schema: typeof errorSchema } } }
  >;
}

/** A JSON response body, for `responses`. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body, for `request.body` (required, so a missing body is validated, not skipped). */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export const noContent = { description: "Done; no body." };
