import type { ItemSource } from "../core/space/recorded-item.js";
import type { ItemView } from "./live-protocol.js";

export type { ItemSource } from "../core/space/recorded-item.js";
// The triage is built in the domain core; the API hands it out as it is.
export type { TriageEntryView as TriageEntry, TriageReason, TriageView as Triage } from "../core/space/triage.js";

/**
 * What the web app reads about a Space as a whole and about a meeting before it starts. The server builds these
 * from the items of the Space's meetings; the web app only renders them.
 */

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
