import type {
  ArtifactKind,
  Cadence,
  DeliveryChannel,
  DeliveryStatus,
  ItemKind,
  ItemReview,
  MeetingStatus,
  NotificationChannel,
  NotificationFrequency,
  NotificationKind,
  Rag,
  Role,
  TimelineKind,
} from "../api";

/** Words for the values the API sends as codes. Small and import-free, so the first-load pages may use it too. */
export const ROLE_WORDS: Record<Role, string> = {
  owner: "Owner",
  facilitator: "Facilitator",
  member: "Member",
  viewer: "Viewer",
};

export const CADENCE_WORDS: Record<Cadence, string> = {
  weekly: "Weekly",
  biweekly: "Every two weeks",
  monthly: "Monthly",
  "ad-hoc": "Ad hoc",
};

export const MEETING_STATUS_WORDS: Record<MeetingStatus, string> = {
  scheduled: "Scheduled",
  "pre-read": "Pre-read open",
  live: "Live now",
  ended: "Ended",
};

export const KIND_WORDS: Record<ItemKind, string> = {
  decision: "Decision",
  action: "Action",
  risk: "Risk",
  question: "Open question",
  escalation: "Escalation",
  update: "Update",
};

export const REVIEW_WORDS: Record<ItemReview, string> = {
  suggested: "Suggested",
  confirmed: "Confirmed",
  rejected: "Rejected",
};

export const ITEM_STATUS_WORDS: Record<string, string> = {
  decided: "Decided",
  pending: "Pending",
  superseded: "Superseded",
  open: "Open",
  done: "Done",
  answered: "Answered",
  resolved: "Resolved",
};

export const ARTIFACT_WORDS: Record<ArtifactKind, string> = {
  "customer-communication": "Customer communication",
  "slack-summary": "Slack summary",
  "follow-up-email": "Follow-up email",
};

export const TIMELINE_WORDS: Record<TimelineKind, string> = {
  meeting: "Meeting",
  decision: "Decision",
  "decision-superseded": "Decision superseded",
  "risk-rating": "Risk rating",
  escalation: "Escalation",
  "action-done": "Action done",
};

export const DELIVERY_STATUS_WORDS: Record<DeliveryStatus, string> = {
  pending: "Waiting to send",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Failed",
};

export const CHANNEL_WORDS: Record<DeliveryChannel | NotificationChannel, string> = {
  email: "Email",
  slack: "Slack",
  webhook: "Webhook",
  salesforce: "Salesforce",
  "in-app": "In Docket",
};

export const NOTIFICATION_WORDS: Record<NotificationKind, string> = {
  "pre-read-reminder": "Pre-read reminders",
  "action-reminder": "Action item reminders",
  notes: "Meeting notes",
};

export const FREQUENCY_WORDS: Record<NotificationFrequency, string> = {
  immediately: "Immediately",
  daily: "Once a day",
  off: "Off",
};

/** In the order the rating pickers list them. */
export const RAG_WORDS: Record<Rag, string> = { red: "Red", yellow: "Yellow", green: "Green" };
