import type { Segment } from "../segment.js";

// A sentence ends here: . ! ? … followed by a space (the space stays with the next piece and is trimmed).
const SENTENCE_END = /[.!?…](?=\s)/g;

/**
 * Cuts every segment longer than `maxChars` into pieces of at most that length, at the last sentence end in
 * the second half of each piece, else at the last space, else mid-word. A file whose lines carry no speaker
 * is one segment to the parsers, so a long one would reach the engine (whose cost grows with a segment's
 * length) as megabytes of text. A piece keeps the speaker; its times are shared out by characters when the
 * segment has both, else it keeps the segment's. Ids are the segment's, with `#2`, `#3`… after the first.
 * Returns new segments; the input is not changed.
 */
export function cutLongSegments(segments: readonly Segment[], maxChars: number): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.text.length <= maxChars) {
      out.push(segment);
      continue;
    }
    const { text } = segment;
    const timed = segment.start !== null && segment.end !== null;
    const at = (offset: number) =>
      timed ? segment.start! + ((segment.end! - segment.start!) * offset) / text.length : null;
    let from = 0;
    let piece = 0;
    while (from < text.length) {
      while (from < text.length && /\s/.test(text[from]!)) from += 1;
      if (from >= text.length) break;
      const to = from + maxChars >= text.length ? text.length : cutPoint(text, from, maxChars);
      piece += 1;
      out.push({
        id: piece === 1 ? segment.id : `${segment.id}#${piece}`,
        speaker: segment.speaker,
        text: text.slice(from, to).trimEnd(),
        start: timed ? at(from) : segment.start,
        end: timed ? at(to) : segment.end,
      });
      from = to;
    }
  }
  return out;
}

/** Where the piece of `text` starting at `from` ends (exclusive), at most `maxChars` later. */
function cutPoint(text: string, from: number, maxChars: number): number {
  const window = text.slice(from, from + maxChars);
  let sentence = -1;
  SENTENCE_END.lastIndex = Math.floor(maxChars / 2);
  for (let match = SENTENCE_END.exec(window); match !== null; match = SENTENCE_END.exec(window)) {
    sentence = match.index + 1;
  }
  if (sentence > 0) return from + sentence;
  const space = window.search(/\s\S*$/);
  if (space > 0) return from + space;
  return from + maxChars;
}
