import { DrizzleQueryError } from "drizzle-orm";
import { DocketError } from "../core/errors.js";

// A failed statement's error carries the statement and every parameter in its message: people's text, emails,
// token hashes. Nothing the log or a delivery log shows may contain them, so failures are described from here.

/** A database's own error (node-postgres and PGlite both have a SQLSTATE `code`). */
interface DatabaseErrorLike {
  code?: unknown;
  message: string;
}

/**
 * An unexpected error as the server's log writes it: its stack, except that a failed statement is named without
 * its parameters, and the database's reason with any quoted value left out.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof DrizzleQueryError) {
    const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    return [`${failureMessage(error)} in: ${oneLineQuery(error.query)}`, ...frames].join("\n");
  }
  return error.stack ?? `${error.name}: ${error.message}`;
}

/** One line for an unexpected error, safe to store or show (a delivery's last error): no statement, no values. */
export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof DrizzleQueryError)) return error.message;
  const cause = error.cause as DatabaseErrorLike | undefined;
  const reason = cause?.message ? withoutQuotedValues(cause.message) : "no reason given";
  const code = typeof cause?.code === "string" ? ` (SQLSTATE ${cause.code})` : "";
  return `a database statement failed: ${reason}${code}`;
}

/** `invalid input syntax for type uuid: "abc"` → `… uuid: "…"`: the database quotes the value it refused. */
function withoutQuotedValues(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"');
}

function oneLineQuery(query: string): string {
  const line = query.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * The database cannot be reached now (the server stopped, restarting, the network between): nothing was stored,
 * and the same request will work once it is back. Its message is what a client sees; `problem` is for the log and
 * the health check.
 */
/** What a client is told while the database is away. */
export const UNAVAILABLE_MESSAGE = "the database is unavailable; try again shortly";

export class DatabaseUnavailableError extends DocketError {
  constructor(
    readonly problem: string,
    message = `not stored: ${UNAVAILABLE_MESSAGE}`,
  ) {
    super("unavailable", message);
    this.name = "DatabaseUnavailableError";
  }
}

/** Socket errors (node:net) that mean the server is not there, with how each is told. */
const SOCKET_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ECONNABORTED: "connection aborted",
  EPIPE: "connection broken",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EHOSTDOWN: "host down",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "host name lookup failed",
};

/** node-postgres's own errors for a connection that went away or never came. */
const DRIVER_PROBLEMS: [RegExp, string][] = [
  [/^Connection terminated unexpectedly$/, "the connection was closed unexpectedly"],
  [/^Connection terminated due to connection timeout$/, "connecting timed out"],
  [/^timeout exceeded when trying to connect$/, "no connection could be had in time"],
  [/connection error and is not queryable/, "the connection was lost"],
  [/^Query read timeout$/, "the database did not answer in time"],
];

/**
 * Why the database cannot be reached now ("connection refused at 127.0.0.1:5432"), or null when the error is
 * anything else. Looks through a failed statement's wrapper to the driver's error; never names the statement.
 */
export function unavailableProblem(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof DatabaseUnavailableError) return current.problem;
    const problem = ownProblem(current);
    if (problem) return problem;
    current = current.cause;
  }
  return null;
}

/** The error as "unavailable" when it means the database cannot be reached now; null for any other error. */
export function asUnavailable(error: unknown): DatabaseUnavailableError | null {
  if (error instanceof DatabaseUnavailableError) return error;
  const problem = unavailableProblem(error);
  return problem === null ? null : new DatabaseUnavailableError(problem);
}

function ownProblem(error: Error): string | null {
  const { code, address, port } = error as Error & { code?: unknown; address?: unknown; port?: unknown };
  if (typeof code === "string") {
    const socket = SOCKET_PROBLEMS[code];
    if (socket) {
      // Node tries every address of a name in turn ("localhost": ::1, then 127.0.0.1) and reports them together.
      const addresses =
        error instanceof AggregateError
          ? error.errors.map((each: { address?: unknown; port?: unknown }) => where(each.address, each.port))
          : [where(address, port)];
      const at = addresses.filter((each) => each !== null).join(", ");
      return at ? `${socket} at ${at}` : socket;
    }
    const state = sqlStateProblem(code);
    if (state) return `${state} (SQLSTATE ${code}: ${withoutQuotedValues(error.message)})`;
  }
  for (const [pattern, problem] of DRIVER_PROBLEMS) if (pattern.test(error.message)) return problem;
  return null;
}

/** SQLSTATEs that mean "not now": the server is going down, coming up, or the connection itself failed. */
function sqlStateProblem(code: string): string | null {
  if (code === "57P01") return "the database server was shut down";
  if (code === "57P02") return "the database server crashed";
  if (code === "57P03") return "the database server is not accepting connections yet";
  // Every connection slot is taken: a busy or misconfigured server, not a bad request.
  if (code === "53300") return "the database server has no free connections";
  if (code.startsWith("08")) return "the connection to the database failed";
  return null;
}

function where(address: unknown, port: unknown): string | null {
  if (typeof address !== "string") return null;
  const host = address.includes(":") ? `[${address}]` : address;
  return typeof port === "number" ? `${host}:${port}` : host;
}
