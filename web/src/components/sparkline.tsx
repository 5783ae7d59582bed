import { formatDay, formatValue } from "./format";

interface SparklinePoint {
  value: number;
  /** YYYY-MM-DD: the meeting the value was reported in. */
  date: string;
}

/** A summary of a series in words: what a screen reader hears instead of the line. */
function describeSeries(label: string, points: SparklinePoint[], unit?: string): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return `${label}: no values yet`;
  if (points.length === 1) return `${label}: ${formatValue(last.value, unit)} on ${formatDay(last.date)}`;
  const change = last.value - first.value;
  const trend = change === 0 ? "unchanged" : `${change > 0 ? "up" : "down"} ${formatValue(Math.abs(change), unit)}`;
  return `${label}: from ${formatValue(first.value, unit)} on ${formatDay(first.date)} to ${formatValue(
    last.value,
    unit,
  )} on ${formatDay(last.date)}, ${trend} over ${points.length} meetings`;
}

/**
 * A small line chart of a series, oldest value on the left. It is an image with its summary as the accessible
 * name; the latest value is written next to it by the caller.
 */
export function Sparkline({
  points,
  label,
  unit,
  width = 120,
  height = 36,
}: {
  points: SparklinePoint[];
  label: string;
  unit?: string;
  width?: number;
  height?: number;
}) {
  const pad = 4;
  const values = points.map((point) => point.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) =>
    points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / Math.max(1, points.length - 1);
  const y = (value: number) =>
    max === min ? height / 2 : pad + (height - 2 * pad) * (1 - (value - min) / (max - min));
  const coordinates = points.map((point, i) => `${x(i).toFixed(1)},${y(point.value).toFixed(1)}`).join(" ");
  const last = points[points.length - 1];
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={describeSeries(label, points, unit)}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <line className="sparkline-base" x1={pad} x2={width - pad} y1={height - 1} y2={height - 1} />
      {points.length > 1 ? <polyline className="sparkline-line" points={coordinates} /> : null}
      {points.map((point, i) => (
        <circle
          // biome-ignore lint/suspicious/noArrayIndexKey: a series is drawn whole; two points may share a date
          key={i}
          className={point === last ? "sparkline-last" : "sparkline-dot"}
          cx={x(i)}
          cy={y(point.value)}
          r={point === last ? 3.5 : 2}
        />
      ))}
    </svg>
  );
}
