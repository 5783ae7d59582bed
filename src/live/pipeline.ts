import { type SQL, sql } from "drizzle-orm";
import type { ItemView, LiveEvent, SegmentView } from "../api/live-protocol.js";
import { DocketError } from "../core/errors.js";
import { createExtractor, type Extractor } from "../core/extraction/extractor.js";
import type { Item, ItemEvent, MetricRow } from "../core/item.js";
import type { Segment } from "../core/segment.js";
import { carryForward, escalateUnownedRisks, type SeriesCopy } from "../core/series/carry-forward.js";
import type { ItemLinks, ItemRef } from "../core/series/item-links.js";
import type { Template } from "../core/template/template.js";
import { type Database, EVENTS_CHANNEL } from "../store/database.js";
import type { Attendee, ItemEdits, ItemReview, MeetingStatus } from "../store/schema.js";
import { findPreviousEnded, insertSeriesItems, readSeriesItems, readSeriesMeeting } from "../store/series.js";
import { type EventPayload, type SenderTag, type StoredEvent, storedEvent } from "./events.js";
import { encodeNotice } from "./fan-out.js";
import { isReviewed, itemView, visibleChanges } from "./item-view.js";
import { KeyedQueue } from "./keyed-queue.js";
import { checkTransition, startsOnSegment } from "./lifecycle.js";
import { jsonParam, type Queryable, query, withoutNul } from "./sql.js";

/** A segment on its way in, with the sender's own sequence number when it has one. */
export interface IncomingSegment extends Segment {
  senderSeq: number | null;
}

export interface SegmentOutcome {
  id: string;
  /** The segment's place in the meeting (the stored one, for a duplicate). */
  position: number;
  /** Already stored: nothing changed. */
  duplicate: boolean;
}

export interface Sender extends SenderTag {
  userId: string | null;
}

export interface Actor {
  id: string;
  name: string;
}

export type Review = { action: "confirm" } | { action: "reject" } | { action: "edit"; changes: ItemEdits };

export interface PipelineOptions {
  database: Database;
  now: () => Date;
  /** This process's id in notifications: other processes read the events, this one has broadcast them. */
  origin: string;
  /** Called after each commit with the events it stored, in seq order. */
  onCommit: (meetingId: string, events: StoredEvent[]) => void;
  /** Extractors kept in memory; the least recently used is dropped (and rebuilt from the database if needed). */
  maxEngines?: number;
  /**
   * Called inside the transaction that ends a meeting, after its items are final: the follow-up rules enqueue
   * what they send there, so an ended meeting always has its deliveries and never has them twice.
   */
  onEnded?: (tx: Queryable, meetingId: string, at: string) => Promise<void>;
}

/** Segments stored per transaction at most, when several are waiting (an upload, a sender's resend). */
const MAX_SEGMENTS_PER_TRANSACTION = 250;

interface Engine {
  extractor: Extractor;
  /** How many of the meeting's stored segments (by position) it has read. */
  seen: number;
}

interface SegmentJob {
  segments: IncomingSegment[];
  sender: Sender;
  resolve: (outcomes: SegmentOutcome[]) => void;
  reject: (error: unknown) => void;
}

interface LockedMeeting {
  status: MeetingStatus;
  segmentCount: number;
  lastSeq: number;
}

/** An event about to be stored. */
interface Draft {
  type: LiveEvent["kind"];
  payload: EventPayload;
  actor: string | null;
}

type Tx = Queryable;

/**
 * The one way anything enters a meeting: segments (live or uploaded), reviews and status changes. Each is one
 * transaction that takes the meeting row's lock, stores the change and the events it causes with the next
 * seqs, and sends a NOTIFY that is delivered on commit; only then are the events handed to `onCommit` and the
 * caller answered. Writes to one meeting are queued in this process, so its extractor sees segments in the
 * order they are stored; another process's segments are caught up from the database by position.
 */
export class LivePipeline {
  readonly #options: PipelineOptions;
  readonly #queue = new KeyedQueue();
  readonly #engines = new Map<string, Engine>();
  readonly #waiting = new Map<string, SegmentJob[]>();

  constructor(options: PipelineOptions) {
    this.#options = options;
  }

  /**
   * Stores segments in order and runs them through the meeting's extractor. Segments already stored (same id)
   * are duplicates and change nothing. Segments queued by several callers at once share one transaction.
   */
  addSegments(meetingId: string, segments: IncomingSegment[], sender: Sender): Promise<SegmentOutcome[]> {
    if (segments.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const jobs = this.#waiting.get(meetingId);
      const job = { segments, sender, resolve, reject };
      if (jobs) {
        jobs.push(job);
        return;
      }
      this.#waiting.set(meetingId, [job]);
      void this.#queue.run(meetingId, () => this.#flushSegments(meetingId));
    });
  }

  /** A person's confirm, reject or correction, stored with who and when. */
  review(meetingId: string, itemId: string, review: Review, actor: Actor): Promise<{ item: ItemView; seq: number }> {
    return this.#queue.run(meetingId, async () => {
      const at = this.#options.now().toISOString();
      const { result, events } = await this.#transaction(meetingId, async (tx) => {
        const meeting = await lockMeeting(tx, meetingId);
        const changes = review.action === "edit" ? cleanEdits(review.changes) : {};
        const [row] = await query<{ item: Item; edits: ItemEdits; review: ItemReview; links: ItemLinks }>(
          tx,
          sql`UPDATE items SET
                review = CASE ${review.action}::text WHEN 'confirm' THEN 'confirmed' WHEN 'reject' THEN 'rejected'
                         ELSE (CASE review WHEN 'suggested' THEN 'confirmed' ELSE review END) END,
                edits = edits || ${jsonParam(changes)},
                updated_by = ${actor.id}::uuid,
                updated_at = ${at}::timestamptz
              WHERE meeting_id = ${meetingId} AND id = ${itemId}
              RETURNING item, edits, review, links`,
        );
        if (!row) throw new DocketError("not_found", `no item ${itemId} in this meeting`);
        const item = itemView(row.item, row.edits, row.review, row.links);
        const draft: Draft = {
          type: "item.reviewed",
          actor: actor.id,
          payload: {
            segmentId: null,
            event: {
              kind: "item.reviewed",
              item,
              action: review.action,
              changes: review.action === "edit" ? changes : null,
              by: { id: actor.id, name: actor.name },
            },
          },
        };
        const events = await this.#appendEvents(tx, meetingId, meeting.lastSeq, [draft], at, null);
        return { result: item, events };
      });
      this.#options.onCommit(meetingId, events);
      return { item: result, seq: events.at(-1)?.seq ?? 0 };
    });
  }

  /**
   * Records that a decision of this meeting replaces an earlier one of the Space: the earlier decision becomes
   * superseded (a person's edit, so the engine never undoes it) and points at its successor, which lists what it
   * supersedes. Both meetings' viewers see the change.
   */
  supersede(
    meetingId: string,
    itemId: string,
    earlier: ItemRef,
    actor: Actor,
  ): Promise<{ item: ItemView; superseded: ItemView }> {
    return this.#queue.run(meetingId, async () => {
      const at = this.#options.now().toISOString();
      const committed: [string, StoredEvent[]][] = [];
      const result = await this.#options.database.db.transaction(async (tx) => {
        const locked = await lockMeetings(tx, [meetingId, earlier.meetingId]);
        const meeting = locked.get(meetingId)!;
        const other = locked.get(earlier.meetingId)!;
        const decisions = await query<{ meetingId: string; id: string; spaceId: string; kind: string }>(
          tx,
          sql`SELECT i.meeting_id AS "meetingId", i.id, m.space_id AS "spaceId", i.kind
              FROM items i JOIN meetings m ON m.id = i.meeting_id
              WHERE (i.meeting_id = ${meetingId} AND i.id = ${itemId})
                 OR (i.meeting_id = ${earlier.meetingId} AND i.id = ${earlier.itemId})`,
        );
        const current = decisions.find((d) => d.meetingId === meetingId && d.id === itemId);
        const replaced = decisions.find((d) => d.meetingId === earlier.meetingId && d.id === earlier.itemId);
        if (!current) throw new DocketError("not_found", `no item ${itemId} in this meeting`);
        if (!replaced || replaced.spaceId !== current.spaceId) {
          throw new DocketError(
            "not_found",
            `no decision ${earlier.itemId} in meeting ${earlier.meetingId} of this Space`,
          );
        }
        if (current.kind !== "decision" || replaced.kind !== "decision") {
          throw new DocketError("conflict", "only a decision can supersede a decision");
        }
        if (meetingId === earlier.meetingId && itemId === earlier.itemId) {
          throw new DocketError("conflict", "a decision cannot supersede itself");
        }
        const ref = { meetingId, itemId };
        const [old] = await query<{ item: Item; edits: ItemEdits; review: ItemReview; links: ItemLinks }>(
          tx,
          sql`UPDATE items SET edits = edits || '{"status":"superseded"}'::jsonb,
                links = links || ${jsonParam({ supersededBy: ref })},
                updated_by = ${actor.id}::uuid, updated_at = ${at}::timestamptz
              WHERE meeting_id = ${earlier.meetingId} AND id = ${earlier.itemId}
              RETURNING item, edits, review, links`,
        );
        const [now] = await query<{ item: Item; edits: ItemEdits; review: ItemReview; links: ItemLinks }>(
          tx,
          sql`UPDATE items SET links = jsonb_set(links, '{supersedes}',
                  (SELECT coalesce(jsonb_agg(DISTINCT e), '[]'::jsonb)
                   FROM jsonb_array_elements(coalesce(links->'supersedes', '[]'::jsonb) || ${jsonParam([earlier])}) e)),
                updated_by = ${actor.id}::uuid, updated_at = ${at}::timestamptz
              WHERE meeting_id = ${meetingId} AND id = ${itemId}
              RETURNING item, edits, review, links`,
        );
        const supersededView = itemView(old!.item, old!.edits, old!.review, old!.links);
        const itemNow = itemView(now!.item, now!.edits, now!.review, now!.links);
        const by = { id: actor.id, name: actor.name };
        const reviewed = (item: ItemView, changes: ItemEdits | null): Draft => ({
          type: "item.reviewed",
          actor: actor.id,
          payload: { segmentId: null, event: { kind: "item.reviewed", item, action: "edit", changes, by } },
        });
        if (earlier.meetingId === meetingId) {
          const drafts = [reviewed(supersededView, { status: "superseded" }), reviewed(itemNow, null)];
          committed.push([meetingId, await this.#appendEvents(tx, meetingId, meeting.lastSeq, drafts, at, null)]);
        } else {
          const mine = [reviewed(itemNow, null)];
          const theirs = [reviewed(supersededView, { status: "superseded" })];
          committed.push([meetingId, await this.#appendEvents(tx, meetingId, meeting.lastSeq, mine, at, null)]);
          committed.push([
            earlier.meetingId,
            await this.#appendEvents(tx, earlier.meetingId, other.lastSeq, theirs, at, null),
          ]);
        }
        return { item: itemNow, superseded: supersededView };
      });
      for (const [id, events] of committed) this.#options.onCommit(id, events);
      return result;
    });
  }

  /**
   * Moves the meeting along scheduled → pre-read → live → ended. Ending settles what the extractor was still
   * waiting on (`finish()`), stores those item events, and stamps ended_at.
   */
  setStatus(
    meetingId: string,
    status: MeetingStatus,
    actor: Actor | null,
  ): Promise<{ status: MeetingStatus; seq: number }> {
    return this.#queue.run(meetingId, async () => {
      const at = this.#options.now().toISOString();
      const { events } = await this.#transaction(meetingId, async (tx) => {
        const meeting = await lockMeeting(tx, meetingId);
        checkTransition(meeting.status, status);
        const drafts: Draft[] = [];
        let metrics: MetricRow[] | null = null;
        if (status === "ended" && meeting.segmentCount > 0) {
          const engine = await this.#engineFor(tx, meetingId, meeting.segmentCount);
          const finished = engine.extractor.finish().map((event) => ({ segmentId: null, event }));
          const stored = await this.#storeItems(tx, meetingId, finished);
          drafts.push(...stored.drafts);
          if (stored.metricsChanged) metrics = engine.extractor.metrics();
        }
        if (status === "live") drafts.push(...(await this.#carryIn(tx, meetingId, at)));
        if (status === "ended") drafts.push(...(await this.#escalateUnowned(tx, meetingId, at)));
        drafts.push(statusDraft(status, actor?.id ?? null));
        if (status === "ended") await this.#options.onEnded?.(tx, meetingId, at);
        const set = sql`status = ${status},
          started_at = ${status === "live" ? sql`COALESCE(started_at, ${at}::timestamptz)` : sql`started_at`},
          ended_at = ${status === "ended" ? sql`${at}::timestamptz` : sql`ended_at`}`;
        return {
          result: null,
          events: await this.#appendEvents(tx, meetingId, meeting.lastSeq, drafts, at, set, metrics),
        };
      });
      // An ended meeting takes no more segments: its extractor is not needed again.
      if (status === "ended") this.#engines.delete(meetingId);
      this.#options.onCommit(meetingId, events);
      return { status, seq: events.at(-1)?.seq ?? 0 };
    });
  }

  /** Extractors held in memory (for tests and diagnostics). */
  get engineCount(): number {
    return this.#engines.size;
  }

  async #flushSegments(meetingId: string): Promise<void> {
    const waiting = this.#waiting.get(meetingId) ?? [];
    // At least one job, and more while they fit in one transaction.
    let count = 0;
    let taken = 0;
    for (const job of waiting) {
      if (taken > 0 && count + job.segments.length > MAX_SEGMENTS_PER_TRANSACTION) break;
      count += job.segments.length;
      taken += 1;
    }
    const jobs = waiting.splice(0, taken);
    if (waiting.length === 0) this.#waiting.delete(meetingId);
    else void this.#queue.run(meetingId, () => this.#flushSegments(meetingId));
    try {
      const at = this.#options.now().toISOString();
      const { result, events } = await this.#transaction(meetingId, (tx) =>
        this.#storeSegments(tx, meetingId, jobs, at),
      );
      if (events.length > 0) this.#options.onCommit(meetingId, events);
      for (const [i, job] of jobs.entries()) job.resolve(result[i] ?? []);
    } catch (error) {
      for (const job of jobs) job.reject(error);
    }
  }

  async #storeSegments(
    tx: Tx,
    meetingId: string,
    jobs: SegmentJob[],
    at: string,
  ): Promise<{ result: SegmentOutcome[][]; events: StoredEvent[] }> {
    const meeting = await lockMeeting(tx, meetingId);
    // The first occurrence of an id in the batch is the one stored; later ones are duplicates of it.
    const rows: { segment: IncomingSegment; sender: Sender }[] = [];
    const ids = new Set<string>();
    for (const job of jobs) {
      // The client's name is from outside too (a query parameter, an upload's file name).
      const sender = { ...job.sender, client: withoutNul(job.sender.client) };
      for (const segment of job.segments.map(cleanSegment)) {
        if (ids.has(segment.id)) continue;
        ids.add(segment.id);
        rows.push({ segment, sender });
      }
    }

    const positions = new Map<string, number>();
    if (meeting.status === "ended") {
      for (const row of await storedPositions(tx, meetingId, [...ids])) positions.set(row.id, row.position);
      if (positions.size < ids.size) {
        throw new DocketError("conflict", "the meeting has ended; it takes no more segments");
      }
      return { result: outcomes(jobs, positions, new Set()), events: [] };
    }

    const inserted = await query<{ id: string; position: number }>(
      tx,
      sql`INSERT INTO segments (meeting_id, id, position, sender_seq, sender, speaker, text, start_seconds, end_seconds, received_at)
          SELECT ${meetingId}, x.id, ${meeting.segmentCount}::int + row_number() OVER (ORDER BY x.ord), x.sender_seq,
                 x.sender, x.speaker, x.text, x.start, x.stop, ${at}::timestamptz
          FROM jsonb_to_recordset(${jsonParam(
            rows.map(({ segment, sender }, ord) => ({
              ord,
              id: segment.id,
              sender_seq: segment.senderSeq,
              sender: sender.client,
              speaker: segment.speaker,
              text: segment.text,
              start: segment.start,
              stop: segment.end,
            })),
          )}) AS x(ord int, id text, sender_seq int, sender text, speaker text, text text, start float8, stop float8)
          WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.meeting_id = ${meetingId} AND s.id = x.id)
          RETURNING id, position`,
    );
    const fresh = new Set<string>();
    for (const row of inserted) {
      positions.set(row.id, row.position);
      fresh.add(row.id);
    }
    if (positions.size < ids.size) {
      const missing = [...ids].filter((id) => !positions.has(id));
      for (const row of await storedPositions(tx, meetingId, missing)) positions.set(row.id, row.position);
    }
    const result = outcomes(jobs, positions, fresh);
    if (inserted.length === 0) return { result, events: [] };

    const drafts: Draft[] = [];
    let status = meeting.status;
    if (startsOnSegment(status)) {
      status = "live";
      drafts.push(...(await this.#carryIn(tx, meetingId, at)));
      drafts.push(statusDraft("live", jobs[0]?.sender.userId ?? null));
    }
    const engine = await this.#engineFor(tx, meetingId, meeting.segmentCount);
    const itemEvents: { segmentId: string; event: ItemEvent }[] = [];
    const segmentDrafts: Draft[] = [];
    const added = rows.filter((row) => fresh.has(row.segment.id));
    added.sort((a, b) => positions.get(a.segment.id)! - positions.get(b.segment.id)!);
    for (const { segment, sender } of added) {
      const view: SegmentView = {
        id: segment.id,
        position: positions.get(segment.id)!,
        speaker: segment.speaker,
        text: segment.text,
        start: segment.start,
        end: segment.end,
      };
      segmentDrafts.push({
        type: "segment",
        actor: sender.userId,
        payload: {
          segmentId: segment.id,
          sender: { client: sender.client, user: sender.user },
          event: { kind: "segment", segment: view },
        },
      });
      const { senderSeq: _, ...plain } = segment;
      for (const event of engine.extractor.push(plain)) itemEvents.push({ segmentId: segment.id, event });
      engine.seen += 1;
    }
    const stored = await this.#storeItems(tx, meetingId, itemEvents);
    // Each segment's event, then the item events it caused.
    let next = 0;
    for (const [i, { segment }] of added.entries()) {
      drafts.push(segmentDrafts[i]!);
      while (stored.drafts[next]?.payload.segmentId === segment.id) drafts.push(stored.drafts[next++]!);
    }
    const set = sql`status = ${status},
      segment_count = ${meeting.segmentCount + inserted.length},
      last_segment_at = ${at}::timestamptz,
      started_at = ${status !== meeting.status ? sql`COALESCE(started_at, ${at}::timestamptz)` : sql`started_at`}`;
    const metrics = stored.metricsChanged ? engine.extractor.metrics() : null;
    return { result, events: await this.#appendEvents(tx, meetingId, meeting.lastSeq, drafts, at, set, metrics) };
  }

  /**
   * Upserts the items the engine touched (one statement) and turns its events into live events that carry the
   * effective item: people's edits applied, their review kept.
   */
  async #storeItems(
    tx: Tx,
    meetingId: string,
    itemEvents: { segmentId: string | null; event: ItemEvent }[],
  ): Promise<{ drafts: Draft[]; metricsChanged: boolean }> {
    const latest = new Map<string, { id: string; kind: string; item: Item; removed: boolean }>();
    let metricsChanged = false;
    for (const { event } of itemEvents) {
      if (event.type === "metrics") metricsChanged = true;
      else
        latest.set(event.item.id, {
          id: event.item.id,
          kind: event.item.kind,
          item: event.item,
          removed: event.type === "removed",
        });
    }
    const people = new Map<string, { edits: ItemEdits; review: ItemReview; links: ItemLinks }>();
    if (latest.size > 0) {
      const rows = await query<{ id: string; edits: ItemEdits; review: ItemReview; links: ItemLinks }>(
        tx,
        sql`INSERT INTO items (meeting_id, id, kind, item, removed)
            SELECT ${meetingId}, x.id, x.kind, x.item, x.removed
            FROM jsonb_to_recordset(${jsonParam([...latest.values()])}) AS x(id text, kind text, item jsonb, removed boolean)
            ON CONFLICT (meeting_id, id) DO UPDATE SET kind = excluded.kind, item = excluded.item, removed = excluded.removed
            RETURNING id, edits, review, links`,
      );
      for (const row of rows) people.set(row.id, { edits: row.edits, review: row.review, links: row.links });
    }
    const drafts: Draft[] = [];
    for (const { segmentId, event } of itemEvents) {
      const draft = (liveEvent: LiveEvent): Draft => ({
        type: liveEvent.kind,
        actor: null,
        payload: { segmentId, event: liveEvent },
      });
      if (event.type === "metrics") {
        drafts.push(draft({ kind: "metrics", row: event.row }));
        continue;
      }
      const { edits, review, links } = people.get(event.item.id) ?? {
        edits: {},
        review: "suggested" as const,
        links: {},
      };
      if (event.type === "added") {
        drafts.push(draft({ kind: "item.added", item: itemView(event.item, edits, review, links) }));
      } else if (event.type === "updated") {
        const changed = visibleChanges(event.changed, edits);
        if (changed.length > 0)
          drafts.push(draft({ kind: "item.updated", item: itemView(event.item, edits, review, links), changed }));
      } else if (!isReviewed({ edits, review })) {
        drafts.push(draft({ kind: "item.removed", itemId: event.item.id }));
      }
    }
    return { drafts, metricsChanged };
  }

  /**
   * Stores the events with the next seqs, updates the meeting row (`set`, plus the seq and the metrics when
   * they changed) and sends the NOTIFY, all in one statement.
   */
  async #appendEvents(
    tx: Tx,
    meetingId: string,
    lastSeq: number,
    drafts: Draft[],
    at: string,
    set: SQL | null,
    metrics: MetricRow[] | null = null,
  ): Promise<StoredEvent[]> {
    const newLast = lastSeq + drafts.length;
    const notice = encodeNotice({ meetingId, seq: newLast, origin: this.#options.origin });
    const rows = drafts.map((draft, i) => ({
      seq: lastSeq + 1 + i,
      type: draft.type,
      actor: draft.actor,
      payload: draft.payload,
    }));
    await query(
      tx,
      sql`WITH stored AS (
            INSERT INTO events (meeting_id, seq, type, payload, actor_id, created_at)
            SELECT ${meetingId}, x.seq, x.type, x.payload, x.actor, ${at}::timestamptz
            FROM jsonb_to_recordset(${jsonParam(rows)}) AS x(seq int, type text, payload jsonb, actor uuid)
          )
          UPDATE meetings SET last_event_seq = ${newLast},
            metrics = ${metrics === null ? sql`metrics` : jsonParam(metrics)}
            ${set ? sql`, ${set}` : sql``}
          WHERE id = ${meetingId}
          RETURNING pg_notify(${EVENTS_CHANNEL}, ${notice})`,
    );
    return rows.map((row) => storedEvent(row.seq, at, row.payload));
  }

  /**
   * Series memory as the meeting goes live: it starts from the last ended meeting's open business (and, by the
   * Space's rules, escalations for red risks still unresolved). Each copy is an item of this meeting.
   */
  async #carryIn(tx: Tx, meetingId: string, at: string): Promise<Draft[]> {
    const meeting = await readSeriesMeeting(tx, meetingId);
    if (!meeting) return [];
    const previous = await findPreviousEnded(tx, meeting);
    if (!previous) return [];
    const copies = carryForward({
      meetingId,
      previous: await readSeriesItems(tx, previous.id),
      sections: meeting.template.sections,
      rules: meeting.rules,
    });
    return seriesDrafts(await insertSeriesItems(tx, meetingId, copies, at));
  }

  /** By the Space's rule, a risk that ends the meeting with no owner is escalated in this meeting's notes. */
  async #escalateUnowned(tx: Tx, meetingId: string, at: string): Promise<Draft[]> {
    const meeting = await readSeriesMeeting(tx, meetingId);
    if (!meeting) return [];
    const escalations = escalateUnownedRisks(
      meetingId,
      await readSeriesItems(tx, meetingId),
      meeting.template.sections,
      meeting.rules,
    );
    return seriesDrafts(await insertSeriesItems(tx, meetingId, escalations, at));
  }

  /** The meeting's extractor, caught up with every stored segment: rebuilt or replayed from the database. */
  async #engineFor(tx: Tx, meetingId: string, storedCount: number): Promise<Engine> {
    let engine = this.#engines.get(meetingId);
    if (engine && engine.seen > storedCount) engine = undefined;
    if (!engine) {
      const [meeting] = await query<{ template: Template; meetingDate: string; attendees: Attendee[] }>(
        tx,
        sql`SELECT template, meeting_date AS "meetingDate", attendees FROM meetings WHERE id = ${meetingId}`,
      );
      if (!meeting) throw new DocketError("not_found", `no meeting ${meetingId}`);
      engine = {
        extractor: createExtractor({
          template: meeting.template,
          meetingDate: meeting.meetingDate,
          attendees: meeting.attendees.map((a) => a.name),
        }),
        seen: 0,
      };
    }
    this.#remember(meetingId, engine);
    if (engine.seen < storedCount) {
      // Segments another process stored, or all of them after a restart: the engine is deterministic, so
      // reading them again in position order brings it to the same state the other process had.
      const segments = await query<Segment>(
        tx,
        sql`SELECT id, speaker, text, start_seconds AS start, end_seconds AS "end" FROM segments
            WHERE meeting_id = ${meetingId} AND position > ${engine.seen} AND position <= ${storedCount}
            ORDER BY position`,
      );
      for (const segment of segments) engine.extractor.push(segment);
      engine.seen = storedCount;
    }
    return engine;
  }

  #remember(meetingId: string, engine: Engine): void {
    this.#engines.delete(meetingId);
    this.#engines.set(meetingId, engine);
    const max = this.#options.maxEngines ?? 1000;
    while (this.#engines.size > max) {
      const oldest = this.#engines.keys().next().value;
      if (oldest === undefined) break;
      this.#engines.delete(oldest);
    }
  }

  /** One transaction; if it fails, the extractor may have read what was never stored, so it is dropped. */
  async #transaction<T>(
    meetingId: string,
    body: (tx: Tx) => Promise<{ result: T; events: StoredEvent[] }>,
  ): Promise<{ result: T; events: StoredEvent[] }> {
    try {
      return await this.#options.database.db.transaction((tx) => body(tx));
    } catch (error) {
      this.#engines.delete(meetingId);
      throw error;
    }
  }
}

async function lockMeeting(tx: Tx, meetingId: string): Promise<LockedMeeting> {
  const [meeting] = await query<LockedMeeting>(
    tx,
    sql`SELECT status, segment_count AS "segmentCount", last_event_seq AS "lastSeq" FROM meetings
        WHERE id = ${meetingId} FOR UPDATE`,
  );
  if (!meeting) throw new DocketError("not_found", `no meeting ${meetingId}`);
  return meeting;
}

/**
 * Locks several meetings in one order (by id), whichever of them the caller names first: two transactions that
 * lock the same two meetings from opposite ends would otherwise wait for each other until PostgreSQL ends one.
 */
async function lockMeetings(tx: Tx, meetingIds: string[]): Promise<Map<string, LockedMeeting>> {
  const locked = new Map<string, LockedMeeting>();
  for (const id of [...new Set(meetingIds)].sort()) locked.set(id, await lockMeeting(tx, id));
  return locked;
}

async function storedPositions(tx: Tx, meetingId: string, ids: string[]): Promise<{ id: string; position: number }[]> {
  if (ids.length === 0) return [];
  return query(
    tx,
    sql`SELECT id, position FROM segments
        WHERE meeting_id = ${meetingId} AND id IN (SELECT jsonb_array_elements_text(${jsonParam(ids)}))`,
  );
}

function outcomes(jobs: SegmentJob[], positions: Map<string, number>, fresh: Set<string>): SegmentOutcome[][] {
  const first = new Set<string>();
  return jobs.map((job) =>
    job.segments.map((segment) => {
      const id = withoutNul(segment.id);
      const isNew = fresh.has(id) && !first.has(id);
      if (isNew) first.add(id);
      return { id: segment.id, position: positions.get(id) ?? 0, duplicate: !isNew };
    }),
  );
}

function seriesDrafts(added: readonly SeriesCopy[]): Draft[] {
  return added.map(({ item, links }) => ({
    type: "item.added",
    actor: null,
    payload: { segmentId: null, event: { kind: "item.added", item: itemView(item, {}, "suggested", links) } },
  }));
}

function statusDraft(status: MeetingStatus, actor: string | null): Draft {
  return { type: "meeting.status", actor, payload: { segmentId: null, event: { kind: "meeting.status", status } } };
}

function cleanSegment(segment: IncomingSegment): IncomingSegment {
  return {
    ...segment,
    id: withoutNul(segment.id),
    speaker: segment.speaker === null ? null : withoutNul(segment.speaker),
    text: withoutNul(segment.text),
  };
}

function cleanEdits(edits: ItemEdits): ItemEdits {
  const clean: ItemEdits = { ...edits };
  if (typeof clean.text === "string") clean.text = withoutNul(clean.text);
  if (typeof clean.owner === "string") clean.owner = withoutNul(clean.owner);
  return clean;
}
