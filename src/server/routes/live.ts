import { upgradeWebSocket } from "@hono/node-server";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { WebSocket } from "ws";
import { itemChanges } from "../../api/live-protocol.js";
import { statusChangeSchema, uploadResultSchema } from "../../api/schemas.js";
import { itemSchema, metricRowSchema } from "../../core/item.js";
import { itemViewSchema } from "../../core/item-view.js";
import { MEETING_STATUSES } from "../../core/meeting.js";
import { notesToJson } from "../../core/notes/notes-json.js";
import { renderNotesMarkdown } from "../../core/notes/render-markdown.js";
import { NEEDS, roleAtLeast } from "../../core/roles.js";
import { captureHealth, readHealthState } from "../../live/capture-health.js";
import type { Actor } from "../../live/pipeline.js";
import { uploadTranscript } from "../../live/upload-transcript.js";
import { listEvents, listSegments } from "../../store/meeting-log.js";
import { listItems, meetingNotes } from "../../store/notes.js";
import { requireMeetingRole } from "../access.js";
import type { App } from "../app.js";
import { requireCaller } from "../auth.js";
import type { AppEnv, Caller, ServerContext } from "../context.js";
import { ApiError } from "../errors.js";
import { type LiveConnection, openLiveConnection, peerOf } from "../live-socket.js";
import { errorResponses, jsonBody, jsonResponse } from "../openapi.js";

// ---- schemas (documented in /api/openapi.json) ----

const meetingParams = z.object({ meetingId: z.uuid() });
const itemParams = z.object({ meetingId: z.uuid(), itemId: z.string().min(1).max(200) });
const seqQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });
const pageQuery = seqQuery.extend({ limit: z.coerce.number().int().min(1).max(2000).default(500) });

const segmentViewSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    speaker: z.string().nullable(),
    text: z.string(),
    start: z.number().nullable(),
    end: z.number().nullable(),
  })
  .openapi("SegmentView");
const healthSchema = z
  .object({
    status: z.enum(MEETING_STATUSES),
    senders: z.array(
      z.object({ client: z.string(), user: z.string(), lastSegmentAt: z.string(), segments: z.number().int() }),
    ),
    lastSegmentAt: z.string().nullable(),
    warning: z.string().nullable(),
  })
  .openapi("CaptureHealth");
const reviewBody = z
  .discriminatedUnion("action", [
    z.strictObject({ action: z.literal("confirm") }),
    z.strictObject({ action: z.literal("reject") }),
    z.strictObject({ action: z.literal("edit"), changes: itemChanges }),
  ])
  .openapi("ItemReview", {
    description: "Confirm the item, reject it, or correct fields (people's values win over later engine updates).",
  });

const tags = ["live"];

const liveRoute = createRoute({
  operationId: "joinLiveMeeting",
  method: "get",
  path: "/api/meetings/{meetingId}/live",
  tags,
  summary: "The live room (WebSocket)",
  description:
    "Upgrade to a WebSocket (`Upgrade: websocket`). The server sends `welcome`, every stored event with seq > " +
    "`after` in order (none without `after`), `health`, then live events, `ack`s and `health`; members may send `segment`, `confirm`, " +
    "`reject` and `edit`; anyone may `ping`. Messages are JSON text frames as in src/api/live-protocol.ts " +
    "(design: docs/live.md). Past its capacity the server does not store a segment and answers `error` with code " +
    "`rate_limited` and `retryAfterMs`: send that segment again after the wait, then the ones after it (later " +
    "segments are refused until it comes back, so they are stored in order). Browsers authenticate with the session cookie (the Origin must match the Host); " +
    "scripts with `Authorization: Bearer`. Viewer role or above.",
  request: {
    params: meetingParams,
    query: z.object({
      after: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .openapi({ description: "The last seq the client has seen; without it, the room starts at the present." }),
      client: z.string().min(1).max(100).optional().openapi({ description: "Names the capture app or tab." }),
    }),
  },
  responses: { 101: { description: "Switching to the WebSocket protocol." }, ...errorResponses(403, 404) },
});

const statusRoute = createRoute({
  operationId: "setMeetingStatus",
  method: "post",
  path: "/api/meetings/{meetingId}/status",
  tags,
  summary: "Move the meeting along: scheduled → pre-read → live → ended",
  description: "Facilitator or owner. Ending settles the extractor's open threads and stamps the end time.",
  request: {
    params: meetingParams,
    body: jsonBody(z.strictObject({ status: z.enum(MEETING_STATUSES) })),
  },
  responses: {
    200: jsonResponse(statusChangeSchema, "The new status and the seq of its event."),
    ...errorResponses(403, 404, 409),
  },
});

const uploadRoute = createRoute({
  operationId: "uploadTranscript",
  method: "post",
  path: "/api/meetings/{meetingId}/transcript",
  tags,
  summary: "Upload a recorded transcript",
  description:
    "The raw file as the body (WebVTT, SRT, plain `Name: text`, Otter, Whisper, Deepgram, AssemblyAI or Google " +
    "Meet JSON), named by `?filename=` or Content-Disposition. Stored through the same pipeline as live capture; " +
    "uploading the same file again stores nothing new and finishes an upload that was cut short. A meeting that had " +
    "not started ends afterwards, so that needs a facilitator; a member may upload into a live meeting. A meeting " +
    "holds at most 20,000 segments (413 beyond). A cue the reader cannot read (a bad timing line) is skipped and " +
    "listed in `warnings` with its line; a file with nothing readable is a 400 naming the first problem.",
  request: {
    params: meetingParams,
    query: z.object({ filename: z.string().min(1).max(200).optional() }),
    body: {
      required: true,
      content: {
        "text/plain": { schema: z.string() },
        "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
  },
  responses: {
    200: jsonResponse(uploadResultSchema, "What was stored."),
    ...errorResponses(403, 404, 409, 413),
  },
});

const reviewRoute = createRoute({
  operationId: "reviewItem",
  method: "post",
  path: "/api/meetings/{meetingId}/items/{itemId}/review",
  tags,
  summary: "Confirm, reject or correct an item",
  description: "Member or above. Stored with who and when, and broadcast as an `item.reviewed` event.",
  request: { params: itemParams, body: jsonBody(reviewBody) },
  responses: {
    200: jsonResponse(z.object({ item: itemViewSchema, seq: z.number().int() }), "The item as people now see it."),
    ...errorResponses(403, 404),
  },
});

const itemsRoute = createRoute({
  operationId: "listItems",
  method: "get",
  path: "/api/meetings/{meetingId}/items",
  tags,
  summary: "The meeting's items (suggestions included) and metrics",
  request: { params: meetingParams },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(itemViewSchema), metrics: z.array(metricRowSchema) }),
      "Items with people's corrections applied and their review state, in the order they were said.",
    ),
    ...errorResponses(404),
  },
});

const segmentsRoute = createRoute({
  operationId: "listSegments",
  method: "get",
  path: "/api/meetings/{meetingId}/segments",
  tags,
  summary: "The transcript, by position",
  request: { params: meetingParams, query: pageQuery },
  responses: {
    200: jsonResponse(z.object({ segments: z.array(segmentViewSchema) }), "Segments with position > after, in order."),
    ...errorResponses(404),
  },
});

const eventsRoute = createRoute({
  operationId: "listEvents",
  method: "get",
  path: "/api/meetings/{meetingId}/events",
  tags,
  summary: "The meeting's event log, by seq",
  request: { params: meetingParams, query: pageQuery },
  responses: {
    200: jsonResponse(
      z.object({
        events: z.array(
          z.object({
            seq: z.number().int(),
            at: z.string(),
            segmentId: z.string().nullable(),
            event: z.looseObject({ kind: z.string() }),
          }),
        ),
      }),
      "Events with seq > after, in order: the same `event` objects the live room sends.",
    ),
    ...errorResponses(404),
  },
});

const healthRoute = createRoute({
  operationId: "getCaptureHealth",
  method: "get",
  path: "/api/meetings/{meetingId}/health",
  tags,
  summary: "Capture health: who is sending, and whether the transcript has gone quiet",
  request: { params: meetingParams },
  responses: {
    200: jsonResponse(healthSchema, "The capture health now."),
    ...errorResponses(404),
  },
});

const notesMarkdownRoute = createRoute({
  operationId: "getNotesMarkdown",
  method: "get",
  path: "/api/meetings/{meetingId}/notes.md",
  tags,
  summary: "The meeting's notes as Markdown",
  description: "Confirmed items always; suggestions below the engine's confidence threshold and rejected items never.",
  request: { params: meetingParams },
  responses: {
    200: { description: "The filled template.", content: { "text/markdown": { schema: z.string() } } },
    ...errorResponses(404),
  },
});

const notesJsonRoute = createRoute({
  operationId: "getNotesJson",
  method: "get",
  path: "/api/meetings/{meetingId}/notes.json",
  tags,
  summary: "The meeting's notes as JSON (the filled template)",
  request: { params: meetingParams },
  responses: {
    200: jsonResponse(
      z.object({
        template: z.looseObject({ id: z.string(), name: z.string() }),
        meeting: z.looseObject({ title: z.string(), date: z.string().nullable() }),
        sections: z.array(z.unknown()),
        unfiled: z.array(itemSchema),
        metrics: z.array(metricRowSchema),
        followUp: z.unknown(),
      }),
      "Template, meeting details, sections with their items and rows, metrics and follow-up.",
    ),
    ...errorResponses(404),
  },
});

// ---- handlers ----

export function registerLive(app: App, ctx: ServerContext): void {
  const { live } = ctx;
  const { db } = ctx.database;

  app.openapi(liveRoute, async (c) => {
    const caller = requireCaller(c);
    const { meetingId } = c.req.valid("param");
    const { after, client } = c.req.valid("query");
    const { meeting, role } = await requireMeetingRole(ctx, caller, meetingId, NEEDS.read);
    if (caller.via === "session") requireSameOrigin(c);
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError("bad_input", "this is the live room's WebSocket: connect with Upgrade: websocket");
    }
    const info = {
      meetingId,
      userId: caller.userId,
      userName: caller.name,
      client: client ?? "unnamed",
      after: after ?? null,
      role,
      grant: {
        userId: caller.userId,
        spaceId: meeting.spaceId,
        tokenId: caller.tokenId,
        sessionId: caller.sessionId,
      },
      expiresAt: caller.expiresAt,
    };
    let connection: LiveConnection | null = null;
    return upgradeWebSocket(c, {
      onOpen(_event, ws) {
        connection = openLiveConnection({ live, db, now: ctx.now }, info, peerOf(ws.raw as unknown as WebSocket));
      },
      onMessage(event) {
        connection?.onMessage(event.data);
      },
      onClose() {
        connection?.onClose();
      },
    });
  });

  app.openapi(statusRoute, async (c) => {
    const caller = requireCaller(c);
    const { meetingId } = c.req.valid("param");
    await requireMeetingRole(ctx, caller, meetingId, NEEDS.run);
    const result = await live.pipeline.setStatus(meetingId, c.req.valid("json").status, actorOf(caller));
    return c.json(result, 200);
  });

  app.openapi(uploadRoute, async (c) => {
    const caller = requireCaller(c);
    const { meetingId } = c.req.valid("param");
    const { role } = await requireMeetingRole(ctx, caller, meetingId, NEEDS.write);
    const name = c.req.valid("query").filename ?? fileNameOf(c.req.header("content-disposition")) ?? "transcript";
    const text = await c.req.text();
    if (text.trim() === "") throw new ApiError("bad_input", `${name}: the upload is empty`);
    // An upload that ends the meeting changes its status: the status route's rule (NEEDS.run) applies.
    const result = await uploadTranscript({ pipeline: live.pipeline, db }, meetingId, { name, text }, actorOf(caller), {
      mayEnd: roleAtLeast(role, NEEDS.run),
    });
    return c.json(result, 200);
  });

  app.openapi(reviewRoute, async (c) => {
    const caller = requireCaller(c);
    const { meetingId, itemId } = c.req.valid("param");
    await requireMeetingRole(ctx, caller, meetingId, NEEDS.write);
    return c.json(await live.pipeline.review(meetingId, itemId, c.req.valid("json"), actorOf(caller)), 200);
  });

  app.openapi(itemsRoute, async (c) => {
    const { meetingId } = c.req.valid("param");
    await requireMeetingRole(ctx, requireCaller(c), meetingId, NEEDS.read);
    return c.json(await listItems(db, meetingId), 200);
  });

  app.openapi(segmentsRoute, async (c) => {
    const { meetingId } = c.req.valid("param");
    await requireMeetingRole(ctx, requireCaller(c), meetingId, NEEDS.read);
    const { after, limit } = c.req.valid("query");
    return c.json({ segments: await listSegments(db, meetingId, after, limit) }, 200);
  });

  app.openapi(eventsRoute, async (c) => {
    const { meetingId } = c.req.valid("param");
    await requireMeetingRole(ctx, requireCaller(c), meetingId, NEEDS.read);
    const { after, limit } = c.req.valid("query");
    return c.json({ events: await listEvents(db, meetingId, after, limit) }, 200);
  });

  app.openapi(healthRoute, async (c) => {
    const { meetingId } = c.req.valid("param");
    await requireMeetingRole(ctx, requireCaller(c), meetingId, NEEDS.read);
    return c.json(captureHealth(await readHealthState(db, meetingId), ctx.now()), 200);
  });

  app.openapi(notesMarkdownRoute, async (c) => {
    const { meetingId } = c.req.valid("param");
    await requireMeetingRole(ctx, requireCaller(c), meetingId, NEEDS.read);
    const notes = await meetingNotes(db, meetingId);
    return c.text(renderNotesMarkdown(notes), 200, { "content-type": "text/markdown; charset=utf-8" });
  });

  app.openapi(notesJsonRoute, async (c) => {
    const { meetingId } = c.req.valid("param");
    await requireMeetingRole(ctx, requireCaller(c), meetingId, NEEDS.read);
    return c.json(notesToJson(await meetingNotes(db, meetingId)), 200);
  });
}

/**
 * A browser sends its cookie with a WebSocket handshake from any site; the Origin header says which site
 * opened it. Only the page's own origin may use the session (cross-site WebSocket hijacking).
 */
function requireSameOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header("origin");
  const host = c.req.header("host");
  const originHost = origin && URL.canParse(origin) ? new URL(origin).host : null;
  if (!host || originHost !== host) {
    throw new ApiError("forbidden", "a signed-in browser may open the live room only from Docket's own origin");
  }
}

function actorOf(caller: Caller): Actor {
  return { id: caller.userId, name: caller.name };
}

/** `attachment; filename="meeting.vtt"` → meeting.vtt (path parts dropped). */
function fileNameOf(disposition: string | undefined): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  let name = star?.[1] ?? plain?.[1];
  if (!name) return null;
  try {
    name = decodeURIComponent(name.trim());
  } catch {
    name = name.trim();
  }
  const base = name.split(/[\\/]/).pop()?.trim();
  return base ? base.slice(0, 200) : null;
}
