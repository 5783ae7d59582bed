import type { Sentence } from "./text.js";

/**
 * Decisions as the person running a meeting lands them, after the discussion: "Okay, code freeze moves to the
 * twenty-fifth." "Then we reserve the full sixty-four." "So, scrap the three forty." "Biweekly it is." No
 * "we decided" is said; what marks it is a concluding opener followed by a settlement: a change of state,
 * "we" doing something in the present tense, or an instruction that picks one option.
 */

/** Words that close a discussion and open its outcome. */
const CONCLUDING_OPENER =
  /^(?:(?:okay|ok|alright|all right|right|good|fine|great|so|then|well then|decision|decided|to be clear|for the notes|for the record|final answer)(?: then| so)?[,.:!]?\s+)+/;

/** A change of state said of the thing decided: "the hotfix goes to…", "redesign stays in Q2", "Bea takes over". */
const SETTLEMENT_VERB =
  /^(?:the |our |all |both |each |every )?[\w'’ -]{1,45}? (?:moves?|moving|goes|stays?|comes? (?:out|off|in)|is out of|are out of|'s out of|is off|ships|ship|is frozen|are frozen|takes over|take over|is cut|are cut|gets cut|is dropped|is deferred|is approved|are approved|is shelved|waits? (?:on|for|until)|swaps? in|switches to|is in scope|is out of scope|stays? out|becomes|starts (?:on|in|next)|is per|excludes|includes)\b/;

/**
 * "We" doing the decided thing, in the present: "we quarantine all five lots", "we're keeping the paper screen".
 * "We're about 180 short", "we're a few minutes over" describe where things stand, and decide nothing.
 */
const WE_DO =
  /^(?:(?:and|but) )?(?:we(?:'re| are) (?:not )?(?!going|gonna|getting|having|doing|trying|hoping|thinking|running|looking|talking|waiting|seeing|decid)[a-z]+ing\b|we (?!need|should|could|might|may|have|had|were|was|are|think|know|don't|do|did|can|got|also|still|just|kind|sort|probably|already|all|either|usually|always|never|often|see|saw|talked|said|heard|looked|found|ran|used to|seeing|looking|talking|waiting|going|gonna|getting|having|doing|trying|hoping|thinking|running|close|good|fine|okay|ok|on|in|at|not sure|not decid|decid|went|came|saw|got|had|made|took|gave|ran|met|spent|sent|told|thought|heard|left|lost|found|kept|paid|knew|felt|brought|bought|[a-z]+ed\b)(?:not )?[a-z]+\b)/;

/** Verbs that pick an outcome when said as an instruction after "then"/"so": "Then expense it." */
const DECIDING_VERB =
  /^(?:let's )?(?:scrap|expense|capitali[sz]e|book|accrue|reserve|release|quarantine|mute|approve|reject|cancel|drop|keep|hold|use|pull|strike|accept|decline|award|defer|delay|postpone|slip|freeze|launch|ship|hire|fund|move|switch|stick with|cut|skip|extend|swap|stop|pause|block|allow|include|exclude|go with|go live|go ahead|do|make it|refund|waive|write off|sign|renew|retire|replace|adopt|pick|choose|take)\b/;

/** "Sheet it is", "biweekly it is", "so eighteen, two-year, that's the offer". */
// "See how bad it is" asks how much and "of course it is" agrees; "sheet it is" names the choice.
const NAMED_CHOICE =
  /\b(?<!\b(?:how|what|where|who|however|whatever|as|so|too|of) )(?!(?:where|what|how|as|whatever|that|which|who|when|wherever|however|than|if|is|think|know|say|see)\b)[\w'’-]+ it is(?=[,.!;]|$)|\bthat's (?:the|our) (?:offer|plan|deal|answer|number|date|call|decision|choice|position)\b|,\s*decided[.!]?$/;
/** What every NAMED_CHOICE contains: a quick look first, since its full pattern is tried at every word. */
const NAMED_CHOICE_HINT = / it is|that's|decided/;
/** "So no TikTok for this launch." — a choice against, after "so" or "then". */
const CHOICE_AGAINST =
  /^no (?!idea|problem|worries|way|one|clue|sorry|thanks|thank|rush|pressure|objection|objections|questions|it|that|this|real|open|incidents?|change|news|updates?)[a-z]+/;

/** The speaker approving, in their own authority: "I'll approve a one-to-one sitter for 507" (not "18 is the max I'll approve"). */
const I_APPROVE =
  /\bi(?<!\b(?:max|maximum|most|limit|ceiling|cap|what|whatever|anything|all|only|than) i)(?:'ll| will|'m going to)? (?:approve|sign off on|green-?light|authori[sz]e)\b/;

/** Talk that opens with a concluding word but reports, asks or steers instead of deciding. */
const NOT_A_CONCLUSION =
  /^(?:(?:let's )?make sure|let's (?:talk|discuss|move on|see|look|hear|start|go around|take a|get|turn|jump|switch|skip|wrap|do a|quickly|keep going|circle back|come back|not)|we (?:have|had|need|should|could|might|can|got)\b|(?:my|our) (?:proposal|suggestion|recommendation|idea|vote|preference|take)\b|if\b|unless\b|when\b|once\b|because\b|as long as\b|in case\b|assuming\b|suppose\b|imagine\b|hypothetically\b|say\b|you\b|i\b|it\b|there\b|that\b|this\b|what\b|how\b|who\b|when\b|where\b|why\b|anything\b|any\b|next\b)/;

/**
 * Whether a sentence lands a decision after discussion. `afterOpener` is true when the sentence itself opens
 * with a concluding word, or when its turn did ("Okay. Wen goes to Driver App for two weeks.").
 */
export function isConclusion(s: Sentence, turnOpenedWithConclusion: boolean): boolean {
  if (/\?\s*$/.test(s.text)) return false;
  const opener = CONCLUDING_OPENER.exec(s.lower);
  const body = s.lower.slice(opener?.[0].length ?? 0);
  if ((NAMED_CHOICE_HINT.test(s.lower) && NAMED_CHOICE.test(s.lower)) || I_APPROVE.test(s.lower)) return true;
  if (!opener && !turnOpenedWithConclusion) return false;
  if (NOT_A_CONCLUSION.test(body)) return false;
  if (WE_DO.test(body) || SETTLEMENT_VERB.test(body)) return true;
  // An instruction or a "no" only decides when it follows "then"/"so": "So, scrap the three forty."
  return (
    opener !== null && /\b(?:then|so)\b/.test(opener[0]) && (DECIDING_VERB.test(body) || CHOICE_AGAINST.test(body))
  );
}

/** A sentence that is only a concluding word ("Okay.", "Right, then."): the turn's next sentence may decide. */
export function opensConclusion(s: Sentence): boolean {
  return /^(?:(?:okay|ok|alright|all right|right|good|fine|great|so|then|decision|decided)[,.:!]?\s*)+$/.test(s.lower);
}

/** A motion put to a vote: "I'll move to award the contract to Granite Ridge." Group 1 is what is moved. */
export const MOTION =
  /\b(?:i(?:'ll|'d| would| will)? move (?:to|that)|(?:i )?(?:make a |there's a |is there a )?motion to|moved? to (?:approve|award|recommend|defer|adopt|accept|refer|table|deny|reject|postpone))\s+(.*)$/;
/** The chair announcing the vote: group 1 says how it went. */
export const VOTE_RESULT =
  /\b(?:(?:the )?motion (carries|passes|passed|is carried|is adopted|fails|failed|is defeated)|(carries|passes|fails|approved|adopted|deferred|referred)[,]? (?:\d+|one|two|three|four|five|six|seven|eight|nine) to (?:\d+|zero|one|two|three|four|five|six|seven|eight|nine)|(?:approved|carries|passes|adopted),? unanimous(?:ly)?|the ayes have it)\b/;
