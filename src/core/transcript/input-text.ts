import { TranscriptError } from "../errors.js";

/** How much of the file the binary check looks at: enough to see a header, cheap on big files. */
const SNIFF_CHARS = 8192;

/** A NUL this near the start is a binary header (ID3, RIFF, a zip's) or UTF-16, not a stray byte in text. */
const HEADER_CHARS = 32;

/**
 * Strips a UTF-8 BOM, turns CRLF / CR into LF, so every reader counts lines the same way, and NUL into U+FFFD,
 * as the WebVTT parsing rules do: one stray NUL must not lose the file. Throws for an empty file or one that is
 * not text (a file that says `WEBVTT` is text by its own word; others are judged by their characters).
 */
export function normalizeInput(text: string, file: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw new TranscriptError(file, null, "the file is empty");
  if (!body.startsWith("WEBVTT") && looksBinary(body)) {
    throw new TranscriptError(file, null, "this looks like a binary file, not a transcript");
  }
  const withoutNul = body.includes("\0") ? body.replaceAll("\0", "\uFFFD") : body;
  return withoutNul.includes("\r") ? withoutNul.replace(/\r\n?/g, "\n") : withoutNul;
}

/** A NUL near the start, or many control / replacement characters, mean the bytes were not text (audio, a .docx…). */
function looksBinary(text: string): boolean {
  const end = Math.min(text.length, SNIFF_CHARS);
  let odd = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 && i < HEADER_CHARS) return true;
    // Tab, LF, FF and CR are normal in text; other C0 controls and U+FFFD come from decoding binary data.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd > 8 && odd / end > 0.05;
}
