import { describe, expect, it } from "vitest";
import { ApiFailure, describeError } from "./api";

describe("an error in words", () => {
  it("gives the server's message and each field it names, without the transport's prefix", () => {
    const failure = new ApiFailure(400, "bad_input", "body.title: must not be empty", [
      { path: "body.title", message: "must not be empty" },
      { path: "query.after", message: "must be a whole number" },
    ]);
    expect(describeError(failure)).toBe(
      "body.title: must not be empty — title: must not be empty — after: must be a whole number",
    );
  });

  it("asks a signed-out person to sign in again", () => {
    expect(describeError(new ApiFailure(401, "unauthorized", "no session"))).toBe(
      "You are signed out. Sign in again to continue.",
    );
  });

  it("gives any other error's message", () => {
    expect(describeError(new Error("Docket could not be reached."))).toBe("Docket could not be reached.");
    expect(describeError("plain")).toBe("plain");
  });
});
