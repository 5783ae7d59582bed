import type { SectionKind } from "../../template/template.js";
import { MEETING_TALK, SECTION_CUES, STATUS } from "../cues.js";
import type { DueDate } from "../dates.js";
import type { MeetingState, SentenceContext, Tracked } from "../meeting-state.js";
import { findTeam } from "../metrics.js";
import { RISK_EXPLICIT } from "../risks.js";
import { cleanItemText, contentWordSet, type Sentence } from "../text.js";
import { riskAttributesOf } from "./risk-pass.js";

/** In a status section (initiatives, roadmap) a colour rates the work, not a risk. */
export function statusRatings(state: MeetingState, c: SentenceContext): boolean {
  const agenda = state.agenda;
  if (c.created || c.isQuestion || !(agenda === "initiatives" || agenda === "roadmap") || !state.sectionIds.has(agenda))
    return false;
  const { s, lower, words, due } = c;
  const { speaker, pendingRating } = state;
  const attributes = riskAttributesOf(c);
  const rag = attributes.rag ?? (pendingRating?.speaker === speaker ? pendingRating.rag : null);
  const current = state.latest(
    "update",
    1,
    (t) => t.item.evidence[0]?.speaker === speaker && t.item.section === state.sectionIds.get(agenda ?? ""),
  );
  if (rag && contentWordSet(s.text).size < 4) {
    if (current) state.set(current, "rag", rag);
    else state.pendingRating = { rag, speaker, at: state.index };
    return true;
  }
  if (words >= 5 && !RISK_EXPLICIT.test(lower) && STATUS.test(lower) && !c.announced) {
    const t = recordUpdate(state, agenda, s, due);
    if (t && rag) state.set(t, "rag", rag);
    state.pendingRating = null;
    return true;
  }
  return false;
}

/** Section updates (staffing, roadmap…) where the template has such a section. */
export function sectionUpdates(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, words, due, isQuestion } = c;
  if (!c.created && words >= 4 && !isQuestion && !c.announced && !state.metricReader?.hasValues(lower)) {
    for (const [kind, cue] of Object.entries(SECTION_CUES)) {
      if (!state.sectionIds.has(kind) || !cue?.test(lower)) continue;
      recordUpdate(state, kind as SectionKind, s, due);
      break;
    }
  }
  return false;
}

/** A row of a status section (staffing, initiatives…): one per speaker's report, its sentences joined. */
function recordUpdate(state: MeetingState, sectionKind: SectionKind, s: Sentence, due: DueDate | null): Tracked | null {
  if (MEETING_TALK.test(s.lower) || /^(?:sorry|thanks|thank you|good luck|congrats)\b/.test(s.lower)) return null;
  const speaker = state.speaker;
  const section = state.sectionIds.get(sectionKind);
  const current = state.latest(
    "update",
    1,
    (t) => t.item.evidence[0]?.speaker === speaker && t.item.section === section,
  );
  if (current) {
    state.set(current, "text", `${current.item.text}. ${cleanItemText(s.text)}`);
    state.addEvidence(current, s);
    return current;
  }
  const item = state.newItem("update", cleanItemText(s.text), state.evidenceFor(s), 0.6, sectionKind);
  item.owner = speaker;
  item.team = findTeam(s.text, state.teams, (w) => state.people.lookup(w) !== null, true);
  if (due && (sectionKind === "staffing" || sectionKind === "roadmap" || sectionKind === "upcoming"))
    item.due = due.date;
  return state.add(item, 0.9);
}
