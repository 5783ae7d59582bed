import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "./json-syntax-error.js";

describe("findJsonSyntaxError", () => {
  it.each([
    ['{\n "a": [1,\n ...\n]}', 13, 'Unexpected token "."'],
    ['{"a":', 5, "Unexpected end of JSON input"],
    ['{"a" 1}', 5, "Expected ':' after property name"],
    ["[1,2,]", 5, 'Unexpected token "]"'],
    ['{"a":1}}', 7, "Unexpected non-whitespace character after JSON"],
    ['{"a":"x\ny"}', 7, "Bad control character in string literal"],
    ['"\\u12"', 1, "Bad Unicode escape"],
    ["{a:1}", 1, "Expected double-quoted property name"],
    ["[1 2]", 3, 'Unexpected token "2", expected "," or "]"'],
    ["[tru]", 4, 'Unexpected token "]"'],
    ["-", 1, "No number after minus sign"],
    ["1.", 2, "Unterminated fractional number"],
    ['"abc', 4, "Unterminated string"],
  ])("%j: offset %d, %s", (text, offset, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, message });
  });

  it("agrees with JSON.parse on what is valid", () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().map((t) => t.slice(0, Math.floor(t.length / 2))),
      fc.stringMatching(/^[[\]{}",:0-9.eE+\-tfnrulase \\]{0,30}$/),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === null).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not overflow the stack on deep nesting", () => {
    expect(findJsonSyntaxError("[".repeat(200_000))?.message).toBe("Unexpected end of JSON input");
  });
});
