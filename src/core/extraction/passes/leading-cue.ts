import { isRunningOrder } from "../context.js";
import { DECISION, DECISION_CALL, ESCALATION, PENDING, RAISED_LATER } from "../cues.js";
import { isConclusion, opensConclusion } from "../decisions.js";
import { AUTHORITY, readEscalationStep } from "../escalations.js";
import type { MeetingState, SentenceContext } from "../meeting-state.js";
import { contentWordSet } from "../text.js";

/** Words of a decision cue that carry no content of their own ("okay, so that's approved"). */
export const CUE_WORDS = new Set([
  "approved",
  "agreed",
  "decided",
  "decision",
  "call",
  "making",
  "make",
  "plan",
  "final",
  "settled",
  "that's",
  "ok",
  "okay",
  "go",
  "let's",
  "do",
  "great",
  "good",
  "perfect",
]);

/** Words of a deferral that say nothing of what is deferred ("I'm not deciding that today"). */
export const DEFERRAL_WORDS = new Set([
  "i'm",
  "decid",
  "today",
  "yet",
  "now",
  "still",
  "open",
  "hold",
  "wait",
  "park",
  "until",
  "rather",
  "cannot",
  "can't",
  "treat",
  "pending",
  "want",
]);

const OTHERS_ESCALATE =
  /\b(?:they|their (?:\w+ ){0,2}(?:side|team|counsel|lawyers?|legal|management|boss))(?:'ll|'d| will| would| might| may| want to| wants to| are going to| is going to| might want to| will want to)?(?: want to| need to| have to| probably)? escalat\w*/;

/**
 * What the sentence leads with: an escalation, a deferral of what was just discussed, a decision, or else
 * (perhaps) a task. Exactly one of the escalation, pending, decision and action passes reads it.
 */
export function readLeadingCue(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, words, isQuestion } = c;
  const { index, people } = state;
  // "I'll talk about the load test in risks": nothing is raised until it is raised.
  if (RAISED_LATER.test(lower)) return true;
  if (isRunningOrder(lower, index)) return true;
  if (AUTHORITY.test(lower)) state.authoritySaidAt = index;
  c.escalationStep = isQuestion
    ? null
    : readEscalationStep(s, {
        isInRoom: (name) => people.speakers.some((label) => people.same(label, name)),
        authoritySaid: index - state.authoritySaidAt <= 3,
        next: c.next,
      });
  // "They'll want to escalate internally": the other side's escalation is not the room's to carry.
  const escalation = (ESCALATION.test(lower) || c.escalationStep !== null) && !OTHERS_ESCALATE.test(lower);
  const pending = PENDING.exec(lower);
  const decision: { index: number } | null =
    DECISION.exec(lower) ?? DECISION_CALL.exec(lower) ?? (isConclusion(s, state.concludingTurn) ? { index: 0 } : null);
  state.concludingTurn = opensConclusion(s);
  c.pending = pending;
  c.decision = decision;
  c.lead =
    escalation && (words >= 5 || c.escalationStep !== null) && !isQuestion
      ? "escalation"
      : pending &&
          !decision &&
          [...contentWordSet(s.text)].filter((w) => !CUE_WORDS.has(w) && !DEFERRAL_WORDS.has(w)).length <= 1
        ? "pending"
        : (decision || pending) && words >= 3 && !isQuestion
          ? "decision"
          : "action";
  return false;
}
