import { createRoute, z } from "@hono/zod-openapi";
import { artifactSchema, changesSchema, timelineSchema } from "../../api/schemas.js";
import { localDate } from "../../core/calendar/dates.js";
import { renderCalendar } from "../../core/calendar/ics.js";
import { ARTIFACT_KINDS, draftArtifact } from "../../core/drafts/drafts.js";
import { itemViewSchema } from "../../core/item-view.js";
import { NEEDS } from "../../core/roles.js";
import { carryForward } from "../../core/series/carry-forward.js";
import { meetingChanges } from "../../core/series/changes.js";
import type { SeriesItem } from "../../core/series/series-item.js";
import { buildTimeline } from "../../core/series/timeline.js";
import { type ArtifactRow, editArtifact, keepDraft, listArtifacts } from "../../store/artifacts.js";
import { isCalendarKey, saveCalendarFeed } from "../../store/calendar-feeds.js";
import { isInNotes } from "../../store/item-view.js";
import { listMeetings } from "../../store/meetings.js";
import { listItems } from "../../store/notes.js";
import { findPreviousEnded, readSeriesItems, readSpaceSeriesItems } from "../../store/series.js";
import { findSpace } from "../../store/spaces.js";
import { requireMeetingRole, requireSpaceRole } from "../access.js";
import type { App } from "../app.js";
import { hashSecret, newSecret, requireCaller } from "../auth.js";
import type { ServerContext } from "../context.js";
import { ApiError } from "../errors.js";
import { errorResponses, jsonBody, jsonResponse } from "../openapi.js";

const tags = ["series"];
const spaceParams = z.object({ spaceId: z.uuid() });
const meetingParams = z.object({ meetingId: z.uuid() });
const changesRoute = createRoute({
  operationId: "listChanges",
  method: "get",
  path: "/api/meetings/{meetingId}/changes",
  tags,
  summary: "What changed since the Space's last meeting: new, resolved, re-rated and overdue (viewer)",
  request: { params: meetingParams },
  responses: { 200: jsonResponse(changesSchema, "The changes."), ...errorResponses(404) },
});

const timelineRoute = createRoute({
  operationId: "getTimeline",
  method: "get",
  path: "/api/spaces/{spaceId}/timeline",
  tags,
  summary: "Meetings, decisions, risk rating changes, escalations and completed action items, newest first (viewer)",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(timelineSchema, "The timeline."), ...errorResponses(404) },
});

const supersedeRoute = createRoute({
  operationId: "supersedeItem",
  method: "post",
  path: "/api/meetings/{meetingId}/items/{itemId}/supersede",
  tags,
  summary: "Record that this decision replaces an earlier decision of the Space (member)",
  request: {
    params: z.object({ meetingId: z.uuid(), itemId: z.string().min(1).max(200) }),
    body: jsonBody(z.strictObject({ meetingId: z.uuid(), itemId: z.string().min(1).max(200) })),
  },
  responses: {
    200: jsonResponse(
      z.object({ item: itemViewSchema, superseded: itemViewSchema }),
      "Both decisions as they now stand.",
    ),
    ...errorResponses(403, 404, 409),
  },
});

const calendarFeedRoute = createRoute({
  operationId: "createCalendarFeed",
  method: "post",
  path: "/api/spaces/{spaceId}/calendar-feed",
  tags,
  summary: "A private calendar address (ICS) for the caller and Space; asking again replaces the old one (viewer)",
  request: { params: spaceParams },
  responses: {
    201: jsonResponse(z.object({ url: z.string() }), "Shown once: whoever has it can read the Space's meetings."),
    ...errorResponses(404),
  },
});

const calendarRoute = createRoute({
  operationId: "getCalendar",
  method: "get",
  path: "/api/spaces/{spaceId}/calendar.ics",
  tags,
  summary: "The Space's meetings as an iCalendar feed: signed in, or with the key of a calendar address",
  request: { params: spaceParams, query: z.object({ key: z.string().max(200).optional() }) },
  responses: {
    200: { description: "text/calendar", content: { "text/calendar": { schema: z.string() } } },
    ...errorResponses(404),
  },
});

const listArtifactsRoute = createRoute({
  operationId: "listArtifacts",
  method: "get",
  path: "/api/meetings/{meetingId}/artifacts",
  tags,
  summary: "The drafts kept with the meeting (viewer)",
  request: { params: meetingParams },
  responses: { 200: jsonResponse(z.object({ artifacts: z.array(artifactSchema) }), "Drafts."), ...errorResponses(404) },
});

const draftRoute = createRoute({
  operationId: "draftArtifact",
  method: "post",
  path: "/api/meetings/{meetingId}/artifacts",
  tags,
  summary: "Draft a customer communication, Slack summary or follow-up email from an item or the meeting (member)",
  description: "Asking again for the same item and kind returns the kept draft, with people's edits.",
  request: {
    params: meetingParams,
    body: jsonBody(
      z.strictObject({ kind: z.enum(ARTIFACT_KINDS), itemId: z.string().min(1).max(200).nullable().default(null) }),
    ),
  },
  responses: { 201: jsonResponse(artifactSchema, "The draft."), ...errorResponses(403, 404) },
});

const editArtifactRoute = createRoute({
  operationId: "editArtifact",
  method: "patch",
  path: "/api/meetings/{meetingId}/artifacts/{artifactId}",
  tags,
  summary: "Edit a draft (member); Docket never rewrites it afterwards",
  request: {
    params: z.object({ meetingId: z.uuid(), artifactId: z.uuid() }),
    body: jsonBody(
      z.strictObject({ title: z.string().trim().min(1).max(300).optional(), body: z.string().max(50_000).optional() }),
    ),
  },
  responses: { 200: jsonResponse(artifactSchema, "The draft."), ...errorResponses(403, 404) },
});

export function registerSeries(app: App, ctx: ServerContext): void {
  const { db } = ctx.database;

  app.openapi(changesRoute, async (c) => {
    const { meeting } = await requireMeetingRole(ctx, requireCaller(c), c.req.valid("param").meetingId, NEEDS.read);
    const space = await findSpace(db, meeting.spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${meeting.spaceId}`);
    const previousMeeting = await findPreviousEnded(db, {
      spaceId: meeting.spaceId,
      scheduledAt: meeting.scheduledAt.toISOString(),
    });
    const previous = previousMeeting ? await readSeriesItems(db, previousMeeting.id) : [];
    let current: SeriesItem[] = await readSeriesItems(db, meeting.id);
    if (meeting.status === "scheduled" || meeting.status === "pre-read") {
      // Before it starts, the meeting shows what it will start from.
      const at = ctx.now().toISOString();
      current = carryForward({
        meetingId: meeting.id,
        previous,
        sections: meeting.template.sections,
        rules: space.followUpRules,
      }).map(({ item, links }) => ({
        meetingId: meeting.id,
        meetingTitle: meeting.title,
        meetingDate: meeting.meetingDate,
        scheduledAt: meeting.scheduledAt.toISOString(),
        item,
        links,
        changedAt: at,
      }));
    }
    const changes = meetingChanges({
      previous,
      previousEndedAt: previousMeeting?.endedAt ?? null,
      current,
      today: localDate(ctx.now(), space.timezone),
    });
    return c.json(changes, 200);
  });

  app.openapi(timelineRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.read);
    const [space, rows, items] = await Promise.all([
      findSpace(db, spaceId),
      listMeetings(db, spaceId),
      readSpaceSeriesItems(db, spaceId),
    ]);
    const entries = buildTimeline({
      meetings: rows.map((row) => ({
        ...row,
        scheduledAt: row.scheduledAt.toISOString(),
        endedAt: row.endedAt?.toISOString() ?? null,
      })),
      items,
      timezone: space?.timezone ?? "UTC",
    }).reverse();
    return c.json({ entries }, 200);
  });

  app.openapi(supersedeRoute, async (c) => {
    const caller = requireCaller(c);
    const { meetingId, itemId } = c.req.valid("param");
    await requireMeetingRole(ctx, caller, meetingId, NEEDS.write);
    const earlier = c.req.valid("json");
    const result = await ctx.live.pipeline.supersede(meetingId, itemId, earlier, {
      id: caller.userId,
      name: caller.name,
    });
    return c.json(result, 200);
  });

  app.openapi(calendarFeedRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.read);
    const key = newSecret();
    await saveCalendarFeed(db, { userId: caller.userId, spaceId, keyHash: hashSecret(key) });
    return c.json({ url: `${ctx.publicUrl}/api/spaces/${spaceId}/calendar.ics?key=${key}` }, 201);
  });

  app.openapi(calendarRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    const { key } = c.req.valid("query");
    if (key) {
      // The key stands for its person, and only while they are still a member of the Space.
      if (!(await isCalendarKey(db, spaceId, hashSecret(key))))
        throw new ApiError("not_found", `no calendar for Space ${spaceId} with this key`);
    } else {
      await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.read);
    }
    const space = await findSpace(db, spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${spaceId}`);
    const rows = await listMeetings(db, spaceId);
    const base = ctx.publicUrl;
    const ics = renderCalendar({
      spaceId,
      spaceName: space.name,
      timezone: space.timezone,
      now: ctx.now().toISOString(),
      meetings: rows.map((m) => ({
        id: m.id,
        title: m.title,
        scheduledAt: m.scheduledAt.toISOString(),
        durationMinutes: space.durationMinutes,
        status: m.status,
        url: `${base}/meetings/${m.id}`,
        description: `${space.name}: ${space.template.purpose}\nPre-read: ${base}/meetings/${m.id}/prepare`,
      })),
    });
    return c.body(ics, 200, {
      "content-type": "text/calendar; charset=utf-8",
      "cache-control": "private, max-age=300",
    });
  });

  app.openapi(listArtifactsRoute, async (c) => {
    const { meeting } = await requireMeetingRole(ctx, requireCaller(c), c.req.valid("param").meetingId, NEEDS.read);
    const rows = await listArtifacts(db, meeting.id);
    return c.json({ artifacts: rows.map(presentArtifact) }, 200);
  });

  app.openapi(draftRoute, async (c) => {
    const caller = requireCaller(c);
    const { meeting } = await requireMeetingRole(ctx, caller, c.req.valid("param").meetingId, NEEDS.write);
    const { kind, itemId } = c.req.valid("json");
    const space = await findSpace(db, meeting.spaceId);
    const { items } = await listItems(db, meeting.id);
    const item = itemId === null ? null : (items.find((candidate) => candidate.id === itemId) ?? null);
    if (itemId !== null && !item) throw new ApiError("not_found", `no item ${itemId} in this meeting`);
    const context = {
      spaceName: space?.name ?? "",
      meetingTitle: meeting.title,
      meetingDate: meeting.meetingDate,
      items: items.filter(isInNotes),
    };
    const draft = draftArtifact(kind, context, item);
    const row = await keepDraft(db, { meetingId: meeting.id, itemId, kind, ...draft }, caller.userId, ctx.now());
    if (!row) throw new ApiError("not_found", "the draft was not kept");
    return c.json(presentArtifact(row), 201);
  });

  app.openapi(editArtifactRoute, async (c) => {
    const caller = requireCaller(c);
    const { meetingId, artifactId } = c.req.valid("param");
    const { meeting } = await requireMeetingRole(ctx, caller, meetingId, NEEDS.write);
    const row = await editArtifact(db, meeting.id, artifactId, c.req.valid("json"), caller.userId, ctx.now());
    if (!row) throw new ApiError("not_found", `no draft ${artifactId} in this meeting`);
    return c.json(presentArtifact(row), 200);
  });
}

function presentArtifact(row: ArtifactRow) {
  return {
    id: row.id,
    meetingId: row.meetingId,
    itemId: row.itemId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    edited: row.edited,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
