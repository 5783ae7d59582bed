import type { MetricRow } from "../item.js";
import type { Column, Section } from "../template/template.js";
import { compareMeetings, compareNames, type ItemSource, sourceOf } from "./recorded-item.js";

/** A meeting of the Space and the metrics rows recorded in it. */
export interface MeetingMetrics extends ItemSource {
  scheduledAt: string;
  metrics: Pick<MetricRow, "team" | "values">[];
}

export interface MetricSeriesView {
  columns: { id: string; label: string; unit?: string }[];
  teams: { team: string; points: (ItemSource & { values: Record<string, number> })[] }[];
}

/** The metrics section's numeric columns: what a team's row is measured in (the team column is the row's name). */
export function metricColumns(sections: readonly Section[]): Column[] {
  const section = sections.find((candidate) => candidate.kind === "metrics");
  return (section?.columns ?? []).filter((column) => column.type === "number");
}

/** Team names as people type them: "platform " and "Platform" are one team. */
export function teamKey(team: string): string {
  return team.trim().toLowerCase();
}

/**
 * Each team's values per meeting, oldest meeting first, in the template's numeric columns. Teams are matched
 * case-insensitively and named as most recently written; two rows of one team in a meeting are merged.
 */
export function buildMetricSeries(sections: readonly Section[], meetings: readonly MeetingMetrics[]): MetricSeriesView {
  const columns = metricColumns(sections);
  const columnIds = new Set(columns.map((column) => column.id));
  const teams = new Map<string, { team: string; points: (ItemSource & { values: Record<string, number> })[] }>();
  for (const meeting of [...meetings].sort(compareMeetings)) {
    for (const row of meeting.metrics) {
      const name = row.team.trim();
      const values = Object.fromEntries(
        Object.entries(row.values).filter(([id, value]) => columnIds.has(id) && Number.isFinite(value)),
      );
      if (!name || Object.keys(values).length === 0) continue;
      const series = teams.get(teamKey(name)) ?? { team: name, points: [] };
      series.team = name;
      const last = series.points[series.points.length - 1];
      if (last?.meetingId === meeting.meetingId) Object.assign(last.values, values);
      else series.points.push({ ...sourceOf(meeting), values });
      teams.set(teamKey(name), series);
    }
  }
  return {
    columns: columns.map(({ id, label, unit }) => (unit === undefined ? { id, label } : { id, label, unit })),
    teams: [...teams.values()].sort((a, b) => compareNames(a.team, b.team)),
  };
}
