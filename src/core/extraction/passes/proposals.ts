import { isTask } from "../actions.js";
import { isRunningOrder } from "../context.js";
import { CALL_FOR_AGREEMENT, MEETING_STEERING, NOT_A_TASK, PROPOSAL, PROPOSAL_LEAD } from "../cues.js";
import { type MeetingState, REPLY_WINDOW, type SentenceContext } from "../meeting-state.js";
import { cleanItemText, contentWordSet } from "../text.js";

/** A proposal runs on to the end of its turn: the sentences after it are its content, not new items. */
export function proposalContinuation(state: MeetingState, c: SentenceContext): boolean {
  const inProposal = state.inProposal;
  if (!inProposal) return false;
  if (!c.isQuestion && c.words >= 3) {
    inProposal.text = `${inProposal.text} ${cleanItemText(c.s.text)}.`;
    inProposal.evidence[0]!.quote += ` ${c.s.raw}`;
  }
  return true;
}

/**
 * "The sync model is X. Any objections?" / "So are we agreed, one-year renewal?" — a call to agree; "Here's my
 * proposal:" opens one. Either waits on the table for a reply.
 */
export function callsForAgreement(state: MeetingState, c: SentenceContext): boolean {
  const { s, i, lower, isQuestion } = c;
  const { speaker, index, sentences } = state;
  const call = isQuestion ? CALL_FOR_AGREEMENT.exec(lower) : null;
  if (call) {
    const stated = call[1] && contentWordSet(call[1]).size >= 2 ? s : (sentences[i - 1] ?? null);
    if (stated && isRunningOrder(stated.lower, index)) return true;
    if (stated && stated !== s && contentWordSet(stated.text).size >= 3) {
      state.proposals.push({
        text: cleanItemText(stated.text),
        speaker,
        at: index,
        evidence: [state.evidenceFor(stated)],
        explicit: true,
        owner: state.namedOwner(stated.text),
        askedForObjections: /objection/.test(lower),
        calledForAgreement: true,
      });
      // The statement may already have been read as something else (an action, a pending item).
      return true;
    }
    if (stated === s) {
      state.proposals.push({
        text: cleanItemText(s.text.slice(s.text.length - (call[1] ?? "").length)),
        speaker,
        at: index,
        evidence: [state.evidenceFor(s)],
        explicit: true,
        owner: null,
        calledForAgreement: true,
      });
      return true;
    }
  }
  if (PROPOSAL_LEAD.test(lower)) {
    state.inProposal = { text: "", speaker, at: index, evidence: [state.evidenceFor(s)], explicit: true, owner: null };
    state.proposals.push(state.inProposal);
    return true;
  }
  return false;
}

/** "Can we just mute it?", "Should we push the launch?": a question about doing something, and its verb. */
const ASKED_WHETHER_TO =
  /^(?:(?:so|and|okay|ok|but|well)[,]?\s+)*(?:can|could|should|shall) we (?:just |maybe |not |also )?([a-z]+)\b/;
/** What a reply may say before the verb it answers with: "Yeah, just mute it", "Sure, go ahead and push it". */
const DIRECTIVE_LEAD =
  /^(?:(?:yes|yeah|yep|sure|okay|ok|fine|right|so|then)[,.!]?\s+)*(?:let's |we'll |just |go ahead and )*/;
/** Where a directive's condition or reason starts: the decision is what comes before it. */
const DIRECTIVE_TAIL = /[,;]?\s+(?:if|unless|because|since|so that|which|and then)\b.*$/;

/**
 * "Can we just mute it?" — "Mute it for a week, till next Monday, if nobody fixes the check by then…": someone
 * other than the asker answers the question with its own verb, as an instruction. That answer is the decision.
 */
export function directiveAnswer(state: MeetingState, c: SentenceContext): boolean {
  const { s, i, lower, isQuestion } = c;
  const { speaker, index } = state;
  const asked = state.askedWhetherTo;
  if (isQuestion) {
    const verb = ASKED_WHETHER_TO.exec(lower)?.[1];
    state.askedWhetherTo = verb && !MEETING_STEERING.test(verb) ? { verb, speaker, at: index } : asked;
    return false;
  }
  if (!asked || asked.speaker === speaker || index - asked.at !== 1 || i > 1) return false;
  const lead = DIRECTIVE_LEAD.exec(lower)?.[0] ?? "";
  if (!lower.startsWith(`${asked.verb} `, lead.length)) return false;
  const text = cleanItemText(s.text.slice(lead.length).replace(DIRECTIVE_TAIL, ""));
  if (contentWordSet(text).size < 3) return false;
  state.askedWhetherTo = null;
  // The question itself may be waiting as a proposal: this answer settles it.
  state.proposals = state.proposals.filter((x) => x.speaker !== asked.speaker || x.at !== asked.at);
  const proposal = { text, speaker, at: index, evidence: [state.evidenceFor(s)], explicit: true, owner: null };
  c.created = state.decide(proposal, speaker, 0.7);
  return true;
}

/**
 * "…they want the cap at two times fees instead of one, which I think we can live with.": accepting the other
 * side's term is proposed, for the room to agree to. The sentence is no task ("live with").
 */
export function acceptableTerms(state: MeetingState, c: SentenceContext): boolean {
  // Every sentence comes here: only one that says "which" can name a term.
  const term = c.lower.includes("which") ? ACCEPTABLE_TERMS.exec(c.s.text)?.[1] : undefined;
  if (!term || contentWordSet(term).size < 2) return false;
  const asked = term.replace(/^(?:they|the customer|the client)\s+(?:want|wants|asked for|are asking for)\s+/i, "");
  state.proposals.push({
    text: `Accept ${asked}.`,
    speaker: state.speaker,
    at: state.index,
    evidence: [state.evidenceFor(c.s)],
    explicit: true,
    owner: null,
  });
  return true;
}

/** The other side's term, and the speaker willing to take it: group 1 the term (the clause before ", which"). */
const ACCEPTABLE_TERMS =
  /(?:^|[,;]\s*)([^,;]+?),\s*which (?:i think |i guess |honestly )?(?:we|i) (?:can|could) (?:live with|accept|work with)\b/i;

/** "We should…", "I propose…": a proposal waits for a reply when nothing else was made of the sentence. */
export function proposalsWaiting(state: MeetingState, c: SentenceContext): boolean {
  if (c.created) return false;
  const { s, lower } = c;
  const index = state.index;
  const p = PROPOSAL.exec(lower);
  // "What I'd suggest is we agree on seventy percent…": what is to be agreed is the proposal.
  const rest = (p?.[1] ?? "").replace(/^agree (?:on|to|that)\s+/, "");
  if (p && isTask(rest, null) && !MEETING_STEERING.test(rest) && !NOT_A_TASK.test(rest)) {
    const explicit = !/^(?:we should|we could|can we|could we|should we|maybe we should)/.test(p[0]);
    state.inProposal = {
      text: `${counterOffer(state, rest) ?? cleanItemText(s.text.slice(p.index))}.`,
      speaker: state.speaker,
      at: index,
      evidence: [state.evidenceFor(s)],
      explicit,
      owner: state.namedOwner(s.text),
    };
    state.proposals.push(state.inProposal);
    state.proposals = state.proposals.filter((x) => index - x.at <= REPLY_WINDOW);
    if (!explicit) state.inProposal = null;
  }
  return false;
}

/** A number said as a counter-offer: "I'd rather do fifteen, …", "how about ten". */
const COUNTER = /^(?:do|go with|make it|say)?\s*(\d[\d,.]*)\b[\s,]*(.*)$/;
/** What a proposal is, without the speaker's wanting: "I want to move 20 points…" → "move 20 points…". */
const WANTING = /^(?:.*?\b)?(?:i want to|i'd like to|we should|let's|i propose (?:we|to)?|i suggest (?:we)?)\s+/i;

/**
 * "I want to move twenty points from Meta to Pinterest." … "I'd rather do fifteen, look at it after two weeks":
 * a counter-offer names only its number; the proposal is the one it answers, with that number.
 */
function counterOffer(state: MeetingState, rest: string): string | null {
  const counter = COUNTER.exec(rest);
  if (!counter?.[1]) return null;
  const offered = state.recentStatements.findLast(
    (r) =>
      r.speaker !== state.speaker &&
      state.index - r.at <= REPLY_WINDOW &&
      WANTING.test(r.sentence.text) &&
      /\d/.test(r.sentence.text),
  );
  if (!offered) return null;
  const proposal = offered.sentence.text.replace(WANTING, "").replace(/\d[\d,.]*/, counter[1]);
  const then = (counter[2] ?? "").replace(/,?\s+(?:and )?(?:if|unless|because|since)\b.*$/, "");
  return cleanItemText(then ? `${proposal.replace(/[.!]+$/, "")}; ${then}` : proposal);
}
