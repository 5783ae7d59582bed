import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Item, MetricRow } from "../core/item.js";
import type { SpaceRole } from "../core/roles.js";
import type { Template } from "../core/template/template.js";

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

export type { SpaceRole } from "../core/roles.js";
export type Cadence = "weekly" | "biweekly" | "monthly" | "ad hoc";

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
});

export const MEETING_STATUSES = ["scheduled", "pre-read", "live", "ended"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

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

export type ItemReview = "suggested" | "confirmed" | "rejected";

/** Fields people may correct; what they set wins over what the engine later says. */
export type ItemEdits = Partial<Pick<Item, "text" | "owner" | "due" | "rag" | "status">>;

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
