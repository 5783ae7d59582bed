import { TranscriptError } from "../errors.js";
import { findJsonSyntaxError, lineAndColumn } from "../json-text.js";

/** First byte of a JSON document we accept: an object, or an array of objects (`[` then `{` or `]`). */
export function looksLikeJson(text: string): boolean {
  const start = text.trimStart();
  if (start.startsWith("{")) return true;
  return start.startsWith("[") && /^\[\s*[{\]]/.test(start.slice(0, 64));
}

/** JSON.parse with an error that names the line: `x.json:21: not valid JSON: Unexpected token "." (column 5)`. */
export function parseJsonDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found === null) {
      // Our scanner and V8 disagree: still say what V8 said, without its echo of the file's text.
      const message = error instanceof Error ? (error.message.split(', "')[0] ?? error.message) : String(error);
      throw new TranscriptError(file, null, `not valid JSON: ${message}`);
    }
    const { line, column } = lineAndColumn(text, found.offset);
    throw new TranscriptError(file, line, `not valid JSON: ${found.message} (column ${column})`);
  }
}
