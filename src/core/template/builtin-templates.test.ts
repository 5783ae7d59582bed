import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../../test/helpers/meeting.js";
import type { Template } from "./template.js";

// The built-in templates are data in templates/ at the package root; each must pass the same checks as a user's.
const columnsOf = (template: Template, sectionId: string) =>
  template.sections.find((section) => section.id === sectionId)?.columns ?? [];

describe("engineering-leadership-sync", () => {
  const template = builtinTemplate("engineering-leadership-sync");

  it("is the seed's meeting: 60 minutes, biweekly, pre-read 24 h ahead", () => {
    expect(template).toMatchObject({
      name: "Engineering Leadership Sync",
      purpose: "Align engineering leaders on team health, risks, and strategic direction",
      durationMinutes: 60,
      cadence: "biweekly",
      preReadHours: 24,
    });
    expect(template.howToRun).toHaveLength(3);
    expect(template.howToRun[0]).toMatch(/^Start every meeting with metrics, not feelings\./);
    expect(template.beforeMeeting).toHaveLength(5);
    expect(template.beforeMeeting[0]).toBe(
      "Each EM updates their team's metrics in the shared doc 24 hours in advance",
    );
  });

  it("has the seed's sections in the seed's order, then Docket's open questions", () => {
    expect(template.sections.map((section) => [section.title, section.kind])).toEqual([
      ["Meeting Details", "details"],
      ["Key Metrics", "metrics"],
      ["Staffing Updates", "staffing"],
      ["Major Risks", "risks"],
      ["Strategic Initiatives", "initiatives"],
      ["Decisions", "decisions"],
      ["Escalations", "escalations"],
      ["Action Items", "actions"],
      ["Open Questions", "questions"],
    ]);
  });

  it("has the metrics columns other tools rely on, with words people say for them", () => {
    const columns = columnsOf(template, "metrics");
    expect(columns.map((column) => column.id)).toEqual([
      "team",
      "velocity",
      "incidents",
      "p1_mttr_min",
      "open_reqs",
      "attrition_90d",
    ]);
    expect(columns.map((column) => column.label)).toEqual([
      "Team",
      "Velocity (pts)",
      "Incident Count",
      "P1 MTTR",
      "Open Reqs",
      "Attrition (90d)",
    ]);
    const aliases = (id: string) => columns.find((column) => column.id === id)?.aliases ?? [];
    expect(aliases("velocity")).toContain("points");
    expect(aliases("incidents")).toContain("incidents");
    expect(aliases("p1_mttr_min")).toEqual(expect.arrayContaining(["MTTR", "recovery time", "time to recover"]));
    expect(aliases("open_reqs")).toEqual(expect.arrayContaining(["open roles", "reqs"]));
    expect(aliases("attrition_90d")).toEqual(
      expect.arrayContaining(["attrition", "regretted attrition", "people left"]),
    );
    expect(columns.find((column) => column.id === "p1_mttr_min")?.unit).toBe("min");
  });

  it("rates risks red / yellow / green with the seed's guide and columns", () => {
    const risks = template.sections.find((section) => section.id === "risks");
    expect(risks?.description).toBe(
      "Rate each risk red / yellow / green. Red = needs action this week. Yellow = monitoring. Green = resolved or on track.",
    );
    expect(risks?.ratingGuide).toEqual({
      red: "Needs action this week",
      yellow: "Monitoring",
      green: "Resolved or on track",
    });
    expect(columnsOf(template, "risks").map((column) => [column.id, column.label])).toEqual([
      ["rag", "Status"],
      ["text", "Risk"],
      ["owner", "Owner"],
      ["mitigation", "Mitigation"],
    ]);
  });

  it("has the seed's action item columns", () => {
    expect(columnsOf(template, "actions").map((column) => [column.id, column.label])).toEqual([
      ["owner", "Owner"],
      ["text", "Action"],
      ["due", "Due Date"],
      ["status", "Status"],
    ]);
  });

  it("keeps strategic and tactical sections apart, as the seed asks", () => {
    const strategic = Object.fromEntries(template.sections.map((section) => [section.id, section.strategic]));
    expect(strategic).toMatchObject({ initiatives: true, risks: true, escalations: false, actions: false });
  });

  it("turns the follow-up paragraph into rules", () => {
    expect(template.followUp.text).toMatch(/^Distribute notes to all engineering leadership within 2 hours/);
    expect(template.followUp.rules).toEqual([
      { kind: "distribute-notes", withinMinutes: 120, audience: "all engineering leadership" },
      { kind: "slack-summary", channel: "#eng-leadership", include: ["decision", "escalation"] },
      { kind: "red-risk-to-next-agenda" },
    ]);
  });
});

describe("product-engineering-sync", () => {
  const template = builtinTemplate("product-engineering-sync");

  it("is the seed's meeting: 45 minutes, weekly", () => {
    expect(template).toMatchObject({ durationMinutes: 45, cadence: "weekly" });
    expect(template.howToRun).toHaveLength(3);
    expect(template.beforeMeeting).toHaveLength(5);
  });

  it("has the seed's sections in the seed's order, then Docket's open questions", () => {
    expect(template.sections.map((section) => section.title)).toEqual([
      "Meeting Details",
      "Roadmap Status",
      "Upcoming Work",
      "Technical Constraints",
      "Risks",
      "Decisions",
      "Action Items",
      "Open Questions",
    ]);
  });

  it("has the seed's table columns", () => {
    expect(columnsOf(template, "roadmap").map((column) => [column.id, column.label])).toEqual([
      ["feature", "Feature"],
      ["progress", "Status"],
      ["target", "Target Date"],
      ["notes", "Notes"],
    ]);
    expect(columnsOf(template, "risks").map((column) => [column.id, column.label])).toEqual([
      ["text", "Risk"],
      ["owner", "Owner"],
      ["likelihood", "Likelihood"],
      ["impact", "Impact"],
      ["mitigation", "Mitigation"],
    ]);
    expect(columnsOf(template, "upcoming").map((column) => column.label)).toEqual(
      expect.arrayContaining(["Product intent", "Engineering flag"]),
    );
  });

  it("turns the follow-up paragraph into rules", () => {
    expect(template.followUp.rules).toEqual([
      { kind: "distribute-notes", withinMinutes: 120, audience: "the full PM team and the engineering team leads" },
      {
        kind: "communicate-before",
        what: "decisions that affect sprint planning",
        audience: "the broader engineering team",
        before: "the next sprint kickoff",
      },
      { kind: "unowned-risk-escalate" },
    ]);
  });
});

describe("team-sync", () => {
  const template = builtinTemplate("team-sync");

  it("is a short weekly meeting with updates, risks, decisions, actions and questions", () => {
    expect(template).toMatchObject({ name: "Team sync", cadence: "weekly" });
    expect(template.sections.map((section) => section.kind)).toEqual([
      "details",
      "notes",
      "risks",
      "decisions",
      "actions",
      "questions",
    ]);
  });
});
