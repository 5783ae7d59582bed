import { isTask } from "../actions.js";
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
    if (stated && stated !== s && contentWordSet(stated.text).size >= 3) {
      state.proposals.push({
        text: cleanItemText(stated.text),
        speaker,
        at: index,
        evidence: [state.evidenceFor(stated)],
        explicit: true,
        owner: state.namedOwner(stated.text),
        askedForObjections: /objection/.test(lower),
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

/** "We should…", "I propose…": a proposal waits for a reply when nothing else was made of the sentence. */
export function proposalsWaiting(state: MeetingState, c: SentenceContext): boolean {
  if (c.created) return false;
  const { s, lower } = c;
  const index = state.index;
  const p = PROPOSAL.exec(lower);
  const rest = p?.[1] ?? "";
  if (p && isTask(rest, null) && !MEETING_STEERING.test(rest) && !NOT_A_TASK.test(rest)) {
    const explicit = !/^(?:we should|we could|can we|could we|should we|maybe we should)/.test(p[0]);
    state.inProposal = {
      text: `${cleanItemText(s.text.slice(p.index))}.`,
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
