import { MOTION, VOTE_RESULT } from "../decisions.js";
import type { MeetingState, SentenceContext } from "../meeting-state.js";
import { cleanItemText, contentWordSet } from "../text.js";

/** How many segments of debate a motion waits for its vote. */
const MOTION_WINDOW = 20;

/** A motion waits for its vote; the chair's count decides it ("The motion carries, three to one"). */
export function motions(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower } = c;
  const motion = MOTION.exec(lower);
  if (motion?.[1] && contentWordSet(motion[1]).size >= 2) {
    state.lastMotion = {
      text: cleanItemText(s.text.slice(s.text.length - motion[1].length)),
      evidence: state.evidenceFor(s),
      at: state.index,
    };
    return true;
  }
  if (/^(?:i )?second(?:ed)?(?: (?:that|it|the motion))?\b/.test(lower)) return true;
  const vote = VOTE_RESULT.exec(lower);
  const lastMotion = state.lastMotion;
  if (vote && lastMotion && state.index - lastMotion.at <= MOTION_WINDOW) {
    const outcome = vote[1] ?? vote[2] ?? "carries";
    const failed = /^fail|defeated/.test(outcome);
    const text = failed ? `Motion failed: ${lastMotion.text}` : lastMotion.text;
    const item = state.newItem("decision", text, lastMotion.evidence, 0.85);
    if (/^defer/.test(outcome)) item.status = "pending";
    item.decidedBy = state.speaker;
    c.created = state.add(item);
    state.addEvidence(c.created, s);
    state.lastMotion = null;
    return true;
  }
  return false;
}
