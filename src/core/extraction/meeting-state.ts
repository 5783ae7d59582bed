import {
  createItem,
  type Evidence,
  type Item,
  type ItemEvent,
  type ItemKind,
  type MetricRow,
  type Rag,
} from "../item.js";
import type { Segment } from "../segment.js";
import type { SectionKind, Template } from "../template/template.js";
import { namingTopic } from "./context.js";
import { ESCALATION } from "./cues.js";
import { type DueDate, findDueDate } from "./dates.js";
import { type LineReading, readLine } from "./line-features.js";
import { lineLower } from "./line-model.js";
import type { MetricReader } from "./metrics.js";
import { createMetricReader } from "./metrics.js";
import { People } from "./people.js";
import type { RiskAttributes } from "./risks.js";
import { contentWordSet, overlap, type Sentence, splitSentences, wordCount } from "./text.js";

/** How many segments later a reply ("Agreed.", "by Friday", "I'd call it red") still refers back. */
export const REPLY_WINDOW = 4;
/** Items below this confidence are shown live as suggestions but left out of the notes' item lists. */
export const MIN_CONFIDENCE = 0.5;

export interface Tracked {
  item: Item;
  /** Index of the segment that last touched it. */
  at: number;
  words: ReadonlySet<string>;
  /** Made from a proposal: a later restatement of the decision is a better text. */
  fromProposal: boolean;
  /** A question's set-up: what its turn said before asking, for the answer that only points back at it. */
  topic?: string;
}

export interface Proposal {
  /** "Any objections?": a "No." accepts it. */
  askedForObjections?: boolean;
  /** "Everyone okay with that?": whoever asked the room makes the call its yes confirms. */
  calledForAgreement?: boolean;
  text: string;
  speaker: string | null;
  at: number;
  evidence: Evidence[];
  explicit: boolean;
  owner: string | null;
}

export type RecapKind = "decision" | "pending" | "action" | "escalation" | "risk" | "question";

/** A statement that made no item, kept for replies and attributes that point back at it. */
export interface Statement {
  speaker: string | null;
  sentence: Sentence;
  at: number;
  evidence: Evidence;
}

const KIND_SECTION: Record<Exclude<ItemKind, "update">, SectionKind> = {
  decision: "decisions",
  action: "actions",
  risk: "risks",
  question: "questions",
  escalation: "escalations",
};

export interface MeetingSetup {
  template: Template | null;
  meetingDate: string | null;
  attendees: readonly string[];
  teams: readonly string[];
}

/**
 * Everything the passes read and write about one meeting: what has been noted, what is waiting on a reply, and
 * the turn being read. One object for the whole meeting (its methods live on the prototype, so reading a turn
 * allocates no closures).
 */
export class MeetingState {
  readonly meetingDate: string | null;
  readonly people: People;
  readonly teams: Set<string>;
  readonly sectionIds = new Map<string, string>();
  readonly metricReader: MetricReader | null;

  readonly tracked: Tracked[] = [];
  readonly rows = new Map<string, MetricRow>();
  readonly teamBySpeaker = new Map<string, string>();
  /** The last metric figure read, for "actually, five" said right after it. */
  lastMetric: { team: string; column: string; speaker: string | null; at: number } | null = null;
  readonly counters = new Map<ItemKind, number>();
  proposals: Proposal[] = [];
  openQuestions: Tracked[] = [];
  /** Questions that someone other than the asker has replied to: later talk answers them only by speaking to them. */
  readonly replied = new WeakSet<Tracked>();
  /** Questions someone called open in so many words ("the question is…"): they stay open. */
  readonly namedOpen = new WeakSet<Tracked>();
  /** The task just asked or promised, waiting for an answer ("Yes, by Friday") or a restatement. */
  lastRequest: Tracked | null = null;
  lastRequestOf: { by: string | null; of: string | null } = { by: null, of: null };
  /** The escalation just raised: its owner's next promise is its next step, not a separate action. */
  lastEscalation: Tracked | null = null;
  lastEscalationRaisedAt = -Infinity;
  /** The motion the chair just declared carried: the turn's next sentence may say it again. */
  carried: Tracked | null = null;
  /** The motion on the floor, waiting for the chair to count the vote. */
  lastMotion: { text: string; evidence: Evidence; at: number } | null = null;
  /** When someone last said a call is above them ("that's above my number"): where it goes next is an escalation. */
  authoritySaidAt = -Infinity;
  /** The template section being discussed ("Okay. Strategic initiatives."): ratings there are status, not risk. */
  agenda: SectionKind | null = null;
  pendingRating: { rag: Rag; speaker: string | null; at: number } | null = null;
  /** A summary under way; `inTurn`: one said in the same breath ("Okay, decided. X. Y."), over when the turn is. */
  recap: { kind: RecapKind | null; speaker: string | null; at: number; inTurn?: boolean } | null = null;
  /** Every segment heard, for the learned line scorer at the end of a meeting. */
  readonly history: Segment[] = [];
  /**
   * Each segment of `history` as that scorer reads it, read as it arrives: the end of a 20,000-segment meeting
   * would otherwise read them all at once, for a second or more.
   */
  readonly lines: LineReading[] = [];
  /** "Can I raise a risk?" — the speaker's next sentence is the risk. */
  riskAnnounced: { speaker: string | null; at: number } | null = null;
  /** The subject a turn just announced ("Okay, second thing, the reconciliation job."): what "it" means next. */
  topic: { phrase: string; at: number } | null = null;
  /** "Can we just mute it?": the verb asked about, for a reply that answers with it ("Mute it for a week"). */
  askedWhetherTo: { verb: string; speaker: string | null; at: number } | null = null;
  /** The last statement that made no item, and the previous turn, for replies that point back at them. */
  lastStatement: Statement | null = null;
  previousTurn: { speaker: string | null; text: string; evidence: Evidence } | null = null;
  /** The last few substantive sentences that made no item, for attributes said about them afterwards. */
  readonly recentStatements: Statement[] = [];
  index = 0;
  previousSpeaker: string | null = null;
  readonly addressed: { name: string | null; at: number } = { name: null, at: -10 };

  // The turn being read: reset by beginTurn for every segment.
  segment!: Segment;
  speaker: string | null = null;
  sentences: Sentence[] = [];
  touched = new Map<Tracked, Set<keyof Item>>();
  added = new Set<Tracked>();
  events: ItemEvent[] = [];
  /** The proposal this turn opened: its following sentences are its content. */
  inProposal: Proposal | null = null;
  /** The last sentence an earlier one already read ("Then I'm making the call. <the call>"). */
  consumed = -1;
  /** A decision just agreed in this turn: the agreeing speaker's next full sentence usually restates it. */
  restating: Tracked | null = null;
  /** A task this turn took on ("Yeah."): the speaker's next task in the turn says how they will do it. */
  accepted: Tracked | null = null;
  /** A decision said only as "So we move it.": the next speaker's fuller sentence says what was decided. */
  vagueDecision: { decision: Tracked; at: number } | null = null;
  /** The item the previous sentence of this turn made: a sentence that makes nothing elaborates it. */
  elaborating: Tracked | null = null;
  /** "I agree." with no proposal waiting: the next short sentence of the turn is the conclusion agreed. */
  concluding: Evidence | null = null;
  segmentEscalates = false;
  /** The sentence before was only "Okay." or "Right, then.": this one may land the decision. */
  concludingTurn = false;
  escalationSteps: Sentence[] = [];

  constructor(setup: MeetingSetup) {
    this.meetingDate = setup.meetingDate;
    this.people = new People(setup.attendees);
    this.teams = new Set(setup.teams);
    for (const s of setup.template?.sections ?? []) if (!this.sectionIds.has(s.kind)) this.sectionIds.set(s.kind, s.id);
    const metricsColumns = setup.template?.sections.find((s) => s.kind === "metrics")?.columns ?? [];
    this.metricReader = metricsColumns.length ? createMetricReader(metricsColumns) : null;
  }

  /** Starts reading a segment: the turn's context is reset, the meeting's kept. */
  beginTurn(segment: Segment): void {
    this.events = [];
    this.index++;
    this.history.push(segment);
    this.people.addSpeaker(segment.speaker);
    this.segment = segment;
    this.speaker = segment.speaker;
    this.sentences = splitSentences(segment.text);
    this.touched = new Map();
    this.added = new Set();
    const recap = this.recap;
    if (recap && (recap.inTurn || recap.speaker !== this.speaker || this.index - recap.at > 1)) this.recap = null;
    this.inProposal = null;
    this.consumed = -1;
    this.restating = null;
    this.accepted = null;
    this.elaborating = null;
    this.concluding = null;
    this.segmentEscalates = this.sentences.some((x) => ESCALATION.test(x.lower));
    this.concludingTurn = false;
    this.escalationSteps = [];
  }

  /** An item that turned out to be another (a named question that is a decision left pending): it leaves the notes. */
  remove(t: Tracked): void {
    const n = this.tracked.indexOf(t);
    if (n < 0) return;
    this.tracked.splice(n, 1);
    this.touched.delete(t);
    this.openQuestions = this.openQuestions.filter((x) => x !== t);
    // Added in this very turn, it was never announced.
    if (!this.added.delete(t)) this.events.push({ type: "removed", item: snapshot(t.item) });
  }

  /** Reads, for the learned line scorer, the segments heard that it has not read yet: all, or at most `limit`. */
  readLines(limit = Number.POSITIVE_INFINITY): void {
    const end = Math.min(this.history.length, this.lines.length + limit);
    for (let i = this.lines.length; i < end; i++) this.lines.push(readLine(lineLower(this.history[i]!)));
  }

  /** Ends the turn: remembers who spoke and what, and returns what the turn added and changed. */
  endTurn(): ItemEvent[] {
    const { segment, speaker, events } = this;
    if (speaker && speaker !== this.previousSpeaker) this.previousSpeaker = speaker;
    this.previousTurn = {
      speaker,
      text: segment.text,
      evidence: { segmentId: segment.id, speaker, quote: segment.text.trim(), start: segment.start },
    };
    for (const t of this.added) events.push({ type: "added", item: snapshot(t.item) });
    for (const [t, fields] of this.touched)
      events.push({ type: "updated", item: snapshot(t.item), changed: [...fields] });
    return events;
  }

  /** Whether a name (an owner, say) is this speaker, "Priya Shah" and "Priya" alike. */
  mine(name: string | null): boolean {
    return this.people.same(name, this.speaker);
  }

  sectionFor(kind: ItemKind, sectionKind?: SectionKind): string {
    const wanted = sectionKind ?? (kind === "update" ? "notes" : KIND_SECTION[kind]);
    return this.sectionIds.get(wanted) ?? wanted;
  }

  newItem(kind: ItemKind, text: string, evidence: Evidence, confidence: number, sectionKind?: SectionKind): Item {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const topic = this.topic && this.index - this.topic.at <= 6 ? this.topic.phrase : null;
    return createItem({
      id: `${kind}-${n}`,
      kind,
      section: this.sectionFor(kind, sectionKind),
      // "Second thing, the reconciliation job. … It's getting slow.": the note names what "it" was.
      text: topic ? namingTopic(text, topic) : text,
      status: kind === "decision" ? "decided" : kind === "update" || kind === "escalation" ? null : "open",
      // Rounded: 0.7 + 0.1 - 0.3 is 0.4999…, which would drop an item that sits exactly on MIN_CONFIDENCE.
      confidence: Math.round(confidence * 100) / 100,
      evidence: [evidence],
    });
  }

  latest(kind: ItemKind, within = REPLY_WINDOW, where: (t: Tracked) => boolean = () => true): Tracked | null {
    const tracked = this.tracked;
    for (let i = tracked.length - 1; i >= 0; i--) {
      const t = tracked[i]!;
      if (this.index - t.at > within) continue;
      if (t.item.kind === kind && where(t)) return t;
    }
    return null;
  }

  evidenceFor(s: Sentence): Evidence {
    return { segmentId: this.segment.id, speaker: this.speaker, quote: s.raw, start: this.segment.start };
  }

  mark(t: Tracked, ...fields: (keyof Item)[]): void {
    t.at = this.index;
    if (this.added.has(t)) return;
    const set = this.touched.get(t) ?? new Set();
    for (const f of fields) set.add(f);
    this.touched.set(t, set);
  }

  set<K extends keyof Item>(t: Tracked, field: K, value: Item[K]): void {
    if (value === null || t.item[field] === value) return;
    t.item[field] = value;
    if (field === "text") t.words = contentWordSet(String(value));
    this.mark(t, field);
  }

  addEvidence(t: Tracked, s: Sentence, primary = false): void {
    const existing = t.item.evidence.findIndex((e) => e.segmentId === this.segment.id);
    if (existing >= 0) {
      const e = t.item.evidence[existing]!;
      if (!e.quote.includes(s.raw)) e.quote = `${e.quote} ${s.raw}`;
    } else if (primary) t.item.evidence.unshift(this.evidenceFor(s));
    else t.item.evidence.push(this.evidenceFor(s));
    this.mark(t, "evidence");
  }

  /** The same thing said twice (a recap, a restatement) refines the first item instead of adding another. */
  add(item: Item, mergeAt = 0.6, fromProposal = false): Tracked {
    const words = contentWordSet(item.text);
    const tracked = this.tracked;
    for (let i = tracked.length - 1; i >= 0; i--) {
      const t = tracked[i]!;
      if (t.item.kind !== item.kind) continue;
      const sameOwner = item.owner !== null && t.item.owner === item.owner;
      if (overlap(t.words, words) >= (sameOwner ? mergeAt * 0.75 : mergeAt)) {
        this.merge(t, item);
        return t;
      }
    }
    const t: Tracked = { item, at: this.index, words, fromProposal };
    tracked.push(t);
    this.added.add(t);
    return t;
  }

  merge(t: Tracked, item: Item): void {
    for (const f of ["owner", "due", "rag", "likelihood", "impact", "mitigation", "rationale", "needed"] as const) {
      if (t.item[f] === null && item[f] !== null) this.set(t, f, item[f]);
    }
    if (t.item.kind === "decision" && item.status !== t.item.status && item.status === "decided") {
      this.set(t, "status", "decided");
    }
    for (const ev of item.evidence) {
      if (!t.item.evidence.some((e) => e.segmentId === ev.segmentId)) {
        t.item.evidence.push(ev);
        this.mark(t, "evidence");
      }
    }
    t.item.confidence = Math.max(t.item.confidence, item.confidence);
    t.at = this.index;
  }

  /** A proposal agreed: it becomes a decision and leaves the table. */
  decide(p: Proposal, by: string | null, confidence: number): Tracked {
    this.proposals = this.proposals.filter((x) => x !== p);
    const item = this.newItem("decision", p.text, p.evidence[0]!, confidence);
    item.evidence = [...p.evidence];
    item.decidedBy = by;
    item.owner = p.owner;
    return this.add(item, 0.6, true);
  }

  /** The latest proposal still waiting for a reply. */
  waitingProposal(): Proposal | undefined {
    return [...this.proposals].reverse().find((x) => this.index - x.at <= REPLY_WINDOW);
  }

  namedOwner(text: string): string | null {
    const people = this.people;
    const at = /@([a-z][\w-]*)/i.exec(text);
    if (at?.[1]) return people.resolveName(at[1], true);
    // "Priya to execute", "Darius will…", "Priya executes it", "Darius brings a proposal".
    for (const m of text.matchAll(
      /\b(\p{Lu}\p{Ll}+)(?:'s)? (to|will|is going to|is on it|has it|owning|[a-z]+s)\b/gu,
    )) {
      if (
        m[2] &&
        /^(?:is|was|has|does|says|thinks|knows|seems|wants|likes|needs|means|sounds|looks|feels|gets|goes)$/.test(m[2])
      )
        continue;
      const person = m[1] ? people.lookup(m[1]) : null;
      if (person) return person;
    }
    return null;
  }
}

/** One sentence of the turn as the passes read it; `created` is the item an earlier pass made or refined. */
export interface SentenceContext {
  s: Sentence;
  i: number;
  lower: string;
  words: number;
  due: DueDate | null;
  isQuestion: boolean;
  next: Sentence | undefined;
  created: Tracked | null;
  /** The template section this sentence announces ("Okay. Strategic initiatives."). */
  announced: SectionKind | null;
  /** The task just asked is this speaker's to answer. */
  askedOfMe: boolean;
  /** What the sentence leads with (cue-reading.ts): one of escalation, pending, decision or action reads it. */
  lead: "escalation" | "pending" | "decision" | "action" | null;
  escalationStep: { to: string } | null;
  pending: RegExpExecArray | null;
  decision: { index: number } | null;
  /** The risk attributes the sentence states, once read (riskAttributesOf in risk-pass.ts). */
  attributes: RiskAttributes | null;
}

/** The sentence as every pass sees it: its words, its due date, whether it asks. */
export function readSentence(state: MeetingState, s: Sentence, i: number): SentenceContext {
  const lower = s.lower;
  const meetingDate = state.meetingDate;
  // "…alongside the canary, same deadline": the deadline of this speaker's last dated task.
  const sameDeadline = /\bsame (?:deadline|date|timeline|day)\b/.test(lower)
    ? [...state.tracked].reverse().find((t) => t.item.kind === "action" && state.mine(t.item.owner) && t.item.due)?.item
        .due
    : null;
  const due = meetingDate
    ? (findDueDate(s.text, meetingDate) ?? (sameDeadline ? { date: sameDeadline, phrase: "same deadline" } : null))
    : null;
  const { lastRequest, lastRequestOf } = state;
  return {
    s,
    i,
    lower,
    words: wordCount(s.text),
    due,
    isQuestion: /\?\s*$/.test(s.text),
    next: state.sentences[i + 1],
    created: null,
    announced: null,
    askedOfMe:
      lastRequest !== null &&
      lastRequestOf.by !== state.speaker &&
      (lastRequestOf.of === null || state.mine(lastRequestOf.of)),
    lead: null,
    escalationStep: null,
    pending: null,
    decision: null,
    attributes: null,
  };
}

/**
 * A rule over one sentence. True means the sentence is read (the passes after it do not see it); a pass that
 * makes or refines an item without consuming the sentence sets `created`.
 */
export type SentencePass = (state: MeetingState, c: SentenceContext) => boolean;

export function snapshot(item: Item): Item {
  return { ...item, fields: { ...item.fields }, evidence: item.evidence.map((e) => ({ ...e })) };
}
