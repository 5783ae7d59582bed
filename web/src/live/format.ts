import type { Item, ItemKind, ItemReview } from "../api";

/** Seconds from the start of the meeting as the transcript shows them: "04:05", or "1:02:09" past the hour. */
export function clockTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "--:--";
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** The same as an ISO 8601 duration, for `<time dateTime>`. */
export function durationAttr(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return undefined;
  return `PT${Math.max(0, Math.round(seconds))}S`;
}

/** "3 s ago", "2 min ago", "1 h ago". */
export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min ago`;
  return `${Math.round(m / 60)} h ago`;
}

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

export const STATUS_WORDS: Record<string, string> = {
  decided: "Decided",
  pending: "Pending",
  superseded: "Superseded",
  open: "Open",
  done: "Done",
  answered: "Answered",
  resolved: "Resolved",
};

/** The statuses an item of each kind can have, for the editor. */
export const STATUSES_BY_KIND: Record<ItemKind, readonly string[]> = {
  decision: ["decided", "pending", "superseded"],
  action: ["open", "done"],
  question: ["open", "answered"],
  risk: ["open", "resolved"],
  escalation: [],
  update: [],
};

/** What the item still lacks, as the sentences the live view shows on it (nothing for a rejected item). */
export function completenessGaps(item: Pick<Item, "kind" | "owner" | "due" | "rationale"> & { review?: ItemReview }) {
  if (item.review === "rejected") return [];
  const gaps: { field: "owner" | "due" | "rationale"; text: string }[] = [];
  if (item.kind === "risk" && !item.owner) gaps.push({ field: "owner", text: "This risk has no owner" });
  if (item.kind === "action" && !item.due) gaps.push({ field: "due", text: "This action has no due date" });
  if (item.kind === "action" && !item.owner) gaps.push({ field: "owner", text: "This action has no owner" });
  if (item.kind === "decision" && !item.rationale) {
    gaps.push({ field: "rationale", text: "This decision has no rationale" });
  }
  return gaps;
}

/** "Sentence case" for a code word. */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A calendar date (YYYY-MM-DD) as "Fri 21 Mar 2025". */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The capture app a `client=` names, in words: "docket-live" → "docket live". */
export function clientWords(client: string): string {
  if (client === "web") return "browser microphone";
  if (client.startsWith("upload:")) return `upload of ${client.slice("upload:".length)}`;
  return client.replace(/[-_]+/g, " ").trim() || "unnamed sender";
}

/** A file name from a title: "Eng sync, 2025-03-17" → "eng-sync-2025-03-17". */
export function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "meeting-notes"
  );
}

/** A random id: a UUID where the browser offers one (secure contexts), else 128 random bits in the same shape. */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
