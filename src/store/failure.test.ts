import { createServer } from "node:net";
import { DrizzleQueryError } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { asUnavailable, DatabaseUnavailableError, failureMessage, unavailableProblem } from "./failure.js";

/** What the server sends: node-postgres's error with its SQLSTATE. */
function serverError(code: string, message: string): Error {
  const error = new pg.DatabaseError(message, message.length, "error");
  error.code = code;
  return error;
}

function socketError(code: string, address?: string, port?: number): Error {
  return Object.assign(new Error(`connect ${code}`), { code, address, port });
}

/** A statement that failed, as drizzle reports it: the driver's error is its cause. */
const failedStatement = (cause: Error) =>
  new DrizzleQueryError("insert into segments (id, text) values ($1, $2)", ["s1", "secret words"], cause);

describe("telling 'the database cannot be reached now' from other failures", () => {
  it.each([
    [socketError("ECONNREFUSED", "127.0.0.1", 5432), "connection refused at 127.0.0.1:5432"],
    [socketError("ECONNREFUSED", "::1", 5432), "connection refused at [::1]:5432"],
    [socketError("ECONNRESET"), "connection reset"],
    [socketError("ETIMEDOUT", "10.0.0.5", 5432), "connection timed out at 10.0.0.5:5432"],
    [socketError("ENOTFOUND"), "no such host"],
    [new Error("Connection terminated unexpectedly"), "the connection was closed unexpectedly"],
    [new Error("Connection terminated due to connection timeout"), "connecting timed out"],
    [new Error("timeout exceeded when trying to connect"), "no connection could be had in time"],
    [new Error("Client has encountered a connection error and is not queryable"), "the connection was lost"],
    [
      serverError("57P01", "terminating connection due to administrator command"),
      "the database server was shut down (SQLSTATE 57P01: terminating connection due to administrator command)",
    ],
    [serverError("57P02", "terminating connection because of crash of another server process"), /crashed/],
    [
      serverError("57P03", "the database system is starting up"),
      "the database server is not accepting connections yet (SQLSTATE 57P03: the database system is starting up)",
    ],
    [
      serverError("08006", "connection failure"),
      "the connection to the database failed (SQLSTATE 08006: connection failure)",
    ],
    [serverError("53300", "sorry, too many clients already"), /no free connections/],
  ])("%s → %s", (error, problem) => {
    expect(unavailableProblem(error)).toEqual(typeof problem === "string" ? problem : expect.stringMatching(problem));
    // The same error inside a failed statement, as drizzle throws it.
    expect(unavailableProblem(failedStatement(error))).toBe(unavailableProblem(error));
  });

  it("leaves every other failure alone: a bad value, a broken constraint, a bug", () => {
    for (const error of [
      serverError("22P02", 'invalid input syntax for type uuid: "abc"'),
      serverError("23505", "duplicate key value violates unique constraint"),
      serverError("40P01", "deadlock detected"),
      failedStatement(serverError("23503", "insert or update violates foreign key constraint")),
      new TypeError("Cannot read properties of undefined"),
      "a string",
      null,
    ]) {
      expect(unavailableProblem(error)).toBeNull();
      expect(asUnavailable(error)).toBeNull();
    }
  });

  it("gives a DocketError with code 'unavailable' whose message names neither the statement nor its values", () => {
    const error = asUnavailable(failedStatement(socketError("ECONNREFUSED", "127.0.0.1", 5432)));
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error?.code).toBe("unavailable");
    expect(error?.message).toBe("not stored: the database is unavailable; try again shortly");
    expect(error?.problem).toBe("connection refused at 127.0.0.1:5432");
    expect(failureMessage(error)).not.toMatch(/secret|insert/);
    // Already classified: kept as it is.
    expect(asUnavailable(error)).toBe(error);
  });

  it("recognises node-postgres's own error when nothing listens at the address", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new pg.Client({ connectionString: `postgres://nobody@127.0.0.1:${port}/docket` });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(unavailableProblem(error)).toBe(`connection refused at 127.0.0.1:${port}`);
  });
});
