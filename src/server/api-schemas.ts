import { z } from "@hono/zod-openapi";
import { ITEM_KINDS, ITEM_STATUSES } from "../core/item.js";
import { SPACE_ROLES } from "../core/roles.js";
import { ESCALATION_RULES } from "../core/series/item-links.js";
import { TIMELINE_KINDS } from "../core/series/timeline.js";
import { followUpRuleSchema, templateSchema } from "../core/template/template.js";
import { EDITABLE_FIELDS } from "../store/item-view.js";
import {
  ARTIFACT_KINDS,
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  MEETING_STATUSES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_KINDS,
} from "../store/schema.js";

/**
 * The request and response shapes the routes share. Each named one becomes a component of /api/openapi.json, so
 * clients see one `Space` rather than a copy per route.
 */

export const ragSchema = z.enum(["red", "yellow", "green"]).nullable();
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
    rag: ragSchema,
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
    raisedBy: z.object({ rule: z.enum(ESCALATION_RULES), about: itemRefSchema }).optional(),
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

// ---- Series memory and follow-up ----

export const integrationViewSchema = z
  .object({
    connected: z.boolean(),
    settings: z.record(z.string(), z.string()),
    /** Which secrets are stored, never their values. */
    secrets: z.array(z.string()),
    updatedAt: timestamp.nullable(),
  })
  .openapi("IntegrationView");

export const followUpSchema = z
  .object({
    rules: z.array(z.object({ rule: followUpRuleSchema, description: z.string() })),
    notesDeadlineHours: z.number(),
    email: z.object({
      enabled: z.boolean().openapi({ description: "The server has an SMTP server (DOCKET_SMTP_URL)." }),
      recipients: z.array(z.string()),
    }),
    slackChannel: z.string().nullable(),
    integrations: z.object({
      slack: integrationViewSchema,
      webhook: integrationViewSchema,
      salesforce: integrationViewSchema,
    }),
  })
  .openapi("FollowUp");

export const deliverySchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid().nullable(),
    meetingTitle: z.string().nullable(),
    channel: z.enum(DELIVERY_CHANNELS),
    purpose: z.string(),
    recipient: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: timestamp,
    notBefore: timestamp,
    dueBy: timestamp.nullable(),
    deliveredAt: timestamp.nullable(),
    late: z.boolean(),
  })
  .openapi("Delivery");

export const preferenceSchema = z
  .object({
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(NOTIFICATION_CHANNELS),
    frequency: z.enum(NOTIFICATION_FREQUENCIES),
  })
  .openapi("NotificationPreference");

export const notificationSchema = z
  .object({
    id: z.uuid(),
    spaceId: z.uuid().nullable(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    channel: z.enum(NOTIFICATION_CHANNELS),
    frequency: z.enum(NOTIFICATION_FREQUENCIES),
    createdAt: timestamp,
    readAt: timestamp.nullable(),
    sentAt: timestamp.nullable(),
  })
  .openapi("Notification");

/** Where an item was recorded: its meeting, that meeting's title and date. */
export const itemSourceFields = { meetingId: z.uuid(), meetingTitle: z.string(), meetingDate: z.iso.date() };
const itemSourceSchema = z.object(itemSourceFields);

export const changeEntrySchema = z
  .object({
    itemId: z.string(),
    meetingId: z.uuid(),
    meetingDate: z.iso.date(),
    kind: z.string(),
    text: z.string(),
    owner: z.string().nullable(),
    rag: ragSchema,
    due: z.string().nullable(),
    status: z.string().nullable(),
    meetings: z.number().int().nullable(),
  })
  .openapi("ChangeEntry");

export const changesSchema = z
  .object({
    previousMeeting: itemSourceSchema.nullable(),
    new: z.array(changeEntrySchema),
    resolved: z.array(changeEntrySchema),
    reRated: z.array(changeEntrySchema.extend({ from: ragSchema })),
    overdue: z.array(changeEntrySchema),
  })
  .openapi("MeetingChanges");

export const timelineSchema = z
  .object({
    entries: z.array(
      z.object({
        at: z.string(),
        date: z.iso.date(),
        kind: z.enum(TIMELINE_KINDS),
        text: z.string(),
        detail: z.string().nullable(),
        meeting: itemSourceSchema,
        itemId: z.string().nullable(),
        rag: ragSchema,
        from: ragSchema,
      }),
    ),
  })
  .openapi("Timeline");

export const artifactSchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    itemId: z.string().nullable(),
    kind: z.enum(ARTIFACT_KINDS),
    title: z.string(),
    body: z.string(),
    edited: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Artifact");
