import type { ItemView } from "./live-protocol.js";

/**
 * What the web app reads about a Space as a whole and about a meeting before it starts. The server builds these
 * from the items of the Space's meetings; the web app only renders them.
 */

/** Where an item was recorded. */
export interface ItemSource {
  meetingId: string;
  meetingTitle: string;
  /** YYYY-MM-DD in the Space's timezone. */
  meetingDate: string;
}

/** `GET /api/spaces/{spaceId}/actions`: every open action item of the Space, grouped by owner. */
export interface OpenActions {
  /** YYYY-MM-DD in the Space's timezone: what "overdue" is measured against. */
  today: string;
  owners: {
    /** null: nobody owns these yet. */
    owner: string | null;
    actions: (ItemSource & { item: ItemView; overdue: boolean })[];
  }[];
}

/** One rating of a risk in one meeting. */
export interface RiskRating extends ItemSource {
  itemId: string;
  rag: ItemView["rag"];
  status: ItemView["status"];
  text: string;
}

/** `GET /api/spaces/{spaceId}/risks`: each risk once, with its current rating and the ratings before it. */
export interface RiskRegister {
  risks: {
    /**
     * Stable across meetings: the first item recorded for this risk, as `meetingId:itemId` (item ids are unique
     * only within their meeting).
     */
    key: string;
    current: ItemView & ItemSource;
    /** Oldest first, ending with the current rating. */
    history: RiskRating[];
  }[];
}

/** `GET /api/spaces/{spaceId}/decisions?q=TEXT`: the decision log, newest meeting first; `q` is full-text search. */
export interface DecisionLog {
  query: string | null;
  /**
   * With a query, best match first; `headline` is the decision's text (and rationale) as HTML: the text is
   * escaped and only the matched words are wrapped in `<mark>…</mark>`, so it may be set as innerHTML as it is.
   */
  decisions: (ItemView & ItemSource & { headline?: string })[];
}

/** `GET /api/spaces/{spaceId}/metrics`: each team's metric values per meeting, oldest first. */
export interface MetricSeries {
  columns: { id: string; label: string; unit?: string }[];
  teams: {
    team: string;
    points: (ItemSource & { values: Record<string, number> })[];
  }[];
}

/**
 * Why an entry is on the facilitator's list. To discuss: a red or yellow risk, a risk nobody rated, a red or
 * yellow row of another rated section ("red", "yellow": an initiative, say), a metric outside its usual range,
 * an escalation, or business carried over from the last meeting. To acknowledge: a green risk or other green
 * row, a metrics row with nothing unusual, a row with no rating ("update").
 */
export type TriageReason =
  | "red risk"
  | "yellow risk"
  | "unrated risk"
  | "red"
  | "yellow"
  | "metric out of range"
  | "escalation"
  | "carried over"
  | "green risk"
  | "green"
  | "metrics"
  | "update";

export interface TriageEntry {
  /** Stable within the meeting, for keys and links: the pre-read row's id, or `meetingId:itemId` for an item. */
  id: string;
  reason: TriageReason;
  rag: "red" | "yellow" | "green" | null;
  /** The section the entry belongs to (template section id and title). */
  sectionId: string;
  sectionTitle: string;
  text: string;
  owner: string | null;
  /** Where it comes from: a pre-read row of this meeting, or an item of an earlier meeting. */
  source: { kind: "pre-read"; rowId: string } | ({ kind: "item"; itemId: string } & ItemSource);
  /** For metrics: the value, and the range it fell outside. */
  detail?: string;
}

/** `GET /api/meetings/{meetingId}/triage`: the facilitator's view of the pre-read. */
export interface Triage {
  /** Red before yellow, then the rest in section order. */
  toDiscuss: TriageEntry[];
  /** Green: in the notes for visibility, not for airtime. */
  toAcknowledge: TriageEntry[];
  /** The template's "Before the meeting" list, and for each person with pre-read rows whether they updated them. */
  checklist: {
    steps: string[];
    people: { userId: string; name: string; rows: number; updated: number; done: boolean }[];
  };
}
