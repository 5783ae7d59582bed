import { createRoute, z } from "@hono/zod-openapi";
import type { ItemView } from "../../api/live-protocol.js";
import { templateListSchema } from "../../api/schemas.js";
import {
  type DecisionLog,
  decisionLogSchema,
  type MetricSeries,
  metricSeriesSchema,
  type OpenActions,
  openActionsSchema,
  type RiskRegister,
  riskRegisterSchema,
  type Triage,
  triageSchema,
} from "../../api/space-views.js";
import { localDate } from "../../core/calendar/dates.js";
import { NEEDS } from "../../core/roles.js";
import type { ItemLinks } from "../../core/series/item-links.js";
import { latestPerThread, threadOf } from "../../core/series/threads.js";
import { buildMetricSeries } from "../../core/space/metric-series.js";
import { groupOpenActions } from "../../core/space/open-actions.js";
import {
  compareMeetings,
  compareNames,
  compareText,
  type RecordedItem,
  sourceOf,
} from "../../core/space/recorded-item.js";
import { buildRiskRegister } from "../../core/space/risk-register.js";
import { triagePreRead } from "../../core/space/triage.js";
import { compareItems, isVisible, itemView } from "../../store/item-view.js";
import { listPreReadRows } from "../../store/meetings.js";
import { findPreviousEnded } from "../../store/series.js";
import {
  listDecisions,
  listMeetingItems,
  listSpaceItems,
  listSpaceMetrics,
  type SpaceItemRow,
} from "../../store/space-views.js";
import { findSpace } from "../../store/spaces.js";
import { requireMeetingRole, requireSpaceRole } from "../access.js";
import type { App } from "../app.js";
import { requireCaller } from "../auth.js";
import type { ServerContext } from "../context.js";
import { ApiError } from "../errors.js";
import { errorResponses, jsonResponse } from "../openapi.js";

// ---- schemas (documented in /api/openapi.json; the shapes are src/api/space-views.ts) ----

const spaceParams = z.object({ spaceId: z.uuid() });
const meetingParams = z.object({ meetingId: z.uuid() });

const tags = ["space views"];

const templatesRoute = createRoute({
  operationId: "listTemplates",
  method: "get",
  path: "/api/templates",
  tags,
  summary: "The templates a Space can be created on, by name (any signed-in user)",
  responses: {
    200: jsonResponse(templateListSchema, "Each template in full."),
    ...errorResponses(),
  },
});

const actionsRoute = createRoute({
  operationId: "listActionItems",
  method: "get",
  path: "/api/spaces/{spaceId}/actions",
  tags,
  summary: "The open action items of all the Space's meetings, by owner (viewer)",
  description:
    "Not done, not rejected, with people's edits applied. Owners by name, nobody's last; within an owner the " +
    "overdue first, then by due date, then the oldest meeting. An action recorded in several meetings is listed " +
    "once per meeting.",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(openActionsSchema, "The open action items."), ...errorResponses(404) },
});

const risksRoute = createRoute({
  operationId: "listRisks",
  method: "get",
  path: "/api/spaces/{spaceId}/risks",
  tags,
  summary: "The Space's risk register: each risk once, with its ratings across meetings (viewer)",
  description:
    "Risks recorded in several meetings are one entry when their texts mostly share their words. Red first, " +
    "then yellow, green and unrated; then the most recently recorded first.",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(riskRegisterSchema, "The risk register."), ...errorResponses(404) },
});

const decisionsRoute = createRoute({
  operationId: "listDecisions",
  method: "get",
  path: "/api/spaces/{spaceId}/decisions",
  tags,
  summary: "The Space's decision log, newest meeting first; `q` searches it (viewer)",
  description:
    "`q` is English full-text search (word forms match: 'rolled' finds 'roll back'; \"quoted phrases\", `or`, " +
    "`-word`) over the decision's text as people see it and its rationale; results best match first.",
  request: {
    params: spaceParams,
    query: z.object({ q: z.string().trim().max(200).optional().openapi({ example: "rollback" }) }),
  },
  responses: { 200: jsonResponse(decisionLogSchema, "The decisions."), ...errorResponses(404) },
});

const metricsRoute = createRoute({
  operationId: "listMetrics",
  method: "get",
  path: "/api/spaces/{spaceId}/metrics",
  tags,
  summary: "Each team's metrics per meeting, oldest first, in the Space template's numeric columns (viewer)",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(metricSeriesSchema, "The metric series."), ...errorResponses(404) },
});

const triageRoute = createRoute({
  operationId: "getTriage",
  method: "get",
  path: "/api/meetings/{meetingId}/triage",
  tags,
  summary: "The facilitator's view of the pre-read: what to discuss, what to acknowledge, who has updated (viewer)",
  description:
    "To discuss: red and yellow rows, unrated risks, escalations, metrics outside the team's usual range " +
    "(mean ± 2 SD of its last six earlier values), and what the last ended meeting left open. Red first, then " +
    "yellow, then the rest, in template order.",
  request: { params: meetingParams },
  responses: { 200: jsonResponse(triageSchema, "The triage."), ...errorResponses(404) },
});

// ---- handlers ----

export function registerSpaceViews(app: App, ctx: ServerContext): void {
  const { db } = ctx.database;

  app.openapi(templatesRoute, (c) => {
    requireCaller(c);
    const templates = [...ctx.templates.values()].sort(
      (a, b) => compareNames(a.name, b.name) || compareText(a.id, b.id),
    );
    return c.json({ templates }, 200);
  });

  app.openapi(actionsRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.read);
    const space = await findSpace(db, spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${spaceId}`);
    const today = localDate(ctx.now(), space.timezone);
    // An action carried through several meetings is one action, as its latest copy says.
    const recorded = latestPerThread(recordedItems(await listSpaceItems(db, spaceId, "action")), itemThread);
    const actions: OpenActions = groupOpenActions(recorded, today);
    return c.json(actions, 200);
  });

  app.openapi(risksRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.read);
    const register: RiskRegister = {
      risks: buildRiskRegister(recordedItems(await listSpaceItems(db, spaceId, "risk"))),
    };
    return c.json(register, 200);
  });

  app.openapi(decisionsRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.read);
    const query = c.req.valid("query").q || null;
    const rows = await listDecisions(db, spaceId, query);
    const log: DecisionLog = {
      query,
      // A pending decision carried along the series is one record: its latest copy (rows come newest first).
      decisions: latestPerThread(rows.filter(isVisible).reverse(), (row) =>
        threadOf(row.meetingId, row.item.id, row.links),
      )
        .reverse()
        .map((row) => ({
          ...itemView(row.item, row.edits, row.review, row.links),
          ...sourceOf(row),
          ...(row.headline === null ? {} : { headline: row.headline }),
        })),
    };
    return c.json(log, 200);
  });

  app.openapi(metricsRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.read);
    const space = await findSpace(db, spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${spaceId}`);
    const series: MetricSeries = buildMetricSeries(space.template.sections, await listSpaceMetrics(db, spaceId));
    return c.json(series, 200);
  });

  app.openapi(triageRoute, async (c) => {
    const { meeting } = await requireMeetingRole(ctx, requireCaller(c), c.req.valid("param").meetingId, NEEDS.read);
    const [space, rows, earlier, previous] = await Promise.all([
      findSpace(db, meeting.spaceId),
      listPreReadRows(db, meeting.id),
      listSpaceMetrics(db, meeting.spaceId, meeting.scheduledAt),
      findPreviousEnded(db, { spaceId: meeting.spaceId, scheduledAt: meeting.scheduledAt.toISOString() }),
    ]);
    const triage: Triage = triagePreRead({
      template: meeting.template,
      rows: rows.map((row) => ({ ...row, updated: row.updatedAt !== null })),
      earlierMetrics: earlier.map((m) => m.metrics),
      metricBounds: space?.metricBounds ?? {},
      previous: previous ? recordedItems(await listMeetingItems(db, previous.id)) : [],
    });
    return c.json(triage, 200);
  });
}

function itemThread(recorded: { meetingId: string; item: { id: string; links: ItemLinks } }): string {
  return threadOf(recorded.meetingId, recorded.item.id, recorded.item.links);
}

/** The items people can see, as they see them (their edits applied): oldest meeting first, each in the order said. */
function recordedItems(rows: SpaceItemRow[]): RecordedItem<ItemView>[] {
  return rows
    .filter(isVisible)
    .map((row) => ({
      ...sourceOf(row),
      scheduledAt: row.scheduledAt,
      item: itemView(row.item, row.edits, row.review, row.links),
    }))
    .sort((a, b) => compareMeetings(a, b) || compareItems(a.item, b.item));
}
