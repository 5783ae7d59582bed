import { createRoute, z } from "@hono/zod-openapi";
import {
  deliveryLogSchema,
  followUpSchema,
  integrationViewSchema,
  metricBoundsSchema,
  notificationListSchema,
  preferenceSchema,
} from "../../api/schemas.js";
import { describeRule } from "../../core/follow-up/rules.js";
import { NEEDS, type SpaceRole } from "../../core/roles.js";
import { followUpRuleSchema } from "../../core/template/template.js";
import { checkTarget } from "../../integrations/outbound.js";
import {
  deleteIntegration,
  listIntegrations,
  type SpaceIntegrationRow,
  saveIntegration,
} from "../../store/integrations.js";
import { listNotifications, listPreferences, markNotificationRead, savePreference } from "../../store/notifications.js";
import { listSpaceDeliveries } from "../../store/outbox.js";
import {
  type IntegrationKind,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_KINDS,
} from "../../store/schema.js";
import { findSpace, updateSpace } from "../../store/spaces.js";
import { requireMeetingRole, requireSpaceRole } from "../access.js";
import type { App } from "../app.js";
import { requireCaller } from "../auth.js";
import type { ServerContext } from "../context.js";
import { ApiError, fieldError, invalidInput } from "../errors.js";
import { errorResponses, jsonBody, jsonResponse, noContent } from "../openapi.js";

const tags = ["follow-up"];
const spaceParams = z.object({ spaceId: z.uuid() });

const integrationInputs = {
  slack: z.strictObject({
    botToken: z
      .string()
      .trim()
      .regex(/^xox[abp]-/, "must be a Slack bot token (xoxb-…)")
      .max(300),
  }),
  webhook: z.strictObject({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    signingSecret: z.string().min(16, "must be at least 16 characters").max(300),
  }),
  salesforce: z.strictObject({
    instanceUrl: z.url({ protocol: /^https?$/ }).max(500),
    accessToken: z.string().min(10).max(2000),
    apiVersion: z
      .string()
      .regex(/^\d{2}\.0$/, 'must look like "62.0"')
      .optional(),
  }),
} as const;

/** The settings that are addresses Docket sends to: https and public (src/integrations/outbound.ts). */
const TARGETS: Record<IntegrationKind, string[]> = { slack: [], webhook: ["url"], salesforce: ["instanceUrl"] };

/** The settings people may see again; the rest of what they send is a secret. */
const SHOWN: Record<IntegrationKind, string[]> = {
  slack: [],
  webhook: ["url"],
  salesforce: ["instanceUrl", "apiVersion"],
};

const getFollowUpRoute = createRoute({
  operationId: "getFollowUp",
  method: "get",
  path: "/api/spaces/{spaceId}/follow-up",
  tags,
  summary: "The Space's follow-up rules, where its notes go, and which services are connected (viewer)",
  description: "Secrets (tokens, signing keys) are never returned: only whether they are stored.",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(followUpSchema, "The Space's follow-up."), ...errorResponses(404) },
});

const putRulesRoute = createRoute({
  operationId: "setFollowUpRules",
  method: "put",
  path: "/api/spaces/{spaceId}/follow-up/rules",
  tags,
  summary: "Replace the follow-up rules Docket enforces for the Space (owner)",
  request: { params: spaceParams, body: jsonBody(z.strictObject({ rules: z.array(followUpRuleSchema).max(20) })) },
  responses: { 200: jsonResponse(followUpSchema, "The Space's follow-up."), ...errorResponses(403, 404) },
});

const putMetricBoundsRoute = createRoute({
  operationId: "setMetricBounds",
  method: "put",
  path: "/api/spaces/{spaceId}/metric-bounds",
  tags,
  summary: "Set the normal range of metric columns (facilitator); a column without one uses each team's history",
  request: {
    params: spaceParams,
    body: jsonBody(z.strictObject({ bounds: metricBoundsSchema })),
  },
  responses: {
    200: jsonResponse(z.object({ bounds: metricBoundsSchema }), "The bounds."),
    ...errorResponses(403, 404),
  },
});

const kindParams = z.object({ spaceId: z.uuid(), kind: z.enum(["slack", "webhook", "salesforce"]) });

const putIntegrationRoute = createRoute({
  operationId: "connectIntegration",
  method: "put",
  path: "/api/spaces/{spaceId}/integrations/{kind}",
  tags,
  summary: "Connect Slack, a webhook or Salesforce to the Space (owner)",
  description:
    "slack: {botToken}; webhook: {url, signingSecret}; salesforce: {instanceUrl, accessToken, apiVersion?}. The answer never contains the secrets.",
  request: {
    params: kindParams,
    body: jsonBody(z.record(z.string(), z.string())),
  },
  responses: { 200: jsonResponse(integrationViewSchema, "What is stored."), ...errorResponses(403, 404) },
});

const deleteIntegrationRoute = createRoute({
  operationId: "disconnectIntegration",
  method: "delete",
  path: "/api/spaces/{spaceId}/integrations/{kind}",
  tags,
  summary: "Disconnect a service (owner); its secrets are deleted",
  request: { params: kindParams },
  responses: { 204: noContent, ...errorResponses(403, 404) },
});

const deliveriesRoute = createRoute({
  operationId: "listDeliveries",
  method: "get",
  path: "/api/spaces/{spaceId}/deliveries",
  tags,
  summary: "What Docket sent for the Space, with each delivery's status, newest first (facilitator)",
  description: "Recipients and errors (which may name them) are shown to the Space's owners only.",
  request: { params: spaceParams },
  responses: {
    200: jsonResponse(deliveryLogSchema, "Deliveries; `late` counts those past their deadline."),
    ...errorResponses(403, 404),
  },
});

const distributeRoute = createRoute({
  operationId: "distributeNotes",
  method: "post",
  path: "/api/meetings/{meetingId}/distribute",
  tags,
  summary: "Send an ended meeting's notes now instead of at the Space's time (facilitator)",
  request: { params: z.object({ meetingId: z.uuid() }) },
  responses: {
    202: jsonResponse(z.object({ queued: z.number().int() }), "Queued; the outbox sends them."),
    ...errorResponses(403, 404, 409),
  },
});

const listNotificationsRoute = createRoute({
  operationId: "listNotifications",
  method: "get",
  path: "/api/notifications",
  tags,
  summary: "The caller's notifications, newest first",
  responses: {
    200: jsonResponse(notificationListSchema, "Notifications."),
    ...errorResponses(),
  },
});

const readNotificationRoute = createRoute({
  operationId: "markNotificationRead",
  method: "post",
  path: "/api/notifications/{notificationId}/read",
  tags,
  summary: "Mark one of the caller's notifications read",
  request: { params: z.object({ notificationId: z.uuid() }) },
  responses: { 204: noContent, ...errorResponses(404) },
});

const getPreferencesRoute = createRoute({
  operationId: "listNotificationPreferences",
  method: "get",
  path: "/api/notification-preferences",
  tags,
  summary: "How the caller is notified, per kind (default: email, immediately)",
  responses: {
    200: jsonResponse(z.object({ preferences: z.array(preferenceSchema) }), "One per kind."),
    ...errorResponses(),
  },
});

const putPreferenceRoute = createRoute({
  operationId: "setNotificationPreference",
  method: "put",
  path: "/api/notification-preferences/{kind}",
  tags,
  summary: "Choose the channel and frequency for one kind of notification",
  request: {
    params: z.object({ kind: z.enum(NOTIFICATION_KINDS) }),
    body: jsonBody(
      z.strictObject({ channel: z.enum(NOTIFICATION_CHANNELS), frequency: z.enum(NOTIFICATION_FREQUENCIES) }),
    ),
  },
  responses: { 200: jsonResponse(preferenceSchema, "The preference."), ...errorResponses() },
});

/**
 * What people may see of a connection: whether there is one and the names of the secrets it keeps; its settings
 * (where it sends: a webhook's URL may carry a token) only when an owner asks.
 */
function presentIntegration(row: SpaceIntegrationRow | undefined, isOwner: boolean) {
  return {
    connected: row !== undefined,
    settings: isOwner ? (row?.settings ?? {}) : {},
    secrets: Object.keys(row?.secrets ?? {}),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export function registerFollowUp(app: App, ctx: ServerContext): void {
  const { db } = ctx.database;

  /** The follow-up as `role` may see it: where things go (addresses, URLs) is for the owners. */
  async function followUpView(spaceId: string, role: SpaceRole) {
    const space = await findSpace(db, spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${spaceId}`);
    const isOwner = role === "owner";
    const rows = await listIntegrations(db, spaceId);
    const view = (kind: IntegrationKind) =>
      presentIntegration(
        rows.find((row) => row.kind === kind),
        isOwner,
      );
    const { emails } = space.distribution;
    return {
      rules: space.followUpRules.map((rule) => ({ rule, description: describeRule(rule) })),
      notesDeadlineHours: space.distribution.followUpHours,
      email: { enabled: ctx.emailEnabled, recipients: isOwner ? emails : [], recipientCount: emails.length },
      slackChannel: space.distribution.slackChannel,
      integrations: { slack: view("slack"), webhook: view("webhook"), salesforce: view("salesforce") },
    };
  }

  app.openapi(getFollowUpRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    const role = await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.read);
    return c.json(await followUpView(spaceId, role), 200);
  });

  app.openapi(putRulesRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    const role = await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.manage);
    const space = await findSpace(db, spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${spaceId}`);
    const { rules } = c.req.valid("json");
    const notes = rules.find((rule) => rule.kind === "distribute-notes");
    // The notes deadline is one setting: the rule's minutes and the Space's hours stay the same number.
    const followUpHours = notes ? notes.withinMinutes / 60 : space.distribution.followUpHours;
    await updateSpace(db, spaceId, { followUpRules: rules, distribution: { ...space.distribution, followUpHours } });
    return c.json(await followUpView(spaceId, role), 200);
  });

  app.openapi(putMetricBoundsRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.run);
    const { bounds } = c.req.valid("json");
    await updateSpace(db, spaceId, { metricBounds: bounds });
    return c.json({ bounds }, 200);
  });

  app.openapi(putIntegrationRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId, kind } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.manage);
    const parsed = integrationInputs[kind].safeParse(c.req.valid("json"));
    if (!parsed.success) throw invalidInput("body", parsed.error.issues);
    const values = Object.fromEntries(
      Object.entries(parsed.data).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    for (const field of TARGETS[kind]) {
      const problem = values[field] === undefined ? null : await checkTarget(values[field], ctx.allowLocalTargets);
      if (problem) throw fieldError(`body.${field}`, problem);
    }
    const settings = Object.fromEntries(Object.entries(values).filter(([key]) => SHOWN[kind].includes(key)));
    const secrets = Object.fromEntries(Object.entries(values).filter(([key]) => !SHOWN[kind].includes(key)));
    const row = await saveIntegration(db, {
      spaceId,
      kind,
      settings,
      secrets,
      updatedAt: ctx.now(),
      updatedBy: caller.userId,
    });
    return c.json(presentIntegration(row, true), 200);
  });

  app.openapi(deleteIntegrationRoute, async (c) => {
    const { spaceId, kind } = c.req.valid("param");
    await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.manage);
    await deleteIntegration(db, spaceId, kind);
    return c.body(null, 204);
  });

  app.openapi(deliveriesRoute, async (c) => {
    const { spaceId } = c.req.valid("param");
    // Facilitators distribute the notes, so they see whether they went out; where to is for the owners.
    const role = await requireSpaceRole(ctx, requireCaller(c), spaceId, NEEDS.run);
    const rows = await listSpaceDeliveries(db, spaceId, ctx.now().toISOString());
    const deliveries =
      role === "owner" ? rows : rows.map((delivery) => ({ ...delivery, recipient: null, lastError: null }));
    return c.json({ deliveries, late: deliveries.filter((d) => d.late && d.status !== "delivered").length }, 200);
  });

  app.openapi(distributeRoute, async (c) => {
    const { meeting } = await requireMeetingRole(ctx, requireCaller(c), c.req.valid("param").meetingId, NEEDS.run);
    if (meeting.status !== "ended") {
      throw new ApiError("conflict", `the meeting is ${meeting.status}; notes are distributed once it has ended`);
    }
    const queued = await ctx.followUp.distribute(meeting.id);
    if (queued === null) throw new ApiError("conflict", "the notes of this meeting have already been distributed");
    // Sent by the worker; asking it now means the caller does not wait for its next round. A failure is the
    // worker's to log: the deliveries are queued, and its next round sends them.
    void ctx.followUp.runInBackground();
    return c.json({ queued }, 202);
  });

  app.openapi(listNotificationsRoute, async (c) => {
    const caller = requireCaller(c);
    const rows = await listNotifications(db, caller.userId, 200);
    return c.json(
      {
        notifications: rows.map((row) => ({
          id: row.id,
          spaceId: row.spaceId,
          kind: row.kind,
          title: row.title,
          body: row.body,
          link: row.link,
          channel: row.channel,
          frequency: row.frequency,
          createdAt: row.createdAt.toISOString(),
          readAt: row.readAt?.toISOString() ?? null,
          sentAt: row.sentAt?.toISOString() ?? null,
        })),
        unread: rows.filter((row) => row.readAt === null).length,
      },
      200,
    );
  });

  app.openapi(readNotificationRoute, async (c) => {
    const caller = requireCaller(c);
    const { notificationId } = c.req.valid("param");
    if (!(await markNotificationRead(db, caller.userId, notificationId, ctx.now())))
      throw new ApiError("not_found", `no notification ${notificationId}`);
    return c.body(null, 204);
  });

  app.openapi(getPreferencesRoute, async (c) => {
    const caller = requireCaller(c);
    const rows = await listPreferences(db, caller.userId);
    const preferences = NOTIFICATION_KINDS.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return { kind, channel: row?.channel ?? "email", frequency: row?.frequency ?? "immediately" };
    });
    return c.json({ preferences }, 200);
  });

  app.openapi(putPreferenceRoute, async (c) => {
    const caller = requireCaller(c);
    const { kind } = c.req.valid("param");
    const { channel, frequency } = c.req.valid("json");
    await savePreference(db, caller.userId, kind, { channel, frequency });
    return c.json({ kind, channel, frequency }, 200);
  });
}
