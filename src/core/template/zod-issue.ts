import { z } from "zod";
import type { FieldProblem } from "../errors.js";

type Issue = z.core.$ZodIssue;

/** `["sections", 2, "kind"]` → `sections[2].kind`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Parses with `schema` and returns the value, or the first problem in plain words. */
export function parseWithSchema<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { ok: true; value: z.output<T> } | { ok: false; problem: FieldProblem } {
  // reportInput lets the message quote what the file actually says ("got \"risk\"").
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, problem: { path: "", message: "is not valid" } };
  return { ok: false, problem: describeIssue(issue, schema) };
}

/** Turns one zod issue into a field path and a sentence a template author can act on. */
export function describeIssue(issue: Issue, schema: z.ZodType): FieldProblem {
  const path = formatPath(issue.path);
  const got = "input" in issue && issue.input !== undefined ? `; got ${describeValue(issue.input)}` : "";
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return { path, message: "is required" };
      return { path, message: `must be ${typeName(issue.expected)}${got}` };
    case "invalid_value":
      if (issue.values.length === 1) return { path, message: `must be ${describeValue(issue.values[0])}${got}` };
      return { path, message: `must be one of ${issue.values.map(String).join(", ")}${got}` };
    case "invalid_union": {
      if ("options" in issue && Array.isArray(issue.options) && "discriminator" in issue) {
        const key = String(issue.discriminator);
        const value = isRecord(issue.input) ? issue.input[key] : undefined;
        const gotValue = value === undefined ? "" : `; got ${describeValue(value)}`;
        const at = issue.path.at(-1) === key ? issue.path : [...issue.path, key];
        return {
          path: formatPath(at),
          message: `must be one of ${issue.options.map(String).join(", ")}${gotValue}`,
        };
      }
      return { path, message: "does not match any allowed form" };
    }
    case "invalid_format":
      return { path, message: `${issue.message}${got}` };
    case "too_small":
      return { path, message: `${tooSmall(issue)}${issue.origin === "number" ? got : ""}` };
    case "too_big":
      return { path, message: `${tooBig(issue)}${issue.origin === "number" ? got : ""}` };
    case "unrecognized_keys": {
      const key = issue.keys[0] ?? "";
      const known = knownKeysAt(schema, issue.path, issue.input);
      const unknownField = formatPath([...issue.path, key]);
      if (!known) return { path: unknownField, message: "is not a known field" };
      const guess = closestKey(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `known fields are ${known.join(", ")}`;
      return { path: unknownField, message: `is not a known field; ${hint}` };
    }
    default:
      return { path, message: issue.message };
  }
}

/** A short, quoted rendering of a value for "got …". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: "text",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "an object",
    record: "an object",
    null: "null",
  };
  return names[expected] ?? expected;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  const min = Number(issue.minimum);
  if (issue.origin === "string") return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
  if (issue.origin === "array" || issue.origin === "set") {
    return `must have at least ${min} ${min === 1 ? "entry" : "entries"}`;
  }
  return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  const max = Number(issue.maximum);
  if (issue.origin === "string") return `must be at most ${max} characters`;
  if (issue.origin === "array" || issue.origin === "set") return `must have at most ${max} entries`;
  return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap();
  }
  return current;
}

/** The field names the schema allows at `path`, so an unknown key can be answered with a suggestion. */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], input: unknown): string[] | null {
  let current = unwrap(schema);
  for (const key of path) {
    if (current instanceof z.ZodObject) {
      const next: z.core.$ZodType | undefined = (current.shape as Record<string, z.core.$ZodType>)[String(key)];
      if (!next) return null;
      current = unwrap(next);
    } else if (current instanceof z.ZodArray) {
      current = unwrap(current.element);
    } else if (current instanceof z.ZodRecord) {
      current = unwrap(current.valueType);
    } else {
      return null;
    }
  }
  if (current instanceof z.ZodDiscriminatedUnion && isRecord(input)) {
    // Pick the variant the object claims to be (its `kind`), and list that variant's fields.
    const discriminator = current.def.discriminator;
    const variant = current.options.find(
      (option) =>
        option instanceof z.ZodObject &&
        (option.shape as Record<string, z.ZodType>)[discriminator]?.safeParse(input[discriminator]).success,
    );
    if (variant) current = variant;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : null;
}

/** The known key nearest to a misspelt one (edit distance ≤ 2), if any. */
function closestKey(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
