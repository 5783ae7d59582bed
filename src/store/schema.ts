import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ArtifactKind } from "../core/drafts/drafts.js";
import type {
  DeliveryChannel,
  DeliveryStatus,
  IntegrationKind,
  NotificationChannel,
  NotificationFrequency,
  NotificationKind,
} from "../core/follow-up/channels.js";
import type { Item, MetricRow } from "../core/item.js";
import type { ItemEdits, ItemReview } from "../core/item-view.js";
import type { Cadence, MeetingStatus } from "../core/meeting.js";
import type { SpaceRole } from "../core/roles.js";
import type { ItemLinks } from "../core/series/item-links.js";
import type { MetricBounds } from "../core/space/metric-range.js";
import type { FollowUpRule, Template } from "../core/template/template.js";

// The product's words are the core's; they are exported here too for the code that reads and writes these tables.
export { ARTIFACT_KINDS, type ArtifactKind } from "../core/drafts/drafts.js";
export {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type DeliveryChannel,
  type DeliveryStatus,
  INTEGRATION_KINDS,
  type IntegrationKind,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationFrequency,
  type NotificationKind,
} from "../core/follow-up/channels.js";
export type { ItemEdits, ItemReview } from "../core/item-view.js";
export { type Cadence, MEETING_STATUSES, type MeetingStatus } from "../core/meeting.js";
export type { SpaceRole } from "../core/roles.js";

/**
 * The database schema: one definition for PGlite and PostgreSQL. Migrations in `src/store/migrations` are
 * generated from it by drizzle-kit (`npm run db:generate`) and applied from code at start-up.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stored lower-cased: one account per address whatever its case. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** argon2id; null for the built-in demo owner, who cannot sign in. */
  passwordHash: text("password_hash"),
  createdAt: createdAt(),
});

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Personal API tokens for scripts and integrations: shown once, stored as SHA-256. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, so a person can tell their tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export interface Distribution {
  /** Who receives the notes besides the attendees. */
  emails: string[];
  slackChannel: string | null;
  /** Notes go out within this many hours of the meeting's end. */
  followUpHours: number;
}

export const spaces = pgTable("spaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  templateId: text("template_id").notNull(),
  /** The Space's own copy of its template: later edits to the built-in one do not change it. */
  template: jsonb("template").$type<Template>().notNull(),
  cadence: text("cadence").$type<Cadence>().notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  timezone: text("timezone").notNull(),
  distribution: jsonb("distribution").$type<Distribution>().notNull(),
  /** A live meeting with no segment for this long shows a capture warning. */
  silenceWarningSeconds: integer("silence_warning_seconds").notNull().default(60),
  /** The follow-up rules Docket enforces for this Space; a copy of the template's when the Space was created. */
  followUpRules: jsonb("follow_up_rules").$type<FollowUpRule[]>().notNull().default(sql`'[]'::jsonb`),
  /** Metric column id → the normal range people set; without bounds a column uses the team's own history. */
  metricBounds: jsonb("metric_bounds").$type<MetricBounds>().notNull().default(sql`'{}'::jsonb`),
  isDemo: boolean("is_demo").notNull().default(false),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<SpaceRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** An invitation link: whoever opens it signed in joins the Space with the role. Only the hash is stored. */
export const invitations = pgTable("invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  spaceId: uuid("space_id")
    .notNull()
    .references(() => spaces.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  role: text("role").$type<SpaceRole>().notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  /** How many people may join by the link; each join uses one. */
  maxUses: integer("max_uses").notNull().default(10),
  uses: integer("uses").notNull().default(0),
});

/**
 * Who an owner removed from a Space, and when: a link made before the removal does not let them back in (a fresh
 * invitation does). Leaving by oneself is not recorded.
 */
export const spaceRemovals = pgTable(
  "space_removals",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    removedBy: uuid("removed_by").references(() => users.id, { onDelete: "set null" }),
    removedAt: timestamp("removed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] })],
);

/** Orders changes of a member's role as processes hear of them (src/store/access.ts). */
export const accessChangeSeq = pgSequence("access_change_seq");

export interface Attendee {
  name: string;
  userId: string | null;
}

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    status: text("status").$type<MeetingStatus>().notNull().default("scheduled"),
    /** When the meeting is due to start; its local date is what "by Friday" resolves against. */
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    /** YYYY-MM-DD in the Space's timezone. */
    meetingDate: text("meeting_date").notNull(),
    /** A copy of the Space's template when the meeting was created, so later edits never rewrite history. */
    template: jsonb("template").$type<Template>().notNull(),
    attendees: jsonb("attendees").$type<Attendee[]>().notNull().default(sql`'[]'::jsonb`),
    metrics: jsonb("metrics").$type<MetricRow[]>().notNull().default(sql`'[]'::jsonb`),
    /** Counters kept on the row, so that taking the row lock also orders segments and events. */
    segmentCount: integer("segment_count").notNull().default(0),
    lastEventSeq: integer("last_event_seq").notNull().default(0),
    lastSegmentAt: timestamp("last_segment_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /**
     * When the notes go out by themselves (set when the meeting ends: half-way to the follow-up deadline, leaving
     * people time to correct them and the outbox time to retry); a facilitator may distribute them sooner.
     */
    distributeAt: timestamp("distribute_at", { withTimezone: true }),
    distributedAt: timestamp("distributed_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("meetings_space_idx").on(t.spaceId, t.scheduledAt)],
);

/** A row a person fills in before the meeting (their team's metrics, their risk, their initiative). */
export const preReadRows = pgTable(
  "pre_read_rows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    sectionId: text("section_id").notNull(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** Column id → cell text. */
    cells: jsonb("cells").$type<Record<string, string>>().notNull(),
    position: integer("position").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("pre_read_rows_meeting_idx").on(t.meetingId, t.position)],
);

/** A transcript segment, stored before it is acknowledged. `position` is its place in the meeting. */
export const segments = pgTable(
  "segments",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    position: integer("position").notNull(),
    /** The sender's own sequence number, kept for acknowledgements and diagnosis. */
    senderSeq: integer("sender_seq"),
    sender: text("sender"),
    speaker: text("speaker"),
    text: text("text").notNull(),
    /** Seconds from the start of the meeting. */
    start: doublePrecision("start_seconds"),
    end: doublePrecision("end_seconds"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.id] }),
    uniqueIndex("segments_position_idx").on(t.meetingId, t.position),
  ],
);

export const items = pgTable(
  "items",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    kind: text("kind").notNull(),
    /** The engine's latest reading of the item. */
    item: jsonb("item").$type<Item>().notNull(),
    edits: jsonb("edits").$type<ItemEdits>().notNull().default(sql`'{}'::jsonb`),
    review: text("review").$type<ItemReview>().notNull().default("suggested"),
    /** The engine removed it (merged into another item). */
    removed: boolean("removed").notNull().default(false),
    /** Series memory: where a carried-over item came from, what a decision supersedes, which rule raised it. */
    links: jsonb("links").$type<ItemLinks>().notNull().default(sql`'{}'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.id] }),
    // The decision log's full-text search: the query repeats this expression, so the planner can use the index.
    index("items_decision_search_idx").using("gin", searchVector(t)).where(sql`${t.kind} = 'decision'`),
  ],
);

/**
 * What a decision's full-text search reads: the text as people see it (their edit wins over the engine's) and
 * the rationale, as an English tsvector. One definition for the index and the queries that must match it.
 */
export function searchVector(t: { item: AnyPgColumn; edits: AnyPgColumn }): SQL {
  return sql`to_tsvector('english', coalesce(${t.edits}->>'text', ${t.item}->>'text') || ' ' || coalesce(${t.item}->>'rationale', ''))`;
}

/**
 * Everything viewers see, in order: segments heard, item events, people's edits, status changes. A viewer that
 * reconnects asks for the events after the last `seq` it saw.
 */
export const events = pgTable(
  "events",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seq] })],
);

/**
 * A Space's connection to an outside service. `settings` may be shown to the Space's owners; `secrets` (tokens,
 * signing keys) are read only by the code that sends and are never returned by the API.
 */
export const spaceIntegrations = pgTable(
  "space_integrations",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    kind: text("kind").$type<IntegrationKind>().notNull(),
    settings: jsonb("settings").$type<Record<string, string>>().notNull(),
    secrets: jsonb("secrets").$type<Record<string, string>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.kind] })],
);

/**
 * The outbox: every message Docket sends, written in the same transaction as what causes it and sent by the
 * worker afterwards. `dedupeKey` makes enqueueing idempotent; `leaseUntil` lets a crashed sender's claim lapse.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id").references(() => spaces.id, { onDelete: "cascade" }),
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel").$type<DeliveryChannel>().notNull(),
    /** What it is for, in words people read: "notes", "slack-summary", "task", "reminder", "digest", "event". */
    purpose: text("purpose").notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    /** Who or where it goes, for people to read ("#eng-leadership", "ana@example.com"); never a secret. */
    recipient: text("recipient").notNull(),
    /** The rendered message, fixed when enqueued so every retry sends the same thing. */
    payload: jsonb("payload").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull(),
    /** The follow-up rule's deadline (notes within 2 hours); past it and not delivered, the Space shows it late. */
    dueBy: timestamp("due_by", { withTimezone: true }),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** The target's id for what was delivered (Slack ts, Salesforce Task id, SMTP message id). */
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("deliveries_due_idx").on(t.status, t.notBefore),
    index("deliveries_space_idx").on(t.spaceId, t.createdAt),
  ],
);

/** Each person's choice, per kind of notification; a kind without a row uses the default (email, immediately). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    channel: text("channel").$type<NotificationChannel>().notNull(),
    frequency: text("frequency").$type<NotificationFrequency>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * A notification for one person: always listed in the app; sent by email or Slack at once, in the next daily
 * digest, or not at all, as they chose. `dedupeKey` stops the same reminder being raised twice.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    spaceId: uuid("space_id").references(() => spaces.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** A path in the web app. */
    link: text("link").notNull(),
    channel: text("channel").$type<NotificationChannel>().notNull(),
    frequency: text("frequency").$type<NotificationFrequency>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /**
     * When it was sent: one sent at once, when its delivery arrived (never, if that failed); one for the daily
     * digest, when it went into a digest; in-app, when it was raised. Null until then.
     */
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** A draft Docket writes from an item and its meeting (the customer communication an escalation calls for). */
export const artifacts = pgTable(
  "artifacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    /** The item it was drafted from; null for a draft about the whole meeting. */
    itemId: text("item_id"),
    kind: text("kind").$type<ArtifactKind>().notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** A person changed the draft: Docket never rewrites it again. */
    edited: boolean("edited").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("artifacts_item_kind_idx").on(t.meetingId, t.itemId, t.kind)],
);

/** A private calendar address for one person and Space: calendar apps cannot sign in, so the key is the proof. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_feeds_user_space_idx").on(t.userId, t.spaceId)],
);
