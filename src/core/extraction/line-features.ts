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

export function lineFeatures(ctx: LineContext): string[] {
  const f: string[] = ["bias"];
  for (const [name, pattern] of CUES) if (pattern.test(ctx.lower)) f.push(`cue:${name}`);
  for (const w of new Set(ctx.lower.match(/[a-z']+/g) ?? [])) if (GRAMMAR_WORDS.has(w)) f.push(`w:${w}`);
  const size = contentWordSet(ctx.lower).size;
  f.push(`len:${size < 4 ? 0 : size < 7 ? 1 : size < 11 ? 2 : 3}`);
  f.push(`pos:${Math.min(9, Math.floor(ctx.position * 10))}`);
  if (ctx.isLeadSpeaker) f.push("lead");
  if (ctx.nextLower !== null && ctx.nextIsOtherSpeaker) {
    if (STRONG_AGREEMENT.test(ctx.nextLower)) f.push("next:strong");
    else if (WEAK_AGREEMENT.test(ctx.nextLower)) f.push("next:weak");
    else if (/\?\s*$/.test(ctx.nextLower)) f.push("next:question");
  }
  if (ctx.previousLower !== null && ctx.previousIsOtherSpeaker && /\?\s*$/.test(ctx.previousLower))
    f.push("prev:question");
  return f;
}
