import { describe, expect, it } from "vitest";
import { seedNotes } from "../../../test/helpers/meeting.js";
import type { MeetingNotes } from "./meeting-notes.js";
import { notesToJson } from "./notes-json.js";

describe("notesToJson", () => {
  const notes = seedNotes("engineering-leadership-sync");
  const json = notesToJson(notes);
  const section = (id: string) => json.sections.find((s) => s.id === id);

  it("lists the template's sections in order with their id, title and kind", () => {
    expect(json.sections.map((s) => [s.id, s.title, s.kind])).toEqual([
      ["details", "Meeting Details", "details"],
      ["metrics", "Key Metrics", "metrics"],
      ["staffing", "Staffing Updates", "staffing"],
      ["risks", "Major Risks", "risks"],
      ["initiatives", "Strategic Initiatives", "initiatives"],
      ["decisions", "Decisions", "decisions"],
      ["escalations", "Escalations", "escalations"],
      ["actions", "Action Items", "actions"],
      ["open-questions", "Open Questions", "questions"],
    ]);
  });

  it("gives table sections their columns and one row per item keyed by column id", () => {
    const risks = section("risks");
    expect(risks?.layout).toBe("table");
    expect(risks?.columns?.map((column) => column.id)).toEqual(["rag", "text", "owner", "mitigation"]);
    expect(risks?.rows?.[0]).toEqual({
      rag: "red",
      text: "Auth service latency degraded 40% after last deploy; root cause unclear",
      owner: "Priya",
      mitigation: "War room opened; rollback plan ready if no fix by EOD",
    });
    expect(risks?.rows?.[2]?.mitigation).toBeNull();
    expect(risks?.items.map((item) => item.id)).toEqual(["risks-1", "risks-2", "risks-3"]);
    expect(section("actions")?.rows?.[0]).toEqual({
      owner: "Priya",
      text: "Resolve auth latency or execute rollback",
      due: "2025-03-21",
      status: "open",
    });
  });

  it("takes section-specific columns from the item's fields", () => {
    expect(section("staffing")?.rows?.[0]).toEqual({
      team: "Mobile",
      role: "Senior iOS Engineer",
      text: "Offer accepted by candidate from Spotify, start date April 7. Backfills the open req from January.",
    });
    expect(section("staffing")?.layout).toBe("bullets");
  });

  it("gives sections without columns their items and no rows", () => {
    const decisions = section("decisions");
    expect(decisions?.columns).toBeNull();
    expect(decisions?.rows).toBeNull();
    expect(decisions?.items.map((item) => [item.status, item.owner])).toEqual([
      ["decided", "Priya"],
      ["decided", "Darius"],
    ]);
  });

  it("gives the metrics section one row per team, with null for a missing value", () => {
    expect(section("metrics")?.rows).toEqual([
      { team: "Platform", velocity: 84, incidents: 2, p1_mttr_min: 42, open_reqs: 3, attrition_90d: 0 },
      { team: "Mobile", velocity: 61, incidents: 0, p1_mttr_min: null, open_reqs: 1, attrition_90d: 1 },
      { team: "Data", velocity: 78, incidents: 1, p1_mttr_min: 18, open_reqs: 2, attrition_90d: 0 },
    ]);
    expect(json.metrics[1]).toEqual({
      team: "Mobile",
      values: { velocity: 61, incidents: 0, open_reqs: 1, attrition_90d: 1 },
      evidence: [],
    });
  });

  it("carries the meeting details, the template and the follow-up", () => {
    expect(json.meeting).toEqual({
      title: "Engineering Leadership Sync",
      date: null,
      facilitator: null,
      attendees: [],
      durationMinutes: null,
    });
    expect(json.template).toMatchObject({
      id: "engineering-leadership-sync",
      durationMinutes: 60,
      cadence: "biweekly",
    });
    expect(json.followUp.rules).toContainEqual({ kind: "red-risk-to-next-agenda" });
    expect(section("risks")?.ratingGuide).toMatchObject({ red: "Needs action this week" });
    expect(section("escalations")?.strategic).toBe(false);
  });

  it("is plain data that survives a JSON round trip", () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("writes the same bytes whatever order the input's keys are in", () => {
    const shuffled: MeetingNotes = {
      ...notes,
      items: notes.items.map((item) => {
        const reversed = Object.fromEntries(Object.entries(item).reverse()) as typeof item;
        return { ...reversed, fields: Object.fromEntries(Object.entries(item.fields).reverse()) };
      }),
      metrics: notes.metrics.map((row) => ({
        ...row,
        values: Object.fromEntries(Object.entries(row.values).reverse()),
      })),
    };
    expect(JSON.stringify(notesToJson(shuffled))).toBe(JSON.stringify(json));
  });

  it("lists items filed under a section the template lacks as unfiled", () => {
    const extra = { ...notes.items[0]!, id: "q1", kind: "question" as const, section: "questions", text: "Why?" };
    const result = notesToJson({ ...notes, items: [...notes.items, extra] });
    expect(result.unfiled.map((item) => item.id)).toEqual(["q1"]);
    expect(result.sections.flatMap((s) => s.items).some((item) => item.id === "q1")).toBe(false);
  });
});
