import { DrizzleQueryError } from "drizzle-orm";

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
