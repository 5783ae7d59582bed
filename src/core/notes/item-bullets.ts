import type { Item } from "../item.js";
import type { Column, Section } from "../template/template.js";
import { capitalize } from "../text.js";
import { formatCell, formatPerson, formatRag } from "./cell-value.js";

const DECISION_PREFIX: Record<string, string> = {
  decided: "Decided:",
  pending: "Pending:",
  superseded: "Superseded:",
};

/** One bullet for an item in a section without columns, shaped by what kind of item it is. */
export function renderItemBullet(item: Item): string {
  const owner = item.owner ? `Owner: ${formatPerson(item.owner)}` : null;
  const parts: (string | null)[] = [];
  switch (item.kind) {
    case "decision":
      parts.push(
        `**${(item.status && DECISION_PREFIX[item.status]) || "Decision:"}** ${item.text}`,
        item.rationale ? `Rationale: ${item.rationale}` : null,
        owner,
        item.decidedBy ? `Decided by: ${item.decidedBy}` : null,
      );
      break;
    case "question":
      parts.push(
        `**${item.status === "answered" ? "Answered:" : "Open:"}** ${item.text}`,
        item.askedBy ? `Asked by: ${item.askedBy}` : null,
        owner,
      );
      break;
    case "escalation":
      parts.push(item.text, item.needed ? `Needed: ${item.needed}` : null, owner);
      break;
    case "action":
      parts.push(item.text, owner, item.due ? `Due: ${item.due}` : null, item.status ? capitalize(item.status) : null);
      break;
    case "risk":
      parts.push(
        item.rag ? formatRag(item.rag) : null,
        item.text,
        owner,
        item.likelihood ? `Likelihood: ${capitalize(item.likelihood)}` : null,
        item.impact ? `Impact: ${capitalize(item.impact)}` : null,
        item.mitigation ? `Mitigation: ${item.mitigation}` : null,
      );
      break;
    default:
      parts.push(item.team ? `**${item.team}**: ${item.text}` : item.text, owner);
  }
  return bullet(parts.filter((part): part is string => Boolean(part)).join(" — "));
}

/**
 * One bullet for a row of a bullets-layout section, as the seed writes them:
 * `**Mobile – Senior iOS Engineer**: Offer accepted…`. Leading text/person columns form the bold head,
 * other columns before `text` go in parentheses, columns after `text` follow as labelled sentences.
 */
export function renderColumnBullet(item: Item, section: Section): string {
  const columns = section.columns ?? [];
  const textIndex = columns.findIndex((column) => column.id === "text");
  const before = textIndex === -1 ? columns : columns.slice(0, textIndex);
  const after = textIndex === -1 ? [] : columns.slice(textIndex + 1);
  let headLength = 0;
  while (headLength < before.length && isHeadColumn(before[headLength])) headLength++;
  const cell = (column: Column): string => formatCell(item, column, section);
  const head = before.slice(0, headLength).map(cell).filter(Boolean).join(" – ");
  const meta = before
    .slice(headLength)
    .map((column) => labelled(column, cell(column)))
    .filter(Boolean);
  const text = textIndex === -1 ? "" : item.text;
  let line = head ? `**${head}**` : "";
  if (meta.length > 0) line += `${line ? " " : ""}(${meta.join(", ")})`;
  if (text) line += line ? `: ${text}` : text;
  for (const column of after) {
    const value = cell(column);
    if (value) line += ` _${column.label}:_ ${value}`;
  }
  return bullet(line);
}

function isHeadColumn(column: Column | undefined): boolean {
  return column !== undefined && column.id !== "text" && (column.type === "text" || column.type === "person");
}

function labelled(column: Column, value: string): string {
  return value ? `${column.label}: ${value}` : "";
}

/** A Markdown bullet; continuation lines are indented so a multi-line text stays inside it. */
function bullet(text: string): string {
  return `- ${text.replace(/\r?\n/g, "\n  ")}`;
}
