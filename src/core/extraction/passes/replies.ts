// Replies: agreement settles a proposal; acceptance takes the task just asked; "I'll own it" the risk.

import { onlyPointsBack } from "../context.js";
import {
  ACCEPTANCE,
  APPROVAL,
  DISAGREEMENT,
  EXPLICIT_AGREEMENT,
  NO_OBJECTION,
  OWNERSHIP,
  PROPOSAL,
  REFUSAL,
  STRONG_AGREEMENT,
  WEAK_AGREEMENT,
  YOUR_RISK,
} from "../cues.js";
import { type MeetingState, type Proposal, REPLY_WINDOW, type SentenceContext } from "../meeting-state.js";
import { readRiskAttributes } from "../risks.js";
import { cleanItemText, contentWordSet, overlap } from "../text.js";

/** Advice said to the listener: "I'd look at it every morning…", "you should page them", "just check it daily". */
const ADVICE = /\b(?:you|your)\b|^(?:i'd|i would|just|make sure|always|keep)\b/;

/**
 * "Okay, every morning, page at five thirty if it's not done, got it. I'll own that." — with no risk to own,
 * "I'll own that" takes on the task the speaker just said back, else the advice the previous speaker gave them.
 */
function ownedTask(state: MeetingState, c: SentenceContext): void {
  const { s, i } = c;
  const { previousTurn, speaker } = state;
  // "Gwen, you'd own that one." — "I'll own it.": a risk just handed over, already owned.
  // "So decided: … Ngozi, you'll execute." — "I'll own that.": the decision's owner, not a new task.
  if (state.latest("risk", 3) || state.latest("escalation", 2) || state.latest("decision", 2)) return;
  const before = i > 0 ? state.sentences[i - 1] : undefined;
  const said =
    before && !/\?\s*$/.test(before.text) && contentWordSet(before.text).size >= 3
      ? { text: before.text, evidence: { ...state.evidenceFor(s), quote: `${before.raw} ${s.raw}` } }
      : previousTurn && previousTurn.speaker !== speaker && ADVICE.test(previousTurn.text.toLowerCase())
        ? { text: previousTurn.text, evidence: state.evidenceFor(s) }
        : null;
  if (!said) return;
  const text = cleanItemText(said.text.replace(/[,.\s]*\b(?:got it|okay|ok|sure|fine)[.!]?\s*$/i, ""));
  if (contentWordSet(text).size < 3) return;
  const item = state.newItem("action", text, said.evidence, 0.7);
  item.owner = speaker;
  c.created = state.add(item);
}

/** A decision just agreed in this turn: the agreeing speaker's next full sentence usually restates it. */
export function restatement(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, isQuestion } = c;
  const restating = state.restating;
  if (restating && (STRONG_AGREEMENT.test(lower) || contentWordSet(s.text).size < 4)) return true;
  if (
    restating &&
    !isQuestion &&
    !PROPOSAL.test(lower) &&
    !/^(?:i|i'll|i'm|i'd|i've)\b/.test(lower) &&
    overlap(restating.words, contentWordSet(s.text)) >= 0.2
  ) {
    // "Fifteen, review after two weeks." says less than the counter-offer it agrees to: it is evidence, not the text.
    if (contentWordSet(s.text).size >= restating.words.size || onlyPointsBack(restating.item.text))
      state.set(restating, "text", cleanItemText(s.text));
    restating.fromProposal = false;
    state.addEvidence(restating, s, true);
    const owner = state.namedOwner(s.text);
    if (owner && !restating.item.owner) state.set(restating, "owner", owner);
    state.restating = null;
    return true;
  }
  state.restating = null;
  return restatedByReply(state, c);
}

/** "So we move it." — "Yeah, Petrel comes out of commit and goes to best case for Q4." That is the decision. */
function restatedByReply(state: MeetingState, c: SentenceContext): boolean {
  const vague = state.vagueDecision;
  if (!vague) return false;
  if (state.index - vague.at !== 1 || state.mine(vague.decision.item.decidedBy) || c.isQuestion) {
    state.vagueDecision = null;
    return false;
  }
  if (contentWordSet(c.s.text).size < 4) return false;
  state.vagueDecision = null;
  if (DISAGREEMENT.test(c.lower)) return false;
  state.set(vague.decision, "text", cleanItemText(c.s.text.replace(/^(?:[^,]{0,20},\s*)?i think\s+/i, "")));
  state.addEvidence(vague.decision, c.s);
  return true;
}

/** "Two times is fine, we've given that before.": what was proposed, named and found fine. */
const NAMED_FINE =
  /^(?:(?:yeah|yes|ok|okay|so|and)[,.]?\s+)*((?:[\w'-]+ ){1,4})(?:is|are|sounds|seems) (?:fine|ok|okay|acceptable|good)\b/;

function findsProposalFine(lower: string, proposals: readonly Proposal[]): boolean {
  const named = NAMED_FINE.exec(lower)?.[1];
  if (!named) return false;
  const words = contentWordSet(named);
  return words.size > 0 && proposals.some((p) => [...words].some((w) => contentWordSet(p.text).has(w)));
}

/** Agreement settles a proposal, or the statement just made, or the conclusion said after "I agree". */
export function agreement(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, words, isQuestion } = c;
  const { speaker, index } = state;
  if (words <= 14 && state.proposals.length) {
    // After "Any objections?", "No." agrees.
    const objectionCall = NO_OBJECTION.test(lower) && state.proposals.some((x) => x.askedForObjections);
    if (!objectionCall && DISAGREEMENT.test(lower)) {
      state.proposals = state.proposals.filter((p) => p.speaker === speaker);
    } else {
      const noObjection = NO_OBJECTION.test(lower);
      const strong =
        STRONG_AGREEMENT.test(lower) ||
        (noObjection && state.proposals.some((x) => x.askedForObjections)) ||
        findsProposalFine(lower, state.proposals);
      const weak = !strong && WEAK_AGREEMENT.test(lower);
      const p = [...state.proposals]
        .reverse()
        .find(
          (x) =>
            x.speaker !== speaker &&
            index - x.at <= (strong ? REPLY_WINDOW : 1) &&
            (strong || x.explicit) &&
            (!noObjection || x.askedForObjections),
        );
      // "Okay. Then let's keep the second. We go live with the stills…": an "okay" that opens the speaker's own
      // conclusion takes the floor; it agrees to nothing said before.
      const ownConclusion =
        weak && /^(?:(?:then|so|and)[,]?\s+)*(?:let's|we'll|we go|we're going|we will)\b/.test(c.next?.lower ?? "");
      if (p && (strong || weak) && !ownConclusion) {
        // "Could we launch with the stills…?" — "Okay. Then let's keep the date. We go live with the stills…" —
        // "Fine by me.": the proposal was settled by the decision that took it up; the yes confirms that one.
        const settled = state.latest(
          "decision",
          REPLY_WINDOW,
          (t) => t.at >= p.at && t.item.status === "decided" && overlap(t.words, contentWordSet(p.text)) >= 0.3,
        );
        if (settled) {
          state.proposals = state.proposals.filter((x) => x !== p);
          state.addEvidence(settled, s);
          c.created = settled;
          return true;
        }
        c.created = state.decide(p, p.calledForAgreement ? p.speaker : speaker, strong ? 0.8 : 0.6);
        state.addEvidence(c.created, s);
        state.restating = c.created;
        return true;
      }
    }
  }
  // "It's a no hire for Lior." — "Agreed." The statement just made was a proposal in all but name.
  const lastStatement = state.lastStatement;
  if (
    state.sentences.length === 1 &&
    words <= 4 &&
    !state.proposals.length &&
    lastStatement &&
    lastStatement.speaker !== speaker &&
    index - lastStatement.at === 1 &&
    contentWordSet(lastStatement.sentence.text).size >= 4 &&
    EXPLICIT_AGREEMENT.test(lower) &&
    !state.latest("decision", 2)
  ) {
    const item = state.newItem("decision", cleanItemText(lastStatement.sentence.text), lastStatement.evidence, 0.6);
    item.decidedBy = speaker;
    c.created = state.add(item);
    state.addEvidence(c.created, s);
    state.lastStatement = null;
    return true;
  }
  // "Yeah, I agree. No freeze." — agreeing with what was just argued, then saying the conclusion.
  const concluding = state.concluding;
  // "Agreed. Okay. Let's do Tuesday then.": a word that says nothing leaves the conclusion still to come.
  if (concluding && contentWordSet(s.text).size === 0) return false;
  // "I agree. But I don't want to…" — a reservation in the first person, not the conclusion.
  if (
    concluding &&
    !isQuestion &&
    !/^(?:(?:but|and|so|though)\s+)?(?:i|i'll|i'm|i'd|i've|we'll)\b/.test(lower) &&
    words <= 20
  ) {
    const item = state.newItem("decision", cleanItemText(s.text), concluding, 0.7);
    item.decidedBy = speaker;
    item.evidence = [{ ...concluding, quote: `${concluding.quote} ${s.raw}` }];
    c.created = state.add(item, 0.5);
    state.concluding = null;
    return true;
  }
  // Only when nothing was just decided: "Agreed." right after a decision confirms that decision.
  state.concluding =
    words <= 6 &&
    // "Okay, let's do it. Tuesday night, fast movers down from the mezz." — a go-ahead, then what was agreed.
    /\b(?:i agree|agreed|we agree|i'm with \w+|let's do (?:it|that|this)|let's go (?:with|for) (?:it|that))\b/.test(
      lower,
    ) &&
    !state.waitingProposal() &&
    !state.latest("decision")
      ? state.evidenceFor(s)
      : null;
  return false;
}

/** "I'll own it", "Me.", "the on-call risk is yours to own": who owns the risk or escalation just raised. */
export function ownership(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, words } = c;
  const { people, speaker, previousTurn } = state;
  if (OWNERSHIP.test(lower)) {
    const owned =
      state.latest("risk", 3, (t) => !state.mine(t.item.owner)) ??
      state.latest("escalation", 2, (t) => !state.mine(t.item.owner));
    if (owned) {
      state.set(owned, "owner", speaker);
      state.addEvidence(owned, s);
    } else ownedTask(state, c);
    if (words <= 6) return true;
  }
  // "Who owns that until the canary lands?" — "Me." / "The US clusters risk is Ximena's."
  const claimed =
    /^(?:me|i do|i will|mine|that's me)\b/.test(lower) &&
    previousTurn &&
    /\bwho(?:'s| is)? (?:owns?|owning|taking|doing)\b/i.test(previousTurn.text);
  const possessed = /\brisk is (\p{Lu}\p{Ll}+)'s\b/u.exec(s.text);
  if (claimed || possessed) {
    const owner = claimed ? speaker : people.lookup(possessed?.[1] ?? "");
    const risk = claimed
      ? state.latest("risk", 3)
      : state.tracked.findLast((t) => t.item.kind === "risk" && overlap(t.words, contentWordSet(s.text)) > 0);
    if (risk && owner) {
      state.set(risk, "owner", owner);
      state.addEvidence(risk, s);
      if (words <= 8) return true;
    }
  }
  // "Anselm, the on-call risk is yours to own" names the owner; else it is whoever spoke last.
  const previousSpeaker = state.previousSpeaker;
  const handedTo =
    people.lookup(/^(?:(?:so|okay|and)[,]?\s+)*(\p{Lu}\p{Ll}+),/u.exec(s.text)?.[1] ?? "") ??
    (previousSpeaker !== speaker ? previousSpeaker : null);
  if (YOUR_RISK.test(lower) && handedTo) {
    const risk =
      state.latest("risk", 6, (t) => t.item.evidence.some((e) => people.same(e.speaker, handedTo))) ??
      state.latest("risk", 3);
    if (risk) {
      // "Okay, so that's your risk, low likelihood, medium impact."
      const attributes = readRiskAttributes(lower);
      state.set(risk, "owner", handedTo);
      state.set(risk, "likelihood", attributes.likelihood);
      state.set(risk, "impact", attributes.impact);
      state.set(risk, "rag", attributes.rag);
      if (attributes.mitigation !== null)
        state.set(risk, "mitigation", cleanItemText(s.text.slice(attributes.mitigation)));
      state.addEvidence(risk, s);
      return true;
    }
  }
  return false;
}

/** The person asked takes the task just asked ("Yes, by Friday"), or turns it down. */
export function acceptance(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, words, due, askedOfMe } = c;
  const { lastRequest, speaker } = state;
  if (lastRequest && askedOfMe && state.index - lastRequest.at <= 2 && REFUSAL.test(lower)) return true;
  // "I can move the boxes to the core freezer." — "Yes, do that.": the offer is now a task.
  const offered =
    lastRequest && state.lastRequestOf.by === state.lastRequestOf.of && state.lastRequestOf.by !== speaker;
  if (offered && lastRequest && state.index - lastRequest.at === 1 && APPROVAL.test(lower)) {
    lastRequest.item.confidence = Math.max(lastRequest.item.confidence, 0.7);
    state.addEvidence(lastRequest, s);
    return words <= 4;
  }
  if (lastRequest && askedOfMe && state.index - lastRequest.at <= 2 && words <= 14 && ACCEPTANCE.test(lower)) {
    const t = lastRequest;
    if (speaker && t.item.owner === null) state.set(t, "owner", speaker);
    if (due) state.set(t, "due", due.date);
    // A task someone took on out loud is a firm item, whatever its wording.
    t.item.confidence = Math.min(0.95, t.item.confidence + 0.2);
    state.addEvidence(t, s);
    state.accepted = t;
    return true;
  }
  return false;
}
