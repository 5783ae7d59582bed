/**
 * Where JSON text first breaks the grammar, for error messages that name a line and a column: V8's
 * JSON.parse messages do not always give a position ("Unexpected token '.', … is not valid JSON").
 * Pure: no I/O.
 */

/** The first syntax error in a JSON text: the offset of the offending character (text.length at an unexpected end). */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

/**
 * How the error is worded. "json-parse" uses JSON.parse's terms (`Unexpected token "."`) and points at the
 * character JSON.parse stops at; "plain" is for people editing a file by hand (`a trailing comma before "}"`)
 * and points at what to fix: the trailing comma, the backslash of a bad escape, the start of a misspelt word,
 * or the first character after the valid start of a number.
 */
export type JsonErrorWording = "json-parse" | "plain";

type Found = Record<JsonErrorWording, JsonSyntaxError>;

type Expect = "value" | "firstValue" | "key" | "firstKey" | "colon" | "after";

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/** Null when `text` is valid JSON (exactly when JSON.parse accepts it). Iterative, so deep nesting cannot overflow the stack. */
export function findJsonSyntaxError(text: string, wording: JsonErrorWording = "json-parse"): JsonSyntaxError | null {
  const found = scan(text);
  return found === null ? null : found[wording];
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function error(offset: number, jsonParse: string, plain: string, plainOffset = offset): Found {
  return { "json-parse": { offset, message: jsonParse }, plain: { offset: plainOffset, message: plain } };
}

function unexpectedToken(char: string): string {
  return `Unexpected token ${JSON.stringify(char)}`;
}

/** The character at `at` in quotes, or "the end of the file". */
function shown(text: string, at: number): string {
  return at >= text.length ? "the end of the file" : JSON.stringify(text.charAt(at));
}

/** The plain wording for what follows a complete value inside `top` ("{", "[", or nothing at the top level). */
function afterValue(text: string, at: number, top: string | undefined): string {
  if (top === undefined) return `unexpected text after the end of the JSON value: ${shown(text, at)}`;
  return `expected "," or "${top === "{" ? "}" : "]"}" after a value, found ${shown(text, at)}`;
}

/** Scans a string starting at the opening quote; returns the offset after it, or an error. */
function scanString(text: string, from: number): number | Found {
  let i = from + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1; // closing quote
    if (c < 32) {
      return error(
        i,
        "Bad control character in string literal",
        "a line break or control character inside a string (write \\n)",
      );
    }
    if (c === 92) {
      const next = text.charAt(i + 1);
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return error(i, "Bad Unicode escape", "\\u must be followed by 4 hex digits");
        }
        i += 6;
        continue;
      }
      if (!ESCAPES.has(next)) return error(i + 1, "Bad escaped character", `unknown escape \\${next}`, i);
      i += 2;
      continue;
    }
    i++;
  }
  return error(text.length, "Unterminated string", "a string is not closed with a double quote");
}

/**
 * Scans a number (`-?int frac? exp?`); returns the offset after it, or an error. The plain wording treats a
 * dangling "." or exponent as text after a complete number (`1.` is the number 1 followed by ".").
 */
function scanNumber(text: string, from: number, top: string | undefined): number | Found {
  let i = from;
  const digits = (): number => {
    const begin = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i - begin;
  };
  if (text[i] === "-") i++;
  if (text[i] === "0") i++;
  else if (digits() === 0) return error(i, "No number after minus sign", 'expected a number, found "-"', from);
  if (text[i] === ".") {
    const dot = i;
    i++;
    if (digits() === 0) {
      return error(i, "Unterminated fractional number", afterValue(text, dot, top), dot);
    }
  }
  if (text[i] === "e" || text[i] === "E") {
    const exponent = i;
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    if (digits() === 0) {
      return error(i, "Exponent part is missing a number", afterValue(text, exponent, top), exponent);
    }
  }
  return i;
}

function scan(text: string): Found | null {
  const stack: string[] = [];
  let expect: Expect = "value";
  let comma = 0; // offset of the last "," read
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
    const top = stack.at(-1);
    if (i >= text.length) {
      if (expect === "after" && top === undefined) return null;
      const plain =
        expect === "after"
          ? afterValue(text, i, top)
          : expect === "colon"
            ? 'expected ":" after a field name, found the end of the file'
            : expect === "key" || expect === "firstKey"
              ? "expected a field name in double quotes, found the end of the file"
              : "expected a value, found the end of the file";
      return error(text.length, "Unexpected end of JSON input", plain);
    }
    const c = text.charAt(i);
    if (expect === "after") {
      if (top === undefined) {
        return error(i, "Unexpected non-whitespace character after JSON", afterValue(text, i, top));
      }
      const close = top === "{" ? "}" : "]";
      if (c === ",") {
        expect = top === "{" ? "key" : "value";
        comma = i;
      } else if (c === close) stack.pop();
      else return error(i, `${unexpectedToken(c)}, expected "," or "${close}"`, afterValue(text, i, top));
      i++;
      continue;
    }
    if (expect === "colon") {
      if (c !== ":") {
        return error(i, "Expected ':' after property name", `expected ":" after a field name, found ${shown(text, i)}`);
      }
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
      if (c === "}") return error(i, "Expected double-quoted property name", 'a trailing comma before "}"', comma);
      if (c !== '"') {
        return error(
          i,
          "Expected double-quoted property name",
          `expected a field name in double quotes, found ${shown(text, i)}`,
        );
      }
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
    // Inside a list, a value is expected (rather than the first one) only after a comma.
    if (c === "]" && top === "[") return error(i, unexpectedToken(c), 'a trailing comma before "]"', comma);
    if (c === "{" || c === "[") {
      stack.push(c);
      expect = c === "{" ? "firstKey" : "firstValue";
      i++;
      continue;
    }
    let end: number | Found;
    if (c === '"') end = scanString(text, i);
    else if (c === "-" || (c >= "0" && c <= "9")) end = scanNumber(text, i, top);
    else {
      const literal = ["true", "false", "null"].find((word) => word[0] === c);
      const plain = `expected a value, found ${shown(text, i)}${c === "'" ? " (use double quotes)" : ""}`;
      if (literal === undefined) return error(i, unexpectedToken(c), plain);
      let k = 0;
      while (k < literal.length && text[i + k] === literal[k]) k++;
      if (k < literal.length) {
        return i + k >= text.length
          ? error(text.length, "Unexpected end of JSON input", plain, i)
          : error(i + k, unexpectedToken(text.charAt(i + k)), plain, i);
      }
      end = i + k;
    }
    if (typeof end !== "number") return end;
    i = end;
    expect = "after";
  }
}
