import type { Item, ItemEvent, MetricRow } from "../item.js";
import type { Segment } from "../segment.js";
import type { Template } from "../template/template.js";
import type { LineKindModel } from "./line-kinds.js";
import shippedLineKinds from "./line-kinds.json" with { type: "json" };
import { MeetingState, readSentence, type SentencePass, snapshot } from "./meeting-state.js";
import { actions } from "./passes/action-pass.js";
import { decisions, executor, pendingDecisions } from "./passes/decision-pass.js";
import { elaboration } from "./passes/elaboration.js";
import { escalations } from "./passes/escalation-pass.js";
import { readLeadingCue } from "./passes/leading-cue.js";
import { inferImplicitItems, readLinesAhead } from "./passes/learned.js";
import { readMetrics } from "./passes/metrics-pass.js";
import { motions } from "./passes/motions.js";
import {
  acceptableTerms,
  callsForAgreement,
  directiveAnswer,
  proposalContinuation,
  proposalsWaiting,
} from "./passes/proposals.js";
import { questions, settleQuestions } from "./passes/question-pass.js";
import { recaps } from "./passes/recaps.js";
import { done, dueDates, rationale } from "./passes/refinements.js";
import { acceptance, agreement, ownership, restatement } from "./passes/replies.js";
import { ownRiskMitigation, riskAnnouncements, riskAttributes, risks } from "./passes/risk-pass.js";
import { sectionUpdates, statusRatings } from "./passes/section-updates.js";

export { MIN_CONFIDENCE } from "./meeting-state.js";

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

/** The shipped model of the learned pass (scripts/train-line-kinds.ts). */
const LINE_KINDS_MODEL = shippedLineKinds as LineKindModel;

/**
 * The rules every sentence goes through, in order. A pass that reads the sentence (returns true) ends its
 * reading; the order is the precedence between rules.
 */
const SENTENCE_PASSES: readonly SentencePass[] = [
  // What the turn so far set up, and replies: a restatement of what was just agreed, a proposal running on,
  // a recap, agreement, ownership, a task taken on, calls to agree, announced risks, motions and votes.
  restatement,
  executor,
  proposalContinuation,
  recaps,
  agreement,
  ownership,
  acceptance,
  callsForAgreement,
  directiveAnswer,
  riskAnnouncements,
  motions,
  acceptableTerms,
  // What the sentence leads with; exactly one of the next four reads it.
  readLeadingCue,
  escalations,
  pendingDecisions,
  decisions,
  actions,
  // What else it says: risks, ratings, questions, proposals, refinements of what was just said.
  ownRiskMitigation,
  statusRatings,
  risks,
  riskAttributes,
  questions,
  proposalsWaiting,
  rationale,
  dueDates,
  done,
  sectionUpdates,
  // A sentence no pass read is remembered, and elaborates the item before it.
  elaboration,
];

export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const state = new MeetingState({
    template: options.template ?? null,
    meetingDate: options.meetingDate ?? null,
    attendees: options.attendees ?? [],
    teams: options.teams ?? [],
  });
  const lineModel = options.lineModel === undefined ? LINE_KINDS_MODEL : options.lineModel;

  return {
    push(segment) {
      state.beginTurn(segment);
      readLinesAhead(state);
      const sentences = state.sentences;
      for (const [i, s] of sentences.entries()) {
        // Metrics: numbers said against the template's columns, under the speaker's team, whatever else the
        // sentence says.
        if (state.metricReader) readMetrics(state, s, i === 0 ? null : (sentences[i - 1] ?? null));
        if (i <= state.consumed) continue;
        const sentence = readSentence(state, s, i);
        // A sentence a pass consumed ends what the turn was elaborating: only the sentences right after an
        // item elaborate it.
        if (SENTENCE_PASSES.some((pass) => pass(state, sentence))) state.elaborating = sentence.created ?? null;
      }
      // Questions nobody answered stay open; a substantive reply from someone else answers them.
      settleQuestions(state);
      return state.endTurn();
    },

    finish() {
      // Nothing waits on a reply any more; the learned passes read the whole meeting.
      state.proposals = [];
      state.openQuestions = [];
      return inferImplicitItems(state, lineModel);
    },
    items() {
      return state.tracked.map((t) => snapshot(t.item));
    },
    metrics() {
      return [...state.rows.values()].map((r) => ({ ...r, values: { ...r.values }, evidence: [...r.evidence] }));
    },
  };
}
