import { describe, expect, it } from "vitest";
import { addDays, daysBetween, describeDate, describeTime, isTimeZone, localDate } from "./dates.js";

describe("dates in words", () => {
  it("reads the local date and adds days across months and years", () => {
    expect(localDate("2025-03-17T23:30:00Z", "Asia/Tokyo")).toBe("2025-03-18");
    expect(localDate("2025-03-17T03:30:00Z", "America/Los_Angeles")).toBe("2025-03-16");
    expect(localDate("2025-03-17T03:30:00Z", "Not/AZone")).toBe("2025-03-17");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(localDate(new Date("2025-03-17T23:30:00Z"), "Asia/Tokyo")).toBe("2025-03-18");
    expect(daysBetween("2025-02-27", "2025-03-02")).toBe(3);
  });

  it("knows a timezone by its IANA name", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("writes dates and times for people", () => {
    expect(describeDate("2025-03-21")).toBe("Friday 21 March 2025");
    expect(describeDate("next week")).toBe("next week");
    expect(describeTime("2025-03-18T13:00:00Z", "America/New_York")).toBe(
      "Tuesday 18 March at 09:00 (America/New_York)",
    );
    expect(describeTime("2025-03-18T13:00:00Z", "Not/AZone")).toBe("Tuesday 18 March at 13:00 (UTC)");
  });
});

describe("localDate", () => {
  it.each([
    ["2025-03-14T23:30:00Z", "UTC", "2025-03-14"],
    ["2025-03-14T23:30:00Z", "Asia/Tokyo", "2025-03-15"],
    ["2025-03-15T03:00:00Z", "America/Los_Angeles", "2025-03-14"],
    ["2025-03-14T12:00:00Z", "Pacific/Kiritimati", "2025-03-15"],
    ["2025-12-31T23:59:59Z", "Europe/Berlin", "2026-01-01"],
  ])("%s in %s is %s", (instant, timeZone, date) => {
    expect(localDate(new Date(instant), timeZone)).toBe(date);
  });
});
