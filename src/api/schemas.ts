import { z } from "zod";
import { ARTIFACT_KINDS } from "../core/drafts/drafts.js";
import { fieldProblemSchema } from "../core/errors.js";
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_KINDS,
} from "../core/follow-up/channels.js";
import { RAGS } from "../core/item.js";
import { CADENCES, MEETING_STATUSES } from "../core/meeting.js";
import { SPACE_ROLES } from "../core/roles.js";
import { TIMELINE_KINDS } from "../core/series/timeline.js";
import { followUpRuleSchema, templateSchema } from "../core/template/template.js";

/**
 * The shapes the HTTP API sends and receives, as zod schemas: the server validates with them, /api/openapi.json is
 * generated from them (each `id` becomes a component, so clients see one `Space` rather than a copy per route),
 * and the web app infers its types from them. Plain zod, so a client may import them without the server's code.
 * The item's own schemas are the core's (src/core/item.ts, src/core/item-view.ts).
 */

export const ragSchema = z.enum(RAGS).nullable();
export const spaceRoleSchema = z.enum(SPACE_ROLES).meta({ id: "SpaceRole" });

const timestamp = z.iso.datetime({ offset: true });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "not_found" }),
      message: z.string(),
      issues: z.array(fieldProblemSchema).optional(),
    }),
  })
  .meta({ id: "Error" });

export const userSchema = z
  .object({ id: z.uuid(), email: z.email(), name: z.string(), createdAt: timestamp })
  .meta({ id: "User" });

export const sessionSchema = z
  .object({
    user: userSchema,
    /** Send it back as the x-csrf-token header on every write made with the session cookie. */
    csrfToken: z.string(),
  })
  .meta({ id: "Session" });

export const meSchema = z
  .object({ user: userSchema, csrfToken: z.string().optional().meta({ description: "Session callers only." }) })
  .meta({ id: "Me" });

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: "The first characters of the token, to tell tokens apart." }),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
  })
  .meta({ id: "ApiToken" });

export const newApiTokenSchema = apiTokenSchema
  .extend({ token: z.string().meta({ description: "Shown once; only its hash is kept." }) })
  .meta({ id: "NewApiToken" });

// Not strict, as a response: the core's schema refuses unknown fields in a template file.
export const templateResponseSchema = z.object(templateSchema.shape).meta({ id: "Template" });
/** `GET /api/templates`: the templates a Space can be created on. */
export const templateListSchema = z.object({ templates: z.array(templateResponseSchema) });

export const distributionSchema = z
  .object({
    emails: z.array(z.email()).meta({ description: "Shown to the Space's owners only (empty for the others)." }),
    /** How many addresses are on the list, for everyone. */
    emailCount: z.number().int(),
    slackChannel: z.string().nullable(),
    followUpHours: z.number(),
  })
  .meta({ id: "Distribution" });

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

export const spaceSummarySchema = z.object(spaceFields).meta({ id: "SpaceSummary" });
/** Metric column id → the normal range set for it (either end may be open). */
export const metricBoundsSchema = z
  .record(
    z.string(),
    z
      .strictObject({ min: z.number().optional(), max: z.number().optional() })
      .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, "min must not exceed max"),
  )
  .meta({ id: "MetricBounds" });

export const spaceSchema = z
  .object({
    ...spaceFields,
    template: templateResponseSchema,
    /** The follow-up rules Docket enforces for the Space (a copy of its template's, changed by its owners). */
    followUpRules: z.array(followUpRuleSchema),
    metricBounds: metricBoundsSchema,
  })
  .meta({ id: "Space" });

export const memberSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    role: spaceRoleSchema,
    email: z.email().optional().meta({ description: "Shown to the Space's owners only." }),
    joinedAt: timestamp,
  })
  .meta({ id: "Member" });

export const invitationSchema = z
  .object({
    id: z.uuid(),
    role: spaceRoleSchema,
    createdAt: timestamp,
    expiresAt: timestamp,
    revokedAt: timestamp.nullable(),
    /** How many people may join by the link, and how many have. */
    maxUses: z.number().int(),
    uses: z.number().int(),
    status: z.enum(["active", "expired", "revoked", "used"]),
  })
  .meta({ id: "Invitation" });

export const newInvitationSchema = z
  .object({
    id: z.uuid(),
    role: spaceRoleSchema,
    url: z.string().meta({ example: "/invite/abc…" }),
    token: z.string().meta({ description: "Shown once; only its hash is kept." }),
    expiresAt: timestamp,
    maxUses: z.number().int(),
  })
  .meta({ id: "NewInvitation" });

export const acceptedInvitationSchema = z
  .object({
    spaceId: z.uuid(),
    role: spaceRoleSchema,
    /** Already a member: nothing changed (a link never changes a member's role). */
    alreadyMember: z.boolean(),
  })
  .meta({ id: "AcceptedInvitation" });

export const attendeeSchema = z.object({ name: z.string(), userId: z.uuid().nullable() }).meta({ id: "Attendee" });

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

export const meetingSummarySchema = z.object(meetingFields).meta({ id: "MeetingSummary" });
export const meetingListSchema = z
  .object({
    /** Not ended and not yet over, soonest first. */
    upcoming: z.array(meetingSummarySchema),
    /** Ended, or scheduled and long over without going live; latest first. */
    past: z.array(meetingSummarySchema),
  })
  .meta({ id: "MeetingList" });
/** `POST /api/meetings/{id}/status`: the new status and the seq of its event. */
export const statusChangeSchema = z.object({ status: z.enum(MEETING_STATUSES), seq: z.number().int() });
/** `POST /api/meetings/{id}/transcript`: what an upload stored. */
export const uploadResultSchema = z.object({
  segments: z.number().int(),
  duplicates: z.number().int(),
  items: z.number().int(),
  status: z.enum(MEETING_STATUSES),
  /** Parts of the file left out, each naming its line and why: `call.vtt:12: cue skipped: …`. */
  warnings: z.array(z.string()),
});
export const meetingSchema = z
  .object({
    ...meetingFields,
    template: templateResponseSchema,
    counts: z.object({ preReadRows: z.number().int(), items: z.number().int(), segments: z.number().int() }),
  })
  .meta({ id: "Meeting" });

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
  .meta({ id: "PreReadRow" });

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
  .meta({ id: "PreRead" });

// ---- Series memory and follow-up ----

export const integrationViewSchema = z
  .object({
    connected: z.boolean(),
    /** Where it sends (a webhook's URL, a Salesforce instance): shown to the Space's owners only. */
    settings: z.record(z.string(), z.string()),
    /** Which secrets are stored, never their values. */
    secrets: z.array(z.string()),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: "IntegrationView" });

export const followUpSchema = z
  .object({
    rules: z.array(z.object({ rule: followUpRuleSchema, description: z.string() })),
    notesDeadlineHours: z.number(),
    email: z.object({
      enabled: z.boolean().meta({ description: "The server has an SMTP server (DOCKET_SMTP_URL)." }),
      recipients: z.array(z.string()).meta({ description: "Shown to the Space's owners only." }),
      recipientCount: z.number().int(),
    }),
    slackChannel: z.string().nullable(),
    integrations: z.object({
      slack: integrationViewSchema,
      webhook: integrationViewSchema,
      salesforce: integrationViewSchema,
    }),
  })
  .meta({ id: "FollowUp" });

export const deliverySchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid().nullable(),
    meetingTitle: z.string().nullable(),
    channel: z.enum(DELIVERY_CHANNELS),
    purpose: z.string(),
    recipient: z.string().nullable().meta({ description: "Shown to the Space's owners only (null for the others)." }),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    /** It may name the target (an address, a channel): shown to the Space's owners only. */
    lastError: z.string().nullable(),
    createdAt: timestamp,
    notBefore: timestamp,
    dueBy: timestamp.nullable(),
    deliveredAt: timestamp.nullable(),
    late: z.boolean(),
  })
  .meta({ id: "Delivery" });
/** `GET /api/spaces/{id}/deliveries`: `late` counts those past their deadline and not delivered. */
export const deliveryLogSchema = z.object({ deliveries: z.array(deliverySchema), late: z.number().int() });

export const preferenceSchema = z
  .object({
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(NOTIFICATION_CHANNELS),
    frequency: z.enum(NOTIFICATION_FREQUENCIES),
  })
  .meta({ id: "NotificationPreference" });

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
  .meta({ id: "Notification" });
export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().int(),
});

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
  .meta({ id: "ChangeEntry" });

export const changesSchema = z
  .object({
    previousMeeting: itemSourceSchema.nullable(),
    new: z.array(changeEntrySchema),
    resolved: z.array(changeEntrySchema),
    reRated: z.array(changeEntrySchema.extend({ from: ragSchema })),
    overdue: z.array(changeEntrySchema),
  })
  .meta({ id: "MeetingChanges" });

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
  .meta({ id: "Timeline" });

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
  .meta({ id: "Artifact" });
