import type { z } from "zod";
import type {
  artifactSchema,
  deliveryLogSchema,
  deliverySchema,
  followUpSchema,
  integrationViewSchema,
  meetingListSchema,
  meetingSchema,
  meetingSummarySchema,
  memberSchema,
  meSchema,
  newApiTokenSchema,
  newInvitationSchema,
  notificationListSchema,
  notificationSchema,
  preferenceSchema,
  preReadRowSchema,
  preReadSchema,
  spaceSchema,
  spaceSummarySchema,
  statusChangeSchema,
  templateListSchema,
  timelineSchema,
  uploadResultSchema,
} from "../../src/api/schemas.js";
import type { FieldProblem } from "../../src/core/errors.js";

/** The API's shapes, inferred from the schemas the server validates with and documents, so the two cannot drift apart. */
export type Me = z.infer<typeof meSchema>;
export type SpaceSummary = z.infer<typeof spaceSummarySchema>;
export type Space = z.infer<typeof spaceSchema>;
export type Member = z.infer<typeof memberSchema>;
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;
export type MeetingList = z.infer<typeof meetingListSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type PreReadRow = z.infer<typeof preReadRowSchema>;
export type PreRead = z.infer<typeof preReadSchema>;
export type Template = Space["template"];
export type Role = SpaceSummary["role"];
export type Cadence = SpaceSummary["cadence"];
export type MeetingStatus = MeetingSummary["status"];
export type NewInvitation = z.infer<typeof newInvitationSchema>;
/** `GET /api/templates`: the templates a Space can be created on. */
export type TemplateList = z.infer<typeof templateListSchema>;
/** `POST /api/meetings/{id}/status`: the new status and the seq of its event. */
export type StatusChange = z.infer<typeof statusChangeSchema>;
/** `POST /api/meetings/{id}/transcript`: what an upload stored. */
export type UploadResult = z.infer<typeof uploadResultSchema>;
/** `POST /api/tokens`: a personal API token, shown this once. */
export type NewApiToken = z.infer<typeof newApiTokenSchema>;

/** A request the server refused, with its message in words and the fields it names. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldProblem[] = [],
  ) {
    super(message);
  }
}

// Writes made with the session cookie carry the session's CSRF token; GET /api/me hands it out.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** JSON-encoded unless it is already a string (an uploaded transcript). */
  body?: unknown;
  /** The response is text (Markdown), not JSON. */
  text?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {};
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let body: string | undefined;
  if (typeof options.body === "string") {
    body = options.body;
    headers["content-type"] = "text/plain; charset=utf-8";
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiFailure(0, "unreachable", "Docket could not be reached. Check your connection and try again.");
  }
  if (!response.ok) throw await failureOf(response);
  if (response.status === 204) return undefined as T;
  return (options.text ? await response.text() : await response.json()) as T;
}

async function failureOf(response: Response): Promise<ApiFailure> {
  try {
    const { error } = (await response.json()) as { error: { code: string; message: string; issues?: FieldProblem[] } };
    return new ApiFailure(response.status, error.code, error.message, error.issues);
  } catch {
    return new ApiFailure(response.status, "http", `The server answered ${response.status} ${response.statusText}.`);
  }
}

/** An error as a sentence for the page: the server's message, and each field it names. */
export function describeError(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 401) return "You are signed out. Sign in again to continue.";
    const fields = error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`);
    return [error.message, ...fields].join(" — ");
  }
  return error instanceof Error ? error.message : String(error);
}

/** "body.scheduledAt" → "scheduledAt": the form field, not the transport. */
function fieldName(path: string): string {
  return path.replace(/^(body|query|params)\./, "");
}

// ---- The live room and the notes (types only: the bundle takes nothing from the server's code) ----
export type {
  CaptureHealth,
  ItemChanges,
  ItemView,
  LiveEvent,
  SegmentView,
  ServerMessage,
} from "../../src/api/live-protocol.js";
export type { ArtifactKind } from "../../src/core/drafts/drafts.js";
export type { FieldProblem } from "../../src/core/errors.js";
export type {
  DeliveryChannel,
  DeliveryStatus,
  IntegrationKind,
  NotificationChannel,
  NotificationFrequency,
  NotificationKind,
} from "../../src/core/follow-up/channels.js";
export type { Evidence, Item, ItemKind, MetricRow, Rag } from "../../src/core/item.js";
export type { ItemReview } from "../../src/core/item-view.js";
export type { ColumnJson, NotesJson, SectionJson } from "../../src/core/notes/notes-json.js";

// ---- Series memory and follow-up ----
export type { ChangeEntry, MeetingChanges } from "../../src/core/series/changes.js";
export type { ItemLinks, ItemRef } from "../../src/core/series/item-links.js";
export type { SeriesItem } from "../../src/core/series/series-item.js";
export type { TimelineKind } from "../../src/core/series/timeline.js";

export type Timeline = z.infer<typeof timelineSchema>;
export type Artifact = z.infer<typeof artifactSchema>;
export type IntegrationView = z.infer<typeof integrationViewSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
export type TimelineEntry = Timeline["entries"][number];
export type FollowUpRule = FollowUp["rules"][number]["rule"];
export type DeliveryRecord = z.infer<typeof deliverySchema>;
/** `GET /api/spaces/{id}/deliveries`: `late` counts those past their deadline and not delivered. */
export type DeliveryLog = z.infer<typeof deliveryLogSchema>;
export type AppNotification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type NotificationPreference = z.infer<typeof preferenceSchema>;
