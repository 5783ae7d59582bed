import { collapseWhitespace } from "./clean-text.js";

/** A name is at most this many words and characters: longer prefixes before ":" are prose, not a speaker. */
const MAX_NAME_WORDS = 4;
const MAX_NAME_CHARS = 48;

// Sentence punctuation and markup never occur in speaker labels, but often in prose that has a colon.
const NOT_IN_NAMES = /[,;!?"“”<>[\]{}=*|\\]/;
const HAS_LETTER = /\p{L}/u;
const STARTS_WITH_LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

// Bracketed captions that describe sound rather than name a speaker.
const SOUND_LABELS = new Set([
  "music",
  "applause",
  "laughter",
  "laughs",
  "laughing",
  "inaudible",
  "crosstalk",
  "silence",
  "noise",
  "background noise",
  "foreign",
  "cheering",
  "coughs",
  "coughing",
  "sighs",
  "unintelligible",
  "blank_audio",
]);

export interface SpeakerSplit {
  speaker: string;
  text: string;
}

/** The label as a speaker name, or null when it cannot be one (see isSpeakerName). */
function asSpeakerName(label: string): string | null {
  const name = collapseWhitespace(label);
  if (name === "" || name.length > MAX_NAME_CHARS) return null;
  if (name.split(" ").length > MAX_NAME_WORDS) return null;
  if (NOT_IN_NAMES.test(name) || !HAS_LETTER.test(name) || !STARTS_WITH_LETTER_OR_DIGIT.test(name)) return null;
  return name;
}

/**
 * `Name: text` at the start of a line. The rule, kept simple on purpose: up to 4 words (48 characters) that
 * start with a letter or digit, contain a letter and no sentence punctuation, then ":" and a space or the
 * line's end. So "Speaker 1", "me011", "Dr. Rosa Diaz" are speakers, "10:30" and "https://x" are not,
 * and a short "Note: …" at a line start is read as a speaker (a documented limitation).
 */
export function splitSpeakerPrefix(line: string): SpeakerSplit | null {
  const colon = line.indexOf(":");
  if (colon <= 0 || colon > MAX_NAME_CHARS + 8) return null;
  const after = line.charCodeAt(colon + 1);
  // After the colon: the line's end, or whitespace (space, tab, no-break space).
  if (!Number.isNaN(after) && !/\s/.test(line.charAt(colon + 1))) return null;
  const speaker = asSpeakerName(line.slice(0, colon));
  return speaker === null ? null : { speaker, text: line.slice(colon + 1).trim() };
}

/** `[Name] text`, `[Name]: text` or a line holding only `[Name]`; not sound labels like `[Music]`. */
export function splitBracketSpeaker(line: string): SpeakerSplit | null {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith("[")) return null;
  const close = trimmed.indexOf("]");
  if (close < 2 || close > MAX_NAME_CHARS + 2) return null;
  const label = trimmed.slice(1, close);
  if (SOUND_LABELS.has(label.trim().toLowerCase())) return null;
  const speaker = asSpeakerName(label);
  if (speaker === null) return null;
  let text = trimmed.slice(close + 1).trim();
  if (text.startsWith(":")) text = text.slice(1).trim();
  return { speaker, text };
}
