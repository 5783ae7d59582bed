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

/** What opens a topic announcement: "Okay, second thing, …", "And speaking of replicas, …", "Next up: …". */
const TOPIC_LEAD =
  /^(?:(?:okay|ok|so|and|right|alright|um|uh|next|next up|now|then|also|moving on(?: to)?|speaking of|regarding|about|(?:the )?(?:first|second|third|fourth|fifth|next|last|other|final) (?:thing|item|one|topic|point)(?: is)?|(?:one|another) (?:more )?thing)[,:.]?\s+)+/;
/** Words that make a sentence say something rather than name a subject. */
const NOT_A_NAME =
  /\b(?:i|we|you|he|she|they|it|is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|should|going|think|know|need|want|get|got|said|says|thanks|sorry|here|there|hi|hello|bye|quick|good|great|fine|yes|no|not)\b|'(?:s|re|ve|ll|d)\b/;

/**
 * The subject a turn announces without saying anything about it yet: "Okay, second thing, the ledger
 * reconciliation job." → "the ledger reconciliation job". Null when the sentence says more than a name.
 */
export function announcedTopic(text: string): string | null {
  const lower = text
    .toLowerCase()
    .replace(/[.!:]+$/, "")
    .trim();
  const lead = TOPIC_LEAD.exec(lower)?.[0];
  if (!lead) return null;
  let rest = lower.slice(lead.length).replace(/\s+(?:again|too|then|now|first)$/, "");
  // "recon the ledger reconciliation job": the phrase after the last article is the name.
  const article = rest.lastIndexOf(" the ");
  if (article > 0) rest = rest.slice(article + 1);
  const words = rest.split(/\s+/);
  if (words.length > 5 || NOT_A_NAME.test(rest) || /[,;?]/.test(rest)) return null;
  if (contentWordSet(rest).size < 1 || !/^(?:the |our |a |an )?[a-z0-9]/.test(rest)) return null;
  return rest;
}

/** "It's getting slow…" with the subject just announced: "The ledger reconciliation job is getting slow…". */
export function namingTopic(text: string, topic: string): string {
  const named = text.replace(/^(?:it's|it is|it)\b/i, (pronoun) => (pronoun.length > 2 ? `${topic} is` : topic));
  return named === text ? text : named.charAt(0).toUpperCase() + named.slice(1);
}

/** "So the plan is: the numbers first, then the two issues, then roadmap. Does that work?" — the meeting's running order, said near its start. */
export function isRunningOrder(lower: string, index: number): boolean {
  return (
    index <= 8 &&
    /\b(?:the plan(?: for today)? is|agenda|today we(?:'ll| will)? (?:cover|go through|look at))\b/.test(lower) &&
    /\bthen\b.*\bthen\b/.test(lower)
  );
}
