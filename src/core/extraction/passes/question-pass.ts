import { antecedentOf, setUpBefore, withAntecedent } from "../context.js";
import { ACKNOWLEDGEMENT, MOVING_ON, NON_ANSWER, OPEN_QUESTION, STILL_OPEN } from "../cues.js";
import {
  type MeetingState,
  MIN_CONFIDENCE,
  REPLY_WINDOW,
  type SentenceContext,
  type Tracked,
} from "../meeting-state.js";
import { readQuestion } from "../questions.js";
import { cleanItemText, contentWordSet, overlap, splitSentences, wordCount } from "../text.js";

/** Questions: open until another voice answers them; "the question is…" names one open. */
export function questions(state: MeetingState, c: SentenceContext): boolean {
  if (c.created) return false;
  const { s, i, lower, words, isQuestion } = c;
  const speaker = state.speaker;
  if (isQuestion) {
    // "Do we know districts want it? Or is it one loud customer?" — one question, asked in two breaths.
    const asked = i > 0 && /^or\b/.test(lower) ? state.latest("question", 0, (t) => t.item.askedBy === speaker) : null;
    if (asked && /\?\s*$/.test(state.sentences[i - 1]?.text ?? "")) {
      state.set(asked, "text", `${asked.item.text}, ${cleanItemText(s.text).replace(/^Or\b/, "or")}`);
      state.addEvidence(asked, s);
      c.created = asked;
      return false;
    }
    const q = readQuestion(s);
    if (q) {
      const read = withAntecedent(antecedentOf(state.sentences, i), s, q.text);
      const item = state.newItem(
        "question",
        read.text,
        { ...state.evidenceFor(s), quote: read.quote },
        q.explicit ? 0.7 : 0.55,
      );
      item.askedBy = speaker;
      c.created = state.add(item);
      const setUp = setUpBefore(state.sentences, i);
      if (setUp.length) c.created.topic = setUp.map((p) => cleanItemText(p.text)).join("; ");
      if (q.explicit) state.namedOpen.add(c.created);
      else state.openQuestions.push(c.created);
    }
  } else if (
    OPEN_QUESTION.test(lower) &&
    words >= 5 &&
    // "Let's leave that as an open question": about the question just asked, reopened after the turn.
    !(STILL_OPEN.test(lower) && /\b(?:that|it|this)\b/.test(lower))
  ) {
    const item = state.newItem("question", cleanItemText(s.text), state.evidenceFor(s), 0.65);
    item.askedBy = speaker;
    c.created = state.add(item);
    state.namedOpen.add(c.created);
  }
  return false;
}

/**
 * "And the partner bank incident counting thing?" — "Still open.": a question asked long before, brought up again
 * by name in the turn just before.
 */
function askedAgain(state: MeetingState): Tracked | null {
  const before = state.history.at(-2);
  if (!before || before.speaker === state.speaker || !/\?\s*$/.test(before.text)) return null;
  const words = contentWordSet(before.text);
  return state.tracked.findLast((t) => t.item.kind === "question" && overlap(t.words, words) >= 0.3) ?? null;
}

/** "…depends on how many staff slots we get": group 1 the unknown the answer waits on. */
const DEPENDS_ON = /\bdepends on ((?:how|what|whether|when|who|which|if) [^.;!?]+)/i;

/**
 * After the turn: questions nobody answered stay open; a substantive reply from someone else answers them,
 * and "that's still open" reopens the one just answered.
 */
export function settleQuestions(state: MeetingState): void {
  const text = state.segment.text;
  if (state.openQuestions.length)
    answerQuestions(
      state,
      text,
      [...state.added].some((t) => t.item.confidence >= MIN_CONFIDENCE),
    );
  if (STILL_OPEN.test(text.toLowerCase())) {
    // A discussion may run a few turns of guesses ("I think the shopper just refunds it?") before the chair
    // leaves it open: "I don't know what we want there. Let's not solve it today." — as long as nothing else
    // was noted since, the question is still what the room is talking about.
    const latest = state.tracked.at(-1);
    const q =
      state.latest("question", 3) ??
      (latest?.item.kind === "question" && state.index - latest.at <= REPLY_WINDOW + 2 ? latest : null) ??
      askedAgain(state);
    if (q && q.item.status === "answered") state.set(q, "status", "open");
    if (q) state.openQuestions = state.openQuestions.filter((x) => x !== q);
  }
}

/** `madeItems`: the reply raised something of its own; it answers only a question it speaks to. */
function answerQuestions(state: MeetingState, text: string, madeItems: boolean): void {
  const { speaker, index, segment, people } = state;
  const lowerText = text.toLowerCase();
  const replyWords = contentWordSet(text);
  // Judged on how the reply opens: "Could be. Anton's bisecting it. I don't know yet" is an answer.
  const opening = splitSentences(
    text.replace(/^(?:(?:hmm+|um+|uh+|so|well|yeah|okay|ok|honestly|right)[,.!?]*\s+)+/i, ""),
  )[0];
  // "I asked. I don't have an answer.": a short preface, then the non-answer.
  const second = state.sentences[1];
  const leftOpen =
    NON_ANSWER.test(opening?.lower ?? lowerText) ||
    (opening !== undefined &&
      (ACKNOWLEDGEMENT.test(opening.lower) ||
        /^(?:i|we)(?:'ve)? (?:asked|checked|looked|tried|pinged)\b/.test(opening.lower)) &&
      second !== undefined &&
      NON_ANSWER.test(second.lower));
  // "Seventy percent?" is an answer said with a rise; "Which holdout?" asks back.
  const asksBack =
    /\?\s*$/.test(opening?.text ?? text.trim()) &&
    (opening === undefined || wordCount(opening.text) > 4 || ASKING.test(opening.lower));
  // "Could be.", "It is.", "All of it.", "Next month.": a reply that opens with a short statement answers.
  const shortAnswer =
    opening !== undefined && wordCount(opening.text) <= 4 && !asksBack && !ACKNOWLEDGEMENT.test(opening.lower);
  // "What's the plan?" — "I'll build the redirect map by end of next week." A plan or a date answers it.
  const promises = /\b(?:i'll|i will|we'll|we will|i can|we can|i'm going to|we're going to)\b/.test(lowerText);
  const substantive =
    !asksBack &&
    (contentWordSet(text).size >= 3 ||
      shortAnswer ||
      /^(?:yes|yeah|yep|no|nope|sure|absolutely|definitely|not)\b/.test(lowerText));
  for (const q of state.openQuestions) {
    if (q.item.askedBy === speaker || index - q.at > REPLY_WINDOW || q.item.evidence[0]?.segmentId === segment.id) {
      continue;
    }
    const firstReply = !state.replied.has(q);
    state.replied.add(q);
    // "No idea", "nobody knows": it stays open, and someone else may still answer.
    if (leftOpen && firstReply) {
      // "What are the chances?" — "I don't know yet. Depends on how many staff slots we get.": what it waits on
      // is what the meeting does not know.
      const on = DEPENDS_ON.exec(text)?.[1]?.replace(/,\s+(?:and|but|so)\b.*$/i, "");
      if (on && contentWordSet(on).size >= 2) {
        state.set(q, "text", `${q.item.text} — depends on ${on}`);
        state.addEvidence(q, state.sentences.find((x) => DEPENDS_ON.test(x.lower)) ?? state.sentences[0]!);
      }
    }
    if (leftOpen || !substantive) continue;
    // The first reply answers unless it moves on; later talk answers only when it speaks to the question,
    // so a meeting that changes the subject leaves the question open.
    // Judged against the question's own words: a long reply that takes up half of them speaks to it.
    const speaksToIt = overlap(q.words, replyWords) >= 0.25 || share(q.words, replyWords) >= 0.5;
    // "Ravi, what would you cut?" — whatever Ravi says next is his answer.
    const askedOfMe = people.same(/^(\p{Lu}\p{Ll}+),/u.exec(q.item.text)?.[1] ?? null, speaker);
    const asksForPlan = PLAN_QUESTION.test(q.item.text.toLowerCase());
    const answers = firstReply
      ? !MOVING_ON.test(lowerText) &&
        (askedOfMe || !madeItems || shortAnswer || (asksForPlan && promises) || overlap(q.words, replyWords) > 0)
      : speaksToIt;
    if (answers) state.set(q, "status", "answered");
  }
  state.openQuestions = state.openQuestions.filter((q) => q.item.status === "open" && index - q.at <= REPLY_WINDOW);
}

/** A reply that asks back opens with a question word: "Which holdout?", "Sorry, the March one?" */
const ASKING =
  /^(?:what|who|whom|whose|why|how|when|where|which|do|does|did|is|are|was|were|can|could|would|will|should|sorry|you mean|meaning)\b/;
/** A question about timing or the next step: a promise with a date answers it. */
const PLAN_QUESTION =
  /^(?:when\b|what's the (?:timeline|plan|eta|next step|date)|what is the (?:timeline|plan)|how (?:long|soon)|by when|what are the next steps)/;

/** The share of `question`'s words that `reply` uses. */
function share(question: ReadonlySet<string>, reply: ReadonlySet<string>): number {
  if (question.size === 0) return 0;
  let used = 0;
  for (const w of question) if (reply.has(w)) used++;
  return used / question.size;
}
