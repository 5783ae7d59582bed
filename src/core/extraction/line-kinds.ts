import type { Segment } from "../segment.js";
import {
  ACCEPTANCE,
  CALL_FOR_AGREEMENT,
  DECISION,
  DECISION_CALL,
  DISAGREEMENT,
  DONE,
  ESCALATION,
  IMPACT,
  LIKELIHOOD,
  MITIGATION,
  NON_ANSWER,
  OPEN_QUESTION,
  OWNERSHIP,
  PENDING,
  PROPOSAL,
  RATING,
  RATIONALE_CLAUSE,
  RECAP,
  REFUSAL,
  RISK,
  SELF_COMMITMENT,
  STILL_OPEN,
  STRONG_AGREEMENT,
  TEAM_COMMITMENT,
  UNOWNED_TASK,
  WEAK_AGREEMENT,
  YOU_ASSIGNMENT,
  YOU_REQUEST,
} from "./cues.js";
import { MODAL_CUES } from "./line-features.js";
import { contentWordSet, normalize, splitSentences } from "./text.js";

/**
 * The learned scorer for every kind of item, one sentence at a time: a logistic regression per kind over the
 * LANGUAGE of the sentence and of the turns around it (cues, modal verbs, function words, question marks, who
 * speaks next and whether they agree, where in the meeting it is), never its topic, so what it learns from
 * one writer's meetings carries to another's. Trained by scripts/train-line-kinds.ts; used at the end of a
 * meeting by the extractor (extractor.ts, `inferImplicitItems`) for the lines no rule turned into an item.
 */
export const LINE_KINDS = ["decision", "action", "risk", "question", "escalation"] as const;
export type LineKindName = (typeof LINE_KINDS)[number];

export interface LineKindWeights {
  /** Feature name to weight; a feature not listed weighs nothing. */
  weights: Record<string, number>;
  /** From this probability the engine adds an item of this kind where no rule made one (absent: never). */
  addFrom?: number;
  /** Below this probability the engine drops a rule's item of this kind (absent: never). */
  dropBelow?: number;
  /** From this probability a rule's item of another kind becomes one of this kind (absent: never). */
  relabelFrom?: number;
}

export interface LineKindModel {
  kinds: Partial<Record<LineKindName, LineKindWeights>>;
}

/** One sentence of the meeting, where it was said, and its features. */
export interface LineUnit {
  segmentIndex: number;
  /** The sentence as said (normalised), quoted as the item's evidence. */
  text: string;
  features: string[];
}

const QUESTION_END = /\?\s*$/;
/** A question by its first words, for speech-to-text without punctuation. */
const QUESTION_START =
  /^(?:(?:so|and|but|okay|ok|um|uh)[,]?\s+)*(?:who|what|when|where|why|how|which|do|does|did|is|are|was|were|can|could|should|would|will|have|has|shall)\b/;

const CUES: [string, RegExp][] = [
  ["decision", DECISION],
  ["decision-call", DECISION_CALL],
  ["pending", PENDING],
  ["proposal", PROPOSAL],
  ["call-agree", CALL_FOR_AGREEMENT],
  ["recap", RECAP],
  ["risk", RISK],
  ["rating", RATING],
  ["likelihood", LIKELIHOOD],
  ["impact", IMPACT],
  ["mitigation", MITIGATION],
  ["escalation", ESCALATION],
  ["self", SELF_COMMITMENT],
  ["you", YOU_ASSIGNMENT],
  ["you-request", YOU_REQUEST],
  ["team", TEAM_COMMITMENT],
  ["unowned", UNOWNED_TASK],
  ["ownership", OWNERSHIP],
  ["acceptance", ACCEPTANCE],
  ["done", DONE],
  ["rationale", RATIONALE_CLAUSE],
  ["open-question", OPEN_QUESTION],
  ["still-open", STILL_OPEN],
  ["non-answer", NON_ANSWER],
  ["refusal", REFUSAL],
  ...MODAL_CUES,
  ["i-think", /\bi think\b/],
  ["decided", /\b(?:decided|decide|decision|agreed|agree|settled|chose|choose|go with|stick (?:to|with)|approve\w*)\b/],
  ["requirement", /\b(?:has to|have to|must|need to|needs to|should|required|requirement)\b/],
  ["hedge", /\b(?:maybe|perhaps|probably|might|i guess|not sure|i don't know)\b/],
  ["conditional", /\b(?:if|unless|until|once|assuming)\b/],
  ["unknown", /\b(?:don't know|no idea|unclear|not sure|figure out|find out|whether|tbd|open)\b/],
  ["need-from", /\b(?:need|needs|needed|want|asking for|ask for)\b.*\bfrom\b/],
  [
    "above",
    /\b(?:leadership|exec\w*|vp|director|cfo|ceo|cto|board|committee|management|head of|sign[- ]?off|approval)\b/,
  ],
  ["blocked", /\b(?:blocked|blocker|blocking|stuck|can't move|waiting on)\b/],
  ["take-it", /\b(?:take|raise|bring|flag|push|kick) (?:it|this|that) (?:up|to|with)\b/],
  [
    "deadline",
    /\b(?:by|before|until|end of) (?:monday|tuesday|wednesday|thursday|friday|tomorrow|today|next|the end|eod|eow)\b/,
  ],
  ["negation", /\b(?:not|no|don't|won't|can't|never)\b/],
  ["digits", /\d/],
  ["question", QUESTION_END],
  ["question-start", QUESTION_START],
  ["so-start", /^(?:so|okay so|alright so|right so)\b/],
  ["yeah-start", /^(?:yeah|yes|okay|ok|right|mm|sure)\b/],
  ["i-start", /^i\b/],
  ["we-start", /^we\b/],
  ["you-start", /^you\b/],
];

/** Function words and common verbs: the grammar of a sentence, not its subject. */
const GRAMMAR_WORDS = new Set(
  (
    "we i you it they he she our your their us me them this that these those there here " +
    "will would should could can may might must shall 'll going gonna want need have has had do does did " +
    "be is are was were been being get got make use keep put take go come give decide agree think know " +
    "say said suggest propose choose pick include add drop remove leave stick try look see work ask send check " +
    "so okay ok yeah yes right well then now just also only still really actually definitely probably maybe " +
    "all both each every some any one first last next final basically sure good fine great " +
    "and or but because if when which what how why who whether not no don't won't can't until unless by before after"
  ).split(" "),
);

/** Cues of a neighbouring turn that tell what a sentence was: asked, answered, agreed with, taken on. */
const NEIGHBOUR_CUES: [string, RegExp][] = [
  ["strong", STRONG_AGREEMENT],
  ["weak", WEAK_AGREEMENT],
  ["disagree", DISAGREEMENT],
  ["question", QUESTION_END],
  ["non-answer", NON_ANSWER],
  ["self", SELF_COMMITMENT],
  ["acceptance", ACCEPTANCE],
  ["decision", DECISION],
  ["risk", RISK],
];

function sizeBucket(n: number): number {
  return n < 4 ? 0 : n < 7 ? 1 : n < 11 ? 2 : n < 16 ? 3 : 4;
}

/**
 * The features of every sentence of a meeting. Sentences of fewer than three content words ("Yeah.",
 * "Okay, good.") are never items and get no unit. `only` limits it to the turns at those indices.
 */
export function lineUnits(segments: readonly Segment[], only?: ReadonlySet<number>): LineUnit[] {
  const counts = new Map<string | null, number>();
  for (const s of segments) counts.set(s.speaker, (counts.get(s.speaker) ?? 0) + 1);
  const lead = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  // Speed (an hour is 1,500 turns): a turn is normalised, and its cues read, only when a neighbour needs them.
  const lowers: (string | undefined)[] = [];
  const lowerOf = (j: number) => {
    let lower = lowers[j];
    if (lower === undefined) {
      lower = normalize(segments[j]?.text ?? "").toLowerCase();
      lowers[j] = lower;
    }
    return lower;
  };
  const neighbourCues: (string[] | undefined)[] = [];
  const cuesOf = (j: number) => {
    let found = neighbourCues[j];
    if (found === undefined) {
      const lower = lowerOf(j);
      found = NEIGHBOUR_CUES.filter(([, p]) => p.test(lower)).map(([name]) => name);
      neighbourCues[j] = found;
    }
    return found;
  };
  const units: LineUnit[] = [];
  const n = segments.length;
  segments.forEach((segment, i) => {
    // Only the turns asked for (the ones rules' items came from, when nothing is to be added).
    if (only && !only.has(i)) return;
    // "Yeah.", "Mm-hmm, right.": no sentence in it can be an item, so it is not split or read.
    if (contentWordSet(segment.text).size < 3) return;
    const sentences = splitSentences(segment.text);
    const prev = i > 0 ? segments[i - 1] : undefined;
    const next = i + 1 < n ? segments[i + 1] : undefined;
    const nextOther = next !== undefined && next.speaker !== segment.speaker ? lowerOf(i + 1) : null;
    const prevOther = prev !== undefined && prev.speaker !== segment.speaker ? lowerOf(i - 1) : null;
    // What surrounds the sentence is the same for all sentences of one turn: computed once.
    const shared: string[] = [`pos:${n > 1 ? Math.min(9, Math.floor((10 * i) / n)) : 0}`];
    if (segment.speaker !== null && segment.speaker === lead) shared.push("lead");
    if (nextOther !== null) for (const name of cuesOf(i + 1)) shared.push(`next:${name}`);
    if (prevOther !== null) for (const name of cuesOf(i - 1)) shared.push(`prev:${name}`);
    if (nextOther !== null) shared.push(`next:words:${Math.min(3, Math.floor(nextOther.split(/\s+/).length / 4))}`);
    if (nextOther === null && next !== undefined) shared.push("next:same-speaker");
    if (prevOther === null) shared.push("prev:same-speaker");
    shared.push(`turn-sentences:${Math.min(3, sentences.length)}`);
    const read: (string[] | undefined)[] = [];
    const cuesAt = (k: number): readonly string[] => {
      const sentence = sentences[k];
      if (!sentence) return [];
      read[k] ??= CUES.filter(([, pattern]) => pattern.test(sentence.lower)).map(([name]) => name);
      return read[k];
    };
    sentences.forEach((sentence, k) => {
      const size = contentWordSet(sentence.lower).size;
      if (size < 3) return;
      const f = ["bias", ...shared, `len:${sizeBucket(size)}`];
      if (k === 0) f.push("first-in-turn");
      if (k === sentences.length - 1) f.push("last-in-turn");
      for (const name of cuesAt(k)) f.push(`cue:${name}`);
      // The sentences said just before and after in the same turn: "Here's the thing. <decision>. Agreed?"
      for (const name of cuesAt(k - 1)) f.push(`before:${name}`);
      for (const name of cuesAt(k + 1)) f.push(`after:${name}`);
      // How the sentence opens, content words blanked: "so we'll X", "i think X", "X is".
      const tokens = sentence.lower.match(/[a-z']+/g) ?? [];
      const opening = tokens.slice(0, 2).map((w) => (GRAMMAR_WORDS.has(w) ? w : "X"));
      f.push(`open1:${opening[0] ?? ""}`, `open2:${opening.join("_")}`);
      for (const w of new Set(tokens)) if (GRAMMAR_WORDS.has(w)) f.push(`w:${w}`);
      // A question that the next speaker cannot answer is the open question the notes keep.
      const asks = QUESTION_END.test(sentence.lower) || QUESTION_START.test(sentence.lower);
      if (asks && nextOther !== null && NON_ANSWER.test(nextOther)) f.push("ask+next:non-answer");
      if (asks && k === sentences.length - 1) f.push("ask+last");
      units.push({ segmentIndex: i, text: sentence.text, features: f });
    });
  });
  return units;
}

export function unitProbability(weights: Record<string, number>, features: readonly string[]): number {
  let z = 0;
  for (const f of features) z += weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
