import { announcedTopic } from "../context.js";
import type { MeetingState, SentenceContext } from "../meeting-state.js";
import { cleanItemText, contentWordSet } from "../text.js";

/**
 * A sentence that made nothing is remembered for replies that point back at it, and elaborates the item the
 * turn's previous sentence made.
 */
export function elaboration(state: MeetingState, c: SentenceContext): boolean {
  const { s, isQuestion, created } = c;
  const { speaker, index } = state;
  if (!created && !isQuestion && contentWordSet(s.text).size >= 3) {
    state.lastStatement = { speaker, sentence: s, at: index, evidence: state.evidenceFor(s) };
  }
  if (!created && !isQuestion && contentWordSet(s.text).size >= 5) {
    state.recentStatements.push({ speaker, sentence: s, at: index, evidence: state.evidenceFor(s) });
    if (state.recentStatements.length > 12) state.recentStatements.shift();
  }
  const topic = created || isQuestion ? null : announcedTopic(s.text);
  if (topic) state.topic = { phrase: topic, at: index };
  const elaborating = state.elaborating;
  if (created) state.elaborating = created;
  else if (
    elaborating &&
    !isQuestion &&
    contentWordSet(s.text).size >= (elaborating.item.kind === "decision" ? 2 : 3)
  ) {
    // "Then we reserve the full sixty-four. We can release it when it settles." — how the decision plays out, said
    // of it in the next breath, is part of a decision that short.
    const thinDecision =
      elaborating.item.kind === "decision" &&
      contentWordSet(elaborating.item.text).size <= 4 &&
      /^(?:and )?(?:we|we'll|then)\b.*\b(?:it|that|them)\b/i.test(s.text);
    // "I want to escalate this to Raj. If the SLA is breached we'll have to tell customers." — one item.
    state.addEvidence(elaborating, s);
    // "The thing that worries me is the creators. Two haven't sent contracts back." — the second sentence is
    // the risk; the first only announced it.
    const announcedOnly =
      elaborating.item.kind === "risk" &&
      elaborating.item.evidence.length === 1 &&
      contentWordSet(elaborating.item.text).size <= 5;
    if (
      (elaborating.item.kind === "escalation" || announcedOnly || thinDecision) &&
      elaborating.item.text.length < 200
    ) {
      state.set(elaborating, "text", `${elaborating.item.text}; ${cleanItemText(s.text)}`);
    }
  }
  return false;
}
