import { and, asc, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { Item, ItemKind, MetricRow } from "../core/item.js";
import type { ItemLinks } from "../core/series/item-links.js";
import type { Db } from "./database.js";
import { type ItemEdits, type ItemReview, items, meetings, searchVector } from "./schema.js";

/**
 * The reads behind a Space's home page and a meeting's triage: items and metrics across the Space's meetings,
 * each with the meeting it was recorded in. Rejected items never come back; what people see of the rest (their
 * edits, whether a merged item is still shown) is decided by the caller.
 */

export interface SpaceItemRow {
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
  /** ISO 8601. */
  scheduledAt: string;
  item: Item;
  edits: ItemEdits;
  review: ItemReview;
  removed: boolean;
  links: ItemLinks;
  /** ISO 8601: the engine's last update or a person's last review. */
  changedAt: string;
}

const itemColumns = {
  meetingId: meetings.id,
  meetingTitle: meetings.title,
  meetingDate: meetings.meetingDate,
  scheduledAt: meetings.scheduledAt,
  item: items.item,
  edits: items.edits,
  review: items.review,
  removed: items.removed,
  links: items.links,
  changedAt: items.updatedAt,
};

type ItemRecord = Omit<SpaceItemRow, "scheduledAt" | "changedAt"> & { scheduledAt: Date; changedAt: Date };

function toRow({ scheduledAt, changedAt, ...row }: ItemRecord): SpaceItemRow {
  return { ...row, scheduledAt: scheduledAt.toISOString(), changedAt: changedAt.toISOString() };
}

/** The items of one kind in all of the Space's meetings, oldest meeting first. */
export async function listSpaceItems(db: Db, spaceId: string, kind: ItemKind): Promise<SpaceItemRow[]> {
  const rows = await db
    .select(itemColumns)
    .from(items)
    .innerJoin(meetings, eq(meetings.id, items.meetingId))
    .where(and(eq(meetings.spaceId, spaceId), eq(items.kind, kind), sql`${items.review} <> 'rejected'`))
    .orderBy(asc(meetings.meetingDate), asc(meetings.scheduledAt), asc(meetings.id));
  return rows.map(toRow);
}

/** Every item of one meeting, with the meeting it was recorded in. */
export async function listMeetingItems(db: Db, meetingId: string): Promise<SpaceItemRow[]> {
  const rows = await db
    .select(itemColumns)
    .from(items)
    .innerJoin(meetings, eq(meetings.id, items.meetingId))
    .where(and(eq(items.meetingId, meetingId), sql`${items.review} <> 'rejected'`));
  return rows.map(toRow);
}

export interface DecisionRow extends SpaceItemRow {
  /** Only with a search: the text (and rationale) as escaped HTML with the matches in <mark>. */
  headline: string | null;
}

/** The order a decision was said in within its meeting: its first evidence, as the live view lists items. */
const saidAt = sql`(${items.item}->'evidence'->0->>'start')::float8`;

/**
 * The Space's decisions, newest meeting first. With a search (PostgreSQL full-text, English stemming, web-search
 * syntax: "quoted phrases", or, -not), only the matching ones, best match first (ts_rank), each with a headline.
 * The search reads people's edited text where there is one, and the rationale.
 */
export async function listDecisions(db: Db, spaceId: string, search: string | null): Promise<DecisionRow[]> {
  const inSpace = and(
    eq(meetings.spaceId, spaceId),
    sql`${items.kind} = 'decision'`,
    sql`${items.review} <> 'rejected'`,
  );
  const newestFirst = [desc(meetings.meetingDate), desc(meetings.scheduledAt), asc(meetings.id)];
  const inMeetingOrder = [sql`${saidAt} ASC NULLS LAST`, asc(items.id)];
  if (search === null) {
    const rows = await db
      .select(itemColumns)
      .from(items)
      .innerJoin(meetings, eq(meetings.id, items.meetingId))
      .where(inSpace)
      .orderBy(...newestFirst, ...inMeetingOrder);
    return rows.map((row) => ({ ...toRow(row), headline: null }));
  }
  const query = sql`websearch_to_tsquery('english', ${search})`;
  const vector = searchVector(items);
  const rank = sql`ts_rank(${vector}, ${query})`;
  const rows = await db
    .select({
      ...itemColumns,
      headline: sql<string>`ts_headline('english', ${escapedHtml(headlineText())}, ${query}, ${HEADLINE_OPTIONS})`,
    })
    .from(items)
    .innerJoin(meetings, eq(meetings.id, items.meetingId))
    .where(and(inSpace, sql`${vector} @@ ${query}`))
    .orderBy(sql`${rank} DESC`, ...newestFirst, ...inMeetingOrder);
  return rows.map(({ headline, ...row }) => ({ ...toRow(row), headline }));
}

/** The whole text, not fragments: a decision is a sentence or two. */
const HEADLINE_OPTIONS = "StartSel=<mark>, StopSel=</mark>, HighlightAll=true";

/** What the headline shows: the text as people see it, then the rationale when there is one. */
function headlineText(): SQL {
  return sql`coalesce(${items.edits}->>'text', ${items.item}->>'text')
    || coalesce(' — ' || nullif(${items.item}->>'rationale', ''), '')`;
}

/**
 * Escaped before ts_headline adds its <mark> tags, so those tags are the only markup in the result. The parser
 * reads "&lt;" as an entity token and passes it through unchanged.
 */
function escapedHtml(text: SQL): SQL {
  return sql`replace(replace(replace(${text}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
}

export interface MeetingMetricsRow {
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
  scheduledAt: string;
  metrics: MetricRow[];
}

/** The metrics recorded in the Space's meetings (those scheduled before `before`, when given), oldest first. */
export async function listSpaceMetrics(db: Db, spaceId: string, before?: Date): Promise<MeetingMetricsRow[]> {
  const rows = await db
    .select({
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingDate: meetings.meetingDate,
      scheduledAt: meetings.scheduledAt,
      metrics: meetings.metrics,
    })
    .from(meetings)
    .where(and(eq(meetings.spaceId, spaceId), before ? lt(meetings.scheduledAt, before) : undefined))
    .orderBy(asc(meetings.meetingDate), asc(meetings.scheduledAt), asc(meetings.id));
  return rows.map((row) => ({ ...row, scheduledAt: row.scheduledAt.toISOString() }));
}
