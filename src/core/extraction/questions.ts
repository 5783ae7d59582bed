import { NOT_AN_OPEN_QUESTION, OPEN_QUESTION, TAG_QUESTION } from "./cues.js";
import { cleanItemText, contentWordSet, type Sentence } from "./text.js";

/**
 * A question worth tracking: one about the work ("do we degrade gracefully or bump the minimum version?"),
 * not a tag ("…, right?"), a check on the call ("can you hear me?") or a request ("can you send…?").
 * `explicit` when the speaker names it an open question: those stay open until someone says otherwise.
 */
export function readQuestion(s: Sentence): { text: string; explicit: boolean } | null {
  const lower = s.lower.replace(
    /^(?:(?:so|okay|ok|and|but|um|quick question|one question|also|(?:can|may|could) i ask(?: you)?)[,.:]?\s+)+/,
    "",
  );
  if (NOT_AN_OPEN_QUESTION.test(lower) || TAG_QUESTION.test(lower)) return null;
  if (contentWordSet(lower).size < 2) return null;
  // Requests ("can you…") and proposals ("will you need…?" asks, and is a question) ("could we…", "why don't we…") are read as actions and decisions.
  if (
    /^(?:\w+,\s*)?(?:(?:can|could|would|will) you(?! (?:need|have|want|know|be|still|already|remember|agree)\b)|could we|can we|why don't we|how about|what about|what if we)\b/.test(
      lower,
    )
  ) {
    return null;
  }
  // "Who's taking the write-up?", "Can someone update the FAQ?": asking for an owner, read as a task.
  if (
    /^(?:who(?:'s| is| can| wants to| will) (?:taking|take|doing|do|own|owning|handle|handling|pick(?:ing)? up)|(?:can|could|would) (?:someone|somebody|anyone))\b/.test(
      lower,
    )
  ) {
    return null;
  }
  const explicit = OPEN_QUESTION.test(lower);
  if (
    !explicit &&
    // "In California and the other all-party states, do we need consent?": the question after a lead phrase.
    !/^(?:[^,?]{1,80},\s*)?(?:what|how|why|when|where|who|which|whether|do|does|did|is|are|was|were|should|shall|can|could|will|would|have|has|any)\b/.test(
      lower,
    ) &&
    !/\bor\b/.test(lower)
  ) {
    return null;
  }
  const text = s.text.slice(s.text.length - lower.length);
  return { text: cleanItemText(text), explicit };
}
