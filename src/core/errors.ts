import { z } from "zod";

export type ErrorCode =
  | "bad_input"
  | "not_found"
  | "forbidden"
  | "unauthorized"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "gone"
  /** Not now, through no fault of the request: the database cannot be reached (try again shortly). */
  | "unavailable";

/**
 * An error whose message is safe to show a user as it is. Edges map `code` to an exit code or an
 * HTTP status; anything that is not a DocketError is a bug and is reported as such.
 */
export class DocketError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DocketError";
  }
}

/** A transcript that cannot be read: names the file, the line (1-based) and the problem. */
export class TranscriptError extends DocketError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super("bad_input", `${file}${line === null ? "" : `:${line}`}: ${problem}`);
    this.name = "TranscriptError";
  }
}

/** A template that does not validate: names the file, the field path (empty: the whole file) and the problem. */
export class TemplateError extends DocketError {
  constructor(
    readonly file: string,
    readonly problem: FieldProblem,
  ) {
    super("bad_input", `${file}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`);
    this.name = "TemplateError";
  }
}

/** One problem with one field of an input: where (`sections[2].kind`, `body.title`) and what, in words. */
export const fieldProblemSchema = z.object({ path: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblemSchema>;
