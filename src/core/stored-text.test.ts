import { describe, expect, it } from "vitest";
import { findUnstorableText, textProblem } from "./stored-text.js";

describe("textProblem", () => {
  it.each([
    ["plain text", null],
    ["emoji 🔴 and accents é", null],
    ["tab\tnewline\n", null],
    ["nul\u0000inside", "contains a NUL character (\\u0000), which is not text Docket can store"],
    ["high \uD83D alone", "contains an unpaired surrogate (\\uD83D), which is not valid Unicode text"],
    ["low \uDC00 alone", "contains an unpaired surrogate (\\uDC00), which is not valid Unicode text"],
    ["ends high \uD83D", "contains an unpaired surrogate (\\uD83D), which is not valid Unicode text"],
  ])("%j", (text, problem) => {
    expect(textProblem(text)).toBe(problem);
  });
});

describe("findUnstorableText", () => {
  it("names the first bad string by its path", () => {
    expect(findUnstorableText({ name: "ok", distribution: { emails: ["a@b.c", "x\u0000"] } }, "body")).toEqual({
      path: "body.distribution.emails.1",
      message: expect.stringContaining("NUL"),
    });
    expect(findUnstorableText({ a: 1, b: [true, null, { c: "fine" }] }, "body")).toBeNull();
  });

  it("checks object keys too", () => {
    expect(findUnstorableText({ bounds: { "v\uD800": { min: 1 } } }, "body")).toEqual({
      path: "body.bounds",
      message: expect.stringContaining("a field name contains an unpaired surrogate"),
    });
  });
});
