import type { ItemView, SegmentView } from "../api/live-protocol.js";
import { DocketError } from "../core/errors.js";
import { createExtractor, type Extractor } from "../core/extraction/extractor.js";
import type { ItemEvent, MetricRow } from "../core/item.js";
import type { Segment } from "../core/segment.js";
import { carryForward, escalateUnownedRisks } from "../core/series/carry-forward.js";
import type { ItemRef } from "../core/series/item-links.js";
import { formatCount } from "../core/text.js";
import type { Database, Tx } from "../store/database.js";
import { itemView } from "../store/item-view.js";
import {
  addSupersedes,
  appendEvents,
  type EngineItem,
  findSegmentPositions,
  insertSegments,
  type LockedMeeting,
  locateItems,
  lockMeeting,
  lockMeetings,
  type MeetingChange,
  markSuperseded,
  type NewSegment,
  type PeopleFields,
  readEngineSetup,
  readSegments,
  reviewItem,
  type SenderTag,
  saveEngineItems,
} from "../store/meeting-log.js";
import type { ItemEdits, MeetingStatus } from "../store/schema.js";
import { findPreviousEnded, insertSeriesItems, readSeriesItems, readSeriesMeeting } from "../store/series.js";
import { withoutNul } from "../store/sql.js";
import {
  type Draft,
  itemDrafts,
  numbered,
  reviewedDraft,
  type StoredEvent,
  segmentDraft,
  seriesDrafts,
  statusDraft,
  storedEvent,
} from "./events.js";
import { encodeNotice } from "./fan-out.js";
import { KeyedQueue } from "./keyed-queue.js";
import { checkTransition, startsOnSegment } from "./lifecycle.js";
import { TurnBudget } from "./turn-budget.js";

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
  onEnded?: (tx: Tx, meetingId: string, at: string) => Promise<void>;
  /** The longest a transaction's work runs on this thread before other work gets a turn (TurnBudget). */
  turnMs?: number;
}

/** Segments stored per transaction at most, when several are waiting (an upload, a sender's resend). */
const MAX_SEGMENTS_PER_TRANSACTION = 250;

/** How long a transaction's work holds this thread at a time: health checks are answered within 100 ms. */
const TURN_MS = 10;

/** Stored segments read at a time when an engine is rebuilt: a 20,000-segment meeting is not one result. */
const REPLAY_PAGE = 500;

/**
 * The most segments a meeting holds (README, "Limits"): a day-long workshop at speech rate is about 12,000. The
 * engine reads a meeting's whole transcript again after a restart, so an unbounded one would stall the process.
 */
export const MAX_MEETING_SEGMENTS = 20_000;

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
  #stopping = false;

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
        const row = await reviewItem(tx, { meetingId, itemId }, { action: review.action, changes }, actor.id, at);
        if (!row) throw new DocketError("not_found", `no item ${itemId} in this meeting`);
        const item = itemView(row.item, row.edits, row.review, row.links);
        const draft = reviewedDraft(item, review.action, review.action === "edit" ? changes : null, actor);
        const events = await this.#appendEvents(tx, meetingId, meeting, [draft], at);
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
        const ref = { meetingId, itemId };
        const decisions = await locateItems(tx, [ref, earlier]);
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
        const old = (await markSuperseded(tx, earlier, ref, actor.id, at))!;
        const now = (await addSupersedes(tx, ref, earlier, actor.id, at))!;
        const supersededView = itemView(old.item, old.edits, old.review, old.links);
        const itemNow = itemView(now.item, now.edits, now.review, now.links);
        const theirs = reviewedDraft(supersededView, "edit", { status: "superseded" }, actor);
        const mine = reviewedDraft(itemNow, "edit", null, actor);
        if (earlier.meetingId === meetingId) {
          committed.push([meetingId, await this.#appendEvents(tx, meetingId, meeting, [theirs, mine], at)]);
        } else {
          committed.push([meetingId, await this.#appendEvents(tx, meetingId, meeting, [mine], at)]);
          committed.push([earlier.meetingId, await this.#appendEvents(tx, earlier.meetingId, other, [theirs], at)]);
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
        const turn = this.#turn();
        const meeting = await lockMeeting(tx, meetingId);
        checkTransition(meeting.status, status);
        const drafts: Draft[] = [];
        let metrics: MetricRow[] | null = null;
        if (status === "ended" && meeting.segmentCount > 0) {
          const engine = await this.#engineFor(tx, meetingId, meeting.segmentCount, turn);
          await turn.pause();
          const finished = engine.extractor.finish().map((event) => ({ segmentId: null, event }));
          await turn.pause();
          const stored = await this.#storeItems(tx, meetingId, finished);
          drafts.push(...stored.drafts);
          if (stored.metricsChanged) metrics = engine.extractor.metrics();
        }
        if (status === "live") drafts.push(...(await this.#carryIn(tx, meetingId, at)));
        if (status === "ended") drafts.push(...(await this.#escalateUnowned(tx, meetingId, at)));
        drafts.push(statusDraft(status, actor?.id ?? null));
        if (status === "ended") await this.#options.onEnded?.(tx, meetingId, at);
        const change = { status, started: status === "live", ended: status === "ended", metrics };
        return { result: null, events: await this.#appendEvents(tx, meetingId, meeting, drafts, at, change) };
      });
      // An ended meeting takes no more segments: its extractor is not needed again.
      if (status === "ended") this.#engines.delete(meetingId);
      this.#options.onCommit(meetingId, events);
      return { status, seq: events.at(-1)?.seq ?? 0 };
    });
  }

  /** The process is shutting down: long work (an upload) stops at its next step and can be resumed later. */
  stop(): void {
    this.#stopping = true;
  }

  get isStopping(): boolean {
    return this.#stopping;
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
    const turn = this.#turn();
    const meeting = await lockMeeting(tx, meetingId);
    // The first occurrence of an id in the batch is the one stored; later ones are duplicates of it.
    const rows: (NewSegment & { userId: string | null })[] = [];
    const ids = new Set<string>();
    for (const job of jobs) {
      // The client's name is from outside too (a query parameter, an upload's file name).
      const sender = { client: withoutNul(job.sender.client), user: job.sender.user };
      for (const segment of job.segments.map(cleanSegment)) {
        if (ids.has(segment.id)) continue;
        ids.add(segment.id);
        rows.push({ segment, sender, userId: job.sender.userId });
      }
    }

    const positions = new Map<string, number>();
    if (meeting.status === "ended") {
      for (const row of await findSegmentPositions(tx, meetingId, [...ids])) positions.set(row.id, row.position);
      if (positions.size < ids.size) {
        throw new DocketError("conflict", "the meeting has ended; it takes no more segments");
      }
      return { result: outcomes(jobs, positions, new Set()), events: [] };
    }

    const inserted = await insertSegments(tx, meetingId, meeting.segmentCount, rows, at);
    if (meeting.segmentCount + inserted.length > MAX_MEETING_SEGMENTS) {
      // Thrown inside the transaction: the rows just inserted are rolled back.
      throw new DocketError(
        "too_large",
        `a meeting holds at most ${formatCount(MAX_MEETING_SEGMENTS)} segments; this one has ${formatCount(meeting.segmentCount)}`,
      );
    }
    const fresh = new Set<string>();
    for (const row of inserted) {
      positions.set(row.id, row.position);
      fresh.add(row.id);
    }
    if (positions.size < ids.size) {
      const missing = [...ids].filter((id) => !positions.has(id));
      for (const row of await findSegmentPositions(tx, meetingId, missing)) positions.set(row.id, row.position);
    }
    const result = outcomes(jobs, positions, fresh);
    if (inserted.length === 0) return { result, events: [] };

    const drafts: Draft[] = [];
    let status = meeting.status;
    if (startsOnSegment(status)) {
      status = "live";
      drafts.push(...(await this.#carryIn(tx, meetingId, at)));
      // The status event names the segment that started the meeting: an upload that did is a recording, which a
      // second try of the same file still ends (upload-transcript.ts).
      const first = rows.find((row) => fresh.has(row.segment.id));
      drafts.push(statusDraft("live", first?.userId ?? null, first?.segment.id ?? null));
    }
    await turn.pause();
    const engine = await this.#engineFor(tx, meetingId, meeting.segmentCount, turn);
    const itemEvents: { segmentId: string; event: ItemEvent }[] = [];
    const segmentDrafts: Draft[] = [];
    const added = rows.filter((row) => fresh.has(row.segment.id));
    added.sort((a, b) => positions.get(a.segment.id)! - positions.get(b.segment.id)!);
    for (const { segment, sender, userId } of added) {
      const view: SegmentView = {
        id: segment.id,
        position: positions.get(segment.id)!,
        speaker: segment.speaker,
        text: segment.text,
        start: segment.start,
        end: segment.end,
      };
      segmentDrafts.push(segmentDraft(view, sender, userId));
      const { senderSeq: _, ...plain } = segment;
      for (const event of engine.extractor.push(plain)) itemEvents.push({ segmentId: segment.id, event });
      engine.seen += 1;
      await turn.pause();
    }
    const stored = await this.#storeItems(tx, meetingId, itemEvents);
    await turn.pause();
    // Each segment's event, then the item events it caused.
    let next = 0;
    for (const [i, { segment }] of added.entries()) {
      drafts.push(segmentDrafts[i]!);
      while (stored.drafts[next]?.payload.segmentId === segment.id) drafts.push(stored.drafts[next++]!);
    }
    const change: MeetingChange = {
      segmentCount: meeting.segmentCount + inserted.length,
      segmentArrived: true,
      metrics: stored.metricsChanged ? engine.extractor.metrics() : null,
      ...(status !== meeting.status ? { status, started: true } : {}),
    };
    return { result, events: await this.#appendEvents(tx, meetingId, meeting, drafts, at, change) };
  }

  /**
   * Stores the items the engine touched (one statement) and turns its events into live events that carry the
   * effective item: people's edits applied, their review kept.
   */
  async #storeItems(
    tx: Tx,
    meetingId: string,
    itemEvents: { segmentId: string | null; event: ItemEvent }[],
  ): Promise<{ drafts: Draft[]; metricsChanged: boolean }> {
    const latest = new Map<string, EngineItem>();
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
    const people = new Map<string, PeopleFields>();
    if (latest.size > 0) {
      for (const row of await saveEngineItems(tx, meetingId, [...latest.values()])) {
        people.set(row.id, { edits: row.edits, review: row.review, links: row.links });
      }
    }
    return { drafts: itemDrafts(itemEvents, people), metricsChanged };
  }

  /** Numbers the drafts after the meeting's last seq and stores them with the meeting's change and its NOTIFY. */
  async #appendEvents(
    tx: Tx,
    meetingId: string,
    meeting: LockedMeeting,
    drafts: readonly Draft[],
    at: string,
    change?: MeetingChange,
  ): Promise<StoredEvent[]> {
    const events = numbered(drafts, meeting.lastSeq);
    const lastSeq = meeting.lastSeq + events.length;
    const notice = encodeNotice({ meetingId, seq: lastSeq, origin: this.#options.origin });
    await appendEvents(tx, meetingId, { events, lastSeq, at, notice, ...(change ? { change } : {}) });
    return events.map((event) => storedEvent(event.seq, at, event.payload));
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
  async #engineFor(tx: Tx, meetingId: string, storedCount: number, turn: TurnBudget): Promise<Engine> {
    let engine = this.#engines.get(meetingId);
    if (engine && engine.seen > storedCount) engine = undefined;
    if (!engine) {
      const meeting = await readEngineSetup(tx, meetingId);
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
      for (let after = engine.seen; after < storedCount; after += REPLAY_PAGE) {
        const upTo = Math.min(storedCount, after + REPLAY_PAGE);
        for (const segment of await readSegments(tx, meetingId, after, upTo)) {
          engine.extractor.push(segment);
          await turn.pause();
        }
      }
      engine.seen = storedCount;
    }
    return engine;
  }

  #turn(): TurnBudget {
    return new TurnBudget(this.#options.turnMs ?? TURN_MS);
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
      // Nothing was acknowledged; the sender is told "unavailable" and sends it again once the database is back.
      throw this.#options.database.availability.recognise(error) ?? error;
    }
  }
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
