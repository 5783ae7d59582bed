import { z } from "zod";
import type { Segment } from "./segment.js";

// The item is declared once, as a zod schema: its TypeScript type, its OpenAPI component (`id` below, read by
// @hono/zod-openapi) and the web app's types are all derived from it.

/** The kinds of typed record the agent captures. `update` rows belong to a section such as staffing. */
export const ITEM_KINDS = ["decision", "action", "risk", "question", "escalation", "update"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A rating, in the order the rating pickers list them. */
export const RAGS = ["red", "yellow", "green"] as const;
export type Rag = (typeof RAGS)[number];
export const LEVELS = ["low", "medium", "high"] as const;
export type Level = (typeof LEVELS)[number];

/** The statuses each kind of item may have. */
export const STATUSES_BY_KIND = {
  decision: ["decided", "pending", "superseded"],
  action: ["open", "done"],
  question: ["open", "answered"],
  risk: ["open", "resolved"],
  escalation: ["open", "resolved"],
  update: ["open", "done"],
} as const satisfies Record<ItemKind, readonly string[]>;
export type DecisionStatus = (typeof STATUSES_BY_KIND.decision)[number];
export type ActionStatus = (typeof STATUSES_BY_KIND.action)[number];
export type QuestionStatus = (typeof STATUSES_BY_KIND.question)[number];
export type RiskStatus = (typeof STATUSES_BY_KIND.risk)[number];
export const ITEM_STATUSES = [
  "decided",
  "pending",
  "superseded",
  "open",
  "done",
  "answered",
  "resolved",
] as const satisfies readonly (typeof STATUSES_BY_KIND)[ItemKind][number][];
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Where an item came from: the words, who said them and when. */
export const evidenceSchema = z.object({
  segmentId: z.string(),
  speaker: z.string().nullable(),
  quote: z.string(),
  /** Seconds from the start of the meeting. */
  start: z.number().nullable(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const itemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ITEM_KINDS),
    /** The template section the item is filed under (e.g. "decisions", "staffing"). */
    section: z.string(),
    text: z.string(),
    owner: z.string().nullable(),
    /** ISO date (YYYY-MM-DD). */
    due: z.iso.date().nullable(),
    status: z.enum(ITEM_STATUSES).nullable(),
    rag: z.enum(RAGS).nullable(),
    likelihood: z.enum(LEVELS).nullable(),
    impact: z.enum(LEVELS).nullable(),
    mitigation: z.string().nullable(),
    rationale: z.string().nullable(),
    /** Decision: who made the call. */
    decidedBy: z.string().nullable(),
    /** Question: who asked. */
    askedBy: z.string().nullable(),
    /** Escalation: what is needed, and from whom. */
    needed: z.string().nullable(),
    /** Team a row belongs to (staffing, metrics-adjacent updates), when known. */
    team: z.string().nullable(),
    /** Section-specific columns that have no field above (roadmap "feature", staffing "role"), by column id. */
    fields: z.record(z.string(), z.string()),
    /** 0..1: how sure the engine is that this is a real item. */
    confidence: z.number(),
    evidence: z.array(evidenceSchema),
  })
  .meta({ id: "Item", description: "A typed record the agent captured, with the words it came from." });
export type Item = z.infer<typeof itemSchema>;

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
export const metricRowSchema = z
  .object({ team: z.string(), values: z.record(z.string(), z.number()), evidence: z.array(evidenceSchema) })
  .meta({ id: "MetricRow" });
export type MetricRow = z.infer<typeof metricRowSchema>;

export type ItemEvent =
  | { type: "added"; item: Item }
  | { type: "updated"; item: Item; changed: (keyof Item)[] }
  | { type: "removed"; item: Item }
  | { type: "metrics"; row: MetricRow };

export function evidenceOf(segment: Segment, quote: string = segment.text): Evidence {
  return { segmentId: segment.id, speaker: segment.speaker, quote, start: segment.start };
}
