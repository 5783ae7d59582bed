import { createRoute, z } from "@hono/zod-openapi";
import {
  acceptedInvitationSchema,
  errorSchema,
  invitationSchema,
  memberSchema,
  newInvitationSchema,
  spaceRoleSchema,
  spaceSchema,
  spaceSummarySchema,
} from "../../api/schemas.js";
import { DAY_MS, isTimeZone } from "../../core/calendar/dates.js";
import { slackSummaryChannel, withNotesDeadline } from "../../core/follow-up/rules.js";
import { CADENCES } from "../../core/meeting.js";
import { NEEDS } from "../../core/roles.js";
import type { Template } from "../../core/template/template.js";
import type { Distribution, SpaceRole } from "../../store/schema.js";
import {
  acceptInvitation,
  createInvitation,
  createSpace,
  deleteSpace,
  findSpace,
  type InvitationRow,
  listInvitations,
  listMembers,
  listSpacesForUser,
  type MemberRow,
  removeMember,
  revokeInvitation,
  type SpaceRow,
  type SpaceSettings,
  type SpaceSummaryRow,
  setMemberRole,
  updateSpace,
} from "../../store/spaces.js";
import { requireSpaceRole } from "../access.js";
import type { App } from "../app.js";
import { hashSecret, newSecret, requireCaller } from "../auth.js";
import type { ServerContext } from "../context.js";
import { ApiError, fieldError } from "../errors.js";
import { errorResponses, jsonBody, jsonResponse, noContent } from "../openapi.js";

const DEFAULT_DISTRIBUTION: Distribution = { emails: [], slackChannel: null, followUpHours: 2 };

const settingsFields = {
  name: z.string().trim().min(1).max(120),
  templateId: z.string().min(1).max(100),
  cadence: z.enum(CADENCES),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60),
  timezone: z
    .string()
    .refine(isTimeZone, "is not a known time zone; use an IANA name such as Europe/Berlin")
    .openapi({ example: "Europe/Berlin" }),
  distribution: z.strictObject({
    emails: z.array(z.email()).max(100).default([]),
    slackChannel: z.string().trim().min(1).max(80).nullable().default(null),
    followUpHours: z
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(2),
  }),
  silenceWarningSeconds: z.number().int().min(10).max(3600),
};

const spaceParams = z.object({ spaceId: z.uuid() });
const memberParams = z.object({ spaceId: z.uuid(), userId: z.uuid() });
const invitationParams = z.object({ spaceId: z.uuid(), invitationId: z.uuid() });

const createSpaceRoute = createRoute({
  operationId: "createSpace",
  method: "post",
  path: "/api/spaces",
  tags: ["spaces"],
  summary: "Create a Space on a template; the caller becomes its owner",
  request: {
    body: jsonBody(
      z.strictObject({
        name: settingsFields.name,
        templateId: settingsFields.templateId,
        cadence: settingsFields.cadence,
        durationMinutes: settingsFields.durationMinutes.optional(),
        timezone: settingsFields.timezone.default("UTC"),
        distribution: settingsFields.distribution.default(DEFAULT_DISTRIBUTION),
        silenceWarningSeconds: settingsFields.silenceWarningSeconds.default(60),
      }),
    ),
  },
  responses: { 201: jsonResponse(spaceSchema, "The new Space."), ...errorResponses(403) },
});

const listSpacesRoute = createRoute({
  operationId: "listSpaces",
  method: "get",
  path: "/api/spaces",
  tags: ["spaces"],
  summary: "The caller's Spaces, with their role in each",
  responses: { 200: jsonResponse(z.array(spaceSummarySchema), "The caller's Spaces."), ...errorResponses() },
});

const getSpaceRoute = createRoute({
  operationId: "getSpace",
  method: "get",
  path: "/api/spaces/{spaceId}",
  tags: ["spaces"],
  summary: "A Space with its template (viewer)",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(spaceSchema, "The Space."), ...errorResponses(404) },
});

const updateSpaceRoute = createRoute({
  operationId: "updateSpace",
  method: "patch",
  path: "/api/spaces/{spaceId}",
  tags: ["spaces"],
  summary: "Change a Space's settings (owner); a new templateId copies that template in",
  request: {
    params: spaceParams,
    body: jsonBody(
      z
        .strictObject(settingsFields)
        .partial()
        .refine((changes) => Object.keys(changes).length > 0, "name at least one field to change"),
    ),
  },
  responses: { 200: jsonResponse(spaceSchema, "The Space as changed."), ...errorResponses(403, 404) },
});

const deleteSpaceRoute = createRoute({
  operationId: "deleteSpace",
  method: "delete",
  path: "/api/spaces/{spaceId}",
  tags: ["spaces"],
  summary: "Delete a Space and everything in it (owner)",
  request: { params: spaceParams },
  responses: { 204: noContent, ...errorResponses(403, 404) },
});

const listMembersRoute = createRoute({
  operationId: "listMembers",
  method: "get",
  path: "/api/spaces/{spaceId}/members",
  tags: ["spaces"],
  summary: "The Space's members and roles (viewer; emails for owners only)",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(z.array(memberSchema), "The members."), ...errorResponses(404) },
});

const updateMemberRoute = createRoute({
  operationId: "updateMember",
  method: "patch",
  path: "/api/spaces/{spaceId}/members/{userId}",
  tags: ["spaces"],
  summary: "Change a member's role (owner); the last owner cannot be demoted",
  request: { params: memberParams, body: jsonBody(z.strictObject({ role: spaceRoleSchema })) },
  responses: { 200: jsonResponse(memberSchema, "The member."), ...errorResponses(403, 404, 409) },
});

const removeMemberRoute = createRoute({
  operationId: "removeMember",
  method: "delete",
  path: "/api/spaces/{spaceId}/members/{userId}",
  tags: ["spaces"],
  summary: "Remove a member (owner), or leave (anyone); the last owner cannot leave",
  request: { params: memberParams },
  responses: { 204: noContent, ...errorResponses(403, 404, 409) },
});

const createInvitationRoute = createRoute({
  operationId: "createInvitation",
  method: "post",
  path: "/api/spaces/{spaceId}/invitations",
  tags: ["spaces"],
  summary: "Create an invitation link (owner); its token is shown once",
  request: {
    params: spaceParams,
    body: jsonBody(
      z.strictObject({
        role: spaceRoleSchema,
        expiresInDays: z.number().int().min(1).max(30).default(7),
        maxUses: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(10)
          .openapi({ description: "How many people may join by the link." }),
      }),
    ),
  },
  responses: { 201: jsonResponse(newInvitationSchema, "The invitation."), ...errorResponses(403, 404) },
});

const listInvitationsRoute = createRoute({
  operationId: "listInvitations",
  method: "get",
  path: "/api/spaces/{spaceId}/invitations",
  tags: ["spaces"],
  summary: "The Space's invitations, without their tokens (owner)",
  request: { params: spaceParams },
  responses: { 200: jsonResponse(z.array(invitationSchema), "The invitations."), ...errorResponses(403, 404) },
});

const revokeInvitationRoute = createRoute({
  operationId: "revokeInvitation",
  method: "delete",
  path: "/api/spaces/{spaceId}/invitations/{invitationId}",
  tags: ["spaces"],
  summary: "Revoke an invitation (owner)",
  request: { params: invitationParams },
  responses: { 204: noContent, ...errorResponses(403, 404) },
});

const acceptInvitationRoute = createRoute({
  operationId: "acceptInvitation",
  method: "post",
  path: "/api/invitations/{token}/accept",
  tags: ["spaces"],
  summary: "Join a Space by its invitation link (any signed-in user)",
  description:
    "Uses one of the link's uses. Someone already a member keeps their role (a link never changes it); someone an " +
    "owner removed after the link was made is refused (403) until an owner invites them again.",
  request: { params: z.object({ token: z.string().min(1).max(200) }) },
  responses: {
    200: jsonResponse(acceptedInvitationSchema, "The Space joined and the caller's role in it."),
    410: jsonResponse(errorSchema, "The invitation expired or was revoked."),
    ...errorResponses(403, 404),
  },
});

export function registerSpaces(app: App, ctx: ServerContext): void {
  const { db } = ctx.database;

  app.openapi(createSpaceRoute, async (c) => {
    const caller = requireCaller(c);
    const body = c.req.valid("json");
    const template = findTemplate(ctx, body.templateId);
    const space = await createSpace(db, caller.userId, {
      ...body,
      template,
      durationMinutes: body.durationMinutes ?? template.durationMinutes,
      ...followUpFrom(template, body.distribution),
    });
    return c.json(presentSpace(space, "owner"), 201);
  });

  app.openapi(listSpacesRoute, async (c) => {
    const caller = requireCaller(c);
    return c.json((await listSpacesForUser(db, caller.userId)).map(presentSpaceSummary), 200);
  });

  app.openapi(getSpaceRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    const role = await requireSpaceRole(ctx, caller, spaceId, NEEDS.read);
    const space = await findSpace(db, spaceId);
    if (!space) throw new ApiError("not_found", `no Space ${spaceId}`);
    return c.json(presentSpace(space, role), 200);
  });

  app.openapi(updateSpaceRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    const role = await requireSpaceRole(ctx, caller, spaceId, NEEDS.manage);
    const { templateId, ...rest } = c.req.valid("json");
    const changes: Partial<SpaceSettings> = rest;
    const space = templateId !== undefined || rest.distribution ? await findSpace(db, spaceId) : null;
    if (templateId !== undefined) {
      // A new template is copied in now, with its follow-up rules; meetings already created keep their copy.
      const template = findTemplate(ctx, templateId);
      Object.assign(
        changes,
        { templateId, template },
        followUpFrom(template, rest.distribution ?? space?.distribution),
      );
    } else if (rest.distribution && space) {
      // The notes deadline is one setting: the rule's minutes follow the Space's hours.
      changes.followUpRules = withNotesDeadline(space.followUpRules, rest.distribution.followUpHours);
    }
    return c.json(presentSpace(await updateSpace(db, spaceId, changes), role), 200);
  });

  // Each change of rights reaches this process's open live connections at once; other processes hear of it by
  // the notification the store sends with it.
  app.openapi(deleteSpaceRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.manage);
    ctx.live.access.apply(await deleteSpace(db, spaceId));
    return c.body(null, 204);
  });

  app.openapi(listMembersRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    const role = await requireSpaceRole(ctx, caller, spaceId, NEEDS.read);
    const showEmails = role === "owner";
    return c.json(
      (await listMembers(db, spaceId)).map((member) => presentMember(member, showEmails)),
      200,
    );
  });

  app.openapi(updateMemberRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId, userId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.manage);
    const { member, change } = await setMemberRole(db, spaceId, userId, c.req.valid("json").role);
    ctx.live.access.apply(change);
    return c.json(presentMember(member, true), 200);
  });

  app.openapi(removeMemberRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId, userId } = c.req.valid("param");
    // Anyone may leave; removing someone else is for owners.
    await requireSpaceRole(ctx, caller, spaceId, userId === caller.userId ? NEEDS.read : NEEDS.manage);
    ctx.live.access.apply(await removeMember(db, spaceId, userId, caller.userId));
    return c.body(null, 204);
  });

  app.openapi(createInvitationRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.manage);
    const { role, expiresInDays, maxUses } = c.req.valid("json");
    const token = newSecret();
    const invitation = await createInvitation(db, {
      spaceId,
      tokenHash: hashSecret(token),
      role,
      createdBy: caller.userId,
      expiresAt: new Date(ctx.now().getTime() + expiresInDays * DAY_MS),
      maxUses,
    });
    return c.json(
      {
        id: invitation.id,
        role: invitation.role,
        url: `/invite/${token}`,
        token,
        expiresAt: invitation.expiresAt.toISOString(),
        maxUses: invitation.maxUses,
      },
      201,
    );
  });

  app.openapi(listInvitationsRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.manage);
    const now = ctx.now();
    return c.json(
      (await listInvitations(db, spaceId)).map((row) => presentInvitation(row, now)),
      200,
    );
  });

  app.openapi(revokeInvitationRoute, async (c) => {
    const caller = requireCaller(c);
    const { spaceId, invitationId } = c.req.valid("param");
    await requireSpaceRole(ctx, caller, spaceId, NEEDS.manage);
    if (!(await revokeInvitation(db, spaceId, invitationId, ctx.now()))) {
      throw new ApiError("not_found", `no invitation ${invitationId} in this Space`);
    }
    return c.body(null, 204);
  });

  app.openapi(acceptInvitationRoute, async (c) => {
    const caller = requireCaller(c);
    const result = await acceptInvitation(db, hashSecret(c.req.valid("param").token), caller.userId, ctx.now());
    switch (result.status) {
      case "joined":
      case "member":
        return c.json({ spaceId: result.spaceId, role: result.role, alreadyMember: result.status === "member" }, 200);
      case "unknown":
        throw new ApiError("not_found", "this invitation link is not valid; check that it was copied whole");
      case "removed":
        throw new ApiError(
          "forbidden",
          "an owner removed you from this Space after this link was made; ask an owner for a new invitation",
        );
      case "used":
        throw new ApiError(
          "gone",
          `this invitation has been used by the ${result.maxUses} ${result.maxUses === 1 ? "person" : "people"} it allows; ask an owner of the Space for a new link`,
        );
      case "expired":
      case "revoked": {
        const message = `this invitation ${result.status === "expired" ? "has expired" : "was revoked"}; ask an owner of the Space for a new link`;
        throw new ApiError("gone", message);
      }
    }
  });
}

/** The template by id, or a 400 that names the field and the templates there are. */
function findTemplate(ctx: ServerContext, templateId: string) {
  const template = ctx.templates.get(templateId);
  if (template) return template;
  const message = `no template "${templateId}"; the templates are ${[...ctx.templates.keys()].sort().join(", ")}`;
  throw fieldError("body.templateId", message);
}

/**
 * A Space's follow-up from its template: the template's rules, with the notes deadline the Space's people chose,
 * and the template's Slack channel when they named none.
 */
function followUpFrom(
  template: Template,
  distribution: Distribution = DEFAULT_DISTRIBUTION,
): Pick<SpaceSettings, "followUpRules" | "distribution"> {
  const rules = template.followUp.rules;
  return {
    followUpRules: withNotesDeadline(rules, distribution.followUpHours),
    distribution: { ...distribution, slackChannel: slackSummaryChannel(rules, distribution.slackChannel) },
  };
}

function presentSpaceSummary(space: SpaceSummaryRow) {
  const { emails, ...distribution } = space.distribution;
  return {
    id: space.id,
    name: space.name,
    templateId: space.templateId,
    cadence: space.cadence,
    durationMinutes: space.durationMinutes,
    timezone: space.timezone,
    // Where the notes go is for the owners: the others see how many addresses there are, not who they are.
    distribution: { ...distribution, emails: space.role === "owner" ? emails : [], emailCount: emails.length },
    silenceWarningSeconds: space.silenceWarningSeconds,
    isDemo: space.isDemo,
    createdAt: space.createdAt.toISOString(),
    role: space.role,
  };
}

function presentSpace(space: SpaceRow, role: SpaceRole) {
  return {
    ...presentSpaceSummary({ ...space, role }),
    template: space.template,
    followUpRules: space.followUpRules,
    metricBounds: space.metricBounds,
  };
}

function presentMember(member: MemberRow, showEmail: boolean) {
  return {
    userId: member.userId,
    name: member.name,
    role: member.role,
    ...(showEmail ? { email: member.email } : {}),
    joinedAt: member.joinedAt.toISOString(),
  };
}

function presentInvitation(row: InvitationRow, now: Date) {
  const status = row.revokedAt
    ? "revoked"
    : row.expiresAt <= now
      ? "expired"
      : row.uses >= row.maxUses
        ? "used"
        : "active";
  return {
    id: row.id,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    maxUses: row.maxUses,
    uses: row.uses,
    status: status as "active" | "expired" | "revoked" | "used",
  };
}
