import { TemplateError } from "../errors.js";
import { findJsonSyntaxError, lineAndColumn } from "../json-text.js";

/** Parses a JSON file's text; a syntax error names the file, the line and the column. */
export function parseJsonText(text: string, file: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch {
    // V8's messages do not always give a position, so locate the error with our own scanner.
    const { offset, message } = findJsonSyntaxError(source, "plain") ?? { offset: 0, message: "is not valid JSON" };
    const { line, column } = lineAndColumn(source, offset);
    throw new TemplateError(file, { path: "", message: `invalid JSON at line ${line}, column ${column}: ${message}` });
  }
}
