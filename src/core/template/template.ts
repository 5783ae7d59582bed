import { z } from "zod";
import { RAGS } from "../item.js";
import { CADENCES } from "../meeting.js";

/**
 * A meeting template is data: users add their own as JSON files, so every field is validated on load.
 * The section `kind` tells the engine which items belong where; `columns` are the table's columns in order.
 */
export const SECTION_KINDS = [
  "details", // date, facilitator, attendees, duration
  "metrics", // one row per team, numeric columns
  "staffing",
  "risks",
  "initiatives",
  "roadmap",
  "upcoming",
  "constraints",
  "decisions",
  "escalations",
  "actions",
  "questions",
  "notes",
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const COLUMN_TYPES = ["text", "number", "person", "date", "rag", "level", "status"] as const;

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, "must be lower-case letters, digits, - or _, starting with a letter");

export const columnSchema = z.strictObject({
  id,
  label: z.string().min(1),
  type: z.enum(COLUMN_TYPES),
  /** Unit shown after numbers (e.g. "pts", "min"). */
  unit: z.string().optional(),
  /** Words people say for this column ("recovery time" for P1 MTTR); used by the engine for metrics. */
  aliases: z.array(z.string().min(1)).optional(),
});
export type Column = z.infer<typeof columnSchema>;

export const sectionSchema = z.strictObject({
  id,
  title: z.string().min(1),
  kind: z.enum(SECTION_KINDS),
  /** The guidance line printed under the section heading in the seed. */
  description: z.string(),
  /** Table columns, in order; absent for sections written as bullets or prose. */
  columns: z.array(columnSchema).optional(),
  /** How a section with columns is written: a table (default), or one bullet per row as the seed writes staffing. */
  layout: z.enum(["table", "bullets"]).optional(),
  /** Rating scale for risk sections that use one ("Red = needs action this week"). */
  ratingGuide: z.record(z.enum(RAGS), z.string()).optional(),
  /** Discussed in this meeting (strategic) or kept for visibility; used for drift warnings. */
  strategic: z.boolean().optional(),
});
export type Section = z.infer<typeof sectionSchema>;

export const followUpRuleSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("distribute-notes"),
    withinMinutes: z.number().int().positive(),
    audience: z.string().min(1),
  }),
  z.strictObject({
    kind: z.literal("slack-summary"),
    channel: z.string().min(1),
    include: z.array(z.enum(["decision", "escalation", "action", "risk", "question"])).min(1),
  }),
  z.strictObject({ kind: z.literal("red-risk-to-next-agenda") }),
  z.strictObject({ kind: z.literal("unowned-risk-escalate") }),
  z.strictObject({
    kind: z.literal("communicate-before"),
    what: z.string().min(1),
    audience: z.string().min(1),
    before: z.string().min(1),
  }),
]);
export type FollowUpRule = z.infer<typeof followUpRuleSchema>;

export const templateSchema = z.strictObject({
  id,
  name: z.string().min(1),
  category: z.string().optional(),
  purpose: z.string().min(1),
  durationMinutes: z.number().int().positive(),
  cadence: z.enum(CADENCES),
  /** "How to run this meeting": paragraphs of guidance. */
  howToRun: z.array(z.string().min(1)),
  /** "Before the meeting" checklist. */
  beforeMeeting: z.array(z.string().min(1)),
  /** Hours before the start the pre-read opens. */
  preReadHours: z.number().nonnegative().default(24),
  sections: z.array(sectionSchema).min(1),
  followUp: z.strictObject({ text: z.string(), rules: z.array(followUpRuleSchema) }),
});
export type Template = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;
