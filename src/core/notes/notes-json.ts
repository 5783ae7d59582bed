import type { Evidence, Item, MetricRow } from "../item.js";
import type { Column, FollowUpRule, Section, Template } from "../template/template.js";
import { columnValue } from "./cell-value.js";
import { itemsInSection, type MeetingNotes, unfiledItems } from "./meeting-notes.js";

export type CellValue = string | number | null;

export interface ColumnJson {
  id: string;
  label: string;
  type: Column["type"];
  unit: string | null;
}

/** An item as JSON: the same fields as `Item`, in a stable order (see itemToJson). */
export type ItemJson = Item;

export interface SectionJson {
  id: string;
  title: string;
  kind: Section["kind"];
  description: string;
  strategic: boolean | null;
  layout: "table" | "bullets";
  ratingGuide: Section["ratingGuide"] | null;
  columns: ColumnJson[] | null;
  /** For sections with columns: one object per row keyed by column id; `rows[i]` is `items[i]` (or metrics[i]). */
  rows: Record<string, CellValue>[] | null;
  items: ItemJson[];
}

export interface MetricJson {
  team: string;
  values: Record<string, number>;
  evidence: Evidence[];
}

export interface NotesJson {
  template: {
    id: string;
    name: string;
    category: string | null;
    purpose: string;
    durationMinutes: number;
    cadence: Template["cadence"];
  };
  meeting: {
    title: string;
    date: string | null;
    facilitator: string | null;
    attendees: string[];
    durationMinutes: number | null;
  };
  sections: SectionJson[];
  /** Items filed under a section id the template does not have. */
  unfiled: ItemJson[];
  metrics: MetricJson[];
  followUp: { text: string; rules: FollowUpRule[] };
}

/** The filled template as plain data with a fixed key order, so two runs compare equal byte for byte. */
export function notesToJson(notes: MeetingNotes): NotesJson {
  const { template, meeting } = notes;
  const metricColumns = template.sections.find((section) => section.kind === "metrics")?.columns ?? [];
  return {
    template: {
      id: template.id,
      name: template.name,
      category: template.category ?? null,
      purpose: template.purpose,
      durationMinutes: template.durationMinutes,
      cadence: template.cadence,
    },
    meeting: {
      title: meeting.title,
      date: meeting.date,
      facilitator: meeting.facilitator,
      attendees: [...meeting.attendees],
      durationMinutes: meeting.durationMinutes ?? null,
    },
    sections: template.sections.map((section) => sectionToJson(notes, section)),
    unfiled: unfiledItems(notes).map(itemToJson),
    metrics: notes.metrics.map((row) => metricToJson(row, metricColumns)),
    followUp: { text: template.followUp.text, rules: template.followUp.rules.map((rule) => ({ ...rule })) },
  };
}

function sectionToJson(notes: MeetingNotes, section: Section): SectionJson {
  const items = itemsInSection(notes, section.id);
  const columns = section.columns ?? null;
  let rows: Record<string, CellValue>[] | null = null;
  if (columns && section.kind === "metrics") rows = notes.metrics.map((row) => metricRow(row, columns));
  else if (columns) rows = items.map((item) => itemRow(item, columns));
  return {
    id: section.id,
    title: section.title,
    kind: section.kind,
    description: section.description,
    strategic: section.strategic ?? null,
    layout: columns && section.layout !== "bullets" ? "table" : "bullets",
    ratingGuide: section.ratingGuide ? { ...section.ratingGuide } : null,
    columns:
      columns?.map((column) => ({
        id: column.id,
        label: column.label,
        type: column.type,
        unit: column.unit ?? null,
      })) ?? null,
    rows,
    items: items.map(itemToJson),
  };
}

function itemRow(item: Item, columns: Column[]): Record<string, CellValue> {
  return Object.fromEntries(columns.map((column) => [column.id, columnValue(item, column.id)]));
}

function metricRow(row: MetricRow, columns: Column[]): Record<string, CellValue> {
  return Object.fromEntries(
    columns.map((column) => [column.id, column.id === "team" ? row.team : (row.values[column.id] ?? null)]),
  );
}

function metricToJson(row: MetricRow, columns: Column[]): MetricJson {
  // Template column order first, then any value the template does not name, alphabetically.
  const known = columns.map((column) => column.id).filter((id) => row.values[id] !== undefined);
  const extra = Object.keys(row.values)
    .filter((id) => !known.includes(id) && id !== "team")
    .sort();
  const values: Record<string, number> = {};
  for (const id of [...known, ...extra]) {
    const value = row.values[id];
    if (value !== undefined) values[id] = value;
  }
  return { team: row.team, values, evidence: row.evidence.map(evidenceToJson) };
}

export function itemToJson(item: Item): ItemJson {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(item.fields).sort()) {
    const value = item.fields[key];
    if (value !== undefined) fields[key] = value;
  }
  return {
    id: item.id,
    kind: item.kind,
    section: item.section,
    text: item.text,
    owner: item.owner,
    due: item.due,
    status: item.status,
    rag: item.rag,
    likelihood: item.likelihood,
    impact: item.impact,
    mitigation: item.mitigation,
    rationale: item.rationale,
    decidedBy: item.decidedBy,
    askedBy: item.askedBy,
    needed: item.needed,
    team: item.team,
    fields,
    confidence: item.confidence,
    evidence: item.evidence.map(evidenceToJson),
  };
}

function evidenceToJson(evidence: Evidence): Evidence {
  return { segmentId: evidence.segmentId, speaker: evidence.speaker, quote: evidence.quote, start: evidence.start };
}
