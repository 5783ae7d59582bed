import {
  DECISION,
  ESCALATION,
  PENDING,
  PROPOSAL,
  RISK,
  SELF_COMMITMENT,
  STRONG_AGREEMENT,
  TEAM_COMMITMENT,
  WEAK_AGREEMENT,
  YOU_ASSIGNMENT,
} from "./cues.js";
import { contentWordSet } from "./text.js";

/**
 * Features of one line of a conversation for the learned line scorer (line-model.ts): the language of
 * deciding and committing, never the topic. Words are only function words and common verbs, so what the
 * model learns from design meetings about remote controls carries to any meeting.
 */
export interface LineContext {
  lower: string;
  /** 0..1: where in the meeting the line was said. */
  position: number;
  /** Whether the speaker talks more than anyone else (usually the one running the meeting). */
  isLeadSpeaker: boolean;
  previousLower: string | null;
  previousIsOtherSpeaker: boolean;
  nextLower: string | null;
  nextIsOtherSpeaker: boolean;
}

/** Modal language of deciding and committing, shared by both learned line scorers. */
export const MODAL_CUES: [string, RegExp][] = [
  [
    "we-modal",
    /\bwe(?:'ll| will| should| could| can| need| have to| want| must|'re going to|'re gonna| are going to| are gonna| gonna)\b/,
  ],
  [
    "it-modal",
    /\b(?:it|that|this)(?:'ll| will| should| has to| needs to| must|'s gonna| is gonna|'s going to| is going to| would)\b/,
  ],
  ["lets", /\blet's\b/],
];

const CUES: [string, RegExp][] = [
  ["decision", DECISION],
  ["pending", PENDING],
  ["proposal", PROPOSAL],
  ["risk", RISK],
  ["escalation", ESCALATION],
  ["self", SELF_COMMITMENT],
  ["you", YOU_ASSIGNMENT],
  ["team", TEAM_COMMITMENT],
  ...MODAL_CUES,
  ["i-think-we", /\bi think (?:we|it|that)\b/],
  ["recap", /\b(?:so we have|so we've got|so far|recap|summar|so that's|to sum up|in the end|all in all|overall)\b/],
  [
    "decided",
    /\b(?:decided|decide|decision|agreed|agree|settled|chose|choose|go for|go with|stick (?:to|with)|opt for)\b/,
  ],
  ["requirement", /\b(?:has to|have to|must|need to|needs to|should|required|requirement)\b/],
  ["hedge", /\b(?:maybe|perhaps|probably|might|i guess|not sure|i don't know)\b/],
  ["digits", /\d/],
  ["negation", /\b(?:not|no|don't|won't|can't|never)\b/],
  ["question", /\?\s*$/],
  ["so-start", /^(?:so|okay so|alright so|right so)\b/],
  ["yeah-start", /^(?:yeah|yes|okay|ok|right|mm)\b/],
  ["i-start", /^i\b/],
  ["we-start", /^we\b/],
];

/** Function words and common verbs: the grammar of a line, not its subject. */
const GRAMMAR_WORDS = new Set(
  (
    "we i you it they he she our your their us me them this that these those there here " +
    "will would should could can may might must shall 'll going gonna want need have has had do does did " +
    "be is are was were been being get got make use keep put take go come give decide agree think know " +
    "say said suggest propose choose pick include add drop remove leave stick try look see work " +
    "so okay ok yeah yes right well then now just also only still really actually definitely probably maybe " +
    "all both each every some any one first last next final basically sure good fine great " +
    "and or but because if when which what how why who not no don't won't can't"
  ).split(" "),
);

/** The feature names, made once: a meeting keeps each line's features until it ends (`readLine`). */
const CUE_FEATURES: [string, RegExp][] = CUES.map(([name, pattern]) => [`cue:${name}`, pattern]);
const WORD_FEATURES = new Map([...GRAMMAR_WORDS].map((w) => [w, `w:${w}`]));
const LENGTH_FEATURES = ["len:0", "len:1", "len:2", "len:3"];
const QUESTION_END = /\?\s*$/;

/**
 * What one line says on its own, read once as it arrives: its features apart from where it sits (null for a
 * line of fewer than four words, which is never picked), and what it tells about the line before it.
 */
export interface LineReading {
  own: readonly string[] | null;
  /** The feature it gives the line before, when said by someone else: agreement, or a question back. */
  asNext: "next:strong" | "next:weak" | "next:question" | null;
  /** It asks: the line after, when said by someone else, answers a question. */
  asks: boolean;
}

export function readLine(lower: string): LineReading {
  return { own: lower.split(/\s+/).length < 4 ? null : ownFeatures(lower), ...asNeighbour(lower) };
}

function asNeighbour(lower: string): Omit<LineReading, "own"> {
  return {
    asNext: STRONG_AGREEMENT.test(lower)
      ? "next:strong"
      : WEAK_AGREEMENT.test(lower)
        ? "next:weak"
        : QUESTION_END.test(lower)
          ? "next:question"
          : null,
    asks: QUESTION_END.test(lower),
  };
}

/** The language of the line itself: cues, grammar words, length. */
function ownFeatures(lower: string): string[] {
  const f: string[] = ["bias"];
  for (const [feature, pattern] of CUE_FEATURES) if (pattern.test(lower)) f.push(feature);
  for (const w of new Set(lower.match(/[a-z']+/g) ?? [])) {
    const feature = WORD_FEATURES.get(w);
    if (feature) f.push(feature);
  }
  const size = contentWordSet(lower).size;
  f.push(LENGTH_FEATURES[size < 4 ? 0 : size < 7 ? 1 : size < 11 ? 2 : 3]!);
  return f;
}

/**
 * A line's features in its place in the meeting: its own (`readLine`), then where it sits, who says it and
 * what the lines around it say.
 */
export function placedFeatures(
  own: readonly string[],
  place: {
    position: number;
    isLeadSpeaker: boolean;
    previous: LineReading | null;
    previousIsOtherSpeaker: boolean;
    next: LineReading | null;
    nextIsOtherSpeaker: boolean;
  },
): string[] {
  const f = [...own, `pos:${Math.min(9, Math.floor(place.position * 10))}`];
  if (place.isLeadSpeaker) f.push("lead");
  if (place.next !== null && place.nextIsOtherSpeaker && place.next.asNext) f.push(place.next.asNext);
  if (place.previous !== null && place.previousIsOtherSpeaker && place.previous.asks) f.push("prev:question");
  return f;
}

export function lineFeatures(ctx: LineContext): string[] {
  const read = (lower: string | null) => (lower === null ? null : { own: null, ...asNeighbour(lower) });
  return placedFeatures(ownFeatures(ctx.lower), {
    position: ctx.position,
    isLeadSpeaker: ctx.isLeadSpeaker,
    previous: read(ctx.previousLower),
    previousIsOtherSpeaker: ctx.previousIsOtherSpeaker,
    next: read(ctx.nextLower),
    nextIsOtherSpeaker: ctx.nextIsOtherSpeaker,
  });
}
