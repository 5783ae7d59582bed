import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError, lineAndColumn } from "./json-text.js";

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("findJsonSyntaxError", () => {
  // text, then offset and message in JSON.parse's wording, then in the plain wording.
  it.each([
    ['{\n "a": [1,\n ...\n]}', 13, 'Unexpected token "."', 13, 'expected a value, found "."'],
    ['{"a":', 5, "Unexpected end of JSON input", 5, "expected a value, found the end of the file"],
    ['{"a" 1}', 5, "Expected ':' after property name", 5, 'expected ":" after a field name, found "1"'],
    ["[1,2,]", 5, 'Unexpected token "]"', 4, 'a trailing comma before "]"'],
    [
      '{"a":1}}',
      7,
      "Unexpected non-whitespace character after JSON",
      7,
      'unexpected text after the end of the JSON value: "}"',
    ],
    [
      '{"a":"x\ny"}',
      7,
      "Bad control character in string literal",
      7,
      "a line break or control character inside a string (write \\n)",
    ],
    ['"\\u12"', 1, "Bad Unicode escape", 1, "\\u must be followed by 4 hex digits"],
    ["{a:1}", 1, "Expected double-quoted property name", 1, 'expected a field name in double quotes, found "a"'],
    ["[1 2]", 3, 'Unexpected token "2", expected "," or "]"', 3, 'expected "," or "]" after a value, found "2"'],
    ["[tru]", 4, 'Unexpected token "]"', 1, 'expected a value, found "t"'],
    ["-", 1, "No number after minus sign", 0, 'expected a number, found "-"'],
    ["1.", 2, "Unterminated fractional number", 1, 'unexpected text after the end of the JSON value: "."'],
    ['"abc', 4, "Unterminated string", 4, "a string is not closed with a double quote"],
  ])("%j: offset %d, %s", (text, offset, message, plainOffset, plainMessage) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, message });
    expect(findJsonSyntaxError(text, "plain")).toEqual({ offset: plainOffset, message: plainMessage });
  });

  it("does not overflow the stack on deep nesting", () => {
    expect(findJsonSyntaxError("[".repeat(200_000))?.message).toBe("Unexpected end of JSON input");
    expect(findJsonSyntaxError("[".repeat(200_000), "plain")?.message).toBe(
      "expected a value, found the end of the file",
    );
  });

  it("finds no error in anything JSON.stringify writes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, pretty ? 2 : undefined))).toBeNull();
      }),
    );
  });

  it("agrees with JSON.parse on damaged JSON", () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom("", ",", "}", "]", '"', ":", "'", "\\", "\n", "x"))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + (insert === "" ? 1 : 0));
      });
    fc.assert(
      fc.property(damaged, (text) => {
        expect(findJsonSyntaxError(text) === null).toBe(isValidJson(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with JSON.parse on what is valid", () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().map((t) => t.slice(0, Math.floor(t.length / 2))),
      fc.stringMatching(/^[[\]{}",:0-9.eE+\-tfnrulase \\]{0,30}$/),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        expect(findJsonSyntaxError(text) === null).toBe(isValidJson(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("lineAndColumn", () => {
  it("counts lines and columns from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
