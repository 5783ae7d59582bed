import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../../test/helpers/meeting.js";
import { buildMetricSeries, metricColumns } from "./metric-series.js";

const sections = builtinTemplate("engineering-leadership-sync").sections;
const meeting = (n: number, date: string) => ({
  meetingId: `m${n}`,
  meetingTitle: `Sync ${n}`,
  meetingDate: date,
  scheduledAt: `${date}T15:00:00Z`,
});

describe("metricColumns", () => {
  it("is the metrics section's numeric columns, without the team column", () => {
    expect(metricColumns(sections).map((column) => column.id)).toEqual([
      "velocity",
      "incidents",
      "p1_mttr_min",
      "open_reqs",
      "attrition_90d",
    ]);
    expect(metricColumns(builtinTemplate("team-sync").sections)).toEqual([]);
  });
});

describe("buildMetricSeries", () => {
  it("gives each team its values per meeting, oldest first, teams by name and matched whatever the case", () => {
    const series = buildMetricSeries(sections, [
      { ...meeting(2, "2025-03-10"), metrics: [{ team: "platform", values: { velocity: 80, not_a_column: 3 } }] },
      {
        ...meeting(1, "2025-03-03"),
        metrics: [
          { team: "Platform", values: { velocity: 84 } },
          { team: "PLATFORM", values: { incidents: 2 } },
          { team: "Data", values: { velocity: 70 } },
          { team: "Nothing to show", values: { not_a_column: 1 } },
          { team: " ", values: { velocity: 1 } },
        ],
      },
    ]);
    expect(series.columns[0]).toEqual({ id: "velocity", label: "Velocity (pts)", unit: "pts" });
    expect(series.columns[1]).toEqual({ id: "incidents", label: "Incident Count" });
    expect(series.teams).toEqual([
      {
        team: "Data",
        points: [{ meetingId: "m1", meetingTitle: "Sync 1", meetingDate: "2025-03-03", values: { velocity: 70 } }],
      },
      {
        // Named as most recently written.
        team: "platform",
        points: [
          {
            meetingId: "m1",
            meetingTitle: "Sync 1",
            meetingDate: "2025-03-03",
            values: { velocity: 84, incidents: 2 },
          },
          { meetingId: "m2", meetingTitle: "Sync 2", meetingDate: "2025-03-10", values: { velocity: 80 } },
        ],
      },
    ]);
  });
});
