import type { Segment } from "../segment.js";
import { capitalize } from "../text.js";

/**
 * Raw speech recognition gives "okay so sofia you redo the prep what's realistic": no case, no punctuation,
 * fillers and restarts. The engine reads sentences and their cues ("?", a sentence opening "I'll"), so this
 * module puts sentence breaks, question marks and capitals back with a few word-class rules that carry over to
 * any meeting. It is a token pass with set look-ups (a few microseconds a segment), not a language model.
 */

/** Every word's classes as bits, so a word costs one map look-up however many classes are asked about. */
const CLASSES = new Map<string, number>();
function wordClass(bit: number, list: string): number {
  const flag = 1 << bit;
  for (const word of list.split(" ")) CLASSES.set(word, (CLASSES.get(word) ?? 0) | flag);
  return flag;
}

/** Hesitations only: "um" as a whole word, never inside one ("umbrella", "drum"). */
const FILLER = /^(?:u+m+|u+h+m*|e+r+m*|h+m+|m{2,})$/;
const FILLER_START = /^[uehm]/;
const SPACES = /\s+/;

/** Single words said twice on purpose ("that that", "had had") or numbers ("two two five"). */
const KEEP_DOUBLED = wordClass(
  0,
  "that had one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred thousand o oh zero bye",
);

/** Words that open a turn without adding to it: they may take a comma and do not make a clause complete. */
const INTERJECTIONS = wordClass(
  1,
  "okay ok alright yeah yes yep yup right fine good great cool sure well sorry oh ah ha haha wow ugh oops hey hi hello morning anyway anyways honestly no perfect thanks nope please",
);
/** Interjections that start a new sentence mid-turn by themselves ("…left over okay let's move on"). */
const SELF_STARTERS = wordClass(2, "okay ok alright yeah yep yup anyway anyways honestly sorry");

/** Words that may precede a clause's subject and belong with it: "…slot. But I think…", "…done. So we'll…". */
const OPENERS = wordClass(
  3,
  "and but so then maybe honestly actually basically also plus anyway anyways okay ok alright yeah yep yes well oh sorry",
);

/** After one of these the sentence cannot end: it needs what follows (article, preposition, conjunction, verb of saying…). */
const CONTINUERS = wordClass(
  4,
  [
    "the a an this that these those my your our their his her its some any no every each another all both either neither",
    "of to in on at for with from by about into onto over under after before since until till than as like via per through without within between around",
    "and but or nor if when whether because cause cos unless while though although once where whereas so what which who whom whose how why",
    "think thought know knew guess hope mean meant say said says saying thinking hoping suppose believe reckon feel felt heard hear see saw told tell tells assume bet figure realise realize noticed notice means sure worried afraid glad seems seem sounds sound looks look",
    "is was are were be been being am it's that's there's he's she's what's who's i'm we're you're they're",
    "will would can could should must might may shall do does did have has had don't doesn't didn't can't won't wouldn't couldn't shouldn't haven't hasn't isn't aren't wasn't weren't",
    "i'll we'll you'll they'll he'll she'll it'll i'd we'd you'd they'd i've we've you've they've",
    "not just really very even only more less most let make",
  ].join(" "),
);

/** A subject fused with its verb: nearly always the start of a clause. */
const SUBJECT_VERB = wordClass(
  5,
  "i'll i'm i'd i've we'll we're we'd we've they'll they're they'd they've you'll you've you'd you're he's he'll he'd she's she'll she'd it's it'll that's that'll there's there'll let's here's",
);
/** Subject pronouns with no other reading. */
const NOMINATIVE = wordClass(6, "i we they he she");
const MODALS = wordClass(7, "can could should will would need must might have");

const WH = wordClass(8, "what where when who why how");
const WH_CONTRACTED = wordClass(9, "what's where's who's how's when's why's");
const AUX = wordClass(
  10,
  "do does did can could will would should shall have has had don't doesn't didn't can't won't wouldn't couldn't shouldn't haven't hasn't",
);
/** "is that…" also opens statements ("the thing is it works"), so these ask only after a pause word or a name. */
const COPULA = wordClass(11, "is was are were isn't wasn't aren't weren't am");
const QUESTION_SUBJECT = wordClass(
  12,
  "i you we they he she it that this there anyone anybody everyone everybody someone somebody anything everything",
);
const MAIN_VERB_AUX = wordClass(13, "do have");
const THING = wordClass(14, "it that this those these everything anything something");
/** "What about", "how much": asks without an auxiliary. */
const WH_FOLLOWERS = wordClass(15, "about much many long come else if");
/** "If it happens again that's the move": the first clause after these is the main clause, not a new sentence. */
const SUBORDINATORS = wordClass(16, "if when once unless whenever although though while");

/** Words that need a noun after them, and nouns that usually take a relative clause ("the thing we…"). */
const ARTICLES = wordClass(26, "the a an every any some which what each another");
const NOUN_ENDS = wordClass(27, "thing things stuff lot way something anything nothing everything else one");
const DETERMINERS = wordClass(
  17,
  "the a an this that these those my your our their his her its every any some which what one",
);
/** Pause words that take a comma whenever they open a sentence ("Yes, do it now"). */
const COMMA_OPENERS = wordClass(
  18,
  "okay ok alright yeah yep yup yes sorry hi hello hey anyway anyways honestly oh morning thanks",
);
/** Words that follow a finished question rather than continue it. */
const AFTER_QUESTION = wordClass(25, "because cause cos no okay ok yes yeah thanks great alright perfect cool");
/** "In the meantime I can…": a sentence opening on a preposition needs more than the phrase to be complete. */
const PREPOSITIONS = wordClass(19, "in on at for by with from after before during about under over");

const WEEKDAYS = wordClass(20, "monday tuesday wednesday thursday friday saturday sunday");
/** Month names that are also ordinary words ("may", "march") stay lower case. */
const MONTHS = wordClass(21, "january february april june july august september october november december");

/** "I", "I'll", "I'm": always a capital. */
const PRONOUN_I = wordClass(23, "i i'll i'm i'd i've");
const CAPITALISED = WEEKDAYS | MONTHS | PRONOUN_I;

/** Name parts that are ordinary words, so "will" or "may" stay lower case even when someone is called that. */
const COMMON_NAME_WORDS = wordClass(
  22,
  "will may mark bill grace hope rose pat art sue chase joy june faith drew dawn frank guy jack ray rich summer sunny win don page long white young brown green black king hall park rice lane price bell cook wood hill speaker guest unknown",
);

function is(word: string | undefined, classes: number): boolean {
  return word !== undefined && ((CLASSES.get(word) ?? 0) & classes) !== 0;
}

function has(classesOfWord: number | undefined, classes: number): boolean {
  return ((classesOfWord ?? 0) & classes) !== 0;
}

type Names = ReadonlyMap<string, string>;
const nameCache = new WeakMap<readonly string[], Names>();

/** Lower-case name word → how to write it, from speaker and attendee names ("Sofia Marchetti" → sofia, marchetti). */
function nameIndex(names: readonly string[]): Names {
  const cached = nameCache.get(names);
  if (cached) return cached;
  const index = new Map<string, string>();
  for (const name of names) {
    for (const part of name.split(/[\s,]+/)) {
      const key = part.toLowerCase();
      if (!/^\p{L}[\p{L}'’-]+$/u.test(part) || (part === key && part.length < 2)) continue;
      if (is(key, COMMON_NAME_WORDS) || is(key, CONTINUERS) || is(key, INTERJECTIONS) || is(key, NOMINATIVE)) continue;
      // Keep the speaker's own spelling ("McAllister", "O'Rourke"); capitalise a lower-case one.
      index.set(key, part === key ? part.charAt(0).toUpperCase() + part.slice(1) : part);
    }
  }
  nameCache.set(names, index);
  return index;
}

// Any sentence punctuation (a dot inside "2.8" does not count) means someone already punctuated this text.
const PUNCTUATION = /[?!,;:]|\.(?!\d)/g;

/**
 * Whether a meeting's text came without punctuation: under one mark per 40 words over the whole meeting
 * (written or punctuated ASR has one every 5–15), so a few punctuated lines do not change the answer.
 */
export function isUnpunctuated(segments: readonly Pick<Segment, "text">[]): boolean {
  let wordCount = 0;
  let marks = 0;
  for (const { text } of segments) {
    wordCount += text.split(/\s+/).filter(Boolean).length;
    marks += text.match(PUNCTUATION)?.length ?? 0;
  }
  return wordCount >= 20 && marks * 40 < wordCount;
}

/**
 * Drops fillers and a speaker's restarts ("the the", "we should we should"), keeping one copy. Works on the
 * words as said and their lower-case forms side by side, and fills both arrays it is given.
 */
function dropDisfluencies(said: readonly string[], lowered: readonly string[], out: string[], lower: string[]): void {
  for (let i = 0; i < said.length; ) {
    const word = lowered[i] as string;
    if (FILLER_START.test(word) && FILLER.test(word)) {
      i++;
      continue;
    }
    let skipped = false;
    // Longest run first, so "we should we should" loses a two-word run rather than nothing.
    for (let size = 3; size >= 1 && !skipped; size--) {
      if (lower.length < size || i + size > said.length) continue;
      let same = true;
      for (let k = 0; k < size && same; k++) same = lowered[i + k] === lower[lower.length - size + k];
      if (!same || (size === 1 && is(word, KEEP_DOUBLED))) continue;
      // "if i drop i drop" says something; a restart does not follow "if".
      if (is(lower[lower.length - size - 1], SUBORDINATORS)) continue;
      i += size;
      skipped = true;
    }
    if (skipped) continue;
    out.push(said[i] as string);
    lower.push(word);
    i++;
  }
}

/** A clause could begin at word i whatever came before: a subject, a question opener, a name addressed. */
function opensClause(w: readonly string[], c: readonly number[], i: number, names: Names): boolean {
  const word = w[i];
  const next = w[i + 1];
  if (word === undefined) return false;
  if (has(c[i], SUBJECT_VERB | WH_CONTRACTED)) return true;
  if (next === undefined) return false;
  if (has(c[i], NOMINATIVE)) return true;
  if (word === "you") return has(c[i + 1], MODALS);
  // "do it", "have that ready": with a thing after it, do/have is the verb itself, not a question's auxiliary.
  if (has(c[i], MAIN_VERB_AUX) && has(c[i + 1], THING)) return false;
  if (has(c[i], AUX | COPULA)) return has(c[i + 1], QUESTION_SUBJECT);
  if (has(c[i], WH)) return has(c[i + 1], AUX | COPULA | WH_FOLLOWERS);
  // A name addressed before a question or an instruction: "… ben are you with us", "… sofia you redo it".
  if (names.has(word)) {
    if (has(c[i + 1], AUX | COPULA)) return has(c[i + 2], QUESTION_SUBJECT);
    return /^you(?:$|')/.test(next) || has(c[i + 1], WH | WH_CONTRACTED);
  }
  return false;
}

/** Whether a new sentence may start at word i (before any openers in front of it are taken along). */
function startsSentence(w: readonly string[], c: readonly number[], i: number, names: Names): boolean {
  const word = w[i] as string;
  const prev = w[i - 1];
  // "can you hear me okay": after an object, "okay" is how, not a new start.
  if (has(c[i], SELF_STARTERS)) return i + 1 < w.length && !/^(?:me|you|us|them|him|her|it)$/.test(prev ?? "");
  if (has(c[i], INTERJECTIONS)) return opensClause(w, c, i + 1, names) || has(c[i + 1], SELF_STARTERS);
  // "…in the doc so the next step is…": "so" opens a sentence unless it is a degree ("so much", "so far").
  if (word === "so") return i + 1 < w.length && !/^(?:much|many|far|that|long|what|on|forth)$/.test(w[i + 1] as string);
  if (!opensClause(w, c, i, names)) return false;
  // "the part i wanted", "not a lot we can do": a bare pronoun after an article and a noun, or after "thing", "lot",
  // opens a relative clause; "…end of the month i think…" is a new clause all the same.
  if (
    (has(c[i], NOMINATIVE) || word === "you") &&
    (has(c[i - 2], ARTICLES) || has(c[i - 1], NOUN_ENDS)) &&
    !/^(?:think|guess|mean|suppose|reckon|believe)$/.test(w[i + 1] ?? "")
  ) {
    return false;
  }
  // "…the customers who were waiting": who/where/when after a noun is a relative clause, so they ask only after a
  // pause word or a name, like "is it…", which after anything else is a copula ("the problem is it…").
  if (has(c[i], COPULA) || /^(?:who|where|when)(?:'s)?$/.test(word))
    return prev !== undefined && (has(c[i - 1], INTERJECTIONS) || names.has(prev));
  // "if we can we should", "what i did i…": an auxiliary right after a subject continues that subject's clause.
  if (has(c[i], AUX))
    return prev !== undefined && !has(c[i - 1], NOMINATIVE) && !/^(?:you|it|that)$|'(?:d|ll)$/.test(prev);
  return true;
}

/** Whether a sentence (lower-case words, openers included) asks something. */
function asks(w: readonly string[], vocative: boolean): boolean {
  let i = 0;
  while (i < w.length - 1 && is(w[i], INTERJECTIONS | OPENERS)) i++;
  const first = w[i] ?? "";
  const second = w[i + 1] ?? "";
  // A tag at the end: "…we'll hate this, aren't we", "…that's fine, isn't it".
  if (w.length - i > 3 && /n't$/.test(w.at(-2) ?? "") && is(w.at(-1), QUESTION_SUBJECT)) return true;
  if (is(first, WH_CONTRACTED)) return true;
  if (is(first, WH)) return is(second, AUX | COPULA | WH_FOLLOWERS) || w.length - i <= 2;
  // "Which week", "which ones": a short "which" with a noun asks; "which is the part I meant" does not.
  if (first === "which") return w.length - i <= 4 && !is(second, AUX | COPULA);
  if (is(first, MAIN_VERB_AUX) && is(second, THING | DETERMINERS)) return false;
  // "Is the demo still on", "was the change reviewed": a determiner opens the subject.
  if (is(first, AUX | COPULA)) return is(second, QUESTION_SUBJECT | DETERMINERS) && second !== "a" && second !== "an";
  // "Ilse can you write it up": a word then an inverted "can you" is someone addressed (not "we can you know").
  if (is(second, AUX | COPULA) && /^(?:you|we)$/.test(w[i + 2] ?? "") && w[i + 3] !== "know") {
    return !is(first, QUESTION_SUBJECT | DETERMINERS | CONTINUERS);
  }
  // "Any objections", "any update on the vendor": a sentence opening on "any" asks for it.
  if (first === "any" && w.length - i >= 2) return true;
  // "Sofia, you want to go first": a declarative question needs the name addressed to read as one.
  if (vocative && first === "you") return /^(?:want|wanna|good|okay|ok|ready|there|still|happy)$/.test(second);
  if (/^(?:anything|anyone|anybody)$/.test(first)) return second === "else";
  return false;
}

/**
 * Puts sentence breaks, question marks and capitals into one unpunctuated stretch of speech, and drops fillers
 * and restarts. `names` are the meeting's people ("Sofia Marchetti" or "Sofia") so their names get capitals.
 * Text that already has punctuation comes back unchanged.
 */
export function restorePunctuation(text: string, names: readonly string[] = []): string {
  PUNCTUATION.lastIndex = 0;
  if (PUNCTUATION.test(text)) return text;
  const trimmed = text.trim();
  if (trimmed === "") return "";
  // Lower-case once for the whole text; splitting both on the same spaces keeps the words paired.
  let lowerText = trimmed.toLowerCase();
  if (lowerText.includes("’")) lowerText = lowerText.replace(/’/g, "'");
  const tokens: string[] = [];
  const w: string[] = [];
  dropDisfluencies(trimmed.split(SPACES), lowerText.split(SPACES), tokens, w);
  if (tokens.length === 0) return "";
  const index = nameIndex(names);
  const c: number[] = new Array(w.length);
  for (let k = 0; k < w.length; k++) c[k] = CLASSES.get(w[k] as string) ?? 0;

  // Sentence starts, found left to right; a comma goes after leading pause words and before a subordinate's main clause.
  const starts = [0];
  const commaAfter: boolean[] = new Array(w.length).fill(false);
  let start = 0;
  let content = 0; // words in the current sentence other than pause words
  let subordinate = false;
  for (let i = 0; i < w.length; i++) {
    // A question ends before "because" or an answer word: "…lend you someone? No, forget it", "…on Monday? Because…".
    if (
      content >= 2 &&
      has(c[i], AFTER_QUESTION) &&
      !has(c[i - 1], CONTINUERS | QUESTION_SUBJECT) &&
      !/^(?:me|us|them|him|her)$/.test(w[i - 1] as string)
    ) {
      if (asks(w.slice(start, i), false)) {
        starts.push(i);
        start = i;
        content = has(c[i], INTERJECTIONS) ? 0 : 1;
        subordinate = false;
        continue;
      }
    }
    if (i > start && startsSentence(w, c, i, index)) {
      // Take "and", "so", "maybe" along into the new sentence: "…slot. But I think…".
      let j = i;
      while (j - 1 > start && has(c[j - 1], OPENERS)) j--;
      let first = start; // the sentence's first word after its pause words
      while (first < j && has(c[first], OPENERS | INTERJECTIONS)) first++;
      // "the data that i…", "the fact that they're…": no sentence ends on a continuer, "that" included.
      const ends = has(c[j - 1], CONTINUERS);
      // "i'm can you hear me", "we'll we're": a subject left hanging is a restart, so the new clause starts anyway.
      const restart = j === i && has(c[j - 1], SUBJECT_VERB | NOMINATIVE) && opensClause(w, c, i, index);
      if (content === 0) {
        if (has(c[j - 1], INTERJECTIONS)) commaAfter[j - 1] = true;
      } else if (!restart && !ends && content >= 2 && content < 4 && has(c[first], PREPOSITIONS)) {
        commaAfter[j - 1] = true;
      } else if (restart || (!ends && content >= (has(c[first], PREPOSITIONS) ? 4 : 2))) {
        if (subordinate) {
          commaAfter[j - 1] = true;
          subordinate = false;
        } else {
          starts.push(j);
          start = j;
          content = 0;
          for (let k = j; k <= i; k++) if (!has(c[k], OPENERS)) content++;
          subordinate = false;
          continue;
        }
      }
    }
    if (has(c[i], SUBORDINATORS) && (i === start || has(c[i - 1], OPENERS))) subordinate = true;
    if (!has(c[i], INTERJECTIONS | OPENERS)) content++;
  }
  starts.push(w.length);

  const sentences: string[] = [];
  for (let s = 0; s + 1 < starts.length; s++) {
    const from = starts[s] as number;
    const to = starts[s + 1] as number;
    const out: string[] = [];
    let vocative = false;
    let leading = true; // still in the pause words that open the sentence
    for (let k = from; k < to; k++) {
      const word = w[k] as string;
      leading &&= has(c[k], INTERJECTIONS | OPENERS);
      if (leading && has(c[k], COMMA_OPENERS) && !has(c[k + 1], OPENERS | INTERJECTIONS)) {
        commaAfter[k] = true;
      }
      let token = tokens[k] as string;
      const name = index.get(word);
      if (name !== undefined) {
        token = name;
        // A name then "you"/a question at the start of a sentence is someone being addressed: "Sofia, you…".
        if (k === from || has(c[k - 1], OPENERS | INTERJECTIONS)) {
          if (opensClause(w, c, k, index) && k + 1 < to) {
            vocative = true;
            commaAfter[k] = true;
          }
        }
      } else if (has(c[k], CAPITALISED)) token = capitalize(token);
      if (k === from) token = capitalize(token);
      out.push(commaAfter[k] && k + 1 < to ? `${token},` : token);
    }
    const lower = w.slice(from, to).filter((x) => !index.has(x));
    sentences.push(`${out.join(" ")}${asks(lower, vocative) ? "?" : "."}`);
  }
  return sentences.join(" ");
}

/** The meeting's segments as the engine should read them: punctuation restored when the meeting has none. */
export function restoreSpeech(segments: readonly Segment[], names: readonly string[] = []): Segment[] {
  if (!isUnpunctuated(segments)) return [...segments];
  const people = [...new Set([...names, ...segments.flatMap((s) => (s.speaker === null ? [] : [s.speaker]))])];
  // A segment that was only "um" keeps its text: stored transcripts (uploads) need some text in every segment.
  return segments.map((s) => ({ ...s, text: restorePunctuation(s.text, people) || s.text }));
}
