import { describe, expect, it } from "vitest";
import {
  addDays,
  ago,
  canRun,
  canWrite,
  clientWords,
  clockTime,
  durationAttr,
  formatDay,
  formatValue,
  formatWhen,
  plural,
  slug,
  wallClock,
  withUnit,
  zonedIso,
} from "./format";

// Dates and numbers are written in the reader's locale; these tests check what does not depend on it.

describe("who may do what", () => {
  it.each([
    ["viewer", false, false],
    ["member", false, true],
    ["facilitator", true, true],
    ["owner", true, true],
    [undefined, false, false],
  ] as const)("a %s runs meetings: %s, writes: %s", (role, run, write) => {
    expect(canRun(role)).toBe(run);
    expect(canWrite(role)).toBe(write);
  });
});

describe("slug", () => {
  it.each([
    ["Eng sync, 2025-03-17", "eng-sync-2025-03-17"],
    ["  Platform & Infra  ", "platform-infra"],
    ["Équipe Produit", "equipe-produit"],
    ["Mobile – Senior iOS Engineer", "mobile-senior-ios-engineer"],
    ["!!!", ""],
    ["", ""],
  ])("%j → %j", (text, expected) => {
    expect(slug(text)).toBe(expected);
  });

  it("keeps a file name short, without a dash at the cut", () => {
    const long = slug(`${"word ".repeat(40)}end`);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe("plural and units", () => {
  it.each([
    [0, "row", undefined, "0 rows"],
    [1, "row", undefined, "1 row"],
    [2, "row", undefined, "2 rows"],
    [1, "delivery", "deliveries", "1 delivery"],
    [3, "delivery", "deliveries", "3 deliveries"],
  ] as const)("%s %s", (count, one, many, expected) => {
    expect(plural(count, one, many)).toBe(expected);
  });

  it("adds a column's unit unless its label already names it", () => {
    expect(withUnit(84, { label: "Velocity", unit: "pts" })).toBe("84 pts");
    expect(withUnit(84, { label: "Velocity (pts)", unit: "pts" })).toBe("84");
    expect(withUnit("42", { label: "MTTR", unit: null })).toBe("42");
    expect(withUnit(3, { label: "Incidents" })).toBe("3");
  });

  it("rounds a value to one decimal and adds its unit", () => {
    expect(formatValue(84.26, "pts")).toBe(`${(84.3).toLocaleString()} pts`);
    expect(formatValue(7)).toBe((7).toLocaleString());
    expect(formatValue(0.04, "%")).toBe(`${(0).toLocaleString()} %`);
  });
});

describe("calendar dates", () => {
  it("moves a date by whole days across months, years and leap days", () => {
    expect(addDays("2025-03-17", 7)).toBe("2025-03-24");
    expect(addDays("2025-01-31", 1)).toBe("2025-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    // Across a change of clocks the date still moves by one day, not by 23 or 25 hours.
    expect(addDays("2025-03-29", 1)).toBe("2025-03-30");
    expect(addDays("2025-10-26", 1)).toBe("2025-10-27");
  });

  it("writes a date as its day, whatever the reader's time zone, the year left out when short", () => {
    const medium = formatDay("2025-03-17");
    expect(medium).toContain("17");
    expect(medium).toContain("2025");
    expect(formatDay("2025-03-17", "short")).toContain("17");
    expect(formatDay("2025-03-17", "short")).not.toContain("2025");
    const monday = new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" }).format(
      new Date("2025-03-17T12:00:00Z"),
    );
    expect(formatDay("2025-03-17", "long")).toContain(monday);
  });

  it("gives back what is not a date as it is", () => {
    expect(formatDay("next week")).toBe("next week");
    expect(formatWhen("not a time", "UTC")).toBe("not a time");
  });

  it("writes an instant in the Space's time zone, and still writes it for a zone it does not know", () => {
    const berlin = formatWhen("2025-03-24T14:00:00Z", "Europe/Berlin");
    const tokyo = formatWhen("2025-03-24T14:00:00Z", "Asia/Tokyo");
    expect(berlin).not.toBe(tokyo);
    expect(formatWhen("2025-03-24T14:00:00Z", "Not/AZone")).toBeTruthy();
  });
});

describe("wall clocks in a time zone", () => {
  it.each([
    ["2025-03-24T14:00:00Z", "UTC", { date: "2025-03-24", time: "14:00" }],
    ["2025-03-24T14:00:00Z", "Europe/Berlin", { date: "2025-03-24", time: "15:00" }],
    ["2025-07-01T14:00:00Z", "Europe/Berlin", { date: "2025-07-01", time: "16:00" }],
    ["2025-03-24T02:30:00Z", "America/New_York", { date: "2025-03-23", time: "22:30" }],
    ["2025-03-24T23:30:00Z", "Asia/Kolkata", { date: "2025-03-25", time: "05:00" }],
    // An unknown zone falls back to UTC rather than failing the page.
    ["2025-03-24T14:00:00Z", "Not/AZone", { date: "2025-03-24", time: "14:00" }],
  ])("%s in %s", (iso, zone, expected) => {
    expect(wallClock(iso, zone)).toEqual(expected);
  });

  it.each([
    ["2025-03-24", "15:00", "Europe/Berlin", "2025-03-24T15:00:00+01:00"],
    ["2025-07-01", "15:00", "Europe/Berlin", "2025-07-01T15:00:00+02:00"],
    ["2025-01-15", "09:30", "America/New_York", "2025-01-15T09:30:00-05:00"],
    ["2025-06-15", "09:30", "America/New_York", "2025-06-15T09:30:00-04:00"],
    ["2025-03-24", "10:00", "Asia/Kolkata", "2025-03-24T10:00:00+05:30"],
    ["2025-03-24", "10:00", "UTC", "2025-03-24T10:00:00+00:00"],
    // The day the clocks go forward and the day they go back: the offset in force at that hour.
    ["2025-03-30", "12:00", "Europe/Berlin", "2025-03-30T12:00:00+02:00"],
    ["2025-10-26", "12:00", "Europe/Berlin", "2025-10-26T12:00:00+01:00"],
  ])("%s %s in %s is %s", (date, time, zone, expected) => {
    expect(zonedIso(date, time, zone)).toBe(expected);
    expect(wallClock(expected, zone)).toEqual({ date, time });
  });

  it.each([
    ["2025-3-24", "15:00", "UTC"],
    ["2025-03-24", "3pm", "UTC"],
    ["", "", "UTC"],
    ["2025-02-30", "15:00", "UTC"],
    ["2025-03-24", "24:30", "UTC"],
    ["2025-03-24", "15:00", "Not/AZone"],
  ])("%j %j in %s is not a time", (date, time, zone) => {
    expect(zonedIso(date, time, zone)).toBeNull();
  });
});

describe("times in a meeting", () => {
  it.each([
    [0, "00:00"],
    [65.9, "01:05"],
    [3599, "59:59"],
    [3729, "1:02:09"],
    [-3, "00:00"],
    [null, "--:--"],
    [undefined, "--:--"],
    [Number.NaN, "--:--"],
  ])("%s s is %s", (seconds, shown) => {
    expect(clockTime(seconds)).toBe(shown);
  });

  it("gives a duration attribute for <time>, or none", () => {
    expect(durationAttr(245.4)).toBe("PT245S");
    expect(durationAttr(-1)).toBe("PT0S");
    expect(durationAttr(null)).toBeUndefined();
  });

  it.each([
    [0, "0 s ago"],
    [3_400, "3 s ago"],
    [89_000, "89 s ago"],
    [90_000, "2 min ago"],
    [89 * 60_000, "89 min ago"],
    [90 * 60_000, "2 h ago"],
    [-5_000, "0 s ago"],
  ])("%s ms is %s", (ms, shown) => {
    expect(ago(ms)).toBe(shown);
  });

  it("names a capture app in words", () => {
    expect(clientWords("web")).toBe("browser microphone");
    expect(clientWords("upload:standup.vtt")).toBe("upload of standup.vtt");
    expect(clientWords("docket-live")).toBe("docket live");
    expect(clientWords("zoom_bridge__v2")).toBe("zoom bridge v2");
    expect(clientWords("--")).toBe("unnamed sender");
  });
});
