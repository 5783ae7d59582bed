import type { Item, ItemStatus, Rag } from "../item.js";
import { capitalize } from "../text.js";
import { type CellColumn, formatCell, formatPerson, formatRag } from "./cell-value.js";
import { escapeMarkdown } from "./markdown-text.js";

// An item's bullet in the notes is decided here once, as parts: which words, in which order. The Markdown notes
// (below), the HTML email (src/core/follow-up/messages.ts) and the web app (web/src/pages/notes.tsx) each write
// the parts out in their own markup.

/** How a labelled value is written: a person, a date, a level (low, medium, high), or text as it is. */
export type FieldFormat = "person" | "date" | "level" | "text";

/** One part of a bullet shaped by the item's kind. The parts are joined by " — ". */
export type BulletPart =
  /** Bold words that say what the item is, then its text: "**Decided:** Ship on Friday". */
  | { type: "heading"; heading: string; text: string }
  /** A team's row: the team in bold, then the text: "**Platform**: Two engineers start Monday". */
  | { type: "team"; team: string; text: string }
  | { type: "text"; text: string }
  | { type: "rag"; rag: Rag }
  | { type: "status"; status: ItemStatus }
  /** A labelled value: "Owner: @priya", "Due: 2025-03-21". */
  | { type: "field"; label: string; value: string; format: FieldFormat };

const DECISION_HEADINGS: Partial<Record<ItemStatus, string>> = {
  decided: "Decided:",
  pending: "Pending:",
  superseded: "Superseded:",
};

/** The parts of the bullet for an item in a section without columns, shaped by what kind of item it is. */
export function itemBulletParts(item: Item): BulletPart[] {
  const field = (label: string, value: string | null, format: FieldFormat = "text"): BulletPart | null =>
    value ? { type: "field", label, value, format } : null;
  const text: BulletPart = { type: "text", text: item.text };
  const owner = field("Owner", item.owner, "person");
  let parts: (BulletPart | null)[];
  switch (item.kind) {
    case "decision":
      parts = [
        { type: "heading", heading: (item.status && DECISION_HEADINGS[item.status]) || "Decision:", text: item.text },
        field("Rationale", item.rationale),
        owner,
        field("Decided by", item.decidedBy),
      ];
      break;
    case "question":
      parts = [
        { type: "heading", heading: item.status === "answered" ? "Answered:" : "Open:", text: item.text },
        field("Asked by", item.askedBy),
        owner,
      ];
      break;
    case "escalation":
      parts = [text, field("Needed", item.needed), owner];
      break;
    case "action":
      parts = [
        text,
        owner,
        field("Due", item.due, "date"),
        item.status ? { type: "status", status: item.status } : null,
      ];
      break;
    case "risk":
      parts = [
        item.rag ? { type: "rag", rag: item.rag } : null,
        text,
        owner,
        field("Likelihood", item.likelihood, "level"),
        field("Impact", item.impact, "level"),
        field("Mitigation", item.mitigation),
      ];
      break;
    default:
      parts = [item.team ? { type: "team", team: item.team, text: item.text } : text, owner];
  }
  return parts.filter((part): part is BulletPart => part !== null && !(part.type === "text" && !part.text));
}

/**
 * The parts of the bullet for a row of a section with columns written as bullets, as the seed writes staffing:
 * `**Mobile – Senior iOS Engineer**: Offer accepted…`. Only columns with a value are named.
 */
export interface ColumnBulletParts<C extends CellColumn> {
  /** Leading text and person columns: the bold head, joined by " – ". */
  head: C[];
  /** The other columns before the text: "(Label: value, …)". */
  meta: C[];
  /** The item's text, when the section has a text column. */
  text: string | null;
  /** Columns after the text, each labelled: "_Target:_ Q3". */
  after: C[];
}

export function columnBulletParts<C extends CellColumn>(item: Item, columns: readonly C[]): ColumnBulletParts<C> {
  const hasValue = (column: C) => formatCell(item, column, { columns }) !== "";
  const textIndex = columns.findIndex((column) => column.id === "text");
  const before = textIndex === -1 ? columns : columns.slice(0, textIndex);
  let headLength = 0;
  while (headLength < before.length && isHeadColumn(before[headLength])) headLength++;
  return {
    head: before.slice(0, headLength).filter(hasValue),
    meta: before.slice(headLength).filter(hasValue),
    text: textIndex === -1 || !item.text ? null : item.text,
    after: textIndex === -1 ? [] : columns.slice(textIndex + 1).filter(hasValue),
  };
}

function isHeadColumn(column: CellColumn | undefined): boolean {
  return column !== undefined && column.id !== "text" && (column.type === "text" || column.type === "person");
}

/** A labelled value as the Markdown notes and the email write it: people as the seed's handles ("@priya"). */
export function fieldText(part: Extract<BulletPart, { type: "field" }>): string {
  switch (part.format) {
    case "person":
      return formatPerson(part.value);
    case "level":
      return capitalize(part.value);
    default:
      return part.value;
  }
}

// ---- Markdown ----

/** The Markdown bullet for an item in a section without columns. */
export function renderItemBullet(item: Item): string {
  return bullet(itemBulletParts(item).map(partMarkdown).join(" — "));
}

/** A part in Markdown: Docket's own words as markup, what people said escaped. */
function partMarkdown(part: BulletPart): string {
  switch (part.type) {
    case "heading":
      return `**${part.heading}** ${escapeMarkdown(part.text)}`;
    case "team":
      return `**${escapeMarkdown(part.team)}**: ${escapeMarkdown(part.text)}`;
    case "text":
      return escapeMarkdown(part.text);
    case "rag":
      return formatRag(part.rag);
    case "status":
      return escapeMarkdown(capitalize(part.status));
    case "field":
      return `${part.label}: ${escapeMarkdown(fieldText(part))}`;
  }
}

/** The Markdown bullet for a row of a bullets-layout section. */
export function renderColumnBullet(item: Item, section: { columns?: readonly CellColumn[] | null }): string {
  const columns = section.columns ?? [];
  const parts = columnBulletParts(item, columns);
  const cell = (column: CellColumn) => escapeMarkdown(formatCell(item, column, section));
  const head = parts.head.map(cell).join(" – ");
  let line = head ? `**${head}**` : "";
  if (parts.meta.length > 0) {
    line += `${line ? " " : ""}(${parts.meta.map((column) => `${column.label}: ${cell(column)}`).join(", ")})`;
  }
  if (parts.text) line += line ? `: ${escapeMarkdown(parts.text)}` : escapeMarkdown(parts.text);
  for (const column of parts.after) line += ` _${column.label}:_ ${cell(column)}`;
  return bullet(line);
}

/** A Markdown bullet; continuation lines are indented so a multi-line text stays inside it. */
function bullet(text: string): string {
  return `- ${text.replace(/\r?\n/g, "\n  ")}`;
}
