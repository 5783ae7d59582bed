import { cleanItemText, contentWordSet, type Sentence } from "./text.js";

/** Words that stand for something said before: "is it funded after that?", "that worries me". */
const POINTER = /\b(?:it|it's|its|that|this|they|them|those|these|there)\b/;
const POINTER_WORDS = new Set(["it", "it's", "its", "that", "this", "they", "them", "those", "these", "there"]);
/** Sentences that carry no topic of their own: greetings, acknowledgements, agenda steering. */
const NO_TOPIC =
  /^(?:(?:okay|ok|so|right|yeah|yes|good|great|thanks|thank you|sorry|also|one more(?: small| quick)?(?: thing)?|quickly|(?:the )?last thing|another thing|quick one)[,.!]?\s*)+$/;

/** Saying yes to a time or a plan: "Tomorrow's fine.", "Friday works for me.", "Sure, no problem." */
const ONLY_CONSENT =
  /^(?:(?:sure|yes|yeah|of course|absolutely|no problem|will do|happy to|fine)[,.!]?\s*)*(?:(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|next week|that|this|it|either|both|any time|anytime)(?:'s| is| works| would work| would be)?\s*(?:fine|good|ok|okay|great|perfect|works|doable|no problem)?(?: for me| with me| by me| for us)?)?[.!]?$/;

/**
 * What a sentence's pronoun points back to, when the same turn said it just before: "The after-school
 * tutoring bus. The grant pays through March. Does anyone know if it's funded after that?" A sentence that
 * names its own subject, or that opens its turn, needs none.
 */
export function antecedentOf(sentences: readonly Sentence[], i: number): Sentence[] {
  const s = sentences[i];
  if (!s || i === 0 || !POINTER.test(s.lower)) return [];
  const own = [...contentWordSet(s.text)].filter((w) => !POINTER_WORDS.has(w)).length;
  if (own > 5) return [];
  return setUpBefore(sentences, i);
}

/**
 * What the turn said before sentence `i` to set it up, at most two sentences: "The forklift repairs at the
 * Stockton yard, forty-eight thousand. The vendor put 'refurbishment' on the invoice. Do we capitalize or expense?"
 */
export function setUpBefore(sentences: readonly Sentence[], i: number): Sentence[] {
  const before: Sentence[] = [];
  let words = 0;
  for (let j = i - 1; j >= 0 && before.length < 2; j--) {
    const p = sentences[j]!;
    if (/\?\s*$/.test(p.text)) break;
    if (NO_TOPIC.test(p.lower) || ONLY_CONSENT.test(p.lower) || contentWordSet(p.text).size < 2) continue;
    words += p.text.split(/\s+/).length;
    if (words > 30) break;
    before.unshift(p);
  }
  return before;
}

/** Whether a sentence says little beyond words that point back ("So we move it.", "Then expense it."). */
export function onlyPointsBack(text: string, otherWords: ReadonlySet<string> = new Set()): boolean {
  if (!POINTER.test(text.toLowerCase())) return false;
  return [...contentWordSet(text)].filter((w) => !POINTER_WORDS.has(w) && !otherWords.has(w)).length <= 2;
}

/** The item text and quote of a sentence read with its antecedent: "Topic — the sentence". */
export function withAntecedent(
  antecedent: readonly Sentence[],
  s: Sentence,
  text: string,
): { text: string; quote: string } {
  if (!antecedent.length) return { text, quote: s.raw };
  const topic = antecedent.map((p) => cleanItemText(p.text)).join("; ");
  return {
    text: `${topic} — ${text.charAt(0).toLowerCase()}${text.slice(1)}`,
    quote: [...antecedent.map((p) => p.raw), s.raw].join(" "),
  };
}
