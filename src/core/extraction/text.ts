import { digitizeNumbers } from "./numbers.js";

/** Hesitations and verbal tics that carry no meaning for the notes. */
const FILLERS =
  /\b(?:u+m+|u+h+|e+r+m*|h+m+|mm+-?hmm+|uh-huh|you know|i mean|kind of|sort of|basically|actually|literally)\b,?\s*/gi;
/** "We need, like, three more": "like" set off by commas is a filler; "I like it" is not. */
const LIKE_FILLER = /,\s*like,\s*/gi;
/** "For me this is, how do you say, orange": searching for the word, set off by commas. */
const WORD_SEARCH =
  /,\s*(?:how do you say|how do you call it|what do you call it|what's the word|what is the word)(?: (?:it|that|in english))?,\s*/gi;
/** "[laughs]", "(inaudible)", "[crosstalk]": what a transcriber noted about the sound, not what was said. */
const SOUND_NOTE =
  /[[(](?:laugh\w*|inaudible|crosstalk|unintelligible|silence|pause|cough\w*|sigh\w*|applause|music|noise|background noise|overlapping|indistinct)[\])]\s*/gi;
/** Words that open a sentence without adding to it ("So, okay, yeah, we'll…"). */
const LEADING_DISCOURSE =
  /^(?:(?:(?:so|okay|ok|alright|all right|yeah|yes|yep|and|but|oh|hey|anyway|anyways|um|uh|then)\b[,.!]?|(?:well|right|also|now|great|cool|good|sure|look|listen|honestly|obviously|plus|fine|perfect)[,.!])\s+)+/i;

/** "Which is fine, except if you swipe back you lose it": the concession that opens the point is not part of it. */
const CONCESSION_OPENER =
  /^(?:(?:which|that|this|it)(?:'s| is) (?:fine|ok|okay|great|good|true)(?: (?:and all|i guess))?,?\s+(?:but|except(?: that)?|only)\s+)/i;

/** "Decision: …", "Action item - …": the label the speaker put on the item is not part of it. */
const ITEM_LABEL = /^(?:decision|decided|action(?: item)?|to-?do|risk|open question|escalation)\s*[:—–-]\s+/i;

/** A sentence-sized piece of one segment, with the original words kept for the evidence quote. */
export interface Sentence {
  /** As spoken (fillers kept), for quotes. */
  raw: string;
  /** Fillers removed, numbers as digits, single-spaced. */
  text: string;
  /** Lower-case `text` with curly quotes straightened, for matching. */
  lower: string;
}

/**
 * "I can I can say", "we we need", "I'll, um, I'll write": a speaker restarting. Keeps one copy of a repeated 1–3
 * word run. Read after spaces are single, which lets it be written with " " (a third faster than with \s+).
 */
const REPEATED_RUN = /\b([\w']+(?: [\w']+){0,2})(?:,? \1\b)+/gi;
const CURLY_QUOTE = /[\u2018\u2019\u201C\u201D]/;
/** Whitespace other than one plain space: tabs, line breaks, runs. One space replaces each. */
const EXTRA_SPACE = /\s*[^\S ]\s*| {2,}/g;

/** Every segment passes here several times: each rewrite costs a scan, and allocates only when it changes something. */
export function normalize(raw: string): string {
  const straight = CURLY_QUOTE.test(raw) ? raw.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"') : raw;
  return digitizeNumbers(straight)
    .replace(SOUND_NOTE, "")
    .replace(LIKE_FILLER, " ")
    .replace(WORD_SEARCH, " ")
    .replace(FILLERS, "")
    .replace(EXTRA_SPACE, " ")
    .replace(REPEATED_RUN, "$1")
    .replace(/ ([,.?!;])/g, "$1")
    .replace(/([,.?!;])(?=[,.?!;])/g, "")
    .trim();
}

/** Splits on sentence punctuation; a speech-to-text stream rarely has more structure than that. */
export function splitSentences(raw: string): Sentence[] {
  const out: Sentence[] = [];
  // Abbreviations ("5 p.m.", "e.g.", "Dr.") end in a full stop without ending the sentence.
  // "Priya will update the runbook and Wen will post the JD": two people's tasks, two sentences.
  const clauses = raw.replace(
    /,?\s+and\s+(?=\p{Lu}\p{Ll}+(?: will| is going to|'s going to| to| can| should|'ll)\b)/gu,
    ". ",
  );
  for (const piece of clauses.split(
    /(?<=[.!?;])(?<!\b(?:[ap]\.m|e\.g|i\.e|etc|vs|dr|mr|mrs|ms|st|approx)\.)\s+(?=\S)/i,
  )) {
    const text = normalize(piece);
    if (!text || !/[a-z0-9]/i.test(text)) continue;
    out.push({ raw: piece.trim(), text, lower: text.toLowerCase() });
  }
  return out;
}

/** Turns a matched clause into a note line: no discourse openers, first letter capitalised, no trailing filler. */
export function cleanItemText(clause: string): string {
  let t = clause.trim().replace(LEADING_DISCOURSE, "").replace(ITEM_LABEL, "").replace(CONCESSION_OPENER, "");
  t = t
    .replace(/[,;:\s]+$/, "")
    .replace(
      /\s*,?\s*\b(?:i think|i guess|i suppose|if that's (?:ok|okay|alright|fine)|or something|and stuff|right|okay|ok|yeah)\s*[?.!]*$/i,
      "",
    )
    .replace(/[.?!]+$/, "")
    .trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const WORD = /[a-z0-9][a-z0-9'-]*/gi;
/** The number of WORD matches, counted without collecting them: it runs on every sentence several times. */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = c | 0x20; // an ASCII letter in lower case
    const alphanumeric = (letter >= 0x61 && letter <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (inWord) inWord = alphanumeric || c === 0x27 || c === 0x2d;
    else if (alphanumeric) {
      count++;
      inWord = true;
    }
  }
  return count;
}

const STOP = new Set(
  "a an the and or but if of to in on at by for with from as is are was were be been it its this that these those we i you he she they them our us my your me do does did so then just also about into up out not no yes okay ok yeah right really what which who when where why how all any some very can will would should could have has had going gonna get got there here one thing things".split(
    " ",
  ),
);

const STEM_SUFFIXES = ["ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s"];
const STEM_ENDINGS = new Set(STEM_SUFFIXES.map((suffix) => suffix.charAt(suffix.length - 1)));

/** A light stem, so "meters" and "metering", "posted" and "post" compare equal. */
function stem(word: string): string {
  const w = word.endsWith("'s") ? word.slice(0, -2) : word;
  // Every suffix ends in one of these letters; most words end in another and are done here.
  if (!STEM_ENDINGS.has(w.charAt(w.length - 1))) return w;
  for (const suffix of STEM_SUFFIXES) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

/** Lower-case content words, for comparing two items' texts. */
export function contentWordSet(text: string): ReadonlySet<string> {
  // The passes ask for the same sentence's words many times over: remember the last few hundred.
  const known = WORD_SETS.get(text);
  if (known) return known;
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(WORD) ?? []) {
    if (!STOP.has(w) && w.length > 1) out.add(stem(w));
  }
  if (WORD_SETS.size >= 512) WORD_SETS.clear();
  WORD_SETS.set(text, out);
  return out;
}

const WORD_SETS = new Map<string, ReadonlySet<string>>();

export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Text matched literally inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
