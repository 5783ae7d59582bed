// Refinements of what was just said: rationale, a due date, "that's done".
import { CORRECTION, DONE, RATIONALE_CLAUSE, RATIONALE_SENTENCE, REFUSAL } from "../cues.js";
import type { MeetingState, SentenceContext } from "../meeting-state.js";
import { cleanItemText, contentWordSet } from "../text.js";
import { rationaleFrom } from "./decision-pass.js";

/** Refinements of what was just said: a decision's rationale. */
export function rationale(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, created } = c;
  const rationale = RATIONALE_SENTENCE.test(lower) ? cleanItemText(s.text) : null;
  if (rationale || (created?.item.kind !== "decision" && RATIONALE_CLAUSE.test(lower))) {
    const d = state.latest("decision", 2, (t) => t.item.rationale === null);
    if (d && d !== created) {
      state.set(d, "rationale", rationale ?? rationaleFrom(s.text));
      state.addEvidence(d, s);
    }
  }
  return false;
}

/** A due date said after the task, or a correction of it. */
export function dueDates(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, due } = c;
  // "One correction, the runbook will slip to Friday": the speaker's own action named by its words.
  if (due && !c.created && CORRECTION.test(s.raw)) {
    const words = contentWordSet(s.text);
    const named = [...state.tracked]
      .reverse()
      .find((t) => t.item.kind === "action" && state.mine(t.item.owner) && [...t.words].some((w) => words.has(w)));
    if (named) {
      state.set(named, "due", due.date);
      state.addEvidence(named, s);
      c.created = named;
    }
  }
  if (due && !c.created && !REFUSAL.test(lower)) {
    const a = state.latest(
      "action",
      2,
      (t) => (t.item.due === null || CORRECTION.test(s.raw)) && (state.mine(t.item.owner) || t === state.lastRequest),
    );
    if (a) {
      state.set(a, "due", due.date);
      state.addEvidence(a, s);
    }
  }
  return false;
}

/** "That's done": the task just mentioned is done. */
export function done(state: MeetingState, c: SentenceContext): boolean {
  if (!c.created && DONE.test(c.lower) && c.words <= 10) {
    const a = state.latest("action", 3, (t) => t.item.status === "open");
    if (a) state.set(a, "status", "done");
  }
  return false;
}
