import { z } from "zod";
import { itemViewSchema } from "../core/item-view.js";
import { TRIAGE_REASONS } from "../core/space/triage.js";
import { itemSourceFields, ragSchema } from "./schemas.js";

export type { ItemSource } from "../core/space/recorded-item.js";
// The triage is built in the domain core; the API hands it out as it is (its schema below documents it).
export type { TriageEntryView as TriageEntry, TriageReason, TriageView as Triage } from "../core/space/triage.js";

/**
 * What the web app reads about a Space as a whole and about a meeting before it starts. The server builds these
 * from the items of the Space's meetings; the web app only renders them.
 */

/** An item as people see it, with the meeting it was recorded in. */
export const recordedItemSchema = itemViewSchema.extend(itemSourceFields).meta({ id: "RecordedItem" });

export const openActionsSchema = z
  .object({
    today: z.iso.date().meta({ description: "In the Space's timezone: what overdue is measured against." }),
    owners: z.array(
      z.object({
        /** null: nobody owns these yet. */
        owner: z.string().nullable(),
        actions: z.array(z.object({ ...itemSourceFields, item: itemViewSchema, overdue: z.boolean() })),
      }),
    ),
  })
  .meta({ id: "OpenActions" });

export const riskRegisterSchema = z
  .object({
    risks: z.array(
      z.object({
        key: z.string().meta({ description: "meetingId:itemId of the first item recorded for the risk." }),
        current: recordedItemSchema,
        /** Oldest first, ending with the current rating. */
        history: z.array(
          z.object({
            ...itemSourceFields,
            itemId: z.string(),
            rag: ragSchema,
            status: itemViewSchema.shape.status,
            text: z.string(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "RiskRegister" });

export const decisionLogSchema = z
  .object({
    query: z.string().nullable(),
    decisions: z.array(
      recordedItemSchema.extend({
        /** Safe to set as innerHTML as it is: everything but the <mark> tags is escaped. */
        headline: z.string().optional().meta({
          description:
            "With a query: the text (and rationale) as HTML, escaped, with only the matched words in <mark>…</mark>.",
        }),
      }),
    ),
  })
  .meta({ id: "DecisionLog" });

export const metricSeriesSchema = z
  .object({
    columns: z.array(z.object({ id: z.string(), label: z.string(), unit: z.string().optional() })),
    teams: z.array(
      z.object({
        team: z.string(),
        points: z.array(z.object({ ...itemSourceFields, values: z.record(z.string(), z.number()) })),
      }),
    ),
  })
  .meta({ id: "MetricSeries" });

export const triageEntrySchema = z
  .object({
    id: z.string(),
    reason: z.enum(TRIAGE_REASONS),
    rag: ragSchema,
    sectionId: z.string(),
    sectionTitle: z.string(),
    text: z.string(),
    owner: z.string().nullable(),
    source: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("pre-read"), rowId: z.uuid() }),
      z.object({ kind: z.literal("item"), itemId: z.string(), ...itemSourceFields }),
    ]),
    detail: z.string().optional(),
  })
  .meta({ id: "TriageEntry" });

export const triageSchema = z
  .object({
    toDiscuss: z.array(triageEntrySchema),
    toAcknowledge: z.array(triageEntrySchema),
    checklist: z.object({
      steps: z.array(z.string()),
      people: z.array(
        z.object({
          userId: z.uuid(),
          name: z.string(),
          rows: z.number().int(),
          updated: z.number().int(),
          done: z.boolean(),
        }),
      ),
    }),
  })
  .meta({ id: "Triage" });

/** `GET /api/spaces/{spaceId}/actions`: every open action item of the Space, grouped by owner. */
export type OpenActions = z.infer<typeof openActionsSchema>;
/** `GET /api/spaces/{spaceId}/risks`: each risk once, with its current rating and the ratings before it. */
export type RiskRegister = z.infer<typeof riskRegisterSchema>;
/** One rating of a risk in one meeting, oldest first, ending with the current rating. */
export type RiskRating = RiskRegister["risks"][number]["history"][number];
/** `GET /api/spaces/{spaceId}/decisions?q=TEXT`: the decision log, newest meeting first; `q` is full-text search. */
export type DecisionLog = z.infer<typeof decisionLogSchema>;
/** `GET /api/spaces/{spaceId}/metrics`: each team's metric values per meeting, oldest first. */
export type MetricSeries = z.infer<typeof metricSeriesSchema>;
