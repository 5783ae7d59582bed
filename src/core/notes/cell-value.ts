import type { Item, Rag } from "../item.js";
import type { Column } from "../template/template.js";
import { capitalize } from "../text.js";

type TextField = "text" | "owner" | "due" | "status" | "rag" | "likelihood" | "impact" | "mitigation";
type MoreTextField = "rationale" | "decidedBy" | "askedBy" | "needed" | "team";

/** Column ids that name an Item field; every other column id is looked up in `item.fields`. */
const ITEM_FIELD_BY_COLUMN: Record<string, TextField | MoreTextField> = {
  text: "text",
  owner: "owner",
  due: "due",
  status: "status",
  rag: "rag",
  likelihood: "likelihood",
  impact: "impact",
  mitigation: "mitigation",
  rationale: "rationale",
  needed: "needed",
  team: "team",
  decided_by: "decidedBy",
  asked_by: "askedBy",
};

const RAG_EMOJI: Record<Rag, string> = { red: "🔴", yellow: "🟡", green: "🟢" };

/** Roadmap-style statuses that mean "done" get a tick instead of a colour, as the seed writes "✅ Shipped". */
const DONE_STATUS = /^(shipped|done|complete|completed|launched|released)\b/i;

/** The raw value of a column for an item: the Item field of that name, else `item.fields[columnId]`. */
export function columnValue(item: Item, columnId: string): string | null {
  const field = ITEM_FIELD_BY_COLUMN[columnId];
  const value = field ? item[field] : item.fields[columnId];
  return value === undefined || value === null || value === "" ? null : value;
}

/** A qualifier kept beside a typed field, e.g. likelihood "high" with `fields.likelihood` = "6 weeks". */
export function columnNote(item: Item, columnId: string): string | null {
  if (!ITEM_FIELD_BY_COLUMN[columnId]) return null;
  return item.fields[columnId] || null;
}

/** What formatting a cell reads of its column: a template's column, or the same as notes.json writes it. */
export type CellColumn = Pick<Column, "id" | "label" | "type"> & { unit?: string | null };
/** What formatting a cell reads of its section: the other columns. */
export type CellSection = { columns?: readonly CellColumn[] | null };

/** How a column's value reads in the notes; "" when there is none. */
export function formatCell(item: Item, column: CellColumn, section: CellSection): string {
  const value = columnValue(item, column.id);
  const shown = formatValue(item, value, column, section);
  const note = columnNote(item, column.id);
  return note && shown ? `${shown} (${note})` : shown;
}

function formatValue(item: Item, value: string | null, column: CellColumn, section: CellSection): string {
  switch (column.type) {
    case "person":
      return value ? formatPerson(value) : "";
    case "rag":
      return value ? formatRag(value) : "";
    case "level":
      return value ? capitalize(value) : "";
    case "status":
      return formatStatus(item, value, section);
    case "number":
      return value ? `${value}${unitSuffix(column)}` : "";
    default:
      return value ?? "";
  }
}

/** A status cell carries the row's colour when the section has no colour column of its own. */
function formatStatus(item: Item, value: string | null, section: CellSection): string {
  const words = value ? capitalize(value) : "";
  const hasRagColumn = (section.columns ?? []).some((column) => column.type === "rag");
  if (hasRagColumn) return words;
  if (words && DONE_STATUS.test(words)) return `✅ ${words}`;
  if (!item.rag) return words;
  return words ? `${RAG_EMOJI[item.rag]} ${words}` : formatRag(item.rag);
}

/** "Priya Shah" or "@priya" → "@priya": the seed's handle style, lower-case first name. */
export function formatPerson(name: string): string {
  const first = name.trim().replace(/^@+/, "").split(/\s+/)[0] ?? "";
  return first ? `@${first.toLowerCase()}` : "";
}

/** Colour and word, so the rating survives a black-and-white printout or a screen reader. */
export function formatRag(rag: string): string {
  return Object.hasOwn(RAG_EMOJI, rag) ? `${RAG_EMOJI[rag as Rag]} ${capitalize(rag)}` : capitalize(rag);
}

/** A metric number with its unit, unless the column label already names the unit ("Velocity (pts)"). */
export function formatMetric(value: number | undefined, column: CellColumn): string {
  if (value === undefined || !Number.isFinite(value)) return "";
  return `${value}${unitSuffix(column)}`;
}

function unitSuffix(column: CellColumn): string {
  return column.unit && !column.label.includes(`(${column.unit})`) ? ` ${column.unit}` : "";
}
