import {
  createItem,
  type Evidence,
  evidenceOf,
  type Item,
  type ItemEvent,
  type ItemKind,
  type MetricRow,
  type Rag,
} from "../item.js";
import type { Segment } from "../segment.js";
import type { SectionKind, Template } from "../template/template.js";
import { isTask, meaningfulWords, readAction } from "./actions.js";
import { antecedentOf, withAntecedent } from "./context.js";
import {
  ACCEPTANCE,
  AGENDA,
  CALL_FOR_AGREEMENT,
  CORRECTION,
  DECISION,
  DECISION_CALL,
  DISAGREEMENT,
  DONE,
  ESCALATION,
  ESCALATION_STEP,
  EXECUTOR,
  EXPLICIT_AGREEMENT,
  HEADING,
  MEETING_STEERING,
  MEETING_TALK,
  MITIGATION,
  MOVING_ON,
  NO_OBJECTION,
  NON_ANSWER,
  NOT_A_TASK,
  OPEN_QUESTION,
  OWNERSHIP,
  PENDING,
  PROPOSAL,
  PROPOSAL_LEAD,
  RATIONALE_CLAUSE,
  RATIONALE_SENTENCE,
  RECAP,
  REFUSAL,
  RISK_ANNOUNCE,
  RISK_VERDICT,
  SECTION_CUES,
  SELF_COMMITMENT,
  STATUS,
  STILL_OPEN,
  STRONG_AGREEMENT,
  WEAK_AGREEMENT,
  YOU_ASSIGNMENT,
  YOU_REQUEST,
  YOUR_RISK,
} from "./cues.js";
import { findDueDate, stripDuePhrase } from "./dates.js";
import { isConclusion, MOTION, opensConclusion, VOTE_RESULT } from "./decisions.js";
import { AUTHORITY, readEscalationStep } from "./escalations.js";
import {
  LINE_KINDS,
  type LineKindModel,
  type LineKindName,
  type LineUnit,
  lineUnits,
  unitProbability,
} from "./line-kinds.js";
import shippedLineKinds from "./line-kinds.json" with { type: "json" };
import { lineFeatureLists, pickLines } from "./line-model.js";
import { createMetricReader, findTeam, leadingTeam, type MetricReader, teamName } from "./metrics.js";
import { People } from "./people.js";
import { readQuestion } from "./questions.js";
import { RISK_EXPLICIT, readRisk, readRiskAttributes } from "./risks.js";
import { cleanItemText, contentWordSet, normalize, overlap, type Sentence, splitSentences, wordCount } from "./text.js";

export interface ExtractorOptions {
  /** The template whose sections the items are filed under; without one, items go under their kind. */
  template?: Template | null;
  /** The meeting's date (YYYY-MM-DD): "by Friday" resolves against it. Without it, due dates stay null. */
  meetingDate?: string | null;
  /** Attendee names, so that people who have not spoken yet are still recognised when addressed. */
  attendees?: readonly string[];
  /** Team names for the metrics table (e.g. from the Space); others are learned as they are named. */
  teams?: readonly string[];
  /**
   * The learned line scorer for every kind (line-kinds.ts) that adds, at the end of the meeting, the items
   * no rule found. Defaults to the shipped model; null turns the pass off (rules only); a fold of
   * `npm run eval:folds` passes one trained without the meeting's writer.
   */
  lineModel?: LineKindModel | null;
}

/** The streaming interface: segments go in one at a time, item events come out. */
export interface Extractor {
  push(segment: Segment): ItemEvent[];
  /** Call when the meeting ends: settles what was still waiting on a reply. */
  finish(): ItemEvent[];
  items(): Item[];
  metrics(): MetricRow[];
}

/** The learned line scorer joins in only for long meetings with almost no explicit decision. */
const IMPLICIT_MIN_SEGMENTS = 150;
const IMPLICIT_DECISION_RATE = 0.5; // explicit decisions per 100 segments

/** How many segments of debate a motion waits for its vote. */
const MOTION_WINDOW = 20;
/** The shipped model of the learned pass (scripts/train-line-kinds.ts). */
const LINE_KINDS_MODEL = shippedLineKinds as LineKindModel;
/**
 * The learned pass reads whole meetings (it learned from meetings of 35 turns and more, and where a line sits
 * in the meeting is one of its clues); a few lines of conversation are left to the rules.
 */
const LEARNED_MIN_SEGMENTS = 30;
/** Items of one kind the learned pass adds stay this many turns from each other and from the rules' items. */
const LEARNED_SPACING = 2;
/** A learned item sharing this much of its words with a noted item of its kind restates it. */
const RESTATEMENT_OVERLAP = 0.3;
/** At most one learned item of a kind per so many turns of the meeting. */
const LEARNED_SEGMENTS_PER_ITEM = 25;

/** How many segments later a reply ("Agreed.", "by Friday", "I'd call it red") still refers back. */
const REPLY_WINDOW = 4;
/** Items below this confidence are shown live as suggestions but left out of the notes' item lists. */
export const MIN_CONFIDENCE = 0.5;

interface Tracked {
  item: Item;
  /** Index of the segment that last touched it. */
  at: number;
  words: Set<string>;
  /** Made from a proposal: a later restatement of the decision is a better text. */
  fromProposal: boolean;
}

interface Proposal {
  /** "Any objections?": a "No." accepts it. */
  askedForObjections?: boolean;
  text: string;
  speaker: string | null;
  at: number;
  evidence: Evidence[];
  explicit: boolean;
  owner: string | null;
}

type RecapKind = "decision" | "pending" | "action" | "escalation" | "risk" | "question";

const KIND_SECTION: Record<Exclude<ItemKind, "update">, SectionKind> = {
  decision: "decisions",
  action: "actions",
  risk: "risks",
  question: "questions",
  escalation: "escalations",
};

/** Words of a decision cue that carry no content of their own ("okay, so that's approved"). */
const CUE_WORDS = new Set([
  "approved",
  "agreed",
  "decided",
  "decision",
  "call",
  "making",
  "make",
  "plan",
  "final",
  "settled",
  "that's",
  "ok",
  "okay",
  "go",
  "let's",
  "do",
  "great",
  "good",
  "perfect",
]);

/** Words of a deferral that say nothing of what is deferred ("I'm not deciding that today"). */
const DEFERRAL_WORDS = new Set([
  "i'm",
  "decid",
  "today",
  "yet",
  "now",
  "still",
  "open",
  "hold",
  "wait",
  "park",
  "until",
]);

export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const template = options.template ?? null;
  const meetingDate = options.meetingDate ?? null;
  const people = new People(options.attendees ?? []);
  const teams = new Set(options.teams ?? []);
  const sectionIds = new Map<string, string>();
  for (const s of template?.sections ?? []) if (!sectionIds.has(s.kind)) sectionIds.set(s.kind, s.id);
  const metricsColumns = template?.sections.find((s) => s.kind === "metrics")?.columns ?? [];
  const metricReader: MetricReader | null = metricsColumns.length ? createMetricReader(metricsColumns) : null;

  const tracked: Tracked[] = [];
  const rows = new Map<string, MetricRow>();
  const teamBySpeaker = new Map<string, string>();
  /** The last metric figure read, for "actually, five" said right after it. */
  let lastMetric: { team: string; column: string; speaker: string | null; at: number } | null = null;
  const counters = new Map<ItemKind, number>();
  let proposals: Proposal[] = [];
  let openQuestions: Tracked[] = [];
  /** Questions that someone other than the asker has replied to: later talk answers them only by speaking to them. */
  const replied = new WeakSet<Tracked>();
  /** Questions someone called open in so many words ("the question is…"): they stay open. */
  const namedOpen = new WeakSet<Tracked>();
  /** The task just asked or promised, waiting for an answer ("Yes, by Friday") or a restatement. */
  let lastRequest: Tracked | null = null;
  let lastRequestOf: { by: string | null; of: string | null } = { by: null, of: null };
  /** The escalation just raised: its owner's next promise is its next step, not a separate action. */
  let lastEscalation: Tracked | null = null;
  let lastEscalationRaisedAt = -Infinity;
  /** The motion on the floor, waiting for the chair to count the vote. */
  let lastMotion: { text: string; evidence: Evidence; at: number } | null = null;
  /** When someone last said a call is above them ("that's above my number"): where it goes next is an escalation. */
  let authoritySaidAt = -Infinity;
  /** The template section being discussed ("Okay. Strategic initiatives."): ratings there are status, not risk. */
  let agenda: SectionKind | null = null;
  let pendingRating: { rag: Rag; speaker: string | null; at: number } | null = null;
  let recap: { kind: RecapKind | null; speaker: string | null; at: number } | null = null;
  /** Every segment heard, for the learned line scorer at the end of a meeting. */
  const history: Segment[] = [];

  /**
   * A long meeting that never says "we decided" or "I'll" still decides and assigns: at its end, the learned
   * line scorer (line-model.ts) picks the lines that read like a decision or a task, where no rule already
   * made an item. Their confidence says they are inferred.
   */
  function inferImplicitItems(): ItemEvent[] {
    const events = inferLearnedItems();
    const explicit = tracked.filter((t) => t.item.kind === "decision").length;
    if (history.length < IMPLICIT_MIN_SEGMENTS || (100 * explicit) / history.length >= IMPLICIT_DECISION_RATE)
      return events;
    const used = new Set(tracked.flatMap((t) => t.item.evidence.map((e) => e.segmentId)));
    const skip = new Set(history.flatMap((s, i) => (used.has(s.id) ? [i] : [])));
    const features = lineFeatureLists(history);
    for (const [kind, limit] of [
      ["decision", 10],
      ["action", 4],
    ] as const) {
      for (const line of pickLines(kind, features, { threshold: 0.3, limit, spacing: 3, skip })) {
        const segment = history[line.index]!;
        const lower = normalize(segment.text).toLowerCase();
        const confidence = Math.min(0.7, MIN_CONFIDENCE + (line.probability - 0.3) / 2);
        const item = newItem(kind, cleanItemText(normalize(segment.text)), evidenceOf(segment), confidence);
        if (kind === "action") {
          item.owner =
            people.findRoleAssignment(lower)?.label ??
            people.findRole(lower) ??
            (SELF_COMMITMENT.test(lower) ? segment.speaker : null);
        }
        tracked.push({ item, at: index, words: contentWordSet(item.text), fromProposal: false });
        skip.add(line.index);
        events.push({ type: "added", item: snapshot(item) });
      }
    }
    return events;
  }

  /**
   * The sentences the learned scorer (line-kinds.ts) is confident are a decision, an action, a risk, an open
   * question or an escalation, where no rule made an item from that turn or, for the same kind, from the
   * turns around it: writers decide and escalate in more ways than the rules list. Each sentence gives at
   * most one item, of its likeliest kind; items of one kind stay LEARNED_SPACING turns apart (a point is
   * talked over several turns; one of them stands for it).
   */
  function inferLearnedItems(): ItemEvent[] {
    const model = options.lineModel === undefined ? LINE_KINDS_MODEL : options.lineModel;
    if (!model || history.length < LEARNED_MIN_SEGMENTS) return [];
    const at = new Map(history.map((s, i) => [s.id, i]));
    const units = lineUnits(history);
    const unitsOf = new Map<number, LineUnit[]>();
    for (const u of units) unitsOf.set(u.segmentIndex, [...(unitsOf.get(u.segmentIndex) ?? []), u]);
    const events: ItemEvent[] = [];
    // A rule's item whose sentence reads like another kind becomes one ("I'm going to raise it with Sanjay"
    // is an escalation the commitment rules took for a task); one whose sentence reads nothing like its kind
    // is dropped: mostly status talk and asides that a cue word ("risk", "I'll", "decide") caught.
    for (let n = tracked.length - 1; n >= 0; n--) {
      const item = tracked[n]!.item;
      const first = item.evidence[0];
      if (item.kind === "update" || !first) continue;
      const candidates = unitsOf.get(at.get(first.segmentId) ?? -1) ?? [];
      const quote = contentWordSet(first.quote);
      let unit: LineUnit | null = null;
      let bestOverlap = 0;
      for (const u of candidates) {
        const o = overlap(quote, contentWordSet(u.text));
        if (o > bestOverlap) [unit, bestOverlap] = [u, o];
      }
      if (!unit) continue;
      const features = unit.features;
      const other = LINE_KINDS.find((kind) => {
        const relabelFrom = model.kinds[kind]?.relabelFrom;
        return (
          kind !== item.kind &&
          relabelFrom !== undefined &&
          unitProbability(model.kinds[kind]!.weights, features) >= relabelFrom
        );
      });
      if (other) {
        const moved = newItem(other, item.text, first, item.confidence);
        moved.evidence = item.evidence.map((e) => ({ ...e }));
        moved.owner = item.owner;
        moved.due = item.due;
        tracked[n] = { ...tracked[n]!, item: moved };
        events.push({ type: "removed", item: snapshot(item) }, { type: "added", item: snapshot(moved) });
        continue;
      }
      const k = model.kinds[item.kind];
      if (k?.dropBelow === undefined || unitProbability(k.weights, features) >= k.dropBelow) continue;
      tracked.splice(n, 1);
      events.push({ type: "removed", item: snapshot(item) });
    }
    const usedAny = new Set<number>();
    const usedBy = new Map<ItemKind, number[]>();
    for (const t of tracked)
      for (const e of t.item.evidence) {
        const i = at.get(e.segmentId);
        if (i === undefined) continue;
        usedAny.add(i);
        usedBy.set(t.item.kind, [...(usedBy.get(t.item.kind) ?? []), i]);
      }
    const near = (kind: ItemKind, i: number) =>
      (usedBy.get(kind) ?? []).some((j) => Math.abs(i - j) <= LEARNED_SPACING);
    const candidates: { kind: LineKindName; probability: number; unit: LineUnit }[] = [];
    for (const unit of units) {
      if (usedAny.has(unit.segmentIndex)) continue;
      let best: { kind: LineKindName; probability: number; margin: number } | null = null;
      for (const kind of LINE_KINDS) {
        const k = model.kinds[kind];
        if (k?.addFrom === undefined) continue;
        const probability = unitProbability(k.weights, unit.features);
        if (probability >= k.addFrom && (!best || probability - k.addFrom > best.margin))
          best = { kind, probability, margin: probability - k.addFrom };
      }
      if (best) candidates.push({ kind: best.kind, probability: best.probability, unit });
    }
    candidates.sort((a, b) => b.probability - a.probability || a.unit.segmentIndex - b.unit.segmentIndex);
    const limit = Math.max(2, Math.ceil(history.length / LEARNED_SEGMENTS_PER_ITEM));
    const added = new Map<LineKindName, number>();
    for (const { kind, probability, unit } of candidates) {
      const i = unit.segmentIndex;
      if ((added.get(kind) ?? 0) >= limit || near(kind, i) || usedAny.has(i)) continue;
      const words = contentWordSet(unit.text);
      if (tracked.some((t) => t.item.kind === kind && overlap(t.words, words) >= RESTATEMENT_OVERLAP)) continue;
      const segment = history[i]!;
      const lower = unit.text.toLowerCase();
      // Who: a task handed to "you" belongs to whoever answers; otherwise the speaker, who in these meetings
      // mostly takes the task on or makes the call (the gold names an owner for nearly every one).
      const next = history[i + 1];
      const toListener = (YOU_ASSIGNMENT.test(lower) || YOU_REQUEST.test(lower)) && next?.speaker !== segment.speaker;
      const owner =
        kind === "action"
          ? (people.findRoleAssignment(lower)?.label ??
            people.findRole(lower) ??
            (toListener ? (next?.speaker ?? null) : segment.speaker))
          : kind === "decision"
            ? segment.speaker
            : null;
      const due = kind === "action" && meetingDate ? (findDueDate(unit.text, meetingDate)?.date ?? null) : null;
      // The same person's task for the same day is one already noted, said again ("So either I have it
      // resolved or I've executed the rollback by Friday").
      const again = (t: Tracked) => t.item.kind === kind && t.item.due === due && people.same(t.item.owner, owner);
      if (due !== null && tracked.some(again)) continue;
      const confidence = Math.min(0.7, MIN_CONFIDENCE + (probability - (model.kinds[kind]?.addFrom ?? 0)) / 2);
      const item = newItem(kind, cleanItemText(unit.text), evidenceOf(segment, unit.text), confidence);
      item.owner = owner;
      item.due = due;
      if (kind === "decision") {
        item.decidedBy = segment.speaker;
        if (PENDING.test(lower)) item.status = "pending";
      }
      if (kind === "question") item.askedBy = segment.speaker;
      tracked.push({ item, at: index, words: contentWordSet(item.text), fromProposal: false });
      usedAny.add(i);
      usedBy.set(kind, [...(usedBy.get(kind) ?? []), i]);
      added.set(kind, (added.get(kind) ?? 0) + 1);
      events.push({ type: "added", item: snapshot(item) });
    }
    return events;
  }

  /** "Can I raise a risk?" — the speaker's next sentence is the risk. */
  let riskAnnounced: { speaker: string | null; at: number } | null = null;
  /** The last statement that made no item, and the previous turn, for replies that point back at them. */
  let lastStatement: { speaker: string | null; sentence: Sentence; at: number; evidence: Evidence } | null = null;
  let previousTurn: { speaker: string | null; text: string; evidence: Evidence } | null = null;
  /** The last few substantive sentences that made no item, for attributes said about them afterwards. */
  const recentStatements: { speaker: string | null; sentence: Sentence; at: number; evidence: Evidence }[] = [];
  let index = 0;
  let previousSpeaker: string | null = null;
  const addressed: { name: string | null; at: number } = { name: null, at: -10 };

  function sectionFor(kind: ItemKind, sectionKind?: SectionKind): string {
    const wanted = sectionKind ?? (kind === "update" ? "notes" : KIND_SECTION[kind]);
    return sectionIds.get(wanted) ?? wanted;
  }

  function newItem(kind: ItemKind, text: string, evidence: Evidence, confidence: number, sectionKind?: SectionKind) {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return createItem({
      id: `${kind}-${n}`,
      kind,
      section: sectionFor(kind, sectionKind),
      text,
      status: kind === "decision" ? "decided" : kind === "update" || kind === "escalation" ? null : "open",
      confidence,
      evidence: [evidence],
    });
  }

  function latest(kind: ItemKind, within = REPLY_WINDOW, where: (t: Tracked) => boolean = () => true): Tracked | null {
    for (let i = tracked.length - 1; i >= 0; i--) {
      const t = tracked[i]!;
      if (index - t.at > within) continue;
      if (t.item.kind === kind && where(t)) return t;
    }
    return null;
  }

  return {
    push(segment) {
      const events: ItemEvent[] = [];
      index++;
      history.push(segment);
      people.addSpeaker(segment.speaker);
      const speaker = segment.speaker;
      /** Whether a name (an owner, say) is this speaker, "Priya Shah" and "Priya" alike. */
      const mine = (name: string | null) => people.same(name, speaker);
      const sentences = splitSentences(segment.text);
      const touched = new Map<Tracked, Set<keyof Item>>();
      const added = new Set<Tracked>();
      if (recap && (recap.speaker !== speaker || index - recap.at > 1)) recap = null;
      let inProposal: Proposal | null = null;
      let consumed = -1;
      /** A decision just agreed in this turn: the agreeing speaker's next full sentence usually restates it. */
      let restating: Tracked | null = null;
      /** The item the previous sentence of this turn made: a sentence that makes nothing elaborates it. */
      let elaborating: Tracked | null = null;
      /** "I agree." with no proposal waiting: the next short sentence of the turn is the conclusion agreed. */
      let concluding: Evidence | null = null;
      const segmentEscalates = sentences.some((x) => ESCALATION.test(x.lower));
      /** The sentence before was only "Okay." or "Right, then.": this one may land the decision. */
      let concludingTurn = false;
      const escalationSteps: Sentence[] = [];

      const evidenceFor = (s: Sentence): Evidence => ({
        segmentId: segment.id,
        speaker,
        quote: s.raw,
        start: segment.start,
      });
      const mark = (t: Tracked, ...fields: (keyof Item)[]) => {
        t.at = index;
        if (added.has(t)) return;
        const set = touched.get(t) ?? new Set();
        for (const f of fields) set.add(f);
        touched.set(t, set);
      };
      const set = <K extends keyof Item>(t: Tracked, field: K, value: Item[K]) => {
        if (value === null || t.item[field] === value) return;
        t.item[field] = value;
        if (field === "text") t.words = contentWordSet(String(value));
        mark(t, field);
      };
      const addEvidence = (t: Tracked, s: Sentence, primary = false) => {
        const existing = t.item.evidence.findIndex((e) => e.segmentId === segment.id);
        if (existing >= 0) {
          const e = t.item.evidence[existing]!;
          if (!e.quote.includes(s.raw)) e.quote = `${e.quote} ${s.raw}`;
        } else if (primary) t.item.evidence.unshift(evidenceFor(s));
        else t.item.evidence.push(evidenceFor(s));
        mark(t, "evidence");
      };
      /** The same thing said twice (a recap, a restatement) refines the first item instead of adding another. */
      const add = (item: Item, mergeAt = 0.6, fromProposal = false): Tracked => {
        const words = contentWordSet(item.text);
        for (let i = tracked.length - 1; i >= 0; i--) {
          const t = tracked[i]!;
          if (t.item.kind !== item.kind) continue;
          const sameOwner = item.owner !== null && t.item.owner === item.owner;
          if (overlap(t.words, words) >= (sameOwner ? mergeAt * 0.75 : mergeAt)) {
            merge(t, item);
            return t;
          }
        }
        const t: Tracked = { item, at: index, words, fromProposal };
        tracked.push(t);
        added.add(t);
        return t;
      };
      const merge = (t: Tracked, item: Item) => {
        for (const f of ["owner", "due", "rag", "likelihood", "impact", "mitigation", "rationale", "needed"] as const) {
          if (t.item[f] === null && item[f] !== null) set(t, f, item[f]);
        }
        if (t.item.kind === "decision" && item.status !== t.item.status && item.status === "decided") {
          set(t, "status", "decided");
        }
        for (const ev of item.evidence) {
          if (!t.item.evidence.some((e) => e.segmentId === ev.segmentId)) {
            t.item.evidence.push(ev);
            mark(t, "evidence");
          }
        }
        t.item.confidence = Math.max(t.item.confidence, item.confidence);
        t.at = index;
      };
      const decide = (p: Proposal, by: string | null, confidence: number): Tracked => {
        proposals = proposals.filter((x) => x !== p);
        const item = newItem("decision", p.text, p.evidence[0]!, confidence);
        item.evidence = [...p.evidence];
        item.decidedBy = by;
        item.owner = p.owner;
        return add(item, 0.6, true);
      };

      for (const [i, s] of sentences.entries()) {
        // Metrics: numbers said against the template's columns, under the speaker's team, whatever else the
        // sentence says.
        if (metricReader) readMetrics(s, i === 0 ? null : (sentences[i - 1] ?? null));
        if (i <= consumed) continue;
        const lower = s.lower;
        const words = wordCount(s.text);
        // "…alongside the canary, same deadline": the deadline of this speaker's last dated task.
        const sameDeadline = /\bsame (?:deadline|date|timeline|day)\b/.test(lower)
          ? [...tracked].reverse().find((t) => t.item.kind === "action" && mine(t.item.owner) && t.item.due)?.item.due
          : null;
        const due = meetingDate
          ? (findDueDate(s.text, meetingDate) ??
            (sameDeadline ? { date: sameDeadline, phrase: "same deadline" } : null))
          : null;
        const isQuestion = /\?\s*$/.test(s.text);
        const next = sentences[i + 1];
        let created: Tracked | null = null;

        if (restating && (STRONG_AGREEMENT.test(lower) || contentWordSet(s.text).size < 4)) continue;
        if (
          restating &&
          !isQuestion &&
          !PROPOSAL.test(lower) &&
          !/^(?:i|i'll|i'm|i'd|i've)\b/.test(lower) &&
          overlap(restating.words, contentWordSet(s.text)) >= 0.2
        ) {
          set(restating, "text", cleanItemText(s.text));
          restating.fromProposal = false;
          addEvidence(restating, s, true);
          const owner = namedOwner(s.text);
          if (owner && !restating.item.owner) set(restating, "owner", owner);
          restating = null;
          continue;
        }
        restating = null;

        // "Okay, the hotfix goes to a hundred percent on Friday. Farah, you own it." — who carries it out.
        const executor = EXECUTOR.exec(s.text);
        const executorName = executor?.[1] ?? executor?.[2];
        const executorLabel = executorName ? people.resolveName(executorName, true) : null;
        if (executorLabel) {
          const decided = latest("decision", 1, (t) => t.item.owner === null && t.item.status === "decided");
          if (decided) {
            set(decided, "owner", executorLabel);
            addEvidence(decided, s);
          }
        }

        // A proposal runs on to the end of its turn: the sentences after it are its content, not new items.
        if (inProposal) {
          if (!isQuestion && words >= 3) {
            inProposal.text = `${inProposal.text} ${cleanItemText(s.text)}.`;
            inProposal.evidence[0]!.quote += ` ${s.raw}`;
          }
          continue;
        }

        // "Let me recap" / "Actions." / "Decided, …": a summary whose sentences are items of one kind.
        if (RECAP.test(lower)) {
          recap = { kind: null, speaker, at: index };
          continue;
        }
        const announced = agendaSection(lower, words);
        if (announced) agenda = announced;
        const heading = HEADING.exec(lower);
        if (heading?.[1]) {
          const kind = recapKind(heading[1]);
          const isSummary = recap !== null || kind === "action" || kind === "pending" || heading[1] === "decided";
          if (kind && isSummary) {
            recap = { kind, speaker, at: index };
            const rest = s.text.slice(heading[0].length).trim();
            if (contentWordSet(rest).size < 2) continue;
            created = recapItem(kind, { raw: s.raw, text: rest, lower: rest.toLowerCase() });
            continue;
          }
        }
        if (recap?.kind && contentWordSet(s.text).size >= 2 && !isQuestion) {
          recap.at = index;
          // "That's decided. Inès redoes the drill-down screen. Load test doc in two weeks." — owners and
          // dates make tasks, even in a list of decisions.
          // Each line of a recap says what it is: "Kwabena, load test by Friday" is a task even under
          // "Pending:", and "audit log retention is still open" is pending even under "Decided:".
          const personFirst = /^(?:and\s+)?(?:i\b|(\p{Lu}\p{Ll}+)(?![\p{L}]))/u.exec(s.text);
          const byPerson = personFirst && (!personFirst[1] || people.lookup(personFirst[1]) !== null);
          const kind: RecapKind =
            (recap.kind === "decision" || recap.kind === "pending") &&
            (byPerson || (due && !/^(?:and\s+)?we\b/i.test(s.text)))
              ? "action"
              : recap.kind === "decision" && PENDING.test(lower)
                ? "pending"
                : recap.kind;
          recapItem(kind, s);
          continue;
        }

        // Replies: agreement settles a proposal; acceptance takes the task just asked; "I'll own it" the risk.
        if (words <= 14 && proposals.length) {
          // After "Any objections?", "No." agrees.
          const objectionCall = NO_OBJECTION.test(lower) && proposals.some((x) => x.askedForObjections);
          if (!objectionCall && DISAGREEMENT.test(lower)) {
            proposals = proposals.filter((p) => p.speaker === speaker);
          } else {
            const noObjection = NO_OBJECTION.test(lower);
            const strong = STRONG_AGREEMENT.test(lower) || (noObjection && proposals.some((x) => x.askedForObjections));
            const weak = !strong && WEAK_AGREEMENT.test(lower);
            const p = [...proposals]
              .reverse()
              .find(
                (x) =>
                  x.speaker !== speaker &&
                  index - x.at <= (strong ? REPLY_WINDOW : 1) &&
                  (strong || x.explicit) &&
                  (!noObjection || x.askedForObjections),
              );
            if (p && (strong || weak)) {
              created = decide(p, speaker, strong ? 0.8 : 0.6);
              addEvidence(created, s);
              restating = created;
              continue;
            }
          }
        }
        // "It's a no hire for Lior." — "Agreed." The statement just made was a proposal in all but name.
        if (
          sentences.length === 1 &&
          words <= 4 &&
          !proposals.length &&
          lastStatement &&
          lastStatement.speaker !== speaker &&
          index - lastStatement.at === 1 &&
          contentWordSet(lastStatement.sentence.text).size >= 4 &&
          EXPLICIT_AGREEMENT.test(lower) &&
          !latest("decision", 2)
        ) {
          const item = newItem("decision", cleanItemText(lastStatement.sentence.text), lastStatement.evidence, 0.6);
          item.decidedBy = speaker;
          created = add(item);
          addEvidence(created, s);
          lastStatement = null;
          continue;
        }
        // "Yeah, I agree. No freeze." — agreeing with what was just argued, then saying the conclusion.
        if (concluding && !isQuestion && !/^(?:i|i'll|i'm|i'd|i've|we'll)\b/.test(lower) && words <= 20) {
          const item = newItem("decision", cleanItemText(s.text), concluding, 0.7);
          item.decidedBy = speaker;
          item.evidence = [{ ...concluding, quote: `${concluding.quote} ${s.raw}` }];
          created = add(item, 0.5);
          concluding = null;
          continue;
        }
        // Only when nothing was just decided: "Agreed." right after a decision confirms that decision.
        concluding =
          words <= 6 &&
          /\b(?:i agree|agreed|we agree|i'm with \w+)\b/.test(lower) &&
          !proposals.length &&
          !latest("decision")
            ? evidenceFor(s)
            : null;
        if (OWNERSHIP.test(lower)) {
          const owned =
            latest("risk", 3, (t) => !mine(t.item.owner)) ?? latest("escalation", 2, (t) => !mine(t.item.owner));
          if (owned) {
            set(owned, "owner", speaker);
            addEvidence(owned, s);
          }
          if (words <= 6) continue;
        }
        // "Who owns that until the canary lands?" — "Me." / "The US clusters risk is Ximena's."
        const claimed =
          /^(?:me|i do|i will|mine|that's me)\b/.test(lower) &&
          previousTurn &&
          /\bwho(?:'s| is)? (?:owns?|owning|taking|doing)\b/i.test(previousTurn.text);
        const possessed = /\brisk is ([A-Z][a-z]+)'s\b/.exec(s.text);
        if (claimed || possessed) {
          const owner = claimed ? speaker : people.lookup(possessed?.[1] ?? "");
          const risk = claimed
            ? latest("risk", 3)
            : tracked.findLast((t) => t.item.kind === "risk" && overlap(t.words, contentWordSet(s.text)) > 0);
          if (risk && owner) {
            set(risk, "owner", owner);
            addEvidence(risk, s);
            if (words <= 8) continue;
          }
        }
        // "Anselm, the on-call risk is yours to own" names the owner; else it is whoever spoke last.
        const handedTo =
          people.lookup(/^(?:(?:so|okay|and)[,]?\s+)*([A-Z][a-z]+),/.exec(s.text)?.[1] ?? "") ??
          (previousSpeaker !== speaker ? previousSpeaker : null);
        if (YOUR_RISK.test(lower) && handedTo) {
          const risk =
            latest("risk", 6, (t) => t.item.evidence.some((e) => people.same(e.speaker, handedTo))) ??
            latest("risk", 3);
          if (risk) {
            // "Okay, so that's your risk, low likelihood, medium impact."
            const attributes = readRiskAttributes(lower);
            set(risk, "owner", handedTo);
            set(risk, "likelihood", attributes.likelihood);
            set(risk, "impact", attributes.impact);
            set(risk, "rag", attributes.rag);
            if (attributes.mitigation !== null)
              set(risk, "mitigation", cleanItemText(s.text.slice(attributes.mitigation)));
            addEvidence(risk, s);
            continue;
          }
        }
        const askedOfMe =
          lastRequest !== null && lastRequestOf.by !== speaker && (lastRequestOf.of === null || mine(lastRequestOf.of));
        if (lastRequest && askedOfMe && index - lastRequest.at <= 2 && REFUSAL.test(lower)) continue;
        if (lastRequest && askedOfMe && index - lastRequest.at <= 2 && words <= 14 && ACCEPTANCE.test(lower)) {
          const t = lastRequest;
          if (speaker && t.item.owner === null) set(t, "owner", speaker);
          if (due) set(t, "due", due.date);
          // A task someone took on out loud is a firm item, whatever its wording.
          t.item.confidence = Math.min(0.95, t.item.confidence + 0.2);
          addEvidence(t, s);
          continue;
        }

        // "The sync model is X. Any objections?" / "So are we agreed, one-year renewal?" — a call to agree.
        const call = isQuestion ? CALL_FOR_AGREEMENT.exec(lower) : null;
        if (call) {
          const stated = call[1] && contentWordSet(call[1]).size >= 2 ? s : (sentences[i - 1] ?? null);
          if (stated && stated !== s && contentWordSet(stated.text).size >= 3) {
            proposals.push({
              text: cleanItemText(stated.text),
              speaker,
              at: index,
              evidence: [evidenceFor(stated)],
              explicit: true,
              owner: namedOwner(stated.text),
              askedForObjections: /objection/.test(lower),
            });
            // The statement may already have been read as something else (an action, a pending item).
            continue;
          }
          if (stated === s) {
            proposals.push({
              text: cleanItemText(s.text.slice(s.text.length - (call[1] ?? "").length)),
              speaker,
              at: index,
              evidence: [evidenceFor(s)],
              explicit: true,
              owner: null,
            });
            continue;
          }
        }
        if (PROPOSAL_LEAD.test(lower)) {
          inProposal = { text: "", speaker, at: index, evidence: [evidenceFor(s)], explicit: true, owner: null };
          proposals.push(inProposal);
          continue;
        }
        if (RISK_ANNOUNCE.test(lower) && words <= 8) {
          riskAnnounced = { speaker, at: index };
          continue;
        }
        if (RISK_VERDICT.test(lower) && contentWordSet(s.text).size <= 3) {
          // "That could bite us." — the risk is what was said just before.
          const before = i > 0 ? sentences[i - 1] : null;
          const source = before
            ? { speaker, text: before.text, evidence: evidenceFor(before) }
            : previousTurn && previousTurn.speaker !== speaker
              ? previousTurn
              : null;
          if (source && contentWordSet(source.text).size >= 3) {
            const item = newItem("risk", cleanItemText(source.text), source.evidence, 0.7);
            item.owner = source.speaker;
            created = add(item);
            addEvidence(created, s);
            continue;
          }
        }
        if (
          riskAnnounced &&
          riskAnnounced.speaker === speaker &&
          index - riskAnnounced.at <= 1 &&
          contentWordSet(s.text).size >= 3
        ) {
          // "Can I raise a risk? What happens when we ship a migration while edits sit in an outbox?"
          const item = newItem("risk", cleanItemText(s.text), evidenceFor(s), 0.75);
          item.owner = speaker;
          created = add(item);
          riskAnnounced = null;
          continue;
        }

        // A motion waits for its vote; the chair's count decides it ("The motion carries, three to one").
        const motion = MOTION.exec(lower);
        if (motion?.[1] && contentWordSet(motion[1]).size >= 2) {
          lastMotion = {
            text: cleanItemText(s.text.slice(s.text.length - motion[1].length)),
            evidence: evidenceFor(s),
            at: index,
          };
          continue;
        }
        if (/^(?:i )?second(?:ed)?(?: (?:that|it|the motion))?\b/.test(lower)) continue;
        const vote = VOTE_RESULT.exec(lower);
        if (vote && lastMotion && index - lastMotion.at <= MOTION_WINDOW) {
          const outcome = vote[1] ?? vote[2] ?? "carries";
          const failed = /^fail|defeated/.test(outcome);
          const text = failed ? `Motion failed: ${lastMotion.text}` : lastMotion.text;
          const item = newItem("decision", text, lastMotion.evidence, 0.85);
          if (/^defer/.test(outcome)) item.status = "pending";
          item.decidedBy = speaker;
          created = add(item);
          addEvidence(created, s);
          lastMotion = null;
          continue;
        }
        if (AUTHORITY.test(lower)) authoritySaidAt = index;
        const escalationStep = isQuestion
          ? null
          : readEscalationStep(s, {
              isInRoom: (name) => people.speakers.some((label) => people.same(label, name)),
              authoritySaid: index - authoritySaidAt <= 3,
            });
        const escalation = ESCALATION.test(lower) || escalationStep !== null;
        const pending = PENDING.exec(lower);
        const decision: { index: number } | null =
          DECISION.exec(lower) ?? DECISION_CALL.exec(lower) ?? (isConclusion(s, concludingTurn) ? { index: 0 } : null);
        concludingTurn = opensConclusion(s);

        if (escalation && words >= 5 && !isQuestion) {
          // "Not yet. If the price goes up it'll need budget": the speaker has just said it is not one.
          const declined = /^(?:no|not yet|nope|not really|not at this point)\b/.test(
            segment.text.trim().toLowerCase(),
          );
          // "Mobile is short two engineers. I want to escalate this to the VP." — say what "this" is.
          const before = i > 0 ? sentences[i - 1] : null;
          const pointer = /\b(?:escalate|take|taking|bring|raise|flag|push|carry) (?:this|it|that)\b/.test(lower);
          // "I'm taking that to Martin." opening a turn: "that" is what the previous speaker asked for.
          const antecedent =
            before ??
            (previousTurn && previousTurn.speaker !== speaker
              ? (splitSentences(previousTurn.text).at(-1) ?? null)
              : null);
          const pointsBack = pointer && antecedent !== null && contentWordSet(antecedent.text).size >= 3;
          const text =
            pointsBack && antecedent
              ? `${cleanItemText(antecedent.text)}: ${cleanItemText(s.text)}`
              : cleanItemText(s.text);
          const evidence =
            pointsBack && before ? { ...evidenceFor(s), quote: `${before.raw} ${s.raw}` } : evidenceFor(s);
          // "That's above my level" right after raising it, or "bring it to the exec review" from someone else,
          // is the same escalation said again.
          const sameOne =
            lastEscalation &&
            ((people.same(lastEscalation.item.evidence[0]?.speaker ?? null, speaker) &&
              index - lastEscalation.at <= 1) ||
              (index - lastEscalation.at <= 3 && /\b(?:it|this|that)\b/.test(lower) && !pointsBack))
              ? lastEscalation
              : null;
          if (sameOne) {
            addEvidence(sameOne, s);
            created = sameOne;
            continue;
          }
          const item = newItem("escalation", text, evidence, declined ? 0.4 : 0.75);
          item.owner = escalationStep ? speaker : (namedOwner(s.text) ?? speaker);
          item.needed = neededFrom(s.text);
          if (due) item.due = due.date;
          created = add(item);
          lastEscalation = created;
          lastEscalationRaisedAt = index;
          for (const step of escalationSteps.splice(0)) addEvidence(created, step);
        } else if (
          pending &&
          !decision &&
          [...contentWordSet(s.text)].filter((w) => !CUE_WORDS.has(w) && !DEFERRAL_WORDS.has(w)).length <= 1
        ) {
          // "So that's still open." "I'm not deciding that today." — about what was just discussed: the question
          // or pending decision, else the proposal on the table, which is now a decision left pending.
          const about = latest("question", 3) ?? latest("decision", 3, (t) => t.item.status === "pending");
          const proposal = [...proposals].reverse().find((x) => index - x.at <= REPLY_WINDOW);
          if (about) {
            if (about.item.kind === "question") set(about, "status", "open");
            addEvidence(about, s);
          } else if (proposal) {
            created = decide(proposal, speaker, 0.7);
            set(created, "status", "pending");
            addEvidence(created, s);
          }
          continue;
        } else if ((decision || pending) && words >= 3 && !isQuestion) {
          let text = cleanItemText(s.text);
          let evidence = evidenceFor(s);
          const content = [...contentWordSet(s.text)].filter((w) => !CUE_WORDS.has(w));
          // "Then I'm making the call. Salesforce v1 is one-way sync." — the content is in the next sentence.
          if (content.length < 3 && next && !/\?\s*$/.test(next.text) && contentWordSet(next.text).size >= 3) {
            text = cleanItemText(next.text);
            evidence = { ...evidence, quote: `${s.raw} ${next.raw}` };
            consumed = i + 1;
          } else if (content.length < 3) {
            // "Okay, so that's approved." — settles the open proposal or confirms the decision just taken.
            const p = [...proposals].reverse().find((x) => index - x.at <= REPLY_WINDOW);
            if (p) created = decide(p, speaker, 0.85);
            else created = latest("decision", REPLY_WINDOW);
            if (created) {
              addEvidence(created, s);
              // "Okay, that's decided. One year only. And debug retention goes to fifteen days." — a list follows.
              if (!pending) recap = { kind: "decision", speaker, at: index };
              continue;
            }
          }
          const item = newItem("decision", text, evidence, pending ? 0.7 : 0.8);
          // "Sheet it is, pending Tomasz's spike": a condition on a decision taken, not a decision left open.
          const condition =
            pending &&
            decision &&
            /^pending \S/.test(pending[0] + lower.slice(pending.index + 7, pending.index + 9)) &&
            /,\s*$|\bwith\s*$/.test(lower.slice(0, pending.index));
          if (pending && !condition && (!decision || pending.index <= decision.index)) item.status = "pending";
          // "Merging the rotations is pending, and the export question is open": a recap of what is open.
          if (item.status === "pending") {
            const words = contentWordSet(text);
            const known = tracked.find(
              (t) =>
                ((t.item.kind === "decision" && t.item.status === "pending") || t.item.kind === "question") &&
                overlap(t.words, words) >= 0.25,
            );
            if (known?.item.kind === "question" && !namedOpen.has(known)) {
              // "Do we block kubectl edits?" … "that stays undecided": the question is now a pending decision.
              set(known, "status", "answered");
            } else if (known || content.length < 3) {
              if (known) addEvidence(known, s);
              continue;
            }
          }
          item.owner = namedOwner(consumed === i + 1 && next ? `${s.text} ${next.text}` : s.text);
          item.decidedBy = speaker;
          item.rationale = rationaleFrom(s.text);
          // A restatement of the decision a proposal just became: keep one item, with the clearer words.
          const recent = latest("decision", REPLY_WINDOW, (t) => t.fromProposal && t.item.status === item.status);
          const p = [...proposals].reverse().find((x) => index - x.at <= REPLY_WINDOW);
          if (recent && item.status === "decided") {
            set(recent, "text", item.text);
            recent.fromProposal = false;
            merge(recent, item);
            created = recent;
          } else if (p && item.status === "decided") {
            created = decide(p, speaker, 0.85);
            set(created, "text", item.text);
            created.fromProposal = false;
            merge(created, item);
          } else created = add(item, recap ? 0.3 : 0.6);
        } else {
          const action = readAction(s, {
            speaker,
            previousSpeaker,
            people,
            due,
            addressed,
            index,
            // Only the person asked (or the one who promised it) can answer or restate a task.
            lastRequest:
              lastRequest && index - lastRequest.at <= 2 && (askedOfMe || mine(lastRequestOf.of))
                ? lastRequest.words
                : null,
            lastRequestAskedOfMe: askedOfMe,
            lastRequestJustPromised:
              lastRequest !== null &&
              lastRequestOf.by === speaker &&
              mine(lastRequestOf.of) &&
              index - lastRequest.at <= 1,
            previousSentence: i > 0 ? (sentences[i - 1] ?? null) : null,
          });
          const escalating = action?.kind === "new" && segmentEscalates && ESCALATION_STEP.test(action.text);
          if (escalating) {
            // "I'll take it to Lena. Dropping Android 9 needs product sign-off." — the escalation, not an action.
            escalationSteps.push(s);
            continue;
          }
          if (action?.kind === "refine" && lastRequest) {
            const t = lastRequest;
            if (!mine(t.item.owner) || lastRequestOf.by !== speaker)
              t.item.confidence = Math.min(0.95, t.item.confidence + 0.2);
            if (due && (!t.item.due || CORRECTION.test(s.raw))) set(t, "due", due.date);
            if (action.owner && !t.item.owner) set(t, "owner", action.owner);
            // The owner's own words say what they will do more plainly than the request did.
            if (action.text && mine(t.item.owner) && contentWordSet(action.text).size > 1) {
              if (/\b(?:it|that|this|them)\b/i.test(t.item.text) || contentWordSet(action.text).size > t.words.size) {
                set(t, "text", action.text);
              }
              addEvidence(t, s, true);
            } else addEvidence(t, s);
            created = t;
          } else if (action?.kind === "new" && mine(action.owner) && followUpOf(speaker)) {
            // "I'll own the customer comms draft": what an escalation's owner does about it is part of it.
            const t = followUpOf(speaker)!;
            set(t, "needed", t.item.needed ? `${t.item.needed}; ${action.text}` : action.text);
            addEvidence(t, s);
            created = t;
          } else if (action?.kind === "new" && escalationRestated(action.text, action.owner)) {
            // "Cormac takes the fee waiver to Gráinne": the escalation said again, not a new action.
            const t = escalationRestated(action.text, action.owner)!;
            addEvidence(t, s);
            created = t;
          } else if (action?.kind === "new") {
            // What a risk's owner promises about it is the risk's mitigation, and an action of its own — unless it
            // only accepts the mitigation just said ("I'll ping them today").
            const ownRisk = mine(action.owner) ? latest("risk", 1, (t) => mine(t.item.owner)) : null;
            if (ownRisk && !ownRisk.item.mitigation) set(ownRisk, "mitigation", action.text);
            if (
              ownRisk?.item.mitigation &&
              meaningfulWords(action.text) <= 1 &&
              /\b(?:it|that|this|them|those)\b/i.test(action.text)
            ) {
              addEvidence(ownRisk, s);
              continue;
            }
            const item = newItem("action", action.text, evidenceFor(s), action.confidence);
            item.owner = action.owner;
            const before =
              action.describedBefore && i > 0 && meetingDate ? findDueDate(sentences[i - 1]!.text, meetingDate) : null;
            if (due ?? before) item.due = (due ?? before)!.date;
            if (before) item.text = cleanItemText(stripDuePhrase(item.text, before.phrase));
            created = add(item);
            lastRequest = created;
            lastRequestOf = { by: speaker, of: action.owner };
          }
        }

        // Risks: a statement of exposure, or a rating that introduces the next statement or refines the last.
        const attributes = readRiskAttributes(lower);
        const ownRisk = latest("risk", 2, (t) => mine(t.item.owner));
        if (!created && ownRisk && attributes.mitigation !== null && !ownRisk.item.mitigation) {
          set(ownRisk, "mitigation", cleanItemText(s.text.slice(attributes.mitigation)));
          addEvidence(ownRisk, s);
          created = ownRisk;
        }
        // In a status section (initiatives, roadmap) a colour rates the work, not a risk.
        if (!created && !isQuestion && (agenda === "initiatives" || agenda === "roadmap") && sectionIds.has(agenda)) {
          const rag = attributes.rag ?? (pendingRating?.speaker === speaker ? pendingRating.rag : null);
          const current = latest(
            "update",
            1,
            (t) => t.item.evidence[0]?.speaker === speaker && t.item.section === sectionIds.get(agenda ?? ""),
          );
          if (rag && contentWordSet(s.text).size < 4) {
            if (current) set(current, "rag", rag);
            else pendingRating = { rag, speaker, at: index };
            continue;
          }
          if (words >= 5 && !RISK_EXPLICIT.test(lower) && STATUS.test(lower) && !announced) {
            const t = recordUpdate(agenda, s, due);
            if (t && rag) set(t, "rag", rag);
            pendingRating = null;
            continue;
          }
        }
        if (!created) {
          const risk = readRisk(s, attributes, pendingRating && pendingRating.speaker === speaker);
          if (risk) {
            const continuing = latest("risk", 1, (t) => t.item.evidence[0]?.speaker === speaker);
            if (continuing && risk.continuation) {
              set(
                continuing,
                "text",
                `${continuing.item.text}; ${risk.text.charAt(0).toLowerCase()}${risk.text.slice(1)}`,
              );
              addEvidence(continuing, s);
              created = continuing;
            } else {
              const read = withAntecedent(antecedentOf(sentences, i), s, risk.text);
              const item = newItem("risk", read.text, { ...evidenceFor(s), quote: read.quote }, risk.confidence);
              item.rag = attributes.rag ?? (pendingRating?.speaker === speaker ? pendingRating.rag : null);
              item.likelihood = attributes.likelihood;
              item.impact = attributes.impact;
              // "Is there a risk that sales ops sits on it?" — the asker is not the owner; whoever answers may be.
              item.owner = namedOwner(s.text) ?? (isQuestion ? null : speaker);
              if (attributes.mitigation) item.mitigation = cleanItemText(s.text.slice(attributes.mitigation));
              created = add(item);
            }
            pendingRating = null;
          }
        }
        if (!created && (attributes.rag || attributes.likelihood || attributes.impact || MITIGATION.test(lower))) {
          const risk = latest("risk", 2) ?? riskFromRecentStatement(attributes);
          if (risk && !(attributes.rag && words <= 6 && risk.item.rag && risk.item.evidence[0]?.speaker === speaker)) {
            if (risk.item.owner === null && speaker && risk.item.evidence[0]?.speaker !== speaker)
              set(risk, "owner", speaker);
            if (attributes.rag) set(risk, "rag", attributes.rag);
            if (attributes.likelihood) set(risk, "likelihood", attributes.likelihood);
            if (attributes.impact) set(risk, "impact", attributes.impact);
            if (!attributes.rag && !attributes.likelihood && !attributes.impact && !risk.item.mitigation) {
              set(risk, "mitigation", cleanItemText(s.text));
            }
            addEvidence(risk, s);
            created = risk;
          } else if (attributes.rag) {
            // "I'd call this one red." said before the risk itself.
            pendingRating = { rag: attributes.rag, speaker, at: index };
          }
        }

        // Questions: open until another voice answers them.
        if (!created && isQuestion) {
          const q = readQuestion(s);
          if (q) {
            const read = withAntecedent(antecedentOf(sentences, i), s, q.text);
            const item = newItem(
              "question",
              read.text,
              { ...evidenceFor(s), quote: read.quote },
              q.explicit ? 0.7 : 0.55,
            );
            item.askedBy = speaker;
            created = add(item);
            if (q.explicit) namedOpen.add(created);
            else openQuestions.push(created);
          }
        } else if (!created && OPEN_QUESTION.test(lower) && words >= 5) {
          const item = newItem("question", cleanItemText(s.text), evidenceFor(s), 0.65);
          item.askedBy = speaker;
          created = add(item);
          namedOpen.add(created);
        }

        // Proposals wait for a reply.
        if (!created) {
          const p = PROPOSAL.exec(lower);
          const rest = p?.[1] ?? "";
          if (p && isTask(rest, null) && !MEETING_STEERING.test(rest) && !NOT_A_TASK.test(rest)) {
            const explicit = !/^(?:we should|we could|can we|could we|should we|maybe we should)/.test(p[0]);
            inProposal = {
              text: `${cleanItemText(s.text.slice(p.index))}.`,
              speaker,
              at: index,
              evidence: [evidenceFor(s)],
              explicit,
              owner: namedOwner(s.text),
            };
            proposals.push(inProposal);
            proposals = proposals.filter((x) => index - x.at <= REPLY_WINDOW);
            if (!explicit) inProposal = null;
          }
        }

        // Refinements of what was just said: rationale, a due date, "that's done".
        const rationale = RATIONALE_SENTENCE.test(lower) ? cleanItemText(s.text) : null;
        if (rationale || (created?.item.kind !== "decision" && RATIONALE_CLAUSE.test(lower))) {
          const d = latest("decision", 2, (t) => t.item.rationale === null);
          if (d && d !== created) {
            set(d, "rationale", rationale ?? rationaleFrom(s.text));
            addEvidence(d, s);
          }
        }
        // "One correction, the runbook will slip to Friday": the speaker's own action named by its words.
        if (due && !created && CORRECTION.test(s.raw)) {
          const words = contentWordSet(s.text);
          const named = [...tracked]
            .reverse()
            .find((t) => t.item.kind === "action" && mine(t.item.owner) && [...t.words].some((w) => words.has(w)));
          if (named) {
            set(named, "due", due.date);
            addEvidence(named, s);
            created = named;
          }
        }
        if (due && !created && !REFUSAL.test(lower)) {
          const a = latest(
            "action",
            2,
            (t) => (t.item.due === null || CORRECTION.test(s.raw)) && (mine(t.item.owner) || t === lastRequest),
          );
          if (a) {
            set(a, "due", due.date);
            addEvidence(a, s);
          }
        }
        if (!created && DONE.test(lower) && words <= 10) {
          const a = latest("action", 3, (t) => t.item.status === "open");
          if (a) set(a, "status", "done");
        }

        // Section updates (staffing, roadmap…) where the template has such a section.
        if (!created && words >= 4 && !isQuestion && !announced && !metricReader?.hasValues(lower)) {
          for (const [kind, cue] of Object.entries(SECTION_CUES)) {
            if (!sectionIds.has(kind) || !cue?.test(lower)) continue;
            recordUpdate(kind as SectionKind, s, due);
            break;
          }
        }

        if (!created && !isQuestion && contentWordSet(s.text).size >= 3) {
          lastStatement = { speaker, sentence: s, at: index, evidence: evidenceFor(s) };
        }
        if (!created && !isQuestion && contentWordSet(s.text).size >= 5) {
          recentStatements.push({ speaker, sentence: s, at: index, evidence: evidenceFor(s) });
          if (recentStatements.length > 12) recentStatements.shift();
        }
        if (created) elaborating = created;
        else if (elaborating && !isQuestion && contentWordSet(s.text).size >= 3) {
          // "I want to escalate this to Raj. If the SLA is breached we'll have to tell customers." — one item.
          addEvidence(elaborating, s);
          // "The thing that worries me is the creators. Two haven't sent contracts back." — the second sentence is
          // the risk; the first only announced it.
          const announcedOnly =
            elaborating.item.kind === "risk" &&
            elaborating.item.evidence.length === 1 &&
            contentWordSet(elaborating.item.text).size <= 5;
          if ((elaborating.item.kind === "escalation" || announcedOnly) && elaborating.item.text.length < 200) {
            set(elaborating, "text", `${elaborating.item.text}; ${cleanItemText(s.text)}`);
          }
        }
      }

      // Questions nobody answered stay open; a substantive reply from someone else answers them.
      if (openQuestions.length)
        settleQuestions(
          segment.text,
          [...added].some((t) => t.item.confidence >= MIN_CONFIDENCE),
        );
      if (STILL_OPEN.test(segment.text.toLowerCase())) {
        const q = latest("question", 3);
        if (q && q.item.status === "answered") set(q, "status", "open");
        if (q) openQuestions = openQuestions.filter((x) => x !== q);
      }

      if (speaker && speaker !== previousSpeaker) previousSpeaker = speaker;
      previousTurn = {
        speaker,
        text: segment.text,
        evidence: { segmentId: segment.id, speaker, quote: segment.text.trim(), start: segment.start },
      };
      for (const t of added) events.push({ type: "added", item: snapshot(t.item) });
      for (const [t, fields] of touched) events.push({ type: "updated", item: snapshot(t.item), changed: [...fields] });
      return events;

      /**
       * "I'd call the likelihood high" with no risk said in so many words: the risk is what this speaker said
       * just before ("At the current growth rate we hit that in about six weeks").
       */
      function riskFromRecentStatement(attributes: {
        likelihood: unknown;
        impact: unknown;
        rag: unknown;
      }): Tracked | null {
        if (!attributes.likelihood && !attributes.impact && !attributes.rag) return null;
        // The first thing the speaker said in their last few turns states the exposure ("the new tax engine is
        // double-counting VAT… I'd call it red"); what follows is usually detail or the remedy.
        const said = recentStatements.find((r) => r.speaker === speaker && index - r.at <= 2);
        if (!said) return null;
        const item = newItem("risk", cleanItemText(said.sentence.text), said.evidence, 0.65);
        item.owner = speaker;
        return add(item);
      }

      /** A row of a status section (staffing, initiatives…): one per speaker's report, its sentences joined. */
      function recordUpdate(sectionKind: SectionKind, s: Sentence, due: { date: string } | null): Tracked | null {
        if (MEETING_TALK.test(s.lower) || /^(?:sorry|thanks|thank you|good luck|congrats)\b/.test(s.lower)) return null;
        const section = sectionIds.get(sectionKind);
        const current = latest(
          "update",
          1,
          (t) => t.item.evidence[0]?.speaker === speaker && t.item.section === section,
        );
        if (current) {
          set(current, "text", `${current.item.text}. ${cleanItemText(s.text)}`);
          addEvidence(current, s);
          return current;
        }
        const item = newItem("update", cleanItemText(s.text), evidenceFor(s), 0.6, sectionKind);
        item.owner = speaker;
        item.team = findTeam(s.text, teams, (w) => people.lookup(w) !== null, true);
        if (due && (sectionKind === "staffing" || sectionKind === "roadmap" || sectionKind === "upcoming"))
          item.due = due.date;
        return add(item, 0.9);
      }

      /** An escalation of the same owner that this task restates. */
      function escalationRestated(text: string, owner: string | null): Tracked | null {
        const words = contentWordSet(text);
        return (
          tracked.find(
            (t) => t.item.kind === "escalation" && people.same(t.item.owner, owner) && overlap(t.words, words) >= 0.25,
          ) ?? null
        );
      }

      /** The escalation this speaker raised a moment ago. */
      function followUpOf(who: string | null): Tracked | null {
        // Counted from when it was raised: later talk about it does not stretch the window.
        return lastEscalation && people.same(lastEscalation.item.owner, who) && index - lastEscalationRaisedAt <= 2
          ? lastEscalation
          : null;
      }

      function recapItem(kind: RecapKind, s: Sentence): Tracked | null {
        const due = meetingDate ? findDueDate(s.text, meetingDate) : null;
        // "Ngozi, you'll execute." after a decision names who carries it out.
        const executes =
          /^(?:(?:and|so)\s+)?(\p{Lu}\p{Ll}+),?\s+you(?:'ll| will)\s+(?:execute|own it|own that|drive it|lead it|handle it|run it|implement it|take it)\b/u.exec(
            s.text,
          );
        if (executes?.[1]) {
          const decision = latest("decision", REPLY_WINDOW);
          const owner = people.lookup(executes[1]);
          if (decision && owner) {
            set(decision, "owner", owner);
            addEvidence(decision, s);
            return decision;
          }
        }
        const vocative = /^(?:and\s+)?([A-Z][a-z]+|me)\s*[,:]\s*(.*)$/i.exec(s.text.trim());
        let owner: string | null = null;
        let body = s.text;
        if (vocative?.[1] && vocative[2]) {
          owner = vocative[1].toLowerCase() === "me" ? speaker : people.lookup(vocative[1]);
          if (owner) body = vocative[2];
        }
        owner ??= namedOwner(s.text);
        const itemKind: ItemKind = kind === "pending" ? "decision" : kind;
        const text = cleanItemText(stripDuePhrase(body, due?.phrase ?? null));
        if (contentWordSet(text).size < 2) return null;
        const item = newItem(itemKind, text, evidenceFor(s), 0.7);
        if (kind === "pending") item.status = "pending";
        if (itemKind === "action" || itemKind === "escalation" || itemKind === "decision") item.owner = owner;
        if (due && itemKind === "action") item.due = due.date;
        // A recap restates what was said: join it to the item it restates when one matches.
        const words = contentWordSet(text);
        let best: { t: Tracked; score: number } | null = null;
        for (const t of tracked) {
          if (t.item.kind !== itemKind) continue;
          let score = overlap(t.words, words);
          if (owner && t.item.owner === owner) score += 0.25;
          if (due && t.item.due === due.date) score += 0.15;
          if (itemKind === "decision" && t.item.status !== item.status) score -= 0.3;
          if (score >= 0.35 && (!best || score > best.score)) best = { t, score };
        }
        if (best) {
          merge(best.t, item);
          if (owner && best.t.item.owner !== owner && itemKind === "action") set(best.t, "owner", owner);
          if (due && itemKind === "action") set(best.t, "due", due.date);
          return best.t;
        }
        const t: Tracked = { item, at: index, words, fromProposal: false };
        tracked.push(t);
        added.add(t);
        return t;
      }

      function readMetrics(s: Sentence, previous: Sentence | null): void {
        const values = metricReader?.read(s.lower) ?? {};
        // The team said first ("Payments. Velocity 52…") beats a team mentioned in passing ("…on the PCI work").
        const isPerson = (w: string) => people.lookup(w) !== null;
        const named =
          leadingTeam(s.text, isPerson) ??
          (previous && wordCount(previous.text) <= 2 ? leadingTeam(previous.text, isPerson) : null) ??
          findTeam(s.text, teams, isPerson, !Object.keys(values).length);
        // "Identity." on its own opens the speaker's report, even when the numbers come a turn later.
        const alone = /^[A-Z][a-z]+(?: (?:and |& )?[A-Z][a-z]+)?[.:]?$/.test(s.text.trim()); // "Identity." and nothing else
        // "I'm Priya, I run Platform": the speaker's team for the numbers they read later.
        const runs = /\bI (?:run|lead|manage|head|own)\s+(?:the\s+)?(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)/u.exec(
          s.text,
        )?.[1];
        if (runs && speaker && !people.lookup(runs)) teamBySpeaker.set(speaker, runs);
        if (named && speaker && (Object.keys(values).length || teams.has(named) || alone)) {
          teamBySpeaker.set(speaker, named);
        }
        // "Tomasz, you want to kick us off with Payments Core?": the team of the person asked.
        const handedTeam =
          /^(?:\w+[.,]\s+)*(\p{Lu}\p{Ll}+),.*\b(?:with|for|on)\s+(?:the\s+)?(\p{Lu}[\p{L}]+(?: (?:and|&) \p{Lu}\p{Ll}+| \p{Lu}\p{Ll}+)?)\s*\??$/u.exec(
            s.text,
          );
        const askedPerson = handedTeam?.[1] ? people.resolveName(handedTeam[1], true) : null;
        if (askedPerson && handedTeam?.[2] && !people.lookup(handedTeam[2]))
          teamBySpeaker.set(askedPerson, teamName(handedTeam[2]));
        // "Incidents four. Oh, actually, five.": a bare number after a correction replaces the last figure read.
        const corrected =
          !Object.keys(values).length && lastMetric && lastMetric.speaker === speaker && index - lastMetric.at <= 1
            ? /^(?:(?:oh|uh|um|so|no)[,.]?\s+)*(?:actually|sorry|no|i mean|correction|make that)\b/i.test(s.raw)
              ? /^\D*?(\d+(?:\.\d+)?)\b/.exec(s.lower)
              : null
            : null;
        if (corrected?.[1] && lastMetric) {
          const row = rows.get(lastMetric.team);
          if (row) {
            row.values[lastMetric.column] = Number(corrected[1]);
            row.evidence.push(evidenceFor(s));
            events.push({ type: "metrics", row: { ...row, values: { ...row.values }, evidence: [...row.evidence] } });
          }
          return;
        }
        if (!Object.keys(values).length) return;
        const team = named ?? (speaker ? teamBySpeaker.get(speaker) : undefined) ?? null;
        if (!team) return;
        teams.add(team);
        const row = rows.get(team) ?? { team, values: {}, evidence: [] };
        // A figure the speaker corrects in the same breath ("velocity 58, no, sorry, 55") replaces the first.
        const correcting = CORRECTION.test(s.raw) && lastMetric?.speaker === speaker;
        for (const [k, v] of Object.entries(values)) if (!(k in row.values) || correcting) row.values[k] = v;
        const column = Object.keys(values).at(-1);
        if (column) lastMetric = { team, column, speaker, at: index };
        row.evidence.push(evidenceFor(s));
        rows.set(team, row);
        events.push({ type: "metrics", row: { ...row, values: { ...row.values }, evidence: [...row.evidence] } });
      }

      /** `madeItems`: the reply raised something of its own; it answers only a question it speaks to. */
      function settleQuestions(text: string, madeItems: boolean): void {
        const lowerText = text.toLowerCase();
        const replyWords = contentWordSet(text);
        // Judged on how the reply opens: "Could be. Anton's bisecting it. I don't know yet" is an answer.
        const opening = splitSentences(
          text.replace(/^(?:(?:hmm+|um+|uh+|so|well|yeah|okay|ok|honestly|right)[,.!]*\s+)+/i, ""),
        )[0];
        const leftOpen = NON_ANSWER.test(opening?.lower ?? lowerText);
        const substantive =
          !/\?\s*$/.test(opening?.text ?? text.trim()) &&
          (contentWordSet(text).size >= 3 ||
            /^(?:yes|yeah|yep|no|nope|sure|absolutely|definitely|not)\b/.test(lowerText));
        // "Could be.", "It is.", "Ranked mode.": a reply that opens with a short statement answers.
        const shortAnswer = opening !== undefined && wordCount(opening.text) <= 4 && !/\?\s*$/.test(opening.text);
        for (const q of openQuestions) {
          if (
            q.item.askedBy === speaker ||
            index - q.at > REPLY_WINDOW ||
            q.item.evidence[0]?.segmentId === segment.id
          ) {
            continue;
          }
          const firstReply = !replied.has(q);
          replied.add(q);
          // "No idea", "nobody knows": it stays open, and someone else may still answer.
          if (leftOpen || !substantive) continue;
          // The first reply answers unless it moves on; later talk answers only when it speaks to the question,
          // so a meeting that changes the subject leaves the question open.
          const speaksToIt = overlap(q.words, replyWords) >= 0.25;
          // "Ravi, what would you cut?" — whatever Ravi says next is his answer.
          const askedOfMe = people.same(/^([A-Z][a-z]+),/.exec(q.item.text)?.[1] ?? null, speaker);
          const answers = firstReply
            ? !MOVING_ON.test(lowerText) && (askedOfMe || !madeItems || shortAnswer || overlap(q.words, replyWords) > 0)
            : speaksToIt;
          if (answers) set(q, "status", "answered");
        }
        openQuestions = openQuestions.filter((q) => q.item.status === "open" && index - q.at <= REPLY_WINDOW);
      }

      function namedOwner(text: string): string | null {
        const at = /@([a-z][\w-]*)/i.exec(text);
        if (at?.[1]) return people.resolveName(at[1], true);
        // "Priya to execute", "Darius will…", "Priya executes it", "Darius brings a proposal".
        for (const m of text.matchAll(
          /\b([A-Z][a-z]+)(?:'s)? (to|will|is going to|is on it|has it|owning|[a-z]+s)\b/g,
        )) {
          if (
            m[2] &&
            /^(?:is|was|has|does|says|thinks|knows|seems|wants|likes|needs|means|sounds|looks|feels|gets|goes)$/.test(
              m[2],
            )
          )
            continue;
          const person = m[1] ? people.lookup(m[1]) : null;
          if (person) return person;
        }
        return null;
      }
    },

    finish() {
      proposals = [];
      openQuestions = [];
      return inferImplicitItems();
    },
    items() {
      return tracked.map((t) => snapshot(t.item));
    },
    metrics() {
      return [...rows.values()].map((r) => ({ ...r, values: { ...r.values }, evidence: [...r.evidence] }));
    },
  };
}

function agendaSection(lower: string, words: number): SectionKind | null {
  if (words > 10) return null;
  for (const [kind, pattern] of AGENDA) if (pattern.test(lower)) return kind;
  return null;
}

function recapKind(word: string): RecapKind | null {
  if (/^decid|^decision/.test(word)) return "decision";
  if (/^pending/.test(word)) return "pending";
  if (/^action|^next step|^to-?do|^follow/.test(word)) return "action";
  if (/^escalation/.test(word)) return "escalation";
  if (/^risk/.test(word)) return "risk";
  if (/^(?:open )?question/.test(word)) return "question";
  return null;
}

function snapshot(item: Item): Item {
  return { ...item, fields: { ...item.fields }, evidence: item.evidence.map((e) => ({ ...e })) };
}

function rationaleFrom(text: string): string | null {
  const m = RATIONALE_CLAUSE.exec(text.toLowerCase());
  if (!m?.[1]) return null;
  return cleanItemText(text.slice(text.length - m[1].length));
}

function neededFrom(text: string): string | null {
  const m = /\b(?:need|needs|request|requesting|ask for|asking for)\s+(.*)$/i.exec(text);
  return m?.[1] ? cleanItemText(m[1]) : null;
}
