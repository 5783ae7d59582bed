import { describeDate } from "../calendar/dates.js";
import type { Item, ItemKind } from "../item.js";
import { formatCell, formatMetric, formatRag } from "../notes/cell-value.js";
import { type BulletPart, columnBulletParts, fieldText, itemBulletParts } from "../notes/item-bullets.js";
import {
  EMPTY_CELL,
  itemsInSection,
  type MeetingNotes,
  meetingDetailLines,
  unfiledItems,
  unplacedMetrics,
} from "../notes/meeting-notes.js";
import { renderNotesMarkdown } from "../notes/render-markdown.js";
import { compareNames } from "../space/recorded-item.js";
import type { Column, Section } from "../template/template.js";
import { capitalize, oneLine } from "../text.js";
import { countOf, joinWords, KIND_NOUNS, listOfKinds } from "./rules.js";

// The shapes below are the integrations' EmailPayload and SlackPayload (src/integrations/types.ts), declared
// here because the core imports nothing from the edges; TypeScript checks they still fit where they are sent.

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SlackMessage {
  channel: string;
  /** The plain fallback: notifications, and clients that cannot show blocks. */
  text: string;
  blocks: unknown[];
}

/** One message in every form a person may have chosen to receive it. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  slackText: string;
}

export interface NotificationContent {
  title: string;
  body: string;
  /** A path in the web app, or a full URL. */
  link: string;
}

export interface DigestEntry extends NotificationContent {
  spaceName: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Notes as an HTML email
// ---------------------------------------------------------------------------------------------------------------

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif";
const STYLE = {
  h1: "margin:0 0 12px;font-size:24px;line-height:1.3;color:#1f2328;",
  h2: "margin:28px 0 8px;font-size:18px;line-height:1.3;color:#1f2328;border-bottom:1px solid #dde1e6;padding-bottom:4px;",
  p: "margin:0 0 12px;",
  guidance: "margin:0 0 12px;color:#59636e;font-style:italic;",
  ul: "margin:0 0 12px;padding-left:22px;",
  li: "margin:0 0 6px;",
  table: "border-collapse:collapse;width:100%;margin:0 0 12px;font-size:14px;",
  th: "border:1px solid #d1d9e0;background-color:#f6f8fa;padding:6px 8px;text-align:left;vertical-align:top;",
  td: "border:1px solid #d1d9e0;padding:6px 8px;text-align:left;vertical-align:top;",
  footer: "margin:24px 0 0;padding-top:12px;border-top:1px solid #dde1e6;color:#59636e;font-size:13px;",
  link: "color:#0b57d0;",
} as const;

/** Dark enough to read on white (WCAG AA); the emoji and the word carry the rating without colour too. */
const RAG_COLOUR: Record<string, string> = { "🔴": "#b42318", "🟡": "#8a5a00", "🟢": "#1a7f37" };

/**
 * The filled template as a self-contained HTML email: the same sections, order and cell wording as
 * `renderNotesMarkdown` (the cells and bullets come from the same formatters), with inline styles, tables for
 * table sections and ratings as coloured words. Every text from the notes is escaped.
 */
export function renderNotesHtml(notes: MeetingNotes): string {
  return notesDocument(notes, null);
}

function notesDocument(notes: MeetingNotes, footer: string | null): string {
  const { template, meeting } = notes;
  const title = oneLine(meeting.title || template.name);
  const blocks = [
    `<h1 style="${STYLE.h1}">${escapeHtml(title)}</h1>`,
    `<p style="${STYLE.p}"><strong>Purpose:</strong> ${escapeHtml(template.purpose)}</p>`,
  ];
  // As in the Markdown: Meeting Details come first even when a user template has no details section.
  if (!template.sections.some((section) => section.kind === "details")) blocks.push(detailsHtml(notes, null));
  for (const section of template.sections) {
    blocks.push(section.kind === "details" ? detailsHtml(notes, section) : sectionHtml(notes, section));
  }
  const other = otherItemsHtml(notes);
  if (other) blocks.push(other);
  blocks.push(headingHtml("Follow-up", ""));
  for (const paragraph of template.followUp.text.split(/\n\s*\n/).filter((text) => text.trim())) {
    blocks.push(`<p style="${STYLE.p}">${multiline(paragraph.trim())}</p>`);
  }
  if (footer) blocks.push(footer);
  return emailDocument(title, blocks.join("\n"));
}

function detailsHtml(notes: MeetingNotes, section: Section | null): string {
  const list = listHtml(
    meetingDetailLines(notes).map(([label, value]) => `<strong>${label}:</strong> ${escapeHtml(value)}`),
  );
  return `${headingHtml(section?.title ?? "Meeting Details", section?.description ?? "")}\n${list}`;
}

function sectionHtml(notes: MeetingNotes, section: Section): string {
  const items = itemsInSection(notes, section.id);
  const columns = section.columns ?? [];
  const parts: string[] = [];
  if (section.kind === "metrics" && notes.metrics.length > 0) {
    parts.push(
      tableHtml(
        columns.map((column) => column.label),
        notes.metrics.map((row) =>
          columns.map((column) => (column.id === "team" ? row.team : formatMetric(row.values[column.id], column))),
        ),
      ),
    );
  }
  if (items.length > 0) {
    if (columns.length === 0) parts.push(listHtml(items.map(itemBulletHtml)));
    else if (section.layout === "bullets") {
      parts.push(listHtml(items.map((item) => columnBulletHtml(item, section))));
    } else {
      parts.push(
        tableHtml(
          columns.map((column) => column.label),
          items.map((item) => columns.map((column) => formatCell(item, column, section))),
        ),
      );
    }
  }
  const body = parts.length > 0 ? parts.join("\n") : `<p style="${STYLE.guidance}">Nothing recorded.</p>`;
  return `${headingHtml(section.title, section.description)}\n${body}`;
}

function otherItemsHtml(notes: MeetingNotes): string | null {
  const bullets = unfiledItems(notes).map(itemBulletHtml);
  for (const [team, values] of unplacedMetrics(notes)) {
    bullets.push(`<strong>${escapeHtml(team)}</strong>: ${escapeHtml(values)}`);
  }
  if (bullets.length === 0) return null;
  return `${headingHtml("Other items", "Captured under sections this template does not have.")}\n${listHtml(bullets)}`;
}

function headingHtml(title: string, description: string): string {
  const heading = `<h2 style="${STYLE.h2}">${escapeHtml(oneLine(title))}</h2>`;
  return description.trim()
    ? `${heading}\n<p style="${STYLE.guidance}">${escapeHtml(oneLine(description))}</p>`
    : heading;
}

function listHtml(itemsHtml: string[]): string {
  return `<ul style="${STYLE.ul}">\n${itemsHtml.map((html) => `<li style="${STYLE.li}">${html}</li>`).join("\n")}\n</ul>`;
}

function tableHtml(header: string[], rows: string[][]): string {
  const head = header.map((label) => `<th style="${STYLE.th}">${escapeHtml(label)}</th>`).join("");
  const body = rows
    .map((cells) => `<tr>${cells.map((cell) => `<td style="${STYLE.td}">${cellHtml(cell)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table role="table" cellpadding="0" cellspacing="0" style="${STYLE.table}">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function cellHtml(cell: string): string {
  return cell ? colourRatings(escapeHtml(oneLine(cell))) : EMPTY_CELL;
}

/** An item's bullet (src/core/notes/item-bullets.ts) as HTML: the same parts and words as the Markdown notes. */
function itemBulletHtml(item: Item): string {
  return itemBulletParts(item).map(bulletPartHtml).join(" — ");
}

function bulletPartHtml(part: BulletPart): string {
  switch (part.type) {
    case "heading":
      return `<strong>${escapeHtml(part.heading)}</strong> ${multiline(part.text)}`;
    case "team":
      return `<strong>${escapeHtml(part.team)}</strong>: ${multiline(part.text)}`;
    case "text":
      return multiline(part.text);
    case "rag":
      return colourRatings(escapeHtml(formatRag(part.rag)));
    case "status":
      return escapeHtml(capitalize(part.status));
    case "field":
      return `${escapeHtml(part.label)}: ${multiline(fieldText(part))}`;
  }
}

/** A row of a bullets-layout section as HTML, as the Markdown notes write it: the bold head, then the cells. */
function columnBulletHtml(item: Item, section: Section): string {
  const parts = columnBulletParts(item, section.columns ?? []);
  const cell = (column: Column) => colourRatings(multiline(formatCell(item, column, section)));
  const head = parts.head.map((column) => formatCell(item, column, section)).join(" – ");
  let html = head ? `<strong>${multiline(head)}</strong>` : "";
  if (parts.meta.length > 0) {
    const meta = parts.meta.map((column) => `${escapeHtml(column.label)}: ${cell(column)}`).join(", ");
    html += `${html ? " " : ""}(${meta})`;
  }
  if (parts.text) html += `${html ? ": " : ""}${multiline(parts.text)}`;
  for (const column of parts.after) html += ` <em>${escapeHtml(column.label)}:</em> ${cell(column)}`;
  return html;
}

/** "🔴 Red" (or "🟡 At risk") in escaped HTML → the same words in the rating's colour. */
function colourRatings(html: string): string {
  return html.replace(/(🔴|🟡|🟢)( [^—,;:()<\n]+)?/gu, (match, emoji: string, words: string | undefined) => {
    const shown = `${emoji}${words?.trimEnd() ?? ""}`;
    const rest = match.slice(shown.length);
    return `<span style="color:${RAG_COLOUR[emoji]};font-weight:600;">${shown}</span>${rest}`;
  });
}

function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

/** A complete HTML email: tables for layout and inline styles, which is what mail clients render reliably. */
function emailDocument(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:760px;background-color:#ffffff;border:1px solid #dde1e6;">
<tr><td style="padding:24px 28px;font-family:${FONT};font-size:15px;line-height:1.5;color:#1f2328;">
${content}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function linkHtml(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}" style="${STYLE.link}">${escapeHtml(label)}</a>`;
}

// ---------------------------------------------------------------------------------------------------------------
// The notes email
// ---------------------------------------------------------------------------------------------------------------

/** The notes for the attendees: Markdown as the text part, the HTML rendering as the rich part, both linking back. */
export function notesEmail(input: { notes: MeetingNotes; spaceName: string; url: string; to: string[] }): EmailMessage {
  const { notes, spaceName, url } = input;
  const title = oneLine(notes.meeting.title || notes.template.name);
  const date = notes.meeting.date;
  const footer = `<p style="${STYLE.footer}">These notes are from ${escapeHtml(spaceName)} in Docket. ${linkHtml(url, "Open them in Docket")}</p>`;
  return {
    to: [...input.to],
    subject: date ? `Notes: ${title} (${date})` : `Notes: ${title}`,
    text: `${renderNotesMarkdown(notes)}\n---\n\nThese notes are from ${spaceName} in Docket: ${url}\n`,
    html: notesDocument(notes, footer),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The Slack summary
// ---------------------------------------------------------------------------------------------------------------

/** Block Kit's limits (api.slack.com/reference/block-kit). */
export const SLACK_LIMITS = { headerText: 150, sectionText: 3000, blocks: 50 } as const;
/** A summary is short: past this many items of a kind, the rest are counted and left to the notes. */
export const SLACK_ITEMS_PER_KIND = 10;
/** An item's own words are cut here so that one long item cannot crowd out the rest. */
const SLACK_TEXT_CHARS = 280;
const SLACK_DETAIL_CHARS = 200;

export interface SlackSummaryInput {
  spaceName: string;
  meetingTitle: string;
  meetingDate: string;
  url: string;
  channel: string;
  items: Item[];
  include: ItemKind[];
}

/**
 * The short message to the Space's channel after a meeting: a header, one section per kind asked for (decisions
 * and escalations by default in the rules) with a line per item, and a link to the notes. Items already closed
 * (superseded decisions, done actions, resolved risks, answered questions) are left out. When nothing is left,
 * the message says so rather than being empty.
 */
export function slackSummary(input: SlackSummaryInput): SlackMessage {
  const kinds = [...new Set(input.include)];
  const heading = `${oneLine(input.meetingTitle)} — ${input.meetingDate}`;
  const groups = kinds
    .map((kind) => ({ kind, items: input.items.filter((item) => item.kind === kind && !isClosed(item)) }))
    .filter((group) => group.items.length > 0);

  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: truncate(heading, SLACK_LIMITS.headerText), emoji: true } },
  ];
  const nothing = `No ${listOfKinds(kinds, "or") || "items"} in this meeting.`;
  if (groups.length === 0) blocks.push(mrkdwnSection(nothing));
  for (const group of groups) {
    if (blocks.length >= SLACK_LIMITS.blocks - 1) break;
    blocks.push(mrkdwnSection(sectionText(`*${capitalize(KIND_NOUNS[group.kind].many)}*`, group.items)));
  }
  blocks.push({
    type: "context",
    elements: [
      { type: "mrkdwn", text: `${slackLink(input.url, "Open the notes in Docket")} · ${escapeSlack(input.spaceName)}` },
    ],
  });

  const counts = groups.map((group) => countOf(group.kind, group.items.length));
  const summary = counts.length > 0 ? joinWords(counts, "and") : nothing.replace(/\.$/, "");
  return {
    channel: input.channel,
    text: escapeSlack(`${oneLine(input.meetingTitle)} (${input.meetingDate}): ${summary}. ${input.url}`),
    blocks,
  };
}

function mrkdwnSection(text: string): unknown {
  return { type: "section", text: { type: "mrkdwn", text } };
}

/** A bold title and one bullet per item, within the section limit: what does not fit is counted at the end. */
function sectionText(title: string, items: Item[]): string {
  const lines = [title];
  let length = title.length;
  let shown = 0;
  for (const item of items) {
    if (shown >= SLACK_ITEMS_PER_KIND) break;
    const line = `• ${slackItemLine(item)}`;
    // Keep room for the "and N more" line.
    if (length + 1 + line.length > SLACK_LIMITS.sectionText - 40) break;
    lines.push(line);
    length += 1 + line.length;
    shown += 1;
  }
  const more = items.length - shown;
  if (more > 0) lines.push(`_…and ${more} more in the notes_`);
  return lines.join("\n");
}

/** One item as a line of Slack mrkdwn, what matters for its kind after its text. Escaped. */
export function slackItemLine(item: Item): string {
  const text = escapeSlack(truncate(oneLine(item.text), SLACK_TEXT_CHARS));
  const detail = (label: string, value: string | null) =>
    value ? `${label}${escapeSlack(truncate(oneLine(value), SLACK_DETAIL_CHARS))}` : null;
  const parts: (string | null)[] = [];
  switch (item.kind) {
    case "decision":
      parts.push(
        item.status === "pending" ? `${text} _(pending)_` : text,
        detail("decided by ", item.decidedBy),
        detail("_Rationale:_ ", item.rationale),
      );
      break;
    case "escalation":
      parts.push(text, detail("_Needed:_ ", item.needed), detail("owner: ", item.owner));
      break;
    case "action":
      parts.push(
        text,
        item.owner ? detail("", item.owner) : "_no owner_",
        item.due ? `due ${describeDate(item.due)}` : "_no due date_",
      );
      break;
    case "risk":
      parts.push(
        item.rag ? `${formatRag(item.rag)}: ${text}` : text,
        item.owner ? detail("owner: ", item.owner) : "_no owner_",
        detail("_Mitigation:_ ", item.mitigation),
      );
      break;
    case "question":
      parts.push(text, detail("asked by ", item.askedBy));
      break;
    default:
      parts.push(item.team ? `${escapeSlack(item.team)}: ${text}` : text, detail("owner: ", item.owner));
  }
  return parts.filter((part): part is string => Boolean(part)).join(" — ");
}

function isClosed(item: Item): boolean {
  return (
    (item.kind === "decision" && item.status === "superseded") ||
    (item.kind === "action" && item.status === "done") ||
    (item.kind === "risk" && item.status === "resolved") ||
    (item.kind === "question" && item.status === "answered")
  );
}

/** Slack reads &, < and > as its own markup (links, mentions); anything people said is escaped. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `<url|label>`: a | would end the URL early and a > the link, so both are kept out of it. */
export function slackLink(url: string, label: string): string {
  return `<${escapeSlack(url).replace(/\|/g, "%7C")}|${escapeSlack(label)}>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders and the daily digest
// ---------------------------------------------------------------------------------------------------------------

/** One notification (a pre-read or action reminder) as an email and as a Slack message. */
export function reminderMessage(notification: NotificationContent, baseUrl: string): RenderedMessage {
  const url = absoluteUrl(baseUrl, notification.link);
  const title = oneLine(notification.title);
  const content = [
    `<h1 style="${STYLE.h1}">${escapeHtml(title)}</h1>`,
    `<p style="${STYLE.p}">${multiline(notification.body)}</p>`,
    `<p style="${STYLE.p}">${linkHtml(url, "Open in Docket")}</p>`,
  ].join("\n");
  return {
    subject: title,
    text: `${notification.body}\n\nOpen in Docket: ${url}\n`,
    html: emailDocument(title, content),
    slackText: `*${escapeSlack(title)}*\n${escapeSlack(notification.body)}\n${slackLink(url, "Open in Docket")}`,
  };
}

/**
 * The notifications a person chose to get once a day, in one message: grouped by Space (Spaces by name, each
 * Space's notifications in the order given). `date` is the digest's day, YYYY-MM-DD.
 */
export function digestMessage(
  userName: string,
  notifications: DigestEntry[],
  baseUrl: string,
  date: string,
): RenderedMessage {
  const day = describeDate(date);
  const name = oneLine(userName).split(" ")[0] || "there";
  const groups = new Map<string, DigestEntry[]>();
  for (const notification of notifications) {
    const group = groups.get(notification.spaceName) ?? [];
    group.push(notification);
    groups.set(notification.spaceName, group);
  }
  const spaces = [...groups.entries()].sort(([a], [b]) => compareNames(a, b));
  const count = notifications.length;
  const lead =
    count === 0
      ? "Nothing in Docket needs you today."
      : `${count === 1 ? "One thing" : `${count} things`} in Docket ${count === 1 ? "needs" : "need"} you:`;
  const subject = `Your Docket digest for ${day}`;

  const text = [`Hi ${name},`, lead];
  const html = [
    `<h1 style="${STYLE.h1}">${escapeHtml(subject)}</h1>`,
    `<p style="${STYLE.p}">Hi ${escapeHtml(name)},</p>`,
    `<p style="${STYLE.p}">${escapeHtml(lead)}</p>`,
  ];
  const slack = [`*${escapeSlack(subject)}*`, escapeSlack(lead)];
  for (const [spaceName, entries] of spaces) {
    text.push(
      [
        oneLine(spaceName),
        ...entries.map(
          (entry) => `- ${oneLine(entry.title)}: ${oneLine(entry.body)}\n  ${absoluteUrl(baseUrl, entry.link)}`,
        ),
      ].join("\n"),
    );
    html.push(
      `<h2 style="${STYLE.h2}">${escapeHtml(oneLine(spaceName))}</h2>`,
      listHtml(
        entries.map(
          (entry) =>
            `<strong>${linkHtml(absoluteUrl(baseUrl, entry.link), oneLine(entry.title))}</strong><br>${multiline(entry.body)}`,
        ),
      ),
    );
    slack.push(
      [
        `*${escapeSlack(oneLine(spaceName))}*`,
        ...entries.map(
          (entry) =>
            `• ${slackLink(absoluteUrl(baseUrl, entry.link), oneLine(entry.title))}: ${escapeSlack(oneLine(entry.body))}`,
        ),
      ].join("\n"),
    );
  }
  return {
    subject,
    text: `${text.join("\n\n")}\n`,
    html: emailDocument(subject, html.join("\n")),
    slackText: slack.join("\n\n"),
  };
}

/** A web-app path on the server's base URL; a full URL is kept as it is. */
export function absoluteUrl(baseUrl: string, link: string): string {
  if (/^https?:\/\//i.test(link)) return link;
  return `${baseUrl.replace(/\/+$/, "")}/${link.replace(/^\/+/, "")}`;
}

/** At most `max` UTF-16 units, ending in "…" when cut; never half of an emoji. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "");
  return `${cut.trimEnd()}…`;
}
