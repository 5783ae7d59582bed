import { describe, expect, it } from "vitest";
import { nextPath } from "./auth";

describe("where signing in leads", () => {
  it.each([
    ["?next=/spaces/abc", "/spaces/abc"],
    ["?next=%2Fmeetings%2Fm1%2Fnotes%3Ftab%3Dx", "/meetings/m1/notes?tab=x"],
    ["", "/"],
    ["?next=", "/"],
    ["?next=https://evil.example/", "/"],
    ["?next=//evil.example/", "/"],
    ["?next=/%5Cevil.example/", "/"],
    ["?next=javascript:alert(1)", "/"],
    ["?next=spaces", "/"],
  ])("%j → %j", (search, path) => {
    expect(nextPath(search)).toBe(path);
  });
});
