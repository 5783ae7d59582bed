// Every route in /api/openapi.json, called by nobody and by a signed-in outsider, must refuse them: routes added
// later are swept too, so a route that forgets its access check fails here without anyone writing a test for it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../src/server/serve.js";
import { eachDatabase } from "../helpers/database.js";
import { startTestServer } from "../helpers/server.js";

/** Routes anybody may call without signing in. Keep this short: each entry is a door left open on purpose. */
const PUBLIC_ROUTES = new Set([
  "GET /api/health",
  "GET /api/openapi.json",
  "POST /api/auth/sign-up",
  "POST /api/auth/sign-in",
]);

/**
 * Routes about the caller themselves (or, like the built-in templates, about no Space), so an outsider's call
 * succeeds; the sweep still checks that nothing of the victim's comes back.
 */
const PERSONAL_ROUTES = new Set([
  "GET /api/templates",
  "GET /api/me",
  "POST /api/auth/sign-out",
  "GET /api/tokens",
  "POST /api/tokens",
  "GET /api/spaces",
  "POST /api/spaces",
  "GET /api/notifications",
  "GET /api/notification-preferences",
  "PUT /api/notification-preferences/{kind}",
]);

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Session {
  userId: string;
  email: string;
  cookie: string;
  csrfToken: string;
}

async function api(
  server: RunningServer,
  method: string,
  path: string,
  init: { as?: Session | null; body?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  if (init.as) {
    headers.cookie = `docket_session=${init.as.cookie}`;
    headers["x-csrf-token"] = init.as.csrfToken;
  }
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : null, headers: response.headers };
}

async function signUp(server: RunningServer, name: string, password = "a long enough password"): Promise<Session> {
  const email = `${name.toLowerCase()}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const response = await api(server, "POST", "/api/auth/sign-up", { body: { email, name, password } });
  expect(response.status).toBe(201);
  const cookie = /docket_session=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error("no session cookie");
  return { userId: response.json.user.id, email, cookie, csrfToken: response.json.csrfToken };
}

/** A value that satisfies the JSON Schema, preferring its example or default, with every property filled. */
function exampleOf(schema: Schema | undefined, doc: OpenApiDocument): unknown {
  if (!schema) return {};
  if (typeof schema.$ref === "string") {
    return exampleOf(doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")], doc);
  }
  if ("example" in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options) return exampleOf(options.find((option) => option.type !== "null") ?? options[0], doc);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as Schema[]).map((part) => exampleOf(part, doc)));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, exampleOf(value, doc)]));
    }
    case "array":
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () =>
        exampleOf(schema.items as Schema, doc),
      );
    case "integer":
    case "number":
      return Math.max(Number(schema.minimum ?? 1), Number(schema.exclusiveMinimum ?? 0) + 1);
    case "boolean":
      return false;
    case "string":
      switch (schema.format) {
        case "uuid":
          return crypto.randomUUID();
        case "email":
          return "someone@example.com";
        case "date-time":
          return "2025-03-14T15:00:00Z";
        case "date":
          return "2025-03-14";
        default:
          return "x".repeat(Math.max(1, Number(schema.minLength ?? 1)));
      }
    default:
      return {};
  }
}

interface Call {
  route: string;
  method: string;
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

/** Every operation in the document as a request: path parameters filled from `ids`, bodies made up to fit. */
function callsFrom(doc: OpenApiDocument, ids: Record<string, string>): Call[] {
  const calls: Call[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      // An id the test made, else a value the parameter's schema allows (one of an enum), else a random uuid.
      const fill = (name: string) => {
        const schema = operation.parameters?.find((p) => p.in === "path" && p.name === name)?.schema;
        const choices = (schema as { enum?: unknown[] } | undefined)?.enum;
        return ids[name] ?? (choices?.length ? String(choices[0]) : crypto.randomUUID());
      };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => fill(name));
      const query = new URLSearchParams();
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === "query" && parameter.required)
          query.set(parameter.name, String(exampleOf(parameter.schema, doc)));
      }
      const headers: Record<string, string> = {};
      let body: RequestInit["body"];
      const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      if (contentType) {
        const value = exampleOf(media?.schema, doc);
        if (contentType.includes("json")) {
          headers["content-type"] = contentType;
          body = JSON.stringify(value);
        } else if (contentType === "multipart/form-data") {
          const form = new FormData();
          for (const [key, field] of Object.entries((value ?? {}) as Record<string, unknown>)) {
            form.set(key, typeof field === "string" ? field : JSON.stringify(field));
          }
          body = form;
        } else {
          headers["content-type"] = contentType;
          body = typeof value === "string" ? value : "WEBVTT\n";
        }
      }
      calls.push({
        route: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        path: `${path}${query.size > 0 ? `?${query}` : ""}`,
        init: { method: method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) },
      });
    }
  }
  return calls;
}

describe("the access sweep over every route in the OpenAPI document", () => {
  eachDatabase((database) => {
    let server: RunningServer;
    beforeEach(async () => {
      server = await startTestServer(database());
    });
    afterEach(async () => {
      await server.close();
    });

    it("refuses anonymous callers everywhere but the public routes, and outsiders on every Space's route", async () => {
      const doc = (await api(server, "GET", "/api/openapi.json")).json as OpenApiDocument;
      // The victim's Space holds one of everything a path can name.
      const victim = await signUp(server, "Victim");
      const space = (
        await api(server, "POST", "/api/spaces", {
          as: victim,
          body: { name: "Secret plans", templateId: "engineering-leadership-sync", cadence: "weekly" },
        })
      ).json;
      const meeting = (
        await api(server, "POST", `/api/spaces/${space.id}/meetings`, {
          as: victim,
          body: { scheduledAt: "2025-03-14T15:00:00Z" },
        })
      ).json;
      const row = (
        await api(server, "POST", `/api/meetings/${meeting.id}/pre-read`, {
          as: victim,
          body: { sectionId: "metrics", cells: { team: "Platform" } },
        })
      ).json;
      const invitation = (
        await api(server, "POST", `/api/spaces/${space.id}/invitations`, { as: victim, body: { role: "member" } })
      ).json;
      const token = (await api(server, "POST", "/api/tokens", { as: victim, body: { name: "ci" } })).json;
      for (const made of [space, meeting, row, invitation, token]) expect(made.id).toMatch(/^[0-9a-f-]{36}$/);

      const ids: Record<string, string> = {
        spaceId: space.id,
        meetingId: meeting.id,
        rowId: row.id,
        invitationId: invitation.id,
        userId: victim.userId,
        id: token.id,
        // A real invitation token would let anybody in, as it should; an unknown one must not.
        token: "not-an-invitation",
      };
      const calls = callsFrom(doc, ids);
      // The document lists this module's routes at least; a sweep over nothing would pass vacuously.
      expect(calls.length).toBeGreaterThanOrEqual(25);
      const secrets = [space.id, meeting.id, row.id, invitation.id, victim.email, "Secret plans"];

      const anonymous: string[] = [];
      for (const call of calls) {
        if (PUBLIC_ROUTES.has(call.route)) continue;
        const response = await fetch(`${server.url}${call.path}`, call.init);
        const text = await response.text();
        if (response.status !== 401) anonymous.push(`${call.route} → ${response.status} ${text.slice(0, 200)}`);
      }
      expect(anonymous, "anonymous callers must get 401").toEqual([]);

      const outsider = await signUp(server, "Outsider");
      const outsiderHeaders = { cookie: `docket_session=${outsider.cookie}`, "x-csrf-token": outsider.csrfToken };
      const leaks: string[] = [];
      for (const call of calls) {
        if (PUBLIC_ROUTES.has(call.route) || call.route === "POST /api/auth/sign-out") continue;
        const response = await fetch(`${server.url}${call.path}`, {
          ...call.init,
          headers: { ...call.init.headers, ...outsiderHeaders },
        });
        const text = await response.text();
        const refused = [401, 403, 404].includes(response.status);
        if (!refused && !PERSONAL_ROUTES.has(call.route))
          leaks.push(`${call.route} → ${response.status} ${text.slice(0, 200)}`);
        // An id the caller sent may come back in the error ("no Space …"); anything else of the victim's may not.
        const leaked = secrets.filter((secret) => text.includes(secret) && !call.path.includes(secret));
        if (leaked.length > 0) leaks.push(`${call.route} → ${response.status} shows ${leaked.join(", ")}`);
      }
      expect(leaks, "a signed-in outsider must be refused and shown nothing of the Space").toEqual([]);

      // Nothing the outsider sent changed the victim's Space.
      const after = await api(server, "GET", `/api/spaces/${space.id}`, { as: victim });
      expect(after.json).toMatchObject({ name: "Secret plans", role: "owner" });
      const members = await api(server, "GET", `/api/spaces/${space.id}/members`, { as: victim });
      expect(members.json.map((member: { userId: string }) => member.userId)).toEqual([victim.userId]);
      const rows = await api(server, "GET", `/api/meetings/${meeting.id}/pre-read`, { as: victim });
      const metrics = rows.json.sections.find((section: { sectionId: string }) => section.sectionId === "metrics");
      expect(metrics.rows.map((r: { cells: unknown }) => r.cells)).toEqual([{ team: "Platform" }]);
      expect((await api(server, "GET", "/api/tokens", { as: victim })).json).toHaveLength(1);
    });

    it("never writes passwords or tokens to stdout or stderr", async () => {
      const written: string[] = [];
      const capture = (chunk: unknown) => {
        written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
        return true;
      };
      const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
      const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
      const password = "hunter2-but-longer-and-unique";
      const bodies: string[] = [];
      let tokens: string[] = [];
      try {
        const session = await signUp(server, "Writer", password);
        const email = session.email;
        for (const attempt of [
          { email, password },
          { email, password: `${password}!` },
          { email: "nobody@example.com", password },
          { email: "not an email", password },
          { email, password, extra: password },
        ]) {
          bodies.push((await api(server, "POST", "/api/auth/sign-in", { body: attempt })).text);
        }
        bodies.push(
          (await api(server, "POST", "/api/auth/sign-up", { body: { email, name: "Again", password } })).text,
        );
        const created = await api(server, "POST", "/api/tokens", { as: session, body: { name: "ci" } });
        tokens = [created.json.token, session.cookie, session.csrfToken];
        bodies.push((await api(server, "GET", "/api/tokens", { as: session })).text);
        bodies.push((await api(server, "GET", "/api/me", { as: session })).text);
      } finally {
        out.mockRestore();
        err.mockRestore();
      }
      expect(tokens.every((token) => typeof token === "string" && token.length > 20)).toBe(true);
      for (const secret of [password, ...tokens.slice(0, 2)]) {
        expect(written.filter((chunk) => chunk.includes(secret))).toEqual([]);
        expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
      }
    });
  });
});
