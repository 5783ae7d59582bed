import { DocketError, type ErrorCode, type FieldProblem } from "../core/errors.js";
import { UNAVAILABLE_MESSAGE } from "../store/failure.js";

/** One error format for every route: `{"error": {"code", "message", "issues"?}}`. */
export interface ErrorBody {
  error: { code: ErrorCode | "internal"; message: string; issues?: FieldProblem[] };
}

export const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 503> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** Seconds a client is asked to wait (Retry-After) when the database is away: about as long as a restart takes. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export class ApiError extends DocketError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly issues?: FieldProblem[],
  ) {
    super(code, message);
    this.name = "ApiError";
  }
}

/** The 503 while the database is away: a read failed, or a write was not stored. */
export function unavailableBody(method: string): ErrorBody {
  const isRead = method === "GET" || method === "HEAD";
  const message = `${isRead ? "" : "not stored: "}${UNAVAILABLE_MESSAGE}`;
  return { error: { code: "unavailable", message } };
}

/** A 400 for one field: "body.ownerId: <problem>", with the field named in `issues` too. */
export function fieldError(path: string, message: string): ApiError {
  return new ApiError("bad_input", `${path}: ${message}`, [{ path, message }]);
}

export function errorBody(error: DocketError): ErrorBody {
  const issues = error instanceof ApiError ? error.issues : undefined;
  return { error: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } };
}

/** A 400 for input that failed its schema: the first problem in the message, every one in `issues`. */
export function invalidInput(
  where: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ApiError {
  const described = describeIssues(where, issues);
  const first = described[0];
  return new ApiError("bad_input", first ? `${first.path}: ${first.message}` : "invalid request", described);
}

/** "body.name: Required; body.role: Invalid option" from zod issues, paths joined with dots. */
export function describeIssues(
  where: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldProblem[] {
  return issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}
