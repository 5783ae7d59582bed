import { TranscriptError } from "../errors.js";

/** How much of the file the binary check looks at: enough to see a header, cheap on big files. */
const SNIFF_CHARS = 8192;

/**
 * Strips a UTF-8 BOM and turns CRLF / CR into LF, so every reader counts lines the same way.
 * Throws for an empty file or one that is not text.
 */
export function normalizeInput(text: string, file: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw new TranscriptError(file, null, "the file is empty");
  if (looksBinary(body)) throw new TranscriptError(file, null, "this looks like a binary file, not a transcript");
  return body.includes("\r") ? body.replace(/\r\n?/g, "\n") : body;
}

/** NULs, or many control / replacement characters, mean the bytes were not text (an audio file, a .docx…). */
function looksBinary(text: string): boolean {
  const end = Math.min(text.length, SNIFF_CHARS);
  let odd = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    // Tab, LF, FF and CR are normal in text; other C0 controls and U+FFFD come from decoding binary data.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd > 8 && odd / end > 0.05;
}
