import { createRoute, z } from "@hono/zod-openapi";
import { meetingListSchema, meetingSchema, preReadRowSchema, preReadSchema } from "../../api/schemas.js";
import { NEEDS, roleAtLeast } from "../../core/roles.js";
import type { Template } from "../../core/template/template.js";
import {
  countMeetingContents,
  createMeeting,
  createPreReadRow,
  findPreReadRow,
  listMeetings,
  listPreReadRows,
  type MeetingRow,
  type MeetingSummaryRow,
  type PreReadRow,
  updateMeeting,
  updatePreReadRow,
} from "../../store/meetings.js";
import type { Attendee } from "../../store/schema.js";
import { findMemberIds, findSpace } from "../../store/spaces.js";
import { requireMeetingRole, requireSpaceRole } from "../access.js";
import type { App } from "../app.js";
import { requireCaller } from "../auth.js";
import type { ServerContext } from "../context.js";
import { ApiError, fieldError } from "../errors.js";
import { errorResponses, jsonBody, jsonResponse } from "../openapi.js";

const spaceParams = z.object({ spaceId: z.uuid() });
const meetingParams = z.object({ meetingId: z.uuid() });
const rowParams = z.object({ meetingId: z.uuid(), rowId: z.uuid() });

const meetingFields = {
  title: z.string().trim().min(1).max(200),
  scheduledAt: z.iso.datetime({ offset: true }),
  attendees: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(100), userId: z.uuid().nullable().optional() }))
    .max(200),
};

const cells = z.record(z.string().max(100), z.string().max(5000));

const createMeetingRoute = createRoute({
  operationId: "createMeeting",
  method: "post",
  path: "/api/spaces/{spaceId}/meetings",
  tags: ["meetings"],
  summary: "Schedule a meeting in the Space (facilitator); it keeps a copy of the Space's template",
  request: {
    params: spaceParams,
    body: jsonBody(
      z.strictObject({
        title: meetingFields.title.optional(),
        scheduledAt: meetingFields.scheduledAt,
        attendees: meetingFields.attendees.optional(),
      }),
    ),
  },
  responses: { 201: jsonResponse(meetingSchema, "The new meeting."), ...errorResponses(403, 404) },
});

const listMeetingsRoute = createRoute({
  operationId: "listMeetings",
  method: "get",
  path: "/api/spaces/{spaceId}/meetings",
  tags: ["meetings"],
  summary: "The Space's meetings, upcoming and past (viewer)",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(meetingListSchema, "The meetings."), ...errorResponses(404) },
});

const getMeetingRoute = createRoute({
  operationId: "getMeeting",
  method: "get",
  path: "/api/meetings/{meetingId}",
  tags: ["meetings"],
  summary: "A meeting with its template, attendees, status and counts (viewer)",
  request: { params: meetingParams },
  responses: { 200: jsonResponse(meetingSchema, "The meeting."), ...errorResponses(404) },
});

const updateMeetingRoute = createRoute({
  operationId: "updateMeeting",
  method: "patch",
  path: "/api/meetings/{meetingId}",
  tags: ["meetings"],
  summary: "Change a meeting's title, time or attendees (facilitator); not once it has ended",
  request: {
    params: meetingParams,
    body: jsonBody(
      z
        .strictObject(meetingFields)
        .partial()
        .refine((changes) => Object.keys(changes).length > 0, "name at least one field to change"),
    ),
  },
  responses: { 200: jsonResponse(meetingSchema, "The meeting as changed."), ...errorResponses(403, 404, 409) },
});

const getPreReadRoute = createRoute({
  operationId: "getPreRead",
  method: "get",
  path: "/api/meetings/{meetingId}/pre-read",
  tags: ["meetings"],
  summary: "The meeting's pre-read rows, by section (viewer)",
  request: { params: meetingParams },
  responses: { 200: jsonResponse(preReadSchema, "The pre-read."), ...errorResponses(404) },
});

const createPreReadRoute = createRoute({
  operationId: "createPreReadRow",
  method: "post",
  path: "/api/meetings/{meetingId}/pre-read",
  tags: ["meetings"],
  summary: "Add a pre-read row: members their own, facilitators anyone's",
  request: {
    params: meetingParams,
    body: jsonBody(z.strictObject({ sectionId: z.string().min(1).max(100), ownerId: z.uuid().optional(), cells })),
  },
  responses: { 201: jsonResponse(preReadRowSchema, "The new row."), ...errorResponses(403, 404, 409) },
});

const updatePreReadRoute = createRoute({
  operationId: "updatePreReadRow",
  method: "patch",
  path: "/api/meetings/{meetingId}/pre-read/{rowId}",
  tags: ["meetings"],
  summary: "Edit a pre-read row's cells (its owner, or a facilitator) or reassign it (facilitator)",
  request: {
    params: rowParams,
    body: jsonBody(
      z
        .strictObject({ cells: cells.optional(), ownerId: z.uuid().optional() })
        .refine((changes) => changes.cells !== undefined || changes.ownerId !== undefined, "name cells or ownerId"),
    ),
  },
  responses: { 200: jsonResponse(preReadRowSchema, "The row as changed."), ...errorResponses(403, 404, 409) },
});

export function registerMeetings(app: App, ctx: ServerContext): void {
  const { db } = ctx.database;

  app.openapi(createMeetingRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.run);
    const body = c.req.valid("json");
    const attendees = await checkAttendees(ctx, spaceId, body.attendees ?? []);
    const meeting = await createMeeting(db, {
      spaceId,
      title: body.title ?? null,
      scheduledAt: new Date(body.scheduledAt),
      attendees,
      createdBy: caller.userId,
    });
    return c.json(await presentMeeting(ctx, meeting), 201);
  });

  app.openapi(listMeetingsRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.read);
    const space = await findSpace(db, spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${spaceId}`);
    const now = ctx.now().getTime();
    const durationMs = space.durationMinutes * 60_000;
    // Past: ended, or its slot is over and it never went live. The rest is upcoming, soonest first.
    const isPast = (m: MeetingSummaryRow) =>
      m.status === "ended" || (m.status !== "live" && m.scheduledAt.getTime() + durationMs < now);
    const meetings = await listMeetings(db, spaceId);
    return c.json(
      {
        upcoming: meetings.filter((m) => !isPast(m)).map(presentMeetingSummary),
        past: meetings.filter(isPast).reverse().map(presentMeetingSummary),
      },
      200,
    );
  });

  app.openapi(getMeetingRoute, async (c) => {
    const caller = requireCaller(c);
    const { meeting } = await requireMeetingRole(ctx, caller, c.req.valid("param").meetingId, NEEDS.read);
    return c.json(await presentMeeting(ctx, meeting), 200);
  });

  app.openapi(updateMeetingRoute, async (c) => {
    const caller = requireCaller(c);
    const { meeting } = await requireMeetingRole(ctx, caller, c.req.valid("param").meetingId, NEEDS.run);
    requireNotEnded(meeting);
    const body = c.req.valid("json");
    const changed = await updateMeeting(db, meeting.id, {
      title: body.title,
      scheduledAt: body.scheduledAt === undefined ? undefined : new Date(body.scheduledAt),
      attendees: body.attendees && (await checkAttendees(ctx, meeting.spaceId, body.attendees)),
    });
    return c.json(await presentMeeting(ctx, changed), 200);
  });

  app.openapi(getPreReadRoute, async (c) => {
    const caller = requireCaller(c);
    const { meeting } = await requireMeetingRole(ctx, caller, c.req.valid("param").meetingId, NEEDS.read);
    const rows = await listPreReadRows(db, meeting.id);
    const sectionIds = new Set(rows.map((row) => row.sectionId));
    // Every section that takes rows, in template order, so a client knows where rows can go.
    const sections = meeting.template.sections
      .filter((section) => (section.columns?.length ?? 0) > 0 || sectionIds.has(section.id))
      .map((section) => ({
        sectionId: section.id,
        title: section.title,
        columns: (section.columns ?? []).map(({ id, label, type }) => ({ id, label, type })),
        rows: rows.filter((row) => row.sectionId === section.id).map(presentPreReadRow),
      }));
    return c.json({ sections }, 200);
  });

  app.openapi(createPreReadRoute, async (c) => {
    const caller = requireCaller(c);
    const { meeting, role } = await requireMeetingRole(ctx, caller, c.req.valid("param").meetingId, NEEDS.write);
    requireNotEnded(meeting);
    const body = c.req.valid("json");
    const ownerId = body.ownerId ?? caller.userId;
    if (ownerId !== caller.userId) {
      if (!roleAtLeast(role, NEEDS.run)) throw new ApiError("forbidden", "only facilitators may add rows for others");
      await checkOwner(ctx, meeting.spaceId, ownerId);
    }
    checkCells(meeting.template, body.sectionId, body.cells, "body.sectionId");
    const row = await createPreReadRow(db, {
      meetingId: meeting.id,
      sectionId: body.sectionId,
      ownerId,
      cells: body.cells,
      createdBy: caller.userId,
      now: ctx.now(),
    });
    return c.json(presentPreReadRow(row), 201);
  });

  app.openapi(updatePreReadRoute, async (c) => {
    const caller = requireCaller(c);
    const { meetingId, rowId } = c.req.valid("param");
    const { meeting, role } = await requireMeetingRole(ctx, caller, meetingId, NEEDS.write);
    const row = await findPreReadRow(db, meeting.id, rowId);
    if (!row) throw new ApiError("not_found", `no pre-read row ${rowId} in this meeting`);
    requireNotEnded(meeting);
    const body = c.req.valid("json");
    const isFacilitator = roleAtLeast(role, NEEDS.run);
    if (!isFacilitator && row.ownerId !== caller.userId) {
      throw new ApiError("forbidden", "only the row's owner or a facilitator may edit it");
    }
    if (body.ownerId !== undefined && body.ownerId !== row.ownerId) {
      if (!isFacilitator) throw new ApiError("forbidden", "only facilitators may reassign a row");
      await checkOwner(ctx, meeting.spaceId, body.ownerId);
    }
    if (body.cells) checkCells(meeting.template, row.sectionId, body.cells, "sectionId");
    const changed = await updatePreReadRow(db, meeting.id, row.id, {
      cells: body.cells,
      ownerId: body.ownerId,
      updatedBy: caller.userId,
      now: ctx.now(),
    });
    return c.json(presentPreReadRow(changed), 200);
  });
}

function requireNotEnded(meeting: MeetingRow): void {
  if (meeting.status === "ended") throw new ApiError("conflict", "the meeting has ended; it can no longer change");
}

/** Attendees linked to an account must be members of the Space: a meeting does not reveal or invite outsiders. */
async function checkAttendees(
  ctx: ServerContext,
  spaceId: string,
  attendees: { name: string; userId?: string | null | undefined }[],
): Promise<Attendee[]> {
  const linked = attendees.flatMap((attendee) => (attendee.userId ? [attendee.userId] : []));
  const members = await findMemberIds(ctx.database.db, spaceId, linked);
  return attendees.map((attendee, i) => {
    const userId = attendee.userId ?? null;
    if (userId && !members.has(userId)) {
      throw fieldError(`body.attendees.${i}.userId`, `${userId} is not a member of this Space`);
    }
    return { name: attendee.name, userId };
  });
}

async function checkOwner(ctx: ServerContext, spaceId: string, ownerId: string): Promise<void> {
  const members = await findMemberIds(ctx.database.db, spaceId, [ownerId]);
  if (!members.has(ownerId)) {
    throw fieldError("body.ownerId", `${ownerId} is not a member of this Space`);
  }
}

/** The section must be in the meeting's own template and take rows; every cell key must be one of its columns. */
function checkCells(template: Template, sectionId: string, values: Record<string, string>, sectionPath: string): void {
  const section = template.sections.find((candidate) => candidate.id === sectionId);
  const columnIds = section?.columns?.map((column) => column.id) ?? [];
  if (columnIds.length === 0) {
    const withColumns = template.sections.filter((candidate) => (candidate.columns?.length ?? 0) > 0);
    const problem = section
      ? `section "${sectionId}" has no columns to fill`
      : `no section "${sectionId}" in this meeting's template`;
    const message = `${problem}; the sections with columns are ${withColumns.map((s) => s.id).join(", ")}`;
    throw fieldError(sectionPath, message);
  }
  for (const key of Object.keys(values)) {
    if (!columnIds.includes(key)) {
      throw fieldError(
        `body.cells.${key}`,
        `no column "${key}" in section "${sectionId}"; its columns are ${columnIds.join(", ")}`,
      );
    }
  }
}

function presentMeetingSummary(meeting: MeetingSummaryRow) {
  return {
    id: meeting.id,
    spaceId: meeting.spaceId,
    title: meeting.title,
    status: meeting.status,
    scheduledAt: meeting.scheduledAt.toISOString(),
    meetingDate: meeting.meetingDate,
    attendees: meeting.attendees,
    startedAt: meeting.startedAt?.toISOString() ?? null,
    endedAt: meeting.endedAt?.toISOString() ?? null,
    createdAt: meeting.createdAt.toISOString(),
  };
}

async function presentMeeting(ctx: ServerContext, meeting: MeetingRow) {
  return {
    ...presentMeetingSummary(meeting),
    template: meeting.template,
    counts: await countMeetingContents(ctx.database.db, meeting),
  };
}

function presentPreReadRow(row: PreReadRow) {
  return {
    id: row.id,
    sectionId: row.sectionId,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    cells: row.cells,
    position: row.position,
    updatedAt: row.updatedAt?.toISOString() ?? null,
    updatedBy: row.updatedBy,
  };
}
