import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../../test/helpers/meeting.js";
import { createExtractor } from "./extractor.js";
import { createMetricReader, findTeam, leadingTeam } from "./metrics.js";
import { normalize } from "./text.js";

const columns =
  builtinTemplate("engineering-leadership-sync").sections.find((s) => s.kind === "metrics")?.columns ?? [];
const reader = createMetricReader(columns);
/** As the engine reads a sentence: fillers out, numbers as digits, lower case. */
const read = (said: string) => reader.read(normalize(said).toLowerCase());

describe("createMetricReader with the Engineering Leadership Sync metrics columns", () => {
  it("has the template's numeric columns", () => {
    expect(columns.filter((c) => c.type === "number").map((c) => c.id)).toEqual([
      "velocity",
      "incidents",
      "p1_mttr_min",
      "open_reqs",
      "attrition_90d",
    ]);
  });

  it.each([
    ["velocity was 84 points, 2 incidents, P1 MTTR 42 minutes", { velocity: 84, incidents: 2, p1_mttr_min: 42 }],
    [
      "So platform, velocity was eighty-four points, two incidents, P1 MTTR forty-two minutes.",
      { velocity: 84, incidents: 2, p1_mttr_min: 42 },
    ],
    ["3 open reqs and 0 attrition", { open_reqs: 3, attrition_90d: 0 }],
    ["velocity 61, incidents 4", { velocity: 61, incidents: 4 }],
    ["incidents were 3, mttr 45", { incidents: 3, p1_mttr_min: 45 }],
    ["we had 2 incidents and velocity of 70", { incidents: 2, velocity: 70 }],
    ["Our velocity is 42 and we have 5 open positions", { velocity: 42, open_reqs: 5 }],
    ["p1 mttr was about 90 minutes", { p1_mttr_min: 90 }],
    ["time to recover was 30 minutes", { p1_mttr_min: 30 }],
    ["velocity was down to 55 from 70", { velocity: 55 }],
    ["12 story points", { velocity: 12 }],
    ["velocity 84 pts", { velocity: 84 }],
    ["2 open roles", { open_reqs: 2 }],
    ["2 people left", { attrition_90d: 2 }],
  ])("%j → %j", (said, expected) => {
    expect(read(said)).toEqual(expected);
  });

  it.each([
    ["zero incidents", { incidents: 0 }],
    ["no incidents this sprint", { incidents: 0 }],
    ["one incident", { incidents: 1 }],
    ["we had no attrition", { attrition_90d: 0 }],
    ["nobody left, so 0 attrition", { attrition_90d: 0 }],
    ["mttr 0", { p1_mttr_min: 0 }],
  ])("counts said as words: %j → %j", (said, expected) => {
    expect(read(said)).toEqual(expected);
  });

  it.each(["no MTTR to report", "No P1 MTTR to report this time"])(
    "%j means there is no MTTR, not zero minutes",
    (said) => {
      expect(read(said)).not.toHaveProperty("p1_mttr_min");
    },
  );

  it.each([
    ["MTTR was 2 hours", 120],
    ["recovery time of 1 hour", 60],
    ["resolved in 2 hours", 120],
    ["P1 MTTR was 1.5 hours", 90],
  ])("converts hours to minutes for the minutes column: %j → %d", (said, minutes) => {
    expect(read(said)).toEqual({ p1_mttr_min: minutes });
  });

  it("gives each number to one column only", () => {
    expect(read("2 incidents, velocity 84")).toEqual({ incidents: 2, velocity: 84 });
  });

  it.each([
    "the weather was nice",
    "velocity is the thing we care about",
    "we talked about incidents",
    "Let's look at the numbers.",
  ])("reads nothing from %j", (said) => {
    expect(read(said)).toEqual({});
  });

  it("reads nothing when the template has no numeric columns", () => {
    expect(createMetricReader([]).read("velocity was 84 points")).toEqual({});
  });
});

describe("findTeam", () => {
  const nobody = () => false;

  it.each([
    ["Platform: velocity 84", "Platform"],
    ["Velocity for the Mobile team was 61", "Mobile"],
    ["The Data team had 2 incidents", "Data"],
  ])("%j names the team %j", (text, team) => {
    expect(findTeam(text, new Set(), nobody)).toBe(team);
  });

  it("prefers a team it already knows, in any case", () => {
    expect(findTeam("so platform had 2 incidents", new Set(["Platform"]), nobody)).toBe("Platform");
  });

  it("does not take a person for a team", () => {
    expect(findTeam("Numbers for the Priya team look fine", new Set(), (w) => w === "Priya")).toBeNull();
  });

  it.each(["Velocity was 84", "On Monday we shipped", "I think so"])("finds no team in %j", (text) => {
    expect(findTeam(text, new Set(), nobody)).toBeNull();
  });
});

describe("leadingTeam", () => {
  const nobody = () => false;

  it.each([
    ["So platform, velocity was 84", "Platform"],
    ["Mobile. Velocity 61", "Mobile"],
    ["Data: 2 incidents", "Data"],
  ])("%j opens with the team %j", (text, team) => {
    expect(leadingTeam(text, nobody)).toBe(team);
  });

  it.each(["Velocity was 84", "So, okay, velocity 84", "Yes, 2 incidents"])("%j names no team first", (text) => {
    expect(leadingTeam(text, nobody)).toBeNull();
  });

  it("does not take a person addressed first for a team", () => {
    expect(leadingTeam("Priya, velocity?", (w) => w.toLowerCase() === "priya")).toBeNull();
  });
});

describe("metrics said aloud in more shapes", () => {
  const rowsOf = (lines: [string, string][]) => {
    const extractor = createExtractor({
      template: builtinTemplate("engineering-leadership-sync"),
      meetingDate: "2025-09-16",
    });
    for (const [i, [speaker, text]] of lines.entries())
      extractor.push({ id: `s${i}`, speaker, text, start: i, end: i });
    return Object.fromEntries(extractor.metrics().map((r) => [r.team, r.values]));
  };

  it("takes the team of the person asked to report, and reads a team named with 'and' as written", () => {
    const rows = rowsOf([
      ["Renata", "Tomasz, you want to kick us off with Billing Core?"],
      ["Tomasz", "Sure. Velocity was seventy-two points this sprint."],
      ["Aisha", "Risk and Fraud. Velocity fifty-one. Two incidents."],
    ]);
    expect(rows["Billing Core"]).toEqual({ velocity: 72 });
    expect(rows["Risk & Fraud"]).toEqual({ velocity: 51, incidents: 2 });
  });

  it("lets a correction replace the figure it corrects", () => {
    const rows = rowsOf([
      ["Hannah", "Platform. Incidents four. Oh, actually, five, I forgot the one on Saturday."],
      ["Aisha", "Search. Velocity fifty-eight. Uh, no, sorry, fifty-five."],
    ]);
    expect(rows.Platform).toEqual({ incidents: 5 });
    expect(rows.Search).toEqual({ velocity: 55 });
  });

  it.each([
    ["Dispatch, two incidents, one P1, the sync outage, twenty-eight minutes to resolve.", 28],
    ["Gameplay. The P1 was the crash on resume, and that took, um, about an hour and a quarter to mitigate.", 75],
    ["Online. The MTTR on the worse one was thirty-eight minutes.", 38],
    ["Mobile. Time to mitigate was about an hour and a half.", 90],
  ])("reads recovery time said without the column's name: %s", (text, minutes) => {
    const rows = rowsOf([["Mira", `${text}`]]);
    expect(Object.values(rows)[0]?.p1_mttr_min).toBe(minutes);
  });
});
