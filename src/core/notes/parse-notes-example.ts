import { z } from "zod";
import { type FieldProblem, TemplateError } from "../errors.js";
import {
  createItem,
  ITEM_KINDS,
  ITEM_STATUSES,
  type Item,
  LEVELS,
  type MetricRow,
  RAGS,
  STATUSES_BY_KIND,
} from "../item.js";
import type { Template } from "../template/template.js";
import { parseWithSchema } from "../template/zod-issue.js";
import type { MeetingNotes } from "./meeting-notes.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const text = z.string().min(1);
const level = z.enum(LEVELS);

/** An example item: an Item with every field optional except what identifies it. */
const exampleItemSchema = z.strictObject({
  id: text.optional(),
  kind: z.enum(ITEM_KINDS),
  section: text,
  text,
  owner: text.nullable().optional(),
  due: isoDate.nullable().optional(),
  status: z.enum(ITEM_STATUSES).nullable().optional(),
  rag: z.enum(RAGS).nullable().optional(),
  likelihood: level.nullable().optional(),
  impact: level.nullable().optional(),
  mitigation: text.nullable().optional(),
  rationale: text.nullable().optional(),
  decidedBy: text.nullable().optional(),
  askedBy: text.nullable().optional(),
  needed: text.nullable().optional(),
  team: text.nullable().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  confidence: z.number().min(0).max(1).optional(),
});

/** A template's filled-in example (templates/examples/<id>.example.json): demo content and test data. */
export const notesExampleSchema = z.strictObject({
  template: text,
  meeting: z.strictObject({
    title: text,
    date: isoDate.nullable(),
    facilitator: text.nullable(),
    attendees: z.array(text),
    durationMinutes: z.number().int().positive().optional(),
  }),
  metrics: z.array(z.strictObject({ team: text, values: z.record(z.string(), z.number()) })),
  items: z.array(exampleItemSchema),
});

/** Validates an example file against its template and fills in what an example leaves out. */
export function parseNotesExample(json: unknown, template: Template, file: string): MeetingNotes {
  const parsed = parseWithSchema(notesExampleSchema, json);
  if (!parsed.ok) throw new TemplateError(file, parsed.problem);
  const example = parsed.value;
  const problem = findExampleProblem(example, template);
  if (problem) throw new TemplateError(file, problem);
  const counters = new Map<string, number>();
  const items = example.items.map((raw): Item => {
    const n = (counters.get(raw.section) ?? 0) + 1;
    counters.set(raw.section, n);
    // Written by a person, not inferred: full confidence unless the example says otherwise, no transcript evidence.
    return createItem({ ...raw, id: raw.id ?? `${raw.section}-${n}`, fields: { ...raw.fields } });
  });
  const metrics = example.metrics.map(
    (row): MetricRow => ({ team: row.team, values: { ...row.values }, evidence: [] }),
  );
  return { template, meeting: { ...example.meeting }, items, metrics };
}

type NotesExample = z.output<typeof notesExampleSchema>;

function findExampleProblem(example: NotesExample, template: Template): FieldProblem | null {
  if (example.template !== template.id) {
    return { path: "template", message: `must be "${template.id}"; got "${example.template}"` };
  }
  const sectionIds = template.sections.map((section) => section.id);
  for (const [index, item] of example.items.entries()) {
    if (!sectionIds.includes(item.section)) {
      return {
        path: `items[${index}].section`,
        message: `must be one of ${sectionIds.join(", ")}; got "${item.section}"`,
      };
    }
    const allowed: readonly string[] = STATUSES_BY_KIND[item.kind];
    if (item.status && !allowed.includes(item.status)) {
      return {
        path: `items[${index}].status`,
        message: `a ${item.kind} status must be one of ${allowed.join(", ")}; got "${item.status}"`,
      };
    }
  }
  const metricColumns =
    template.sections.find((section) => section.kind === "metrics")?.columns?.map((column) => column.id) ?? [];
  for (const [index, row] of example.metrics.entries()) {
    for (const key of Object.keys(row.values)) {
      if (key === "team" || !metricColumns.includes(key)) {
        const known = metricColumns.filter((id) => id !== "team");
        const expected = known.length > 0 ? `must be one of ${known.join(", ")}` : "this template has no metrics";
        return { path: `metrics[${index}].values.${key}`, message: `is not a metrics column: ${expected}` };
      }
    }
  }
  return null;
}
