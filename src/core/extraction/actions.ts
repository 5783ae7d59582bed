import {
  ACTION_MARKER,
  ASK_FOR_OWNER,
  DELIVERABLE,
  DELIVERY_TO_LISTENER,
  IMPERATIVE_VERB,
  LEADING_ADVERB,
  MEETING_TALK,
  NAMED_ASSIGNMENT,
  NAMED_REQUEST,
  NOT_A_REQUEST,
  NOT_A_TASK,
  SELF_COMMITMENT,
  TEAM_COMMITMENT,
  TRAILING_NAME,
  UNOWNED_TASK,
  YOU_ASSIGNMENT,
  YOU_REQUEST,
} from "./cues.js";
import { type DueDate, stripDuePhrase } from "./dates.js";
import type { People } from "./people.js";
import { cleanItemText, contentWordSet, overlap, type Sentence, wordCount } from "./text.js";

export interface ActionContext {
  speaker: string | null;
  previousSpeaker: string | null;
  people: People;
  due: DueDate | null;
  /** Who was last addressed by name or role, and in which segment; updated as sentences are read. */
  addressed: { name: string | null; at: number };
  index: number;
  /** Content words of the task asked a moment ago, if one is still waiting for its answer. */
  lastRequest: ReadonlySet<string> | null;
  /** Whether that task was asked of this speaker by someone else (not their own promise). */
  lastRequestAskedOfMe: boolean;
  /** Whether it is this speaker's own promise from this turn or the one before ("…I can have that done by Friday"). */
  lastRequestJustPromised: boolean;
  /** The sentence before this one in the turn, for what "it" and "them" point back to. */
  previousSentence: Sentence | null;
}

/** How much a bare task without a pronoun's antecedent says: the words beyond pronouns, hedges and "later". */
export function meaningfulWords(task: string): number {
  return [...contentWordSet(task)].filter((w) => !VAGUE.has(w) && !HEDGES.has(w)).length;
}

export type ActionReading =
  /** `describedBefore`: the task is the sentence before ("…by Friday. Over to you, Jonas"), its deadline too. */
  | { kind: "new"; text: string; owner: string | null; confidence: number; describedBefore?: boolean }
  /** The sentence answers or restates the task just asked: refine that item instead of adding one. */
  | { kind: "refine"; text: string | null; owner: string | null };

const VAGUE = new Set([
  "it",
  "that",
  "this",
  "them",
  "those",
  "later",
  "now",
  "then",
  "soon",
  "there",
  "here",
  "something",
  "stuff",
  "things",
  "one",
  "bit",
  "today",
  "tomorrow",
  "tonight",
  "week",
  "weeks",
  "month",
  "end",
  "eod",
  "eow",
  "morning",
  "afternoon",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);
const HEDGES = new Set(["someone", "somebody", "probably", "maybe", "just", "should", "need", "needs", "really"]);
/** Sharing a link or dropping a note in the doc: promises too small for the notes unless they have a deadline. */
const HOUSEKEEPING =
  /\b(?:share|send|drop|post|put|paste|forward|circulate|add)\b.{0,25}\b(?:link|dashboard|deck|slides?|doc|notes|recording|invite|dates|channel|calendar|thread|board)\b|^(?:circulate|forward|cc|copy)\b/;

/** "I'll open roadmap, you open upcoming work": running the meeting's sections, not work. */
const AGENDA_TALK =
  /^(?:open|start|kick off|cover|take|do|run through|go through|lead|present)\s+(?:the\s+)?(?:roadmap|upcoming work|upcoming|constraints|risks|metrics|staffing|initiatives|decisions|actions|agenda)\b/;

/** What opens a relative clause just before "I can…": "something I can fix", "which I think we can live with". */
const RELATIVE_CLAUSE_BEFORE =
  /\b(?:something|anything|nothing|everything|which|whatever|what|the (?:risk|thing|one|part|problem|issue)(?: that)?)\s+(?:(?:i|we) think\s+)?$/;
/** "…we can live with.", "…I'm going to lose sleep over.": a clause that ends on its preposition has its object before it. */
const DANGLING_PREPOSITION = /\b(?:with|over|about|for|on|from|to|of|at|into)[.!?]*$/;

/** A task names something to do: at least two words beyond pronouns and "later", and not meeting logistics. */
export function isTask(clause: string, due: DueDate | null): boolean {
  const lower = clause.toLowerCase();
  if (MEETING_TALK.test(lower) || AGENDA_TALK.test(lower)) return false;
  const meaningful = [...contentWordSet(clause)].filter((w) => !VAGUE.has(w));
  return meaningful.length >= (due ? 1 : 2) && wordCount(clause) >= (due ? 2 : 3);
}

/**
 * "Stefan, you'll book it?" — "Yes, I book it today and I send you the support": a promise in the present tense, as
 * many speakers of other languages make it. Only in answer to being asked, with a deadline ("I check the logs every
 * morning" is a habit), and with a verb of work.
 */
function presentTensePromise(lower: string): RegExpExecArray | null {
  const promise =
    /(?:^|[,;] |\band )i (?!(?:think|know|mean|guess|hope|see|feel|believe|agree|want|need|have|do|don't|just|also|really|only|always|usually|never|often)\b)([a-z]+ .*)$/.exec(
      lower,
    );
  return promise?.[1] && IMPERATIVE_VERB.test(promise[1]) ? promise : null;
}

function isQuestion(s: Sentence): boolean {
  return /\?\s*$/.test(s.text);
}

/** Reads who will do what from one sentence: "I'll…", "Priya, can you…", "Darius to…", "someone should…". */
export function readAction(s: Sentence, ctx: ActionContext): ActionReading | null {
  const { text, lower } = s;
  const { people, due, speaker } = ctx;
  const clause = (from: string) => cleanItemText(stripDuePhrase(from, due?.phrase ?? null).replace(/[?]+$/, ""));
  const score = (base: number, task: string) => {
    let c = base;
    if (due) c += 0.1;
    if (!due && HOUSEKEEPING.test(task.toLowerCase())) c -= 0.25;
    // "I'll ping them today": a task whose object is only a pronoun leans on context the notes will not have.
    // Left for the live room as a suggestion, not the notes, unless a deadline makes it concrete.
    if (/\b(?:it|that|this|them|those|him|her)\b/i.test(task) && meaningfulWords(task) <= 1) c -= 0.3;
    // "I'll take one million if I have to", "I can approve up to ten K on my own": a fallback or a power, not a task.
    if (/\b(?:if (?:i|we) (?:have|need) to|if (?:needed|necessary|it comes to that)|on my own|up to \d)\b/i.test(task))
      c -= 0.3;
    // "I'll point them at it when it's up": a promise that waits on something else.
    if (/\b(?:when|once|if) (?:it's|it is|that's|they're)\b/i.test(task)) c -= 0.2;
    return Math.max(0.1, Math.min(0.95, c));
  };

  // Whom the sentence speaks to: "Darius, you'll…", "…, Kenji?"
  const vocative = /^(?:(?:[Ss]o|[Oo]kay|[Oo]k|[Aa]nd|[Rr]ight|[Tt]hen)[,]?\s+)*(\p{Lu}\p{Ll}+)[,:]\s/u.exec(text);
  const vocativeName = vocative?.[1] ? people.lookup(vocative[1]) : null;
  if (vocativeName) {
    ctx.addressed.name = vocativeName;
    ctx.addressed.at = ctx.index;
  }

  const marker = ACTION_MARKER.exec(text);
  if (marker?.[2] && wordCount(marker[2]) >= 2) {
    const owner = marker[1] ? people.resolveName(marker[1], true) : null;
    return { kind: "new", text: clause(marker[2]), owner, confidence: score(0.85, marker[2]) };
  }

  const named = NAMED_REQUEST.exec(text);
  if (named?.[1] && named[2] && isTask(named[2], due) && !NOT_A_REQUEST.test(named[2].toLowerCase())) {
    const owner = people.resolveName(named[1], true);
    if (owner) {
      ctx.addressed.name = owner;
      ctx.addressed.at = ctx.index;
      return { kind: "new", text: clause(named[2]), owner, confidence: score(0.8, named[2]) };
    }
  }

  // "Priya, resolve auth latency or roll back by Friday."
  if (vocativeName && vocative && !isQuestion(s)) {
    // "Sofia, you redo the library prep for 7 and 8": the task given in the present tense.
    const rest = text.slice(vocative[0].length).replace(/^you\s+(?!(?:know|see|think|mean|guys|all)\b)/i, "");
    if (IMPERATIVE_VERB.test(rest.toLowerCase()) && isTask(rest, due)) {
      return { kind: "new", text: clause(rest), owner: vocativeName, confidence: score(0.75, rest) };
    }
  }

  const justAddressed = speaker !== null && ctx.addressed.name === speaker && ctx.index - ctx.addressed.at <= 1;
  const self = SELF_COMMITMENT.exec(lower) ?? (due && justAddressed ? presentTensePromise(lower) : null);
  // "If it's month-end I will have finance at my desk" is a hypothetical, not a promise.
  // "If I get them by tomorrow, I'll have it in your sandbox by the 24th" waits on an input, and still promises.
  const conditional =
    self &&
    /\b(?:if|when|whether|unless)\b/.test(lower.slice(0, self.index)) &&
    !/^(?:\w+[,.]?\s+)?(?:if|once|as soon as) (?:i|we) (?:get|receive|have) (?:them|it|those|that|the \w+)\b/.test(
      lower,
    );
  // "It's not something I can fix from my side", "the risk I'm going to lose sleep over", "which we can live
  // with": the promise sits in a clause about a thing, and describes it instead of taking work on.
  const describes =
    self &&
    (RELATIVE_CLAUSE_BEFORE.test(lower.slice(0, self.index)) || DANGLING_PREPOSITION.test((self[1] ?? "").trim()));
  if (self && !conditional && !describes && !isQuestion(s)) {
    // "I can do this one, since I've been tracking it": the reason is not part of the task.
    // A second promise in the same sentence is usually its deadline: "I'll do five interviews, I can have them
    // done by the end of the month." "I can own it, I'll write up…" starts with taking ownership, not the task.
    const rest = (self[1] ?? "")
      .replace(LEADING_ADVERB, "")
      .replace(/^(?:own|take|handle|do) (?:it|that|this)[,.]?\s+(?:and\s+)?(?:i'll|i will)\s+/, "")
      .replace(/,?\s+(?:since|because|as|so that|which|but)\b.*$/, "")
      // "I can build that, it's mostly config": a remark on the task, not part of it.
      .replace(/,\s+(?:it's|that's|it is|that is|which is)\b.*$/, "")
      .replace(/,?\s+(?:and\s+)?(?:i'll|i will|i can|i could)\s+(?:have|get)\s+(?:it|that|them|this|those)\b.*$/, "");
    const found = lower.indexOf(rest, self.index);
    const restStart = found >= 0 ? found : text.length - (self[1] ?? "").length;
    const restText = text.slice(restStart, restStart + rest.length);
    // Dates and pronouns say nothing about which task this is: "…by Friday" matches every Friday task.
    const restWords = new Set([...contentWordSet(rest)].filter((w) => !VAGUE.has(w) && !HEDGES.has(w)));
    // "I'll get it posted by the 28th" after "Wen, can you get the JD posted?": the same task, answered.
    // A pronoun answers a request someone else made ("Sure, I'll do it"); restating one's own task needs its words.
    // "I'll write the note to the clinics. I'll have a draft to Dana tomorrow.", "…I'll get all three done by Friday":
    // a promise about a draft of it, or all of them, is when the task just taken on will be done.
    const answersRequest =
      ((ctx.lastRequestAskedOfMe || ctx.lastRequestJustPromised) &&
        /^(?:\w+ )?(?:it|that|this|them|him|her)\b/.test(rest)) ||
      (ctx.lastRequestJustPromised &&
        /^(?:have|get|send) (?:a (?:first )?draft|all \d+|both|all of them)\b/.test(rest));
    // One's own promise restated needs most of its words; an answer to a request needs only some.
    // "I'll ask them for the rollback results. I'll ask today.": fewer words, all of them the task's, restate it.
    const lastRequest = ctx.lastRequest;
    const restates =
      lastRequest !== null &&
      (overlap(lastRequest, restWords) >= (ctx.lastRequestAskedOfMe ? 0.2 : 0.5) ||
        (ctx.lastRequestJustPromised && restWords.size > 0 && [...restWords].every((w) => lastRequest.has(w))));
    if (lastRequest && (restates || answersRequest)) {
      return { kind: "refine", text: isTask(rest, null) ? clause(restText) : null, owner: speaker };
    }
    if (!NOT_A_TASK.test(rest) && isTask(rest, due)) {
      const task = withContext(restText, ctx.previousSentence);
      const lead = self[0].slice(0, self[0].length - rest.length).trim();
      const weak = /^(?:i can|i could|i need to|i have to|i've got to|i gotta)$/.test(lead);
      // "I can open it another way" is a capability; "I can send the deck" promises work.
      if (weak && !due && !DELIVERABLE.test(rest)) {
        // "In the meantime I can move the archive boxes to the core freezer": an offer, a task once someone
        // says "yes, do that" (acceptance lifts it); a capability ("I can open it another way") stays nothing.
        const offer =
          /^(?:i can|i could)$/.test(lead) &&
          IMPERATIVE_VERB.test(rest) &&
          !/\b(?:it|that|this|them)\b/.test(rest) &&
          meaningfulWords(rest) >= 3;
        return offer ? { kind: "new", text: clause(task), owner: speaker, confidence: 0.3 } : null;
      }
      const base = lead === "let me" ? 0.45 : weak ? 0.55 : 0.7;
      return { kind: "new", text: clause(task), owner: speaker, confidence: score(base, rest) };
    }
  }

  // "You'll get a written root cause analysis from us by next Wednesday."
  const delivery = DELIVERY_TO_LISTENER.exec(lower);
  if (delivery?.[1] && isTask(delivery[1], due)) {
    const thing = text.slice(delivery.index).replace(/^you'll (?:get|have|receive|see)\s+/i, "");
    return {
      kind: "new",
      text: clause(`Send ${thing.replace(/\s+from (?:us|me)\b/i, "")}`),
      owner: speaker,
      confidence: score(0.65, thing),
    };
  }

  // Handing a task over: "Over to you, Jonas." (the sentence before is the task), "Can I leave the
  // questionnaire with you, Jonas?", "Let's have Jonas look into it", "I'm assigning the review to Jonas",
  // "Jonas, you take the board slides".
  const handed = readHandOver(s, ctx, vocativeName);
  if (handed) return handed;

  const assigned = NAMED_ASSIGNMENT.exec(text);
  // "…so Tobias can check the notes", "I asked Wen to…": a purpose or a report, not an assignment.
  const reported =
    assigned && /\b(?:so|asked|told|wanted|got|let|help|helped)\s+$/i.test(text.slice(0, assigned.index));
  // "Priya owns the auth latency risk": ownership of a risk, read by the risk reader.
  const aboutRisk = assigned?.[2] !== undefined && /\brisk\b/i.test(assigned[2]);
  if (
    assigned?.[1] &&
    assigned[2] &&
    !reported &&
    !aboutRisk &&
    isTask(assigned[2], due) &&
    !NOT_A_TASK.test(assigned[2].toLowerCase())
  ) {
    const owner = people.lookup(assigned[1]);
    if (owner && !isQuestion(s)) {
      return { kind: "new", text: clause(assigned[2]), owner, confidence: score(0.7, assigned[2]) };
    }
  }

  // "Stefan books the Redline accrual. Owen does the intercompany with Marie-Claude." — who does what, said
  // of an attendee in the present tense: how a chair hands out (or reads back) the work.
  const does = PERSON_DOES.exec(text);
  const doer = does?.[1] && does[1] !== "I" ? people.lookup(does[1]) : null;
  // "Priya owns the auth latency risk": ownership of a risk, read by the risk reader.
  const ownsRisk = /\brisk\b/i.test(does?.[3] ?? "");
  if (does?.[2] && does[3] !== undefined && doer && !ownsRisk && !people.same(doer, speaker) && !isQuestion(s)) {
    // "…and chases the eighteen two forty": the second verb too.
    const task = `${baseForm(does[2])} ${does[3]}`.replace(/\band ([a-z]+s)\b/, (all, verb: string) =>
      namesWork(baseForm(verb)) ? `and ${baseForm(verb)}` : all,
    );
    if (namesWork(task.toLowerCase()) && isTask(task, due) && !NOT_A_TASK.test(task.toLowerCase())) {
      return { kind: "new", text: clause(task), owner: doer, confidence: score(0.6, task) };
    }
  }

  const toRole = people.findRoleAssignment(lower);
  if (toRole && isTask(toRole.task, due) && !NOT_A_TASK.test(toRole.task)) {
    const task = text.slice(text.length - toRole.task.length);
    return { kind: "new", text: clause(task), owner: toRole.label, confidence: score(0.65, task) };
  }

  const you = YOU_REQUEST.exec(lower) ?? (isQuestion(s) && !vocativeName ? null : YOU_ASSIGNMENT.exec(lower));
  if (you?.[1] && isTask(you[1], due) && !NOT_A_REQUEST.test(you[1]) && !NOT_A_TASK.test(you[1])) {
    const trailing = TRAILING_NAME.exec(text)?.[1];
    const owner =
      (trailing ? people.resolveName(trailing, true) : null) ??
      people.findRole(lower.slice(0, you.index)) ??
      (ctx.addressed.name && ctx.index - ctx.addressed.at <= 1 ? ctx.addressed.name : null) ??
      (YOU_REQUEST.test(lower) && ctx.previousSpeaker !== speaker ? ctx.previousSpeaker : null);
    const task = text.slice(text.length - you[1].length);
    if (owner) return { kind: "new", text: clause(task), owner, confidence: score(0.65, task) };
    // "Can you send the contract to legal?" to the room: whoever accepts it owns it.
    if (YOU_REQUEST.test(lower)) return { kind: "new", text: clause(task), owner: null, confidence: score(0.4, task) };
  }

  // "Marketing executive," on its own, then "you'll be thinking about…": remember whom they turned to.
  const role = wordCount(lower) <= 4 ? people.findRole(lower) : null;
  if (role) {
    ctx.addressed.name = role;
    ctx.addressed.at = ctx.index;
  }

  // "We'll finish them tomorrow": a team's promise counts only with a deadline, and belongs to its speaker.
  const team = due && !isQuestion(s) ? TEAM_COMMITMENT.exec(lower) : null;
  if (team?.[1] && isTask(team[1], due) && !NOT_A_TASK.test(team[1]) && !/^(?:if|when)\b/.test(lower)) {
    const task = withContext(text.slice(text.length - team[1].length), ctx.previousSentence);
    return { kind: "new", text: clause(task), owner: speaker, confidence: score(0.5, task) };
  }

  // "Send me the numbers." — an instruction to whoever spoke last; it counts once they accept it.
  const bare = lower.replace(
    /^(?:(?:okay|ok|so|alright|then|yeah)[,.]?\s+|(?:right|great|good)[,.]\s+)*(?:please\s+)?/,
    "",
  );
  if (
    !isQuestion(s) &&
    !/^let(?:'s| us| me)\b/.test(bare) &&
    !/^\S+\s+(?:\S+\s+)?(?:is|are|was|were)\b/.test(bare) && // "Start date is…": a noun, not an instruction
    IMPERATIVE_VERB.test(bare) &&
    isTask(text, due) &&
    ctx.previousSpeaker !== speaker
  ) {
    // "Send me the numbers" said by Lukas is "Send Lukas the numbers" in the notes.
    const said = speaker ? text.replace(/\bme\b/, speaker.split(/\s+/)[0] ?? speaker) : text;
    return { kind: "new", text: clause(said), owner: ctx.previousSpeaker, confidence: score(0.35, text) };
  }

  const asked = ASK_FOR_OWNER.exec(lower);
  if (asked?.[2] && isTask(asked[2], due)) {
    const verb = (asked[1] ?? "")
      .replace(/ing\b/, "")
      .replace(/^tak$/, "take")
      .replace(/^handl$/, "handle");
    const task = text.slice(text.length - asked[2].length - (text.endsWith("?") ? 1 : 0)).replace(/\?$/, "");
    return { kind: "new", text: clause(verb ? `${verb} ${task}` : task), owner: null, confidence: score(0.45, task) };
  }

  const unowned = UNOWNED_TASK.exec(lower);
  if (unowned?.[1] && isTask(unowned[1], due)) {
    const task = text.slice(unowned.index);
    // "Someone should probably build a dashboard": an idea until somebody takes it on.
    const idea = /\b(?:probably|could|might|maybe|really|also|at some point|someday|eventually|one day)\b/.test(
      unowned[0],
    );
    // Without a deadline it stays a suggestion until someone takes it on ("Sure, I'll do it" raises it).
    return { kind: "new", text: clause(task), owner: null, confidence: score(idea ? 0.35 : due ? 0.6 : 0.45, task) };
  }
  return null;
}

/** An attendee and a verb in the present tense at the head of a sentence: "Owen books the Tallis reserve". */
const PERSON_DOES =
  /^(?:(?:[Ss]o|[Oo]kay|[Oo]k|[Aa]nd|[Tt]hen|[Rr]ight)[,:]?\s+)*(\p{Lu}\p{Ll}+) ([a-z]+s)\b\s*([^;]*?)(?:,\s+(?:we|I|you)\b.*)?$/u;

function namesWork(task: string): boolean {
  return IMPERATIVE_VERB.test(task) || /^do\b/.test(task);
}

/** "books" → "book", "chases" → "chase", "carries" → "carry", "does" → "do". */
export function baseForm(verb: string): string {
  const v = verb.toLowerCase();
  if (v === "does" || v === "goes") return v.slice(0, -2);
  if (v === "has") return "have";
  if (/ies$/.test(v)) return `${v.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x|z)es$/.test(v)) return v.slice(0, -2);
  // "escalate" (after "I") is already the base form.
  return /[^s]s$/.test(v) ? v.slice(0, -1) : v;
}

const OBJECT_PRONOUN = /\b(?:it|them|those|these)\b/i;
const SUBJECT_PHRASE =
  /^(?:(?:so|and|okay|ok|well|now)[,]?\s+)*((?:the|our|your|their|this|that|these|those|my)\s+[^,.;!?]{3,60}?)\s+(?:is|are|was|were|has|have|had|will|would|should|can|could|needs?|got|'s|'re)\b/i;

/**
 * "The fix for the pagination bug is written and in review. I'll have it deployed by Friday." — "it" is the
 * subject of the sentence before: put it back, so the note reads on its own.
 */
export function withContext(task: string, previous: Sentence | null): string {
  if (!previous || !OBJECT_PRONOUN.test(task)) return task;
  const subject = SUBJECT_PHRASE.exec(previous.text)?.[1];
  if (!subject) return task;
  return task.replace(OBJECT_PRONOUN, subject.replace(/^(?:the|this|that)\s+/i, "the "));
}

function readHandOver(s: Sentence, ctx: ActionContext, vocativeName: string | null): ActionReading | null {
  const { text } = s;
  const clause = (from: string) => cleanItemText(stripDuePhrase(from, ctx.due?.phrase ?? null).replace(/[?]+$/, ""));
  const person = (name: string | undefined) => (name ? ctx.people.resolveName(name, true) : null);
  const overTo = /\b(?:[Oo]ver to you|[Tt]hat's yours|[Tt]hat one's yours),?\s*(\p{Lu}\p{Ll}+)?/u.exec(text);
  if (overTo && ctx.previousSentence && contentWordSet(ctx.previousSentence.text).size >= 3) {
    const owner = person(overTo[1]) ?? vocativeName;
    if (owner) {
      return { kind: "new", text: clause(ctx.previousSentence.text), owner, confidence: 0.7, describedBefore: true };
    }
  }
  const leave = s.lower.includes("can i leave")
    ? /\bcan i leave (.+?) with you,?\s*(\p{Lu}\p{Ll}+)?\??$/iu.exec(text)
    : null;
  if (leave?.[1]) {
    const owner =
      person(leave[2]) ?? vocativeName ?? (ctx.previousSpeaker !== ctx.speaker ? ctx.previousSpeaker : null);
    if (owner) return { kind: "new", text: clause(`Handle ${leave[1]}`), owner, confidence: 0.65 };
  }
  const have = /\b[Ll]et's (?:have|get|ask) (\p{Lu}\p{Ll}+) (?:to )?(.+)$/u.exec(text);
  if (have?.[2] && isTask(have[2], ctx.due)) {
    const owner = person(have[1]);
    if (owner) return { kind: "new", text: clause(have[2]), owner, confidence: 0.7 };
  }
  const assigning = /\b(?:I'm assigning|I'll assign|[Aa]ssigning|[Aa]ssign) (.+?) to (\p{Lu}\p{Ll}+)\b/u.exec(text);
  if (assigning?.[1]) {
    const owner = person(assigning[2]);
    if (owner) return { kind: "new", text: clause(assigning[1]), owner, confidence: 0.75 };
  }
  if (vocativeName) {
    const you =
      /^(?:(?:so|okay|ok|and|right|then)[,]?\s+)*\p{Lu}\p{Ll}+[,:]\s+you (take|own|handle|grab|drive|lead|run|do)\b\s*(.*)$/u.exec(
        text,
      );
    if (you?.[2] && isTask(`${you[1]} ${you[2]}`, ctx.due)) {
      return { kind: "new", text: clause(`${you[1]} ${you[2]}`), owner: vocativeName, confidence: 0.75 };
    }
  }
  return null;
}
