import { describe, expect, it } from "vitest";
import { dateFromHeaderLine, dateOfTimestamp, isHeaderLine, parseDateValue } from "./meeting-date.js";

describe("parseDateValue", () => {
  it.each([
    ["2025-03-17", "2025-03-17"],
    ["2025/3/7", "2025-03-07"],
    ["2025-03-17T09:00:00Z", "2025-03-17"],
    ["March 17, 2025", "2025-03-17"],
    ["17 March 2025", "2025-03-17"],
    ["Mon, Mar 17th 2025", "2025-03-17"],
    ["Sept 1 2025", "2025-09-01"],
    ["2024-02-29", "2024-02-29"], // leap day
  ])("%j → %s", (value, date) => {
    expect(parseDateValue(value)).toBe(date);
  });

  it.each(["03/04/2025", "2025-02-30", "2025-13-01", "next Tuesday", "Marketing 17 2025", ""])("%j → null", (value) => {
    expect(parseDateValue(value)).toBeNull();
  });
});

describe("header lines", () => {
  it("reads the date keys", () => {
    expect(dateFromHeaderLine("Date: 2025-03-17")).toBe("2025-03-17");
    expect(dateFromHeaderLine("Meeting date: March 17, 2025")).toBe("2025-03-17");
    expect(dateFromHeaderLine("Created: 2023-10-27T15:35:56.637Z")).toBe("2023-10-27");
    expect(dateFromHeaderLine("Rosa: 2025-03-17 works")).toBeNull();
  });

  it("knows title-block keys", () => {
    expect(isHeaderLine("Title: Weekly sync")).toBe(true);
    expect(isHeaderLine("Attendees: Rosa, Sam")).toBe(true);
    expect(isHeaderLine("Rosa Diaz: hello")).toBe(false);
  });

  it("takes a timestamp's date as written, not shifted to the reader's time zone", () => {
    expect(dateOfTimestamp("2023-03-08T23:59:30.0461639-08:00")).toBe("2023-03-08");
    expect(dateOfTimestamp(42)).toBeNull();
  });
});
