import type { Item } from "../../item.js";
import { setUpBefore } from "../context.js";
import type { MeetingState, SentenceContext, Tracked } from "../meeting-state.js";
import { cleanItemText, contentWordSet, overlap, splitSentences } from "../text.js";

/** An escalation: raised, said again, or pointing back at what it escalates ("I want to escalate this"). */
export function escalations(state: MeetingState, c: SentenceContext): boolean {
  if (c.lead !== "escalation") return false;
  const { s, i, lower, due } = c;
  const { segment, speaker, sentences, previousTurn, people, index } = state;
  // "Not yet. If the price goes up it'll need budget": the speaker has just said it is not one.
  const declined = /^(?:no|not yet|nope|not really|not at this point)\b/.test(segment.text.trim().toLowerCase());
  // "Mobile is short two engineers. I want to escalate this to the VP." — say what "this" is.
  const before = i > 0 ? sentences[i - 1] : null;
  const pointer = /\b(?:escalate|take|taking|bring|raise|flag|push|carry) (?:this|it|that)\b/.test(lower);
  // "I'm taking that to Martin." opening a turn: "that" is what the previous speaker asked for.
  const antecedent =
    before ??
    (previousTurn && previousTurn.speaker !== speaker ? (splitSentences(previousTurn.text).at(-1) ?? null) : null);
  const pointsBack = pointer && antecedent !== null && contentWordSet(antecedent.text).size >= 3;
  // "Marketing ops said no, not without approval. So I'm going to go to Deborah directly.": the turn said why.
  const because =
    !pointsBack && c.escalationStep && /^(?:so|that's why|which is why)\b/.test(lower) ? setUpBefore(sentences, i) : [];
  const text =
    pointsBack && antecedent
      ? `${cleanItemText(antecedent.text)}: ${cleanItemText(s.text)}`
      : because.length
        ? `${cleanItemText(s.text)} (${because.map((p) => cleanItemText(p.text)).join("; ")})`
        : cleanItemText(s.text);
  const evidence =
    pointsBack && before
      ? { ...state.evidenceFor(s), quote: `${before.raw} ${s.raw}` }
      : because.length
        ? { ...state.evidenceFor(s), quote: [...because.map((p) => p.raw), s.raw].join(" ") }
        : state.evidenceFor(s);
  // "That's above my level" right after raising it, or "bring it to the exec review" from someone else,
  // is the same escalation said again.
  const lastEscalation = state.lastEscalation;
  const sameOne =
    lastEscalation &&
    ((people.same(lastEscalation.item.evidence[0]?.speaker ?? null, speaker) && index - lastEscalation.at <= 1) ||
      (index - lastEscalation.at <= 3 && /\b(?:it|this|that)\b/.test(lower) && !pointsBack))
      ? lastEscalation
      : null;
  if (sameOne) {
    state.addEvidence(sameOne, s);
    c.created = sameOne;
    return true;
  }
  const owner = c.escalationStep ? speaker : (state.namedOwner(s.text) ?? speaker);
  // "I'll take it to Dana at the budget review": the backfills already going to Dana, said again.
  // Only a person named: "the exec team" may hear several things.
  const to = DESTINATION.exec(s.text)?.[1] ?? null;
  const toSame =
    to && people.lookup(to) === null
      ? state.tracked.find((t) => t.item.kind === "escalation" && mentions(t.item, to))
      : undefined;
  if (toSame) {
    if (toSame.item.owner === null) state.set(toSame, "owner", owner);
    state.addEvidence(toSame, s);
    c.created = toSame;
    return true;
  }
  const item = state.newItem("escalation", text, evidence, declined ? 0.4 : 0.75);
  item.owner = owner;
  item.needed = neededFrom(s.text);
  if (due) item.due = due.date;
  c.created = state.add(item);
  state.lastEscalation = c.created;
  state.lastEscalationRaisedAt = index;
  for (const step of state.escalationSteps.splice(0)) state.addEvidence(c.created, step);
  return false;
}

/** An escalation of the same owner that this task restates. */
export function escalationRestated(state: MeetingState, text: string, owner: string | null): Tracked | null {
  const words = contentWordSet(text);
  return (
    state.tracked.find(
      (t) => t.item.kind === "escalation" && state.people.same(t.item.owner, owner) && overlap(t.words, words) >= 0.25,
    ) ?? null
  );
}

/** The escalation this speaker raised a moment ago. */
export function followUpOf(state: MeetingState, who: string | null): Tracked | null {
  // Counted from when it was raised: later talk about it does not stretch the window.
  const lastEscalation = state.lastEscalation;
  return lastEscalation &&
    state.people.same(lastEscalation.item.owner, who) &&
    state.index - state.lastEscalationRaisedAt <= 2
    ? lastEscalation
    : null;
}

/** Where it goes: "…to Dana at the budget review", "…with Graham". */
const DESTINATION = /\b(?:to|with)\s+(?:(?:the|our|their)\s+)?(\p{Lu}\p{Ll}+)(?![\p{L}])/u;

function mentions(item: Item, name: string): boolean {
  const word = new RegExp(`\\b${name}\\b`);
  return word.test(item.text) || item.evidence.some((e) => word.test(e.quote));
}

function neededFrom(text: string): string | null {
  const m = /\b(?:need|needs|request|requesting|ask for|asking for)\s+(.*)$/i.exec(text);
  return m?.[1] ? cleanItemText(m[1]) : null;
}
