import { collapseWhitespace, decodeEntities } from "./clean-text.js";
import { splitBracketSpeaker, splitSpeakerPrefix } from "./speaker-prefix.js";

/** Who said a stretch of a cue's text; a cue with several `<v>` tags gives several. */
export interface CueSpan {
  speaker: string | null;
  text: string;
}

// A tag: `<v Name>`, `<v.loud Name>`, `</v>`, `<c.yellow>`, `<i>`, `<font color="red">`, or a `<00:00:01.000>` timestamp.
// A "<" followed by a space or digit-free text stays text, so "a < b" survives. Linear: no nested quantifiers.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*|\d[\d:.]*)([^<>\n]*)>/g;

// A tag the file never closes: the WebVTT tokenizer reads it to the end of the cue as the tag's annotation, so
// `<v It's a blue apple tree!` names a voice and says nothing. Only WebVTT's own tag names, so "x <maybe" stays text.
// Nothing after it holds "<" or ">", so it comes after every closed tag. Linear: each try stops at the next "<".
const UNCLOSED_TAG = /<(c|i|b|u|v|ruby|rt|lang)([.\s][^<>]*)?$/;

interface RawSpan {
  speaker: string | null;
  /** True when a `<v>` tag named the speaker: then a "Name:" inside the text is just text. */
  voiced: boolean;
  text: string;
}

/** Splits a cue's text at `<v>` tags and drops every other tag. */
function voiceSpans(payload: string): RawSpan[] {
  if (!payload.includes("<")) return [{ speaker: null, voiced: false, text: payload }];
  const spans: RawSpan[] = [];
  let current: RawSpan = { speaker: null, voiced: false, text: "" };
  const open = (span: RawSpan): void => {
    if (current.voiced || current.text.trim() !== "") spans.push(current);
    current = span;
  };
  const unclosed = UNCLOSED_TAG.exec(payload);
  const body = unclosed === null ? payload : payload.slice(0, unclosed.index);
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    current.text += body.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[2] !== "v") continue;
    if (match[1] === "/") {
      open({ speaker: null, voiced: false, text: "" });
      continue;
    }
    open(voiceSpan(match[3] ?? ""));
  }
  current.text += body.slice(last);
  if (unclosed?.[1] === "v") open(voiceSpan(unclosed[2] ?? ""));
  open({ speaker: null, voiced: false, text: "" });
  return spans;
}

/** `<v Name>` or `<v.class Name>`: the name is everything after the first space of the tag's annotation. */
function voiceSpan(annotation: string): RawSpan {
  const space = annotation.search(/\s/);
  const name = space < 0 ? "" : collapseWhitespace(decodeEntities(annotation.slice(space)));
  return { speaker: name === "" ? null : name, voiced: true, text: "" };
}

/** Text without a `<v>` tag: a line starting `[Name]` or `Name:` starts a new speaker's span. */
function prefixSpans(text: string): CueSpan[] {
  const spans: CueSpan[] = [];
  for (const line of text.split("\n")) {
    const split = splitBracketSpeaker(line) ?? splitSpeakerPrefix(line.trimStart());
    const current = spans.at(-1);
    if (split !== null) spans.push({ speaker: split.speaker, text: split.text });
    else if (current === undefined) spans.push({ speaker: null, text: line });
    else current.text += `\n${line}`;
  }
  return spans;
}

/**
 * Reads a cue's payload lines into speaker spans: `<v Name>` voice tags (closed or not, with classes,
 * several per cue), else `[Name]` / `Name:` prefixes, else no speaker. Other tags are dropped and
 * HTML entities decoded; whitespace is collapsed later, when the segment is added.
 */
export function readCuePayload(lines: readonly string[]): CueSpan[] {
  const spans: CueSpan[] = [];
  for (const span of voiceSpans(lines.join("\n"))) {
    const text = decodeEntities(span.text);
    if (span.voiced) spans.push({ speaker: span.speaker, text });
    else spans.push(...prefixSpans(text));
  }
  return spans;
}
