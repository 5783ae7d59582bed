import type { Item, MetricRow, Rag } from "../item.js";
import { isStillOpen } from "../series/carry-forward.js";
import type { Column, Section, Template } from "../template/template.js";
import { describeOutOfRange, isOutOfRange, type MetricBounds, normalRange, parseCellNumber } from "./metric-range.js";
import { teamKey } from "./metric-series.js";
import { compareNames, type ItemSource, type RecordedItem, sourceOf } from "./recorded-item.js";
import { recordedItemKey } from "./risk-register.js";

/**
 * Why an entry is on the facilitator's list. To discuss: a red or yellow risk (or a red or yellow row of another
 * rated section), a risk nobody rated, a metric outside its usual range, an escalation, or business carried
 * over from the last meeting. To acknowledge: green rows, metrics as usual, and rows with no rating.
 */
export const TRIAGE_REASONS = [
  "red risk",
  "yellow risk",
  "unrated risk",
  "red",
  "yellow",
  "metric out of range",
  "escalation",
  "carried over",
  "green risk",
  "green",
  "metrics",
  "update",
] as const;
export type TriageReason = (typeof TRIAGE_REASONS)[number];

export interface TriageEntryView {
  /** Stable within the meeting, for keys and links: the pre-read row's id, or `meetingId:itemId` for an item. */
  id: string;
  reason: TriageReason;
  rag: Rag | null;
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

/** The facilitator's view of the pre-read (`GET /api/meetings/{meetingId}/triage`). */
export interface TriageView {
  /** Red before yellow, then the rest in section order. */
  toDiscuss: TriageEntryView[];
  /** Green and as usual: in the notes for visibility, not for airtime. */
  toAcknowledge: TriageEntryView[];
  /** The template's "Before the meeting" list, and for each person with pre-read rows whether they updated them. */
  checklist: {
    steps: string[];
    people: { userId: string; name: string; rows: number; updated: number; done: boolean }[];
  };
}

/** A row of this meeting's pre-read: cells by column id. */
export interface PreReadRowInput {
  id: string;
  sectionId: string;
  ownerId: string | null;
  ownerName: string | null;
  cells: Record<string, string>;
  position: number;
  /** Its owner (or a facilitator) has written to it. */
  updated: boolean;
}

export interface TriageInput<I extends Item> {
  template: Pick<Template, "sections" | "beforeMeeting">;
  rows: readonly PreReadRowInput[];
  /** The metrics rows of the Space's earlier meetings, one list per meeting, oldest meeting first. */
  earlierMetrics: readonly (readonly Pick<MetricRow, "team" | "values">[])[];
  /** The Space's normal ranges by metric column; a column without one is judged by the team's history. */
  metricBounds?: MetricBounds;
  /** The items of the Space's most recent earlier meeting that ended, as people see them. */
  previous: readonly RecordedItem<I>[];
}

/**
 * What the last meeting leaves to the next: action items not done, red and yellow risks not resolved, questions
 * not answered, decisions still pending.
 */
export function carryOverItems<I extends Item>(items: readonly RecordedItem<I>[]): RecordedItem<I>[] {
  return items.filter(({ item }) => isStillOpen(item));
}

/** A rating as people type it into a cell: "Red", "amber", "🟡", "g". */
export function parseRag(cell: string | undefined): Rag | null {
  const text = (cell ?? "").trim().toLowerCase();
  if (text.startsWith("🔴") || /^(?:red|r)\b/.test(text)) return "red";
  if (text.startsWith("🟡") || text.startsWith("🟠") || /^(?:yellow|amber|y)\b/.test(text)) return "yellow";
  if (text.startsWith("🟢") || /^(?:green|g)\b/.test(text)) return "green";
  return null;
}

interface Placed {
  entry: TriageEntryView;
  discuss: boolean;
  sectionIndex: number;
  /** Pre-read rows by position, then carried-over items in the order given. */
  order: number;
}

/**
 * The facilitator's view of the pre-read (the template's rule: airtime for red and yellow, green for the notes).
 * To discuss comes red first, then yellow, then the rest; each group in template section order, then rows by
 * position. The checklist says, per person with rows, how many of them they have updated.
 */
export function triagePreRead<I extends Item>(input: TriageInput<I>): TriageView {
  const { sections } = input.template;
  const sectionIndex = (id: string) => {
    const index = sections.findIndex((section) => section.id === id);
    return index === -1 ? sections.length : index;
  };
  const placed: Placed[] = [];
  for (const row of input.rows) {
    const section = sections.find((candidate) => candidate.id === row.sectionId);
    const triaged = section ? triageRow(row, section, input.earlierMetrics, input.metricBounds ?? {}) : null;
    if (!triaged) continue;
    placed.push({ ...triaged, sectionIndex: sectionIndex(row.sectionId), order: row.position });
  }
  carryOverItems(input.previous).forEach((recorded, i) => {
    const { item } = recorded;
    placed.push({
      entry: {
        id: recordedItemKey(recorded),
        reason: "carried over",
        rag: item.rag,
        sectionId: item.section,
        sectionTitle: sections.find((section) => section.id === item.section)?.title ?? item.section,
        text: item.text,
        owner: item.owner,
        source: { kind: "item", itemId: item.id, ...sourceOf(recorded) },
      },
      discuss: true,
      sectionIndex: sectionIndex(item.section),
      order: Number.MAX_SAFE_INTEGER / 2 + i,
    });
  });
  placed.sort(
    (a, b) =>
      discussRank(a.entry.rag) - discussRank(b.entry.rag) || a.sectionIndex - b.sectionIndex || a.order - b.order,
  );
  return {
    toDiscuss: placed.filter((p) => p.discuss).map((p) => p.entry),
    toAcknowledge: placed.filter((p) => !p.discuss).map((p) => p.entry),
    checklist: { steps: [...input.template.beforeMeeting], people: checklistPeople(input.rows) },
  };
}

function discussRank(rag: Rag | null): number {
  return rag === "red" ? 0 : rag === "yellow" ? 1 : 2;
}

/** Where one row goes and why; null for a row nobody has filled in (it shows in the checklist instead). */
function triageRow(
  row: PreReadRowInput,
  section: Section,
  earlierMetrics: TriageInput<Item>["earlierMetrics"],
  bounds: MetricBounds,
): Omit<Placed, "sectionIndex" | "order"> | null {
  const columns = section.columns ?? [];
  if (!Object.values(row.cells).some((cell) => cell.trim() !== "")) return null;
  const ragColumn = columns.find((column) => column.type === "rag");
  const rag = ragColumn ? parseRag(row.cells[ragColumn.id]) : null;
  const entry = (reason: TriageReason, detail?: string): TriageEntryView => ({
    id: row.id,
    reason,
    rag,
    sectionId: section.id,
    sectionTitle: section.title,
    text: rowText(row, columns),
    owner: rowOwner(row, columns),
    source: { kind: "pre-read", rowId: row.id },
    ...(detail === undefined ? {} : { detail }),
  });
  switch (section.kind) {
    case "escalations":
      return { entry: entry("escalation"), discuss: true };
    case "metrics": {
      const unusual = unusualMetrics(row, columns, earlierMetrics, bounds);
      return unusual.length > 0
        ? { entry: entry("metric out of range", unusual.join("; ")), discuss: true }
        : { entry: entry("metrics"), discuss: false };
    }
    case "risks":
      if (rag === "green") return { entry: entry("green risk"), discuss: false };
      return {
        entry: entry(rag === "red" ? "red risk" : rag === "yellow" ? "yellow risk" : "unrated risk"),
        discuss: true,
      };
    default:
      if (rag === "red" || rag === "yellow") return { entry: entry(rag), discuss: true };
      return { entry: entry(rag === "green" ? "green" : "update"), discuss: false };
  }
}

/**
 * Each numeric cell outside its normal range, described: "Velocity (pts) 40 (usual 78–90)". The Space's bound
 * for a column wins; otherwise the range is the team's own history.
 */
function unusualMetrics(
  row: PreReadRowInput,
  columns: readonly Column[],
  earlierMetrics: TriageInput<Item>["earlierMetrics"],
  bounds: MetricBounds,
): string[] {
  const team = teamKey(row.cells[teamColumn(columns)?.id ?? "team"] ?? "");
  if (!team) return [];
  const teamRows = earlierMetrics.flatMap((rows) => rows.filter((earlier) => teamKey(earlier.team) === team));
  const found: string[] = [];
  for (const column of columns) {
    if (column.type !== "number") continue;
    const value = parseCellNumber(row.cells[column.id]);
    if (value === null) continue;
    const bound = bounds[column.id];
    const range = normalRange(
      bound,
      teamRows.flatMap((earlier) => earlier.values[column.id] ?? []),
    );
    if (range && isOutOfRange(value, range)) {
      const fromBound = bound?.min !== undefined || bound?.max !== undefined;
      found.push(describeOutOfRange(column.label, value, range, fromBound));
    }
  }
  return found;
}

function teamColumn(columns: readonly Column[]): Column | undefined {
  return columns.find((column) => column.id === "team") ?? columns.find((column) => column.type === "text");
}

/** What the row is about: its first filled text column, with its "text" column (progress, update) after it. */
function rowText(row: PreReadRowInput, columns: readonly Column[]): string {
  const filled = (column: Column) => (row.cells[column.id] ?? "").trim();
  const first = columns.find((column) => column.type === "text" && filled(column) !== "");
  const main = columns.find((column) => column.id === "text");
  if (first && main && main !== first && filled(main) !== "") return `${filled(first)} — ${filled(main)}`;
  if (first) return filled(first);
  return (
    Object.values(row.cells)
      .find((cell) => cell.trim() !== "")
      ?.trim() ?? ""
  );
}

/** The person the row names (a risk's owner), else whoever the row belongs to. */
function rowOwner(row: PreReadRowInput, columns: readonly Column[]): string | null {
  const person = columns.find((column) => column.type === "person" && (row.cells[column.id] ?? "").trim() !== "");
  return person ? (row.cells[person.id] ?? "").trim() : row.ownerName;
}

function checklistPeople(rows: readonly PreReadRowInput[]): TriageView["checklist"]["people"] {
  const people = new Map<string, { userId: string; name: string; rows: number; updated: number; done: boolean }>();
  for (const row of rows) {
    if (row.ownerId === null) continue;
    const person = people.get(row.ownerId) ?? {
      userId: row.ownerId,
      name: row.ownerName ?? "",
      rows: 0,
      updated: 0,
      done: false,
    };
    person.rows += 1;
    if (row.updated) person.updated += 1;
    person.done = person.updated === person.rows;
    people.set(row.ownerId, person);
  }
  return [...people.values()].sort((a, b) => compareNames(a.name, b.name));
}
