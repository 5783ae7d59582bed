import type { ItemKind } from "../../item.js";
import type { SectionKind } from "../../template/template.js";
import { baseForm } from "../actions.js";
import { AGENDA, ESCALATION, EXECUTOR, HEADING, IMPERATIVE_VERB, PENDING, RECAP } from "../cues.js";
import { findDueDate, stripDuePhrase } from "../dates.js";
import {
  type MeetingState,
  REPLY_WINDOW,
  type RecapKind,
  type SentenceContext,
  type Tracked,
} from "../meeting-state.js";
import { cleanItemText, contentWordSet, overlap, type Sentence } from "../text.js";

/**
 * "Let me recap" / "Actions." / "Decided, …": a summary whose sentences are items of one kind. Also notes the
 * template section a short sentence announces ("Okay. Strategic initiatives.").
 */
export function recaps(state: MeetingState, c: SentenceContext): boolean {
  const { s, lower, words, due, isQuestion } = c;
  const speaker = state.speaker;
  if (RECAP.test(lower)) {
    state.recap = { kind: null, speaker, at: state.index };
    return true;
  }
  c.announced = agendaSection(lower, words);
  if (c.announced) state.agenda = c.announced;
  const heading = HEADING.exec(lower);
  if (heading?.[1]) {
    const kind = recapKind(heading[1]);
    const isSummary = state.recap !== null || kind === "action" || kind === "pending" || heading[1] === "decided";
    if (kind && isSummary) {
      // "Okay, decided. Pilot with…": what was just settled, said in the same breath; "Decisions:" heads a list.
      state.recap = { kind, speaker, at: state.index, inTurn: heading[1] === "decided" };
      const rest = s.text.slice(heading[0].length).trim();
      if (contentWordSet(rest).size < 2 || CLOSING.test(rest)) return true;
      if (kind === "action" && recapsTaskList(state, s, rest)) return true;
      c.created = recapItem(state, kind, { raw: s.raw, text: rest, lower: rest.toLowerCase() });
      return true;
    }
  }
  // "Okay, decided. Thanks everyone, I'll post it in the channel.": the meeting closing ends the list.
  if (state.recap && CLOSING.test(s.text)) state.recap = null;
  const recap = state.recap;
  if (recap && recap.kind === null && recap.speaker === speaker && !isQuestion && recapsWhoDoesWhat(state, s)) {
    recap.at = state.index;
    return true;
  }
  // "Okay, decided, X. Renée, you own it.": handing what was just decided to its owner is not another line.
  if (recap?.kind && contentWordSet(s.text).size >= 2 && !isQuestion && !EXECUTOR.test(s.text)) {
    recap.at = state.index;
    // "That's decided. Inès redoes the drill-down screen. Load test doc in two weeks." — owners and
    // dates make tasks, even in a list of decisions.
    // Each line of a recap says what it is: "Kwabena, load test by Friday" is a task even under
    // "Pending:", and "audit log retention is still open" is pending even under "Decided:".
    const personFirst = /^(?:and\s+)?(?:i\b|(\p{Lu}\p{Ll}+)(?![\p{L}]))/u.exec(s.text);
    const byPerson = personFirst && (!personFirst[1] || state.people.lookup(personFirst[1]) !== null);
    const kind: RecapKind =
      (recap.kind === "decision" || recap.kind === "pending") &&
      (byPerson || (due && !/^(?:and\s+)?we\b/i.test(s.text)))
        ? "action"
        : recap.kind === "decision" && PENDING.test(lower)
          ? "pending"
          : recap.kind;
    if (kind !== "action" || !recapsTaskList(state, s, s.text)) recapItem(state, kind, s);
    return true;
  }
  return false;
}

/** Thanks said after a summary: the meeting closing, not another line of it. */
const CLOSING = /^(?:thanks|thank you)\b/i;

/** Where a recap line passes to the next person: ", Vikram retrains…", "… and checks XRechnung". */
const NEXT_DOER = /,\s+(?:and\s+)?(?=(?:i|\p{Lu}\p{Ll}+(?:'s team)?)\s+\p{Ll}+\b)|\s+and\s+(?=\p{Ll}+(?<!ss)s\s)/u;
/** "Patrick sends…", "Patrick's team merges…", "I escalate…": a recap line that opens with who does it. */
const DOER_FIRST = /^(?:and\s+)?(i|\p{Lu}\p{Ll}+)(?:'s team)?\s+(\p{Ll}+)\b/u;

/**
 * "Let me recap. Patrick sends two hundred sample invoices tomorrow, Vikram retrains and puts it in your
 * sandbox by the 24th." — after an untitled recap, a line led by a person is one item per doer, each joined
 * to the item it restates. Lines without a doer are left to the other passes.
 */
function recapsWhoDoesWhat(state: MeetingState, s: Sentence): boolean {
  const first = DOER_FIRST.exec(s.text);
  if (!first?.[1] || !first[2] || !isDoer(state, first[1], first[2])) return false;
  let doer = first[1];
  for (const part of s.text.split(NEXT_DOER)) {
    const led = DOER_FIRST.exec(part);
    const body = led?.[1] && led[2] && isDoer(state, led[1], led[2]) ? part.slice(led[0].length - led[2].length) : part;
    if (led?.[1] && body !== part) doer = led[1];
    const owner = personNamed(state, doer);
    const [verb = "", ...more] = body.split(/\s+/);
    recapTask(state, s, owner, `${baseForm(verb)} ${more.join(" ")}`);
  }
  return true;
}

/** "me emailing the districts Thursday", "Arjun the vendor quote Friday": a list entry led by who does it. */
const LISTED_DOER = /^(?:and\s+)?(me|i|\p{Lu}\p{Ll}+)\s+(.+)$/u;

/**
 * "Actions, me emailing the districts Thursday, Sarah calling Maple Ridge tomorrow, Arjun the vendor quote
 * Friday, and the time zone spike next sprint." — a list of tasks, one per entry, each with the person it names.
 * Only a list with at least two people in it is read this way.
 */
function recapsTaskList(state: MeetingState, s: Sentence, text: string): boolean {
  const entries = text.replace(/[.!]+$/, "").split(/,\s+(?:and\s+)?|;\s+/);
  const read = entries.map((entry) => {
    const m = LISTED_DOER.exec(entry.trim());
    const who = m?.[1] ? personNamed(state, m[1]) : null;
    return who && m?.[2] ? { owner: who, task: m[2] } : { owner: null, task: entry.trim() };
  });
  if (read.filter((e) => e.owner).length < 2) return false;
  for (const { owner, task } of read) {
    const [first = "", ...more] = task.split(/\s+/);
    const verb = /ing$/i.test(first)
      ? fromGerund(first)
      : // "Sarah calls…" is a verb; "Lucía mockups by the twelfth" a noun, kept as said.
        IMPERATIVE_VERB.test(baseForm(first))
        ? baseForm(first)
        : first;
    recapTask(state, s, owner, `${verb} ${more.join(" ")}`);
  }
  return true;
}

/** Whom a recap entry names: "I" or "me" is the speaker, a name the person known by it. */
function personNamed(state: MeetingState, word: string): string | null {
  return /^(?:i|me)$/i.test(word) ? state.speaker : state.people.lookup(word);
}

/** One doer's part of a recap line: the task (an escalation if it says so), joined to what it restates. */
function recapTask(state: MeetingState, s: Sentence, owner: string | null, said: string): void {
  const task = said.trim();
  if (contentWordSet(task).size < 1) return;
  const kind: RecapKind = ESCALATION.test(task.toLowerCase()) ? "escalation" : "action";
  const t = recapItem(state, kind, { raw: s.raw, text: task, lower: task.toLowerCase() }, owner);
  if (t) state.addEvidence(t, s);
}

/** "emailing" → "email", "chasing" → "chase", "running" → "run". */
function fromGerund(word: string): string {
  const stem = word.toLowerCase().slice(0, -3);
  if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(?:ll|ss|ff|zz)$/.test(stem)) return stem.slice(0, -1);
  if (/(?:[^aeiou][aeiou](?:s|v|z|c|g|k|t|r|d)|at|iz|ur|ar)$/.test(stem) && !/(?:it|et|en|er|on|ed|ow)$/.test(stem))
    return `${stem}e`;
  return stem;
}

/** A known person (or "I") followed by a verb in the third person ("sends", "merges") or, for "I", any verb. */
function isDoer(state: MeetingState, name: string, verb: string): boolean {
  if (name.toLowerCase() === "i")
    return !/^(?:think|guess|mean|know|hope|believe|suppose|am|was|have|had|would|will|can)$/.test(verb);
  return state.people.lookup(name) !== null && /[^s]s$/.test(verb) && !/^(?:is|was|has|does|says|thinks)$/.test(verb);
}

function recapItem(state: MeetingState, kind: RecapKind, s: Sentence, doer: string | null = null): Tracked | null {
  const { meetingDate, people, speaker } = state;
  const due = meetingDate ? findDueDate(s.text, meetingDate) : null;
  // "Ngozi, you'll execute." after a decision names who carries it out.
  const executes =
    /^(?:(?:and|so)\s+)?(\p{Lu}\p{Ll}+),?\s+you(?:'ll| will)\s+(?:execute|own it|own that|drive it|lead it|handle it|run it|implement it|take it)\b/u.exec(
      s.text,
    );
  if (executes?.[1]) {
    const decision = state.latest("decision", REPLY_WINDOW);
    const owner = people.lookup(executes[1]);
    if (decision && owner) {
      state.set(decision, "owner", owner);
      state.addEvidence(decision, s);
      return decision;
    }
  }
  const vocative = /^(?:and\s+)?(\p{Lu}\p{Ll}+|me)\s*[,:]\s*(.*)$/iu.exec(s.text.trim());
  let owner: string | null = doer;
  let body = s.text;
  if (!doer && vocative?.[1] && vocative[2]) {
    owner = vocative[1].toLowerCase() === "me" ? speaker : people.lookup(vocative[1]);
    if (owner) body = vocative[2];
  }
  owner ??= state.namedOwner(s.text);
  const itemKind: ItemKind = kind === "pending" ? "decision" : kind;
  const text = cleanItemText(stripDuePhrase(body, due?.phrase ?? null));
  if (contentWordSet(text).size < 2) return null;
  const item = state.newItem(itemKind, text, state.evidenceFor(s), 0.7);
  if (kind === "pending") item.status = "pending";
  if (itemKind === "action" || itemKind === "escalation" || itemKind === "decision") item.owner = owner;
  if (due && itemKind === "action") item.due = due.date;
  // A recap restates what was said: join it to the item it restates when one matches.
  const words = contentWordSet(text);
  let best: { t: Tracked; score: number } | null = null;
  for (const t of state.tracked) {
    if (t.item.kind !== itemKind) continue;
    let score = overlap(t.words, words);
    if (owner && t.item.owner === owner) score += 0.25;
    // "Jonah sends the renewal options" does not restate Patrick's "I'll send them to you".
    else if (owner && t.item.owner && !people.same(owner, t.item.owner)) score -= 0.5;
    if (due && t.item.due === due.date) score += 0.15;
    if (itemKind === "decision" && t.item.status !== item.status) score -= 0.3;
    if (score >= 0.35 && (!best || score > best.score)) best = { t, score };
  }
  if (best) {
    state.merge(best.t, item);
    if (owner && best.t.item.owner !== owner && itemKind === "action") state.set(best.t, "owner", owner);
    if (due && itemKind === "action") state.set(best.t, "due", due.date);
    return best.t;
  }
  const t: Tracked = { item, at: state.index, words, fromProposal: false };
  state.tracked.push(t);
  state.added.add(t);
  return t;
}

function agendaSection(lower: string, words: number): SectionKind | null {
  if (words > 10) return null;
  for (const [kind, pattern] of AGENDA) if (pattern.test(lower)) return kind;
  return null;
}

function recapKind(word: string): RecapKind | null {
  if (/^decid|^decision/.test(word)) return "decision";
  if (/^pending/.test(word)) return "pending";
  if (/^action|^next step|^to-?do|^follow/.test(word)) return "action";
  if (/^escalation/.test(word)) return "escalation";
  if (/^risk/.test(word)) return "risk";
  if (/^(?:open )?question/.test(word)) return "question";
  return null;
}
