import type { Item } from "../item.js";
import type { Section } from "../template/template.js";
import { oneLine } from "../text.js";
import { formatCell, formatMetric } from "./cell-value.js";
import { renderColumnBullet, renderItemBullet } from "./item-bullets.js";
import { escapeMarkdown } from "./markdown-text.js";
import {
  EMPTY_CELL,
  itemsInSection,
  type MeetingNotes,
  meetingDetailLines,
  unfiledItems,
  unplacedMetrics,
} from "./meeting-notes.js";

const NOTHING_RECORDED = "_Nothing recorded._";

/** The filled template as Markdown, laid out like the seed document. Pure: same notes, same text. */
export function renderNotesMarkdown(notes: MeetingNotes): string {
  const { template, meeting } = notes;
  const blocks: string[] = [
    `# ${escapeMarkdown(oneLine(meeting.title || template.name))}`,
    `**Purpose:** ${template.purpose}`,
  ];
  // The seed always opens with Meeting Details; keep it even when a user template has no details section.
  if (!template.sections.some((section) => section.kind === "details")) blocks.push(renderDetails(notes, null));
  for (const section of template.sections) {
    blocks.push(section.kind === "details" ? renderDetails(notes, section) : renderSection(notes, section));
  }
  const other = renderOtherItems(notes);
  if (other) blocks.push(other);
  blocks.push(["## Follow-up", template.followUp.text].filter(Boolean).join("\n\n"));
  return `${blocks.join("\n\n")}\n`;
}

/** Items and metrics the template has no place for, so nothing captured is dropped from the notes. */
function renderOtherItems(notes: MeetingNotes): string | null {
  const bullets = unfiledItems(notes).map(renderItemBullet);
  for (const [team, values] of unplacedMetrics(notes))
    bullets.push(`- **${escapeMarkdown(team)}**: ${escapeMarkdown(values)}`);
  if (bullets.length === 0) return null;
  return ["## Other items", "_Captured under sections this template does not have._", bullets.join("\n")].join("\n\n");
}

function renderDetails(notes: MeetingNotes, section: Section | null): string {
  const lines = meetingDetailLines(notes).map(([label, value]) => `- **${label}:** ${escapeMarkdown(value)}`);
  return [heading(section?.title ?? "Meeting Details", section?.description ?? ""), lines.join("\n")].join("\n\n");
}

function renderSection(notes: MeetingNotes, section: Section): string {
  const items = itemsInSection(notes, section.id);
  const parts: string[] = [];
  if (section.kind === "metrics" && notes.metrics.length > 0) parts.push(renderMetricsTable(notes, section));
  if (items.length > 0) parts.push(renderItems(items, section));
  return [heading(section.title, section.description), parts.length > 0 ? parts.join("\n\n") : NOTHING_RECORDED].join(
    "\n\n",
  );
}

function heading(title: string, description: string): string {
  return description.trim()
    ? `## ${oneLine(title)}\n\n_${escapeInline(oneLine(description))}_`
    : `## ${oneLine(title)}`;
}

function renderItems(items: Item[], section: Section): string {
  const columns = section.columns ?? [];
  if (columns.length === 0) return items.map(renderItemBullet).join("\n");
  if (section.layout === "bullets") return items.map((item) => renderColumnBullet(item, section)).join("\n");
  const rows = items.map((item) => columns.map((column) => escapeMarkdown(formatCell(item, column, section))));
  return renderTable(
    columns.map((column) => column.label),
    rows,
  );
}

function renderMetricsTable(notes: MeetingNotes, section: Section): string {
  const columns = section.columns ?? [];
  const rows = notes.metrics.map((row) =>
    columns.map((column) =>
      column.id === "team" ? escapeMarkdown(row.team) : formatMetric(row.values[column.id], column),
    ),
  );
  return renderTable(
    columns.map((column) => column.label),
    rows,
  );
}

function renderTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  const body = rows.map((cells) => line(cells.map((cell) => cell || EMPTY_CELL)));
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...body].join("\n");
}

/** A table cell must stay on one line and must not end the cell early. */
export function escapeCell(text: string): string {
  return oneLine(text).replace(/\|/g, "\\|");
}

function escapeInline(text: string): string {
  return text.replace(/([_*])/g, "\\$1");
}
