import { meaningfulWords, readAction } from "../actions.js";
import { antecedentOf, onlyPointsBack, setUpBefore, withAntecedent } from "../context.js";
import { CORRECTION, ESCALATION_STEP } from "../cues.js";
import { findDueDate, stripDuePhrase } from "../dates.js";
import type { MeetingState, SentenceContext, Tracked } from "../meeting-state.js";
import { isNameCandidate } from "../people.js";
import { cleanItemText, contentWordSet, wordCount } from "../text.js";
import { escalationRestated, followUpOf } from "./escalation-pass.js";

/**
 * A task: asked, promised or assigned — or the answer to the one just asked, what an escalation's owner does
 * about it, or a risk owner's mitigation.
 */
export function actions(state: MeetingState, c: SentenceContext): boolean {
  if (c.lead !== "action") return false;
  const { s, i, due, askedOfMe } = c;
  const { speaker, index, lastRequest, lastRequestOf, sentences, meetingDate } = state;
  const action = readAction(s, {
    speaker,
    previousSpeaker: state.previousSpeaker,
    people: state.people,
    due,
    addressed: state.addressed,
    index,
    // Only the person asked (or the one who promised it) can answer or restate a task.
    lastRequest:
      lastRequest && index - lastRequest.at <= 2 && (askedOfMe || state.mine(lastRequestOf.of))
        ? lastRequest.words
        : null,
    lastRequestAskedOfMe: askedOfMe,
    lastRequestJustPromised:
      lastRequest !== null &&
      lastRequestOf.by === speaker &&
      state.mine(lastRequestOf.of) &&
      index - lastRequest.at <= 1,
    previousSentence: i > 0 ? (sentences[i - 1] ?? null) : null,
  });
  const escalating = action?.kind === "new" && state.segmentEscalates && ESCALATION_STEP.test(action.text);
  if (escalating) {
    // "I'll take it to Lena. Dropping Android 9 needs product sign-off." — the escalation, not an action.
    state.escalationSteps.push(s);
    return true;
  }
  if (action?.kind === "refine" && lastRequest) {
    const t = lastRequest;
    if (!state.mine(t.item.owner) || lastRequestOf.by !== speaker)
      t.item.confidence = Math.min(0.95, t.item.confidence + 0.2);
    if (due && (!t.item.due || CORRECTION.test(s.raw))) state.set(t, "due", due.date);
    if (action.owner && !t.item.owner) state.set(t, "owner", action.owner);
    // The owner's own words say what they will do more plainly than the request did.
    if (action.text && state.mine(t.item.owner) && contentWordSet(action.text).size > 1) {
      if (/\b(?:it|that|this|them)\b/i.test(t.item.text) || contentWordSet(action.text).size > t.words.size) {
        state.set(t, "text", action.text);
      }
      state.addEvidence(t, s, true);
    } else state.addEvidence(t, s);
    c.created = t;
  } else if (action?.kind === "new" && state.mine(action.owner) && followUpOf(state, speaker)) {
    // "I'll own the customer comms draft": what an escalation's owner does about it is part of it.
    const t = followUpOf(state, speaker)!;
    state.set(t, "needed", t.item.needed ? `${t.item.needed}; ${action.text}` : action.text);
    state.addEvidence(t, s);
    c.created = t;
  } else if (
    action?.kind === "new" &&
    state.accepted &&
    state.mine(action.owner) &&
    state.mine(state.accepted.item.owner)
  ) {
    // "Ruth, could we get some usability testing?" — "Yeah. I can run five unmoderated sessions on the new flow.":
    // how the task just taken on will be done, in the owner's words.
    const t = state.accepted;
    state.set(t, "text", action.text);
    if (due && !t.item.due) state.set(t, "due", due.date);
    state.addEvidence(t, s, true);
    state.accepted = null;
    c.created = t;
  } else if (action?.kind === "new" && carriesOut(state, action.text)) {
    // "Mute it for a week." — "Fine by me." — "I'll mute it after this.": who carries out the decision.
    const t = carriesOut(state, action.text)!;
    if (!t.item.owner && action.owner) state.set(t, "owner", action.owner);
    state.addEvidence(t, s);
    c.created = t;
  } else if (action?.kind === "new" && escalationRestated(state, action.text, action.owner)) {
    // "Cormac takes the fee waiver to Gráinne": the escalation said again, not a new action.
    const t = escalationRestated(state, action.text, action.owner)!;
    state.addEvidence(t, s);
    c.created = t;
  } else if (action?.kind === "new") {
    // What a risk's owner promises about it is the risk's mitigation, and an action of its own — unless it
    // only accepts the mitigation just said ("I'll ping them today").
    const ownRisk = state.mine(action.owner) ? state.latest("risk", 1, (t) => state.mine(t.item.owner)) : null;
    if (ownRisk && !ownRisk.item.mitigation) state.set(ownRisk, "mitigation", action.text);
    if (
      ownRisk?.item.mitigation &&
      meaningfulWords(action.text) <= 1 &&
      /\b(?:it|that|this|them|those)\b/i.test(action.text)
    ) {
      state.addEvidence(ownRisk, s);
      return true;
    }
    // "Okay, so Bea takes over on-call lead. I'll tell her Monday.": "her" is the one person just named.
    const person = /\b(?:him|her)\b/i.test(action.text) ? personJustNamed(state, i) : null;
    const task = person ? action.text.replace(/\b(?:him|her)\b/i, person) : action.text;
    // "Send it over.": the task names what the turn pointed at. "My one req is on hold until I know what Wen's
    // absence does to us. I'll decide in two weeks.": a verb alone is about what the turn just said.
    const bareVerb =
      i > 0 && meaningfulWords(task) <= 1 && wordCount(task) <= 2 && !/^(?:talk|speak|chat|see)\b/i.test(task);
    const read = onlyPointsBack(task)
      ? withAntecedent(antecedentOf(sentences, i), s, task)
      : bareVerb
        ? withAntecedent(setUpBefore(sentences, i), s, task)
        : { text: task, quote: s.raw };
    // Named, the task no longer leans on context the notes will not have (readAction marked it down for that).
    const confidence = read.text === action.text ? action.confidence : Math.min(0.95, action.confidence + 0.3);
    const item = state.newItem("action", read.text, { ...state.evidenceFor(s), quote: read.quote }, confidence);
    item.owner = action.owner;
    const before =
      action.describedBefore && i > 0 && meetingDate ? findDueDate(sentences[i - 1]!.text, meetingDate) : null;
    if (due ?? before) item.due = (due ?? before)!.date;
    if (before) item.text = cleanItemText(stripDuePhrase(item.text, before.phrase));
    c.created = state.add(item);
    state.lastRequest = c.created;
    state.lastRequestOf = { by: speaker, of: action.owner };
  }
  return false;
}

/**
 * The one person the sentence before named (in this turn, else the turn before), not the speaker: whom "him" or
 * "her" stands for. Null when it named none or several.
 */
function personJustNamed(state: MeetingState, i: number): string | null {
  const before = i > 0 ? state.sentences[i - 1]?.text : state.history.at(-2)?.text;
  const named = new Set<string>();
  // A capitalised word that opens a sentence may be any word; elsewhere one the grammar allows is a name.
  for (const [word] of before?.matchAll(/(?<!(?:^|[.!?])\s*)\p{Lu}\p{Ll}+/gu) ?? []) {
    const person = state.people.lookup(word) ?? (isNameCandidate(word) ? word : null);
    if (person && !state.mine(person) && !state.people.same(person, state.previousSpeaker)) named.add(word);
  }
  return named.size === 1 ? [...named][0]! : null;
}

/** The decision just made, when a task only says to do it ("I'll mute it after this"): its verb and a pronoun. */
function carriesOut(state: MeetingState, task: string): Tracked | null {
  const decided = state.latest("decision", 2, (t) => t.item.status === "decided");
  if (!decided || !onlyPointsBack(task)) return null;
  const verb = [...contentWordSet(task.split(/\s+/)[0] ?? "")][0];
  return verb && decided.words.has(verb) ? decided : null;
}
