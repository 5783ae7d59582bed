import { setUpBefore, withAntecedent } from "../context.js";
import { MOTION, VOTE_RESULT } from "../decisions.js";
import type { MeetingState, SentenceContext } from "../meeting-state.js";
import { cleanItemText, contentWordSet } from "../text.js";

/** How many segments of debate a motion waits for its vote. */
const MOTION_WINDOW = 20;

/** ", three in favor, none opposed, one abstention" after "the motion carries". */
const TALLY =
  /^[,:]?\s*((?:[\w-]+ (?:in favou?r|for|against|opposed|abstentions?|abstaining)[,;]?\s*(?:and\s+)?){1,4})/i;

/** A motion waits for its vote; the chair's count decides it ("The motion carries, three to one"). */
export function motions(state: MeetingState, c: SentenceContext): boolean {
  const { s, i, lower } = c;
  const motion = MOTION.exec(lower);
  if (motion?.[1] && contentWordSet(motion[1]).size >= 2) {
    // "So the plan as presented, with Patricia's amendment: … Is there a motion to approve it with that
    // amendment?" — the motion names what the chair just set out.
    const moved = cleanItemText(s.text.slice(s.text.length - motion[1].length).replace(/\?\s*$/, ""));
    const read = withAntecedent(/\b(?:that|this|it)\b/i.test(moved) ? setUpBefore(state.sentences, i) : [], s, moved);
    state.lastMotion = { text: read.text, evidence: { ...state.evidenceFor(s), quote: read.quote }, at: state.index };
    return true;
  }
  // "The motion carries, three in favor. The 2026 plan is approved as amended." — the decision said again.
  const carried = state.carried;
  if (
    carried &&
    carried.at === state.index &&
    /\b(?:approved|adopted|carried|passed|accepted|awarded|recommended|referred|deferred)\b/.test(lower)
  ) {
    const said = contentWordSet(s.text);
    if ([...said].filter((w) => carried.words.has(w)).length >= Math.min(2, said.size)) {
      state.addEvidence(carried, s);
      return true;
    }
  }
  if (/^(?:i )?second(?:ed)?(?: (?:that|it|the motion))?\b/.test(lower)) return true;
  const vote = VOTE_RESULT.exec(lower);
  const lastMotion = state.lastMotion;
  if (vote && lastMotion && state.index - lastMotion.at <= MOTION_WINDOW) {
    const outcome = vote[1] ?? vote[2] ?? "carries";
    const failed = /^fail|defeated/.test(outcome);
    // The count as the chair gave it: "three in favor, none opposed, one abstention".
    const tally = TALLY.exec(s.text.slice(vote.index + vote[0].length))?.[1];
    const motionText = tally ? `${lastMotion.text} (${tally.trim()})` : lastMotion.text;
    const text = failed ? `Motion failed: ${motionText}` : motionText;
    const item = state.newItem("decision", text, lastMotion.evidence, 0.85);
    if (/^defer/.test(outcome)) item.status = "pending";
    item.decidedBy = state.speaker;
    c.created = state.add(item);
    state.addEvidence(c.created, s);
    state.lastMotion = null;
    state.carried = c.created;
    return true;
  }
  return false;
}
