import { describe, expect, it } from "vitest";
import { TemplateError } from "../errors.js";
import { parseJsonText } from "./parse-json-text.js";

function messageOf(text: string): string {
  try {
    parseJsonText(text, "bad.json");
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  return "(valid)";
}

describe("parseJsonText", () => {
  it("parses valid JSON, with or without a byte-order mark", () => {
    expect(parseJsonText('{"a": [1, true, null]}', "ok.json")).toEqual({ a: [1, true, null] });
    expect(parseJsonText('\uFEFF{"a": 1}', "ok.json")).toEqual({ a: 1 });
  });

  const cases: [string, string, string][] = [
    ["a missing comma", '{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: expected "," or "}" after a value, found "\\""'],
    ["a trailing comma", '{\n  "a": 1,\n}', 'line 2, column 9: a trailing comma before "}"'],
    ["a trailing comma in a list", '{"a": [1, 2,]}', 'line 1, column 12: a trailing comma before "]"'],
    ["single quotes", "{\n  'a': 1\n}", 'line 2, column 3: expected a field name in double quotes, found "\'"'],
    ["a single-quoted value", "{\"a\": 'b'}", 'line 1, column 7: expected a value, found "\'" (use double quotes)'],
    ["a bare word", '{"a": tru}', 'line 1, column 7: expected a value, found "t"'],
    [
      "an unclosed string",
      '{\n  "a": "b\n}',
      "line 2, column 10: a line break or control character inside a string (write \\n)",
    ],
    ["a string cut off at the end", '{"a": "b', "line 1, column 9: a string is not closed with a double quote"],
    [
      "an unclosed object",
      '{\n  "a": 1',
      'line 2, column 9: expected "," or "}" after a value, found the end of the file',
    ],
    ["an empty file", "", "line 1, column 1: expected a value, found the end of the file"],
    ["a missing colon", '{"a" 1}', 'line 1, column 6: expected ":" after a field name, found "1"'],
    ["a bad escape", '{"a": "\\x"}', "line 1, column 8: unknown escape \\x"],
    ["text after the value", '{"a": 1} x', 'line 1, column 10: unexpected text after the end of the JSON value: "x"'],
    ["a comment", '{\n  // note\n  "a": 1\n}', 'line 2, column 3: expected a field name in double quotes, found "/"'],
  ];

  it.each(cases)("names the file and the line of %s", (_name, text, expected) => {
    expect(messageOf(text)).toBe(`bad.json: invalid JSON at ${expected}`);
  });
});
