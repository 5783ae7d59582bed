import { TemplateError } from "../errors.js";

/** Parses a JSON file's text; a syntax error names the file, the line and the column. */
export function parseJsonText(text: string, file: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch {
    // V8's messages do not always give a position, so locate the error with our own scanner.
    const { offset, problem } = findJsonSyntaxError(source) ?? { offset: 0, problem: "is not valid JSON" };
    const { line, column } = lineAndColumn(source, offset);
    throw new TemplateError(file, "", `invalid JSON at line ${line}, column ${column}: ${problem}`);
  }
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

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

/** The offset and a plain description of the first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): { offset: number; problem: string } | null {
  let pos = 0;
  const fail = (problem: string, at = pos): never => {
    throw new JsonSyntaxError(at, problem);
  };
  const skipSpace = (): void => {
    while (pos < text.length && " \t\r\n".includes(text[pos] ?? "")) pos++;
  };
  const describeHere = (): string => (pos >= text.length ? "the end of the file" : JSON.stringify(text[pos]));

  const parseString = (): void => {
    pos++; // opening quote
    while (true) {
      if (pos >= text.length) fail("a string is not closed with a double quote");
      const ch = text[pos] ?? "";
      if (ch === '"') {
        pos++;
        return;
      }
      if (ch === "\\") {
        const escaped = text[pos + 1] ?? "";
        if (escaped === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("\\u must be followed by 4 hex digits");
          pos += 6;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== "") {
          pos += 2;
        } else {
          fail(`unknown escape \\${escaped}`);
        }
      } else if (ch < " ") {
        fail("a line break or control character inside a string (write \\n)");
      } else {
        pos++;
      }
    }
  };

  const parseNumber = (): void => {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = pos;
    const found = match.exec(text);
    if (!found || found[0] === "-") fail(`expected a number, found ${describeHere()}`);
    pos += found?.[0].length ?? 0;
  };

  const parseValue = (): void => {
    skipSpace();
    const ch = text[pos];
    if (ch === undefined) fail("expected a value, found the end of the file");
    else if (ch === "{") parseObject();
    else if (ch === "[") parseArray();
    else if (ch === '"') parseString();
    else if (ch === "-" || (ch >= "0" && ch <= "9")) parseNumber();
    else {
      const word = ["true", "false", "null"].find((literal) => text.startsWith(literal, pos));
      if (!word) fail(`expected a value, found ${describeHere()}${ch === "'" ? " (use double quotes)" : ""}`);
      pos += word?.length ?? 0;
    }
  };

  const parseObject = (): void => {
    pos++;
    skipSpace();
    if (text[pos] === "}") {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (text[pos] !== '"') fail(`expected a field name in double quotes, found ${describeHere()}`);
      parseString();
      skipSpace();
      if (text[pos] !== ":") fail(`expected ":" after a field name, found ${describeHere()}`);
      pos++;
      parseValue();
      skipSpace();
      if (text[pos] === "}") {
        pos++;
        return;
      }
      if (text[pos] !== ",") fail(`expected "," or "}" after a value, found ${describeHere()}`);
      const comma = pos;
      pos++;
      skipSpace();
      if (text[pos] === "}") fail('a trailing comma before "}"', comma);
    }
  };

  const parseArray = (): void => {
    pos++;
    skipSpace();
    if (text[pos] === "]") {
      pos++;
      return;
    }
    while (true) {
      parseValue();
      skipSpace();
      if (text[pos] === "]") {
        pos++;
        return;
      }
      if (text[pos] !== ",") fail(`expected "," or "]" after a value, found ${describeHere()}`);
      const comma = pos;
      pos++;
      skipSpace();
      if (text[pos] === "]") fail('a trailing comma before "]"', comma);
    }
  };

  try {
    parseValue();
    skipSpace();
    if (pos < text.length) fail(`unexpected text after the end of the JSON value: ${describeHere()}`);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, problem: error.problem };
    // Nesting deep enough to exhaust the stack: say it is invalid without a position.
    if (error instanceof RangeError) return null;
    throw error;
  }
}
