import type { Item } from "../../item.js";
import { onlyPointsBack, setUpBefore } from "../context.js";
import { EXECUTOR, NON_ANSWER, RATIONALE_CLAUSE, STILL_OPEN } from "../cues.js";
import { type MeetingState, REPLY_WINDOW, type SentenceContext, type Tracked } from "../meeting-state.js";
import { cleanItemText, contentWordSet, overlap, splitSentences } from "../text.js";
import { CUE_WORDS, DEFERRAL_WORDS } from "./leading-cue.js";

/** "Okay, the hotfix goes to a hundred percent on Friday. Farah, you own it." — who carries it out. */
export function executor(state: MeetingState, c: SentenceContext): boolean {
  const executor = EXECUTOR.exec(c.s.text);
  const executorName = executor?.[1] ?? executor?.[2];
  const executorLabel = executorName ? state.people.resolveName(executorName, true) : null;
  if (executorLabel) {
    const decided = state.latest("decision", 1, (t) => t.item.owner === null && t.item.status === "decided");
    if (decided) {
      state.set(decided, "owner", executorLabel);
      state.addEvidence(decided, c.s);
    }
  }
  return false;
}

/**
 * "So that's still open." "I'm not deciding that today." — about what was just discussed: the question or
 * pending decision, else the proposal on the table, which is now a decision left pending.
 */
export function pendingDecisions(state: MeetingState, c: SentenceContext): boolean {
  if (c.lead !== "pending") return false;
  const { s } = c;
  if (namedChoicePutOff(state, c)) return true;
  const about = state.latest("question", 3) ?? state.latest("decision", 3, (t) => t.item.status === "pending");
  const proposal = state.waitingProposal();
  if (about) {
    if (about.item.kind === "question") state.set(about, "status", "open");
    state.addEvidence(about, s);
  } else if (proposal) {
    c.created = state.decide(proposal, state.speaker, 0.7);
    state.set(c.created, "status", "pending");
    state.addEvidence(c.created, s);
  } else {
    // "I must first discuss it with Lars. I cannot decide this today."
    const pendingOn = whatIsPending(state, c);
    if (pendingOn && pendingOn !== "question") {
      const item = state.newItem("decision", pendingOn, state.evidenceFor(s), 0.7);
      item.status = "pending";
      item.decidedBy = state.speaker;
      c.created = state.add(item);
    }
  }
  return true;
}

/** "I must first discuss with Lars, our CFO, if we add Hamburg at renewal" — the open choice, and whom it waits on. */
const EMBEDDED_WHETHER =
  /\b(discuss|check|talk|confer|speak|consult)(?: (?:it|this|that))? with ((?:\p{Lu}\p{Ll}+|the \w+|my \w+|our \w+)(?:, (?:our|my|the) [\w ]+,)?)\s+(?:if|whether) (?:we|i|they) (?:should |would |will |can )?(.+)$/u;

/** What a pending choice waits on, by the verb that said it. */
const WAITS_ON: Record<string, string> = { discuss: "discussion", check: "a check", consult: "consulting" };

/** The pending matter as a note writes it: "Whether to add Hamburg at renewal… (pending discussion with Lars, our CFO)". */
function asWhether(text: string): string | null {
  const m = EMBEDDED_WHETHER.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const noun = WAITS_ON[m[1]] ?? "a talk";
  return `Whether to ${m[3].replace(/[.!]+$/, "")} (pending ${noun} with ${m[2].replace(/,$/, "")})`;
}

/**
 * What "I'd rather not decide that yet" leaves pending: the proposal on the table, else what the same turn
 * said just before, else the choice someone else asked for (the asker parking their own question leaves it an
 * open question). A question of fact put off ("Do we know districts want it?" — "Let's not decide that
 * today") stays an open question: "question".
 */
function whatIsPending(state: MeetingState, c: SentenceContext): string | "question" | null {
  const speaker = state.speaker;
  const proposal = state.waitingProposal();
  if (proposal) return proposal.text;
  // Talk about the matter ("that's a good question", "I'm not ready to say yes to that") is not the matter.
  const before = setUpBefore(state.sentences, c.i).filter(
    (p) => !NON_ANSWER.test(p.lower) && !STILL_OPEN.test(p.lower) && !onlyPointsBack(p.text, DEFERRAL_VOCABULARY),
  );
  if (before.length) return before.map((p) => asWhether(p.text) ?? cleanItemText(p.text)).join("; ");
  const asked = state.latest("question", REPLY_WINDOW, (t) => t.item.askedBy !== speaker);
  if (asked && !ASKS_FOR_A_DECISION.test(asked.item.text)) {
    state.set(asked, "status", "open");
    state.addEvidence(asked, c.s);
    return "question";
  }
  if (asked && !state.namedOpen.has(asked)) state.set(asked, "status", "answered");
  // "Can we decide now if the flash moves to Monday?" is a request, not a question item: read it off the turn.
  const previous = state.previousTurn;
  const request =
    previous && previous.speaker !== speaker
      ? splitSentences(previous.text).find((p) => ASKING_TO_DECIDE.test(p.text))
      : undefined;
  const subject = asked?.item.text ?? request?.text;
  return subject ? cleanItemText(subject.replace(ASKING_TO_DECIDE, "Whether ")) : null;
}

/** A decision said (or left pending) in so many words, or the proposal on the table settled by one. */
export function decisions(state: MeetingState, c: SentenceContext): boolean {
  if (c.lead !== "decision") return false;
  if (c.pending && namedChoicePutOff(state, c)) return true;
  const { s, i, lower, next, pending, decision } = c;
  const { speaker, tracked } = state;
  let text = cleanItemText(s.text);
  let evidence = state.evidenceFor(s);
  const content = [...contentWordSet(s.text)].filter((w) => !CUE_WORDS.has(w));
  // "Then I'm making the call. Salesforce v1 is one-way sync." — the content is in the next sentence.
  if (content.length < 3 && next && !/\?\s*$/.test(next.text) && contentWordSet(next.text).size >= 3) {
    text = cleanItemText(next.text);
    evidence = { ...evidence, quote: `${s.raw} ${next.raw}` };
    state.consumed = i + 1;
  } else if (content.length < 3) {
    // "Okay, so that's approved." — settles the open proposal or confirms the decision just taken.
    const p = state.waitingProposal();
    if (p) c.created = state.decide(p, speaker, 0.85);
    else c.created = state.latest("decision", REPLY_WINDOW);
    if (c.created) {
      state.addEvidence(c.created, s);
      // "Okay, that's decided. One year only. And debug retention goes to fifteen days." — a list follows.
      if (!pending) state.recap = { kind: "decision", speaker, at: state.index };
      return true;
    }
  }
  // "Do we capitalize or expense?" … "Then expense it.": the decision names what the question was about.
  const vague = onlyPointsBack(text, CUE_WORDS);
  const asked = vague ? state.latest("question", REPLY_WINDOW, (t) => t.item.askedBy !== speaker) : null;
  if (asked) {
    text = `${asked.topic ?? asked.item.text} — ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
    if (!state.namedOpen.has(asked)) state.set(asked, "status", "answered");
  }
  const item = state.newItem("decision", text, evidence, pending ? 0.7 : 0.8);
  // "Sheet it is, pending Tomasz's spike": a condition on a decision taken, not a decision left open.
  const condition =
    pending &&
    decision &&
    /^pending \S/.test(pending[0] + lower.slice(pending.index + 7, pending.index + 9)) &&
    /,\s*$|\bwith\s*$/.test(lower.slice(0, pending.index));
  if (pending && !condition && (!decision || pending.index <= decision.index)) item.status = "pending";
  // "Can we decide now if the flash moves to Monday?" — "I'd rather not decide that yet." What is left pending
  // is what was asked.
  // "Let's hold the decision until Sakura hears back": the condition is not the subject, and "the decision" points.
  const deferred = text
    .replace(/\b(?:until|till|pending|once|after)\b.*$/i, "")
    .replace(/\bthe (?:decision|call)\b/i, "it");
  if (item.status === "pending" && onlyPointsBack(deferred, DEFERRAL_VOCABULARY)) {
    const pendingOn = whatIsPending(state, c);
    if (pendingOn === "question") return true;
    if (pendingOn) item.text = pendingOn;
  }
  // "Merging the rotations is pending, and the export question is open": a recap of what is open.
  if (item.status === "pending") {
    const words = contentWordSet(text);
    const known = tracked.find(
      (t) =>
        ((t.item.kind === "decision" && t.item.status === "pending") || t.item.kind === "question") &&
        overlap(t.words, words) >= 0.25,
    );
    if (known?.item.kind === "question" && !state.namedOpen.has(known)) {
      // "Do we block kubectl edits?" … "that stays undecided": the question is now a pending decision.
      state.set(known, "status", "answered");
    } else if (known || content.length < 3) {
      if (known) state.addEvidence(known, s);
      return true;
    }
  }
  item.owner = state.namedOwner(state.consumed === i + 1 && next ? `${s.text} ${next.text}` : s.text);
  item.decidedBy = speaker;
  item.rationale = rationaleFrom(s.text);
  // A restatement of the decision a proposal just became: keep one item, with the clearer words.
  const recent = state.latest("decision", REPLY_WINDOW, (t) => t.fromProposal && t.item.status === item.status);
  const p = state.waitingProposal();
  if (recent && item.status === "decided") {
    state.set(recent, "text", item.text);
    recent.fromProposal = false;
    state.merge(recent, item);
    c.created = recent;
  } else if (p && item.status === "decided") {
    c.created = state.decide(p, speaker, 0.85);
    state.set(c.created, "text", item.text);
    c.created.fromProposal = false;
    state.merge(c.created, item);
  } else c.created = restated(state, item) ?? state.add(item, state.recap ? 0.3 : 0.6);
  if (vague && !asked) state.vagueDecision = { decision: c.created, at: state.index };
  return false;
}

const DEFERRAL_VOCABULARY = new Set([...CUE_WORDS, ...DEFERRAL_WORDS]);

/** How a decision is announced, not what it is: "I'll approve…", "…, decided", "we agreed". */
const ANNOUNCING = new Set([...CUE_WORDS, "i'll", "i'm", "we'll", "we're", "approv", "decid", "agre", "settl"]);

/**
 * "I'll approve a one-to-one sitter for 507." … "Okay, so sitter for 507, decided.": the decision just taken, said
 * again in fewer words, is the same decision; its first wording, which says more, stays.
 */
function restated(state: MeetingState, item: Item): Tracked | null {
  if (item.status !== "decided") return null;
  const words = withoutAnnouncing(contentWordSet(item.text));
  if (words.size === 0) return null;
  const same = state.latest(
    "decision",
    REPLY_WINDOW,
    (t) => t.item.status === "decided" && overlap(withoutAnnouncing(t.words), words) >= 0.6,
  );
  if (same) state.merge(same, item);
  return same;
}

function withoutAnnouncing(words: ReadonlySet<string>): Set<string> {
  return new Set([...words].filter((w) => !ANNOUNCING.has(w)));
}

/**
 * "The question is whether to move to a managed service. … Then let's not decide today.": the choice named a
 * while ago, while its asker explained it, is the decision left pending (and no longer a question).
 */
function namedChoicePutOff(state: MeetingState, c: SentenceContext): boolean {
  const { s } = c;
  const choice = state.latest(
    "question",
    NAMED_CHOICE_WINDOW,
    (t) => state.namedOpen.has(t) && WHETHER_TO.test(t.item.text) && !state.replied.has(t),
  );
  if (!choice || contentWordSet(s.text).size > 4) return false;
  state.remove(choice);
  const text = choice.item.text.replace(/^the question is\s+/i, "");
  const item = state.newItem("decision", text.charAt(0).toUpperCase() + text.slice(1), choice.item.evidence[0]!, 0.7);
  item.evidence = [...choice.item.evidence];
  item.status = "pending";
  item.decidedBy = state.speaker;
  c.created = state.add(item);
  state.addEvidence(c.created, s);
  return true;
}

/** A choice to make, named as a question: "The question is whether to move to a managed service." */
const WHETHER_TO = /\bwhether (?:to|we should|we (?:move|go|keep|switch|stay|ship|drop|cut|buy|build))\b/i;
/** How far back a named choice can be: its asker may explain it over several turns before it is put off. */
const NAMED_CHOICE_WINDOW = 8;

/** A question that asks the room to choose, not to know. */
const ASKS_FOR_A_DECISION =
  /\b(?:decide|decision|or not|in or out|should we|shall we|do we (?:go|move|keep|switch|stay|ship|launch|drop|cut|pay|book|hire)|can we (?:agree|go|move|switch|ship|drop))\b/i;
/** "Can we decide now if…", "Should we agree on…": the asking, not the matter. */
const ASKING_TO_DECIDE =
  /^(?:can|could|should|shall|do|must) we (?:decide|agree|settle|make a call)(?: (?:now|today|here))? (?:if|whether|on)\s+/i;

export function rationaleFrom(text: string): string | null {
  const m = RATIONALE_CLAUSE.exec(text.toLowerCase());
  if (!m?.[1]) return null;
  return cleanItemText(text.slice(text.length - m[1].length));
}
