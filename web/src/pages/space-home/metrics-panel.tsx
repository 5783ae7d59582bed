import { useQuery } from "@tanstack/react-query";
import type { MetricSeries } from "../../../../src/api/space-views.js";
import { api } from "../../api";
import { ColumnHeadings } from "../../components/column-headings";
import { EmptyState, ErrorMessage, Loading } from "../../components/feedback";
import { formatDay, formatValue, slug } from "../../components/format";
import { Sparkline } from "../../components/sparkline";

/** The Metrics tab: each team's numbers per meeting, as sparklines and a table. */
export function MetricsPanel({ spaceId }: { spaceId: string }) {
  const series = useQuery({
    queryKey: ["metrics", spaceId],
    queryFn: () => api<MetricSeries>(`/api/spaces/${spaceId}/metrics`),
  });
  const columns = series.data?.columns.filter((column) => column.id !== "team") ?? [];
  const teams = series.data?.teams.filter((team) => team.points.length > 0) ?? [];
  return (
    <>
      <div className="panel-title">
        <h2>Metrics by team</h2>
        <p className="muted">Each team's numbers as reported in each meeting, oldest on the left.</p>
      </div>
      {series.isPending ? <Loading label="Loading the metrics" /> : null}
      <ErrorMessage error={series.error} title="The metrics could not be loaded" />
      {series.data && teams.length === 0 ? (
        <EmptyState title="No metrics yet">
          When teams report their numbers in a meeting or its pre-read — velocity, incidents, open roles — each team's
          trend is charted here.
        </EmptyState>
      ) : null}
      <div className="metric-teams">
        {teams.map((team) => (
          <TeamMetrics key={team.team} team={team} columns={columns} />
        ))}
      </div>
    </>
  );
}

function TeamMetrics({ team, columns }: { team: MetricSeries["teams"][number]; columns: MetricSeries["columns"] }) {
  const reported = columns.filter((column) => team.points.some((point) => typeof point.values[column.id] === "number"));
  return (
    <section className="panel metric-team" aria-labelledby={`team-${slug(team.team)}`}>
      <h3 id={`team-${slug(team.team)}`}>{team.team}</h3>
      <ul className="metric-tiles">
        {reported.map((column) => {
          const points = team.points.flatMap((point) => {
            const value = point.values[column.id];
            return typeof value === "number" ? [{ value, date: point.meetingDate }] : [];
          });
          const latest = points[points.length - 1];
          return (
            <li key={column.id} className="metric-tile">
              <span className="metric-label">{column.label}</span>
              <span className="metric-value">{latest ? formatValue(latest.value, column.unit) : "—"}</span>
              <Sparkline points={points} label={`${team.team} ${column.label}`} unit={column.unit} />
              {latest ? <span className="metric-date">{formatDay(latest.date, "short")}</span> : null}
            </li>
          );
        })}
      </ul>
      <details className="metric-values">
        <summary>Values by meeting</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <ColumnHeadings columns={reported} />
              </tr>
            </thead>
            <tbody>
              {team.points.map((point) => (
                <tr key={point.meetingId}>
                  <th scope="row">{formatDay(point.meetingDate)}</th>
                  {reported.map((column) => {
                    const value = point.values[column.id];
                    return <td key={column.id}>{typeof value === "number" ? formatValue(value, column.unit) : "—"}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
