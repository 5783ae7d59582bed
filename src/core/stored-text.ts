import type { FieldProblem } from "./errors.js";

// PostgreSQL refuses a NUL in text (the statement fails), and an unpaired surrogate is not Unicode at all (it
// would be stored as U+FFFD, changed without a word). Input carrying either is refused, naming the field.

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string as text Docket stores, or null when nothing is. */
export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000), which is not text Docket can store";
  const surrogate = UNPAIRED_SURROGATE.exec(text);
  if (surrogate) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains an unpaired surrogate (\\u${code}), which is not valid Unicode text`;
  }
  return null;
}

/**
 * The first string in a parsed JSON value (or an object's key) that is not storable text, with its path from
 * `where` joined by dots ("body.distribution.emails.0"); null when every string is fine.
 */
export function findUnstorableText(value: unknown, where: string): FieldProblem | null {
  if (typeof value === "string") {
    const message = textProblem(value);
    return message ? { path: where, message } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) {
      const found = findUnstorableText(entry, `${where}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, entry] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      // A bad key cannot be quoted in the path as it is.
      if (keyProblem) return { path: where, message: `a field name ${keyProblem}` };
      const found = findUnstorableText(entry, `${where}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
