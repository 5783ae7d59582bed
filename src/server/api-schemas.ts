import { z } from "@hono/zod-openapi";
import { ITEM_KINDS, ITEM_STATUSES } from "../core/item.js";
import { SPACE_ROLES } from "../core/roles.js";
import { followUpRuleSchema, templateSchema } from "../core/template/template.js";
import { EDITABLE_FIELDS } from "../live/item-view.js";
import { MEETING_STATUSES } from "../store/schema.js";

/**
 * The request and response shapes the routes share. Each named one becomes a component of /api/openapi.json, so
 * clients see one `Space` rather than a copy per route.
 */

export const spaceRoleSchema = z.enum(SPACE_ROLES).openapi("SpaceRole");

export const CADENCES = ["weekly", "biweekly", "monthly", "ad hoc"] as const;

const timestamp = z.iso.datetime({ offset: true });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

const ERROR_DESCRIPTIONS = {
  400: "The request is malformed; the message names the field.",
  401: "Not signed in.",
  403: "Signed in, but the role is too low (or the CSRF header is missing).",
  404: "No such thing, or not visible to the caller.",
  409: "The change conflicts with the current state.",
  410: "It existed but is no longer usable.",
  413: "The body is too large.",
  429: "Too many attempts; see Retry-After.",
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The error responses a route can give, for the OpenAPI document. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  const all = [...new Set<ErrorStatus>([400, 401, ...statuses])];
  return Object.fromEntries(
    all.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { "application/json": { schema: errorSchema } } },
    ]),
  ) as Record<S | 400 | 401, { description: string; content: { "application/json": { schema: typeof errorSchema } } }>;
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

export const userSchema = z
  .object({ id: z.uuid(), email: z.email(), name: z.string(), createdAt: timestamp })
  .openapi("User");

export const sessionSchema = z
  .object({
    user: userSchema,
    /** Send it back as the x-csrf-token header on every write made with the session cookie. */
    csrfToken: z.string(),
  })
  .openapi("Session");

export const meSchema = z
  .object({ user: userSchema, csrfToken: z.string().optional().openapi({ description: "Session callers only." }) })
  .openapi("Me");

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The first characters of the token, to tell tokens apart." }),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
  })
  .openapi("ApiToken");

export const newApiTokenSchema = apiTokenSchema
  .extend({ token: z.string().openapi({ description: "Shown once; only its hash is kept." }) })
  .openapi("NewApiToken");

// Rebuilt with this module's z: the core's schema comes from plain zod, which need not have `.openapi` patched in.
export const templateResponseSchema = z.object(templateSchema.shape).openapi("Template");

export const distributionSchema = z
  .object({ emails: z.array(z.email()), slackChannel: z.string().nullable(), followUpHours: z.number() })
  .openapi("Distribution");

const spaceFields = {
  id: z.uuid(),
  name: z.string(),
  templateId: z.string(),
  cadence: z.enum(CADENCES),
  durationMinutes: z.number().int(),
  timezone: z.string(),
  distribution: distributionSchema,
  silenceWarningSeconds: z.number().int(),
  isDemo: z.boolean(),
  createdAt: timestamp,
  /** The caller's role in the Space. */
  role: spaceRoleSchema,
};

export const spaceSummarySchema = z.object(spaceFields).openapi("SpaceSummary");
/** Metric column id → the normal range set for it (either end may be open). */
export const metricBoundsSchema = z
  .record(
    z.string(),
    z
      .strictObject({ min: z.number().optional(), max: z.number().optional() })
      .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, "min must not exceed max"),
  )
  .openapi("MetricBounds");

export const spaceSchema = z
  .object({
    ...spaceFields,
    template: templateResponseSchema,
    /** The follow-up rules Docket enforces for the Space (a copy of its template's, changed by its owners). */
    followUpRules: z.array(followUpRuleSchema),
    metricBounds: metricBoundsSchema,
  })
  .openapi("Space");

export const memberSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    role: spaceRoleSchema,
    email: z.email().optional().openapi({ description: "Shown to the Space's owners only." }),
    joinedAt: timestamp,
  })
  .openapi("Member");

export const invitationSchema = z
  .object({
    id: z.uuid(),
    role: spaceRoleSchema,
    createdAt: timestamp,
    expiresAt: timestamp,
    revokedAt: timestamp.nullable(),
    status: z.enum(["active", "expired", "revoked"]),
  })
  .openapi("Invitation");

export const newInvitationSchema = z
  .object({
    id: z.uuid(),
    role: spaceRoleSchema,
    url: z.string().openapi({ example: "/invite/abc…" }),
    token: z.string().openapi({ description: "Shown once; only its hash is kept." }),
    expiresAt: timestamp,
  })
  .openapi("NewInvitation");

export const acceptedInvitationSchema = z
  .object({ spaceId: z.uuid(), role: spaceRoleSchema })
  .openapi("AcceptedInvitation");

export const attendeeSchema = z.object({ name: z.string(), userId: z.uuid().nullable() }).openapi("Attendee");

const meetingFields = {
  id: z.uuid(),
  spaceId: z.uuid(),
  title: z.string(),
  status: z.enum(MEETING_STATUSES),
  scheduledAt: timestamp,
  /** The local date in the Space's timezone: what "by Friday" resolves against. */
  meetingDate: z.iso.date(),
  attendees: z.array(attendeeSchema),
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  createdAt: timestamp,
};

export const meetingSummarySchema = z.object(meetingFields).openapi("MeetingSummary");
export const meetingListSchema = z
  .object({
    /** Not ended and not yet over, soonest first. */
    upcoming: z.array(meetingSummarySchema),
    /** Ended, or scheduled and long over without going live; latest first. */
    past: z.array(meetingSummarySchema),
  })
  .openapi("MeetingList");
export const meetingSchema = z
  .object({
    ...meetingFields,
    template: templateResponseSchema,
    counts: z.object({ preReadRows: z.number().int(), items: z.number().int(), segments: z.number().int() }),
  })
  .openapi("Meeting");

export const preReadRowSchema = z
  .object({
    id: z.uuid(),
    sectionId: z.string(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    cells: z.record(z.string(), z.string()),
    position: z.number().int(),
    updatedAt: timestamp.nullable(),
    updatedBy: z.uuid().nullable(),
  })
  .openapi("PreReadRow");

export const preReadSchema = z
  .object({
    sections: z.array(
      z.object({
        sectionId: z.string(),
        title: z.string(),
        columns: z.array(z.object({ id: z.string(), label: z.string(), type: z.string() })),
        rows: z.array(preReadRowSchema),
      }),
    ),
  })
  .openapi("PreRead");

// The items of a meeting, as the live room and the Space views show them.
const evidenceSchema = z.object({
  segmentId: z.string(),
  speaker: z.string().nullable(),
  quote: z.string(),
  start: z.number().nullable(),
});
const level = z.enum(["low", "medium", "high"]).nullable();
export const itemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ITEM_KINDS),
    section: z.string(),
    text: z.string(),
    owner: z.string().nullable(),
    due: z.string().nullable(),
    status: z.enum(ITEM_STATUSES).nullable(),
    rag: z.enum(["red", "yellow", "green"]).nullable(),
    likelihood: level,
    impact: level,
    mitigation: z.string().nullable(),
    rationale: z.string().nullable(),
    decidedBy: z.string().nullable(),
    askedBy: z.string().nullable(),
    needed: z.string().nullable(),
    team: z.string().nullable(),
    fields: z.record(z.string(), z.string()),
    confidence: z.number(),
    evidence: z.array(evidenceSchema),
  })
  .openapi("Item");
const itemRefSchema = z.object({ meetingId: z.uuid(), itemId: z.string() }).openapi("ItemRef");
export const itemLinksSchema = z
  .object({
    carriedFrom: itemRefSchema
      .extend({
        thread: z.string(),
        firstMeetingId: z.uuid(),
        firstMeetingDate: z.iso.date(),
        meetings: z.number().int().openapi({ description: "Meetings it has been on, this one included." }),
      })
      .optional(),
    raisedBy: z
      .object({ rule: z.enum(["red-risk-to-next-agenda", "unowned-risk-escalate"]), about: itemRefSchema })
      .optional(),
    supersedes: z.array(itemRefSchema).optional(),
    supersededBy: itemRefSchema.optional(),
  })
  .openapi("ItemLinks", {
    description: "What the series knows of an item: carried over, raised by a rule, superseded.",
  });

export const itemViewSchema = itemSchema
  .extend({
    review: z.enum(["suggested", "confirmed", "rejected"]),
    /** The fields a person set: their values win over later engine updates. */
    edited: z.array(z.enum(EDITABLE_FIELDS)),
    links: itemLinksSchema,
  })
  .openapi("ItemView");
export const metricRowSchema = z
  .object({ team: z.string(), values: z.record(z.string(), z.number()), evidence: z.array(evidenceSchema) })
  .openapi("MetricRow");
