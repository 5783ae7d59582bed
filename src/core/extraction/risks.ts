import type { Level, Rag } from "../item.js";
import { IMPACT, LIKELIHOOD, MITIGATION, RATING, RISK } from "./cues.js";
import { cleanItemText, contentWordSet, type Sentence } from "./text.js";

export interface RiskAttributes {
  rag: Rag | null;
  likelihood: Level | null;
  impact: Level | null;
  /** Where a mitigation starts in the sentence, if one is said. */
  mitigation: number | null;
}

function levelOf(word: string | undefined): Level | null {
  if (!word) return null;
  if (/low|small|minor|unlikely/.test(word)) return "low";
  if (/medium|moderate|fifty|50-50|coin/.test(word)) return "medium";
  if (/high|huge|big|major|severe|significant|massive|likely/.test(word)) return "high";
  return null;
}

export function readRiskAttributes(lower: string): RiskAttributes {
  const colour = RATING.exec(lower)?.slice(1).find(Boolean);
  const likely = LIKELIHOOD.exec(lower);
  // "I don't think it's likely", "not likely": the first two groups are the negated forms.
  const likelihood = likely?.[1] || likely?.[2] ? "low" : levelOf(likely?.slice(3).find(Boolean));
  const mitigation = MITIGATION.exec(lower);
  return {
    // Amber and orange are how many teams say yellow.
    rag: colour ? (colour === "amber" || colour === "orange" ? "yellow" : (colour as Rag)) : null,
    likelihood,
    impact: levelOf(IMPACT.exec(lower)?.slice(1).find(Boolean)),
    mitigation: mitigation ? mitigation.index : null,
  };
}

/** "Risks, red first", "it's on the risk list": the word names the agenda, not a risk. */
const AGENDA_MENTION =
  /\b(?:then risks|risks and|risks then|risks, (?:red|yellow)|risks first|risk list|risk register|risks? section|for risks|to risks|on the risk|(?:red|yellow|green) first|the risks\b|risks,|on to risks)\b/;
/** Said in so many words: a risk even in the middle of a status update. */
export const RISK_EXPLICIT =
  /\b(?:at risk|at-risk|my (?:biggest |main )?(?:worry|concern)|i'm (?:worried|concerned)|(?:a|the|big|real|main) risk (?:is|here|that))\b/;
const RISK_NOUN =
  /\b(?:(?:a|the|big|real|main|biggest|key|another|one|top|only|serious|major) risk (?:is|here|that|of)|risk of|as a risk|(?:is|was) (?:there )?a risk|at risk|risky)\b/;
const RISK_QUESTION = /\b(?:is there (?:a|any) risk|any risk (?:that|of)|what's the risk|what are the risks)\b/;
const LEAD_IN =
  /^(?:(?:so|and|okay|but)[,]?\s+)*(?:my (?:biggest |main |real )?(?:worry|concern|fear),?(?: honestly)?,? is(?: that)?|(?:the|one|a|another|my) (?:big |real |main |biggest )?risk (?:here )?is(?: that)?|as a risk,?|is there a risk(?: that)?|i'm (?:worried|concerned) (?:that|about))\s*/i;

/**
 * A risk statement, scored: an explicit cue ("my worry is", "at risk", "could slip") counts fully; a rating
 * or likelihood said with a statement counts too; a mention of the agenda item "risks" does not.
 */
export function readRisk(
  s: Sentence,
  attributes: RiskAttributes,
  ratedJustBefore: boolean | null,
): { text: string; confidence: number; continuation: boolean } | null {
  const lower = s.lower;
  const isQuestion = /\?\s*$/.test(s.text);
  // "Likelihood that someone else leaves, medium." rates the risk just raised; it is not a new one.
  if (
    /^(?:(?:so|and|but|the)\s+)+(?:likelihood|probability|impact|chance)\b|^(?:likelihood|probability|impact|chance)\b/.test(
      lower,
    )
  ) {
    return null;
  }
  // "High risk, low probability." — only ratings: they rate the risk said before.
  const beyondRatings = lower.replace(/\b(?:high|low|medium|risk|probability|likelihood|impact|chance)\b/g, "");
  if ((attributes.likelihood || attributes.impact) && contentWordSet(beyondRatings).size < 2) return null;
  // "There's a real chance of it, I'd say medium likelihood": rates the risk just named.
  if ((attributes.likelihood || attributes.impact) && /\bof (?:it|that|this)\b|^(?:it|that|this)\b/.test(lower))
    return null;
  // "Don't worry", "no worries": reassurance, not a risk.
  if (/\b(?:don't worry|no worries|not worried|nothing to worry|no need to worry)\b/.test(lower)) return null;
  if (isQuestion && !RISK_QUESTION.test(lower)) return null;
  const contentWords = contentWordSet(s.text).size;
  if (contentWords < 3) return null;
  let score = 0;
  if (RISK.test(lower) && !AGENDA_MENTION.test(lower)) score += 1;
  if (RISK_NOUN.test(lower) || RISK_QUESTION.test(lower)) score += 1;
  if (attributes.rag && contentWords >= 4) score += 0.8;
  if (ratedJustBefore && contentWords >= 4) score += 1;
  if (attributes.likelihood || attributes.impact) score += 0.5;
  if (score < 1) return null;
  const text = cleanItemText(s.text.replace(LEAD_IN, ""));
  return {
    text,
    confidence: Math.min(0.9, 0.45 + score * 0.2),
    continuation: /^(?:which|that|this|so that|and that)\b/.test(lower),
  };
}
