export interface JsonSyntaxError {
  /** Offset of the offending character (text.length at an unexpected end). */
  offset: number;
  message: string;
}

type Expect = "value" | "firstValue" | "key" | "firstKey" | "colon" | "after";

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

function describe(char: string): string {
  return `Unexpected token ${JSON.stringify(char)}`;
}

/** Scans a string starting at the opening quote; returns the offset after it, or an error. */
function scanString(text: string, from: number): number | JsonSyntaxError {
  let i = from + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1; // closing quote
    if (c < 32) return { offset: i, message: "Bad control character in string literal" };
    if (c === 92) {
      const next = text.charAt(i + 1);
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: "Bad Unicode escape" };
        i += 6;
        continue;
      }
      if (!ESCAPES.has(next)) return { offset: i + 1, message: "Bad escaped character" };
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: text.length, message: "Unterminated string" };
}

/** Scans a number (`-?int frac? exp?`); returns the offset after it, or an error. */
function scanNumber(text: string, from: number): number | JsonSyntaxError {
  let i = from;
  const digits = (): number => {
    const begin = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i - begin;
  };
  if (text[i] === "-") i++;
  if (text[i] === "0") i++;
  else if (digits() === 0) return { offset: i, message: "No number after minus sign" };
  if (text[i] === ".") {
    i++;
    if (digits() === 0) return { offset: i, message: "Unterminated fractional number" };
  }
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    if (digits() === 0) return { offset: i, message: "Exponent part is missing a number" };
  }
  return i;
}

/**
 * Finds where JSON text first breaks the grammar. V8's JSON.parse messages do not always give a
 * position ("Unexpected token '.', … is not valid JSON"), and users need the line. Iterative, so deep
 * nesting cannot overflow the stack. Null when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: string[] = [];
  let expect: Expect = "value";
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
    if (i >= text.length) {
      return expect === "after" && stack.length === 0
        ? null
        : { offset: text.length, message: "Unexpected end of JSON input" };
    }
    const c = text.charAt(i);
    const top = stack.at(-1);
    if (expect === "after") {
      if (top === undefined) return { offset: i, message: "Unexpected non-whitespace character after JSON" };
      if (c === ",") expect = top === "{" ? "key" : "value";
      else if (c === (top === "{" ? "}" : "]")) stack.pop();
      else return { offset: i, message: `${describe(c)}, expected "," or "${top === "{" ? "}" : "]"}"` };
      i++;
      continue;
    }
    if (expect === "colon") {
      if (c !== ":") return { offset: i, message: "Expected ':' after property name" };
      expect = "value";
      i++;
      continue;
    }
    if (expect === "key" || expect === "firstKey") {
      if (c === "}" && expect === "firstKey") {
        stack.pop();
        expect = "after";
        i++;
        continue;
      }
      if (c !== '"') return { offset: i, message: "Expected double-quoted property name" };
      const end = scanString(text, i);
      if (typeof end !== "number") return end;
      i = end;
      expect = "colon";
      continue;
    }
    // expect is "value" or "firstValue"
    if (c === "]" && expect === "firstValue") {
      stack.pop();
      expect = "after";
      i++;
      continue;
    }
    if (c === "{" || c === "[") {
      stack.push(c);
      expect = c === "{" ? "firstKey" : "firstValue";
      i++;
      continue;
    }
    let end: number | JsonSyntaxError;
    if (c === '"') end = scanString(text, i);
    else if (c === "-" || (c >= "0" && c <= "9")) end = scanNumber(text, i);
    else {
      const literal = ["true", "false", "null"].find((word) => word[0] === c);
      if (literal === undefined) return { offset: i, message: describe(c) };
      let k = 0;
      while (k < literal.length && text[i + k] === literal[k]) k++;
      if (k < literal.length) {
        return i + k >= text.length
          ? { offset: text.length, message: "Unexpected end of JSON input" }
          : { offset: i + k, message: describe(text.charAt(i + k)) };
      }
      end = i + k;
    }
    if (typeof end !== "number") return end;
    i = end;
    expect = "after";
  }
}
