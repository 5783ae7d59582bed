import { describe, expect, it } from "vitest";
import { type CalendarMeeting, escapeText, foldLine, renderCalendar } from "./ics.js";

const encoder = new TextEncoder();
const octets = (text: string) => encoder.encode(text).length;

/** A content line: name, parameters, raw value (still escaped). */
interface Property {
  name: string;
  params: string;
  value: string;
}

/** Reads a calendar the way a calendar app does: split on CRLF, unfold, split each line at its first colon. */
function parse(ics: string): { physical: string[]; properties: Property[] } {
  expect(ics.endsWith("\r\n")).toBe(true);
  const physical = ics.slice(0, -2).split("\r\n");
  for (const line of physical) expect(line).not.toMatch(/[\r\n]/);
  const unfolded = ics
    .replace(/\r\n[ \t]/g, "")
    .slice(0, -2)
    .split("\r\n");
  const properties = unfolded.map((line) => {
    const colon = line.indexOf(":");
    expect(colon).toBeGreaterThan(0);
    const head = line.slice(0, colon);
    const semicolon = head.indexOf(";");
    return {
      name: semicolon === -1 ? head : head.slice(0, semicolon),
      params: semicolon === -1 ? "" : head.slice(semicolon + 1),
      value: line.slice(colon + 1),
    };
  });
  return { physical, properties };
}

/** RFC 5545 3.3.11 in reverse. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === "n" || char === "N" ? "\n" : char));
}

function events(properties: Property[]): Property[][] {
  const out: Property[][] = [];
  let current: Property[] | null = null;
  for (const property of properties) {
    if (property.name === "BEGIN" && property.value === "VEVENT") current = [];
    else if (property.name === "END" && property.value === "VEVENT") {
      if (current) out.push(current);
      current = null;
    } else current?.push(property);
  }
  return out;
}

const field = (props: Property[], name: string) => props.filter((p) => p.name === name).map((p) => p.value);

function meeting(fields: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: "5f0c",
    title: "Eng leadership sync",
    scheduledAt: "2025-03-10T09:00:00.000Z",
    durationMinutes: 45,
    status: "scheduled",
    url: "https://docket.example/meetings/5f0c",
    description: "Weekly sync",
    ...fields,
  };
}

const NOW = "2025-03-01T12:34:56.789Z";

describe("renderCalendar", () => {
  it("writes the calendar and one event per meeting, in UTC, earliest first", () => {
    const ics = renderCalendar({
      spaceId: "space-1",
      spaceName: "Eng leadership",
      timezone: "Europe/Berlin",
      now: NOW,
      meetings: [
        meeting({
          id: "m2",
          title: "Sync 2",
          // An offset in the input still comes out in UTC.
          scheduledAt: "2025-03-17T10:00:00+01:00",
          durationMinutes: 90,
          status: "ended",
          url: "https://docket.example/meetings/m2?tab=notes,actions",
          description: "Second",
        }),
        meeting({ id: "m1", title: "Sync 1", description: "First" }),
      ],
    });
    const { properties } = parse(ics);
    const calendar = properties.filter((p) => !["BEGIN", "END"].includes(p.name)).slice(0, 9);
    expect(calendar.map((p) => [p.name, p.params, p.value])).toEqual([
      ["VERSION", "", "2.0"],
      ["PRODID", "", "-//Docket//Docket//EN"],
      ["CALSCALE", "", "GREGORIAN"],
      ["METHOD", "", "PUBLISH"],
      ["X-WR-CALNAME", "", "Eng leadership"],
      ["X-WR-TIMEZONE", "", "Europe/Berlin"],
      ["X-WR-RELCALID", "", "space-1@docket"],
      ["REFRESH-INTERVAL", "VALUE=DURATION", "PT1H"],
      ["X-PUBLISHED-TTL", "", "PT1H"],
    ]);
    expect(properties[0]).toEqual({ name: "BEGIN", params: "", value: "VCALENDAR" });
    expect(properties.at(-1)).toEqual({ name: "END", params: "", value: "VCALENDAR" });

    const [first, second, ...rest] = events(properties);
    expect(rest).toEqual([]);
    expect(first?.map((p) => [p.name, p.value])).toEqual([
      ["UID", "m1@docket"],
      ["DTSTAMP", "20250301T123456Z"],
      ["DTSTART", "20250310T090000Z"],
      ["DTEND", "20250310T094500Z"],
      ["SUMMARY", "Sync 1"],
      ["DESCRIPTION", "First"],
      ["URL", "https://docket.example/meetings/5f0c"],
      ["STATUS", "CONFIRMED"],
      ["SEQUENCE", "0"],
    ]);
    expect(field(second ?? [], "UID")).toEqual(["m2@docket"]);
    expect(field(second ?? [], "DTSTART")).toEqual(["20250317T090000Z"]);
    expect(field(second ?? [], "DTEND")).toEqual(["20250317T103000Z"]);
    // A URI is not text: its comma stays as it is.
    expect(field(second ?? [], "URL")).toEqual(["https://docket.example/meetings/m2?tab=notes,actions"]);
    expect(field(second ?? [], "STATUS")).toEqual(["CONFIRMED"]);
  });

  it("escapes backslash, semicolon, comma and line breaks in text, and restores them on reading", () => {
    const title = "Q2 plan; budget, hiring \\ roadmap\nPart 2";
    const description = "Agenda:\r\n1. Budget; 2. Hiring, 3. C:\\path\rEnd";
    const ics = renderCalendar({
      spaceId: "s",
      spaceName: "Ops, Infra; \\Team",
      timezone: "UTC",
      now: NOW,
      meetings: [meeting({ title, description })],
    });
    const { properties } = parse(ics);
    const [event] = events(properties);
    const [summary] = field(event ?? [], "SUMMARY");
    expect(summary).toBe("Q2 plan\\; budget\\, hiring \\\\ roadmap\\nPart 2");
    expect(unescapeText(summary ?? "")).toBe(title);
    expect(unescapeText(field(event ?? [], "DESCRIPTION")[0] ?? "")).toBe(
      "Agenda:\n1. Budget; 2. Hiring, 3. C:\\path\nEnd",
    );
    expect(unescapeText(field(properties, "X-WR-CALNAME")[0] ?? "")).toBe("Ops, Infra; \\Team");
    // No raw line break anywhere but between content lines.
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("folds long lines at 75 octets without splitting a character, and unfolding restores the text", () => {
    const description = `Revue du trimestre — équipe café ☕ et déploiement 🚀🚀 à Zürich, 日本語のメモ, ${"naïve façade 👩‍💻 ".repeat(12)}fin.`;
    const ics = renderCalendar({
      spaceId: "s",
      spaceName: "Équipe",
      timezone: "Europe/Paris",
      now: NOW,
      meetings: [meeting({ description })],
    });
    const { physical, properties } = parse(ics);
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // A multi-byte character split in two would leave half a surrogate pair at a line's edge.
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    const descriptionLines = physical.slice(physical.findIndex((line) => line.startsWith("DESCRIPTION:")));
    const continued = descriptionLines.slice(1).findIndex((line) => !line.startsWith(" ")) + 1;
    expect(continued).toBeGreaterThan(5);
    // Full lines: none ends more than 3 octets short (the most a 4-octet character can leave).
    for (const line of descriptionLines.slice(0, continued - 1)) expect(octets(line)).toBeGreaterThan(71);
    const [event] = events(properties);
    expect(unescapeText(field(event ?? [], "DESCRIPTION")[0] ?? "")).toBe(description);
  });

  it("writes an empty calendar for a Space without meetings", () => {
    const ics = renderCalendar({ spaceId: "s", spaceName: "Empty", timezone: "UTC", now: NOW, meetings: [] });
    const { properties } = parse(ics);
    expect(events(properties)).toEqual([]);
    expect(properties.map((p) => p.name)).toContain("X-WR-CALNAME");
  });

  it("refuses a meeting it cannot place in time", () => {
    const render = (fields: Partial<CalendarMeeting>, now = NOW) =>
      renderCalendar({ spaceId: "s", spaceName: "S", timezone: "UTC", now, meetings: [meeting(fields)] });
    expect(() => render({ scheduledAt: "next Tuesday" })).toThrow(/date and time/);
    expect(() => render({ durationMinutes: -5 })).toThrow(/duration/);
    expect(() => render({ durationMinutes: Number.NaN })).toThrow(/duration/);
    expect(() => render({}, "soon")).toThrow(/date and time for now/);
  });
});

describe("foldLine", () => {
  it("leaves a line of 75 octets alone and folds the 76th onto a continuation line", () => {
    const exact = "X".repeat(75);
    expect(foldLine(exact)).toBe(exact);
    expect(foldLine(`${exact}Y`)).toBe(`${exact}\r\n Y`);
    // A continuation's leading space counts: 74 characters after it.
    expect(foldLine("a".repeat(75 + 74 + 1))).toBe(`${"a".repeat(75)}\r\n ${"a".repeat(74)}\r\n a`);
  });

  it("moves a multi-byte character that would straddle the limit to the next line whole", () => {
    const line = `${"a".repeat(73)}é😀`;
    // 73 + 2 octets fill the first line; the 4-octet emoji goes on.
    expect(foldLine(line)).toBe(`${"a".repeat(73)}é\r\n 😀`);
    expect(foldLine(`${"a".repeat(74)}é`)).toBe(`${"a".repeat(74)}\r\n é`);
  });
});

describe("escapeText", () => {
  it("drops control characters a content line cannot hold, keeping tabs", () => {
    expect(escapeText("a\u0000b\u0007c\td\u007F")).toBe("abc\td");
    expect(escapeText("half \uD83D pair")).toBe("half \uFFFD pair");
  });
});
