import type { Segment } from "./segment.js";

/** The kinds of typed record the agent captures. `update` rows belong to a section such as staffing. */
export const ITEM_KINDS = ["decision", "action", "risk", "question", "escalation", "update"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export type Rag = "red" | "yellow" | "green";
export type Level = "low" | "medium" | "high";
export type DecisionStatus = "decided" | "pending" | "superseded";
export type ActionStatus = "open" | "done";
export type QuestionStatus = "open" | "answered";
export type RiskStatus = "open" | "resolved";
export type ItemStatus = DecisionStatus | ActionStatus | QuestionStatus | RiskStatus;
export const ITEM_STATUSES = [
  "decided",
  "pending",
  "superseded",
  "open",
  "done",
  "answered",
  "resolved",
] as const satisfies readonly ItemStatus[];

/** Where an item came from: the words, who said them and when. */
export interface Evidence {
  segmentId: string;
  speaker: string | null;
  quote: string;
  start: number | null;
}

export interface Item {
  id: string;
  kind: ItemKind;
  /** The template section the item is filed under (e.g. "decisions", "staffing"). */
  section: string;
  text: string;
  owner: string | null;
  /** ISO date (YYYY-MM-DD). */
  due: string | null;
  status: ItemStatus | null;
  rag: Rag | null;
  likelihood: Level | null;
  impact: Level | null;
  mitigation: string | null;
  rationale: string | null;
  /** Decision: who made the call. Question: who asked. */
  decidedBy: string | null;
  askedBy: string | null;
  /** Escalation: what is needed, and from whom. */
  needed: string | null;
  /** Team a row belongs to (staffing, metrics-adjacent updates), when known. */
  team: string | null;
  /** Section-specific columns that have no field above (roadmap "feature", staffing "role"), by column id. */
  fields: Record<string, string>;
  /** 0..1: how sure the engine is that this is a real item. */
  confidence: number;
  evidence: Evidence[];
}

/**
 * An item with what identifies it and every other field empty: no owner, date, status, rating or people,
 * no extra columns, full confidence and no evidence. Fields given in `given` are used as they are.
 */
export function createItem(given: Pick<Item, "id" | "kind" | "section" | "text"> & Partial<Item>): Item {
  const { id, kind, section, text, ...rest } = given;
  return {
    id,
    kind,
    section,
    text,
    owner: null,
    due: null,
    status: null,
    rag: null,
    likelihood: null,
    impact: null,
    mitigation: null,
    rationale: null,
    decidedBy: null,
    askedBy: null,
    needed: null,
    team: null,
    fields: {},
    confidence: 1,
    evidence: [],
    ...rest,
  };
}

/** One team's row in the template's metrics table: column id → number. */
export interface MetricRow {
  team: string;
  values: Record<string, number>;
  evidence: Evidence[];
}

export type ItemEvent =
  | { type: "added"; item: Item }
  | { type: "updated"; item: Item; changed: (keyof Item)[] }
  | { type: "removed"; item: Item }
  | { type: "metrics"; row: MetricRow };

export function evidenceOf(segment: Segment, quote: string = segment.text): Evidence {
  return { segmentId: segment.id, speaker: segment.speaker, quote, start: segment.start };
}
