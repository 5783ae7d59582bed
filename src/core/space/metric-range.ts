/** How many of a team's earlier values make its usual range, and how few are too few to have one. */
export const RANGE_HISTORY = 6;
export const RANGE_MIN_VALUES = 3;

export interface UsualRange {
  low: number;
  high: number;
}

/** The normal range a Space sets for a metric column (either end may be open); it wins over the team's history. */
export interface MetricBound {
  min?: number | undefined;
  max?: number | undefined;
}
/** Metric column id → its bound. */
export type MetricBounds = Record<string, MetricBound>;

/** The range a value is judged against: the Space's bound for the column when it has one, else the usual range. */
export function normalRange(bound: MetricBound | undefined, earlier: readonly number[]): UsualRange | null {
  if (bound && (bound.min !== undefined || bound.max !== undefined)) {
    return { low: bound.min ?? Number.NEGATIVE_INFINITY, high: bound.max ?? Number.POSITIVE_INFINITY };
  }
  return usualRange(earlier);
}

/**
 * A team's usual range for one metric: the mean ± 2 standard deviations (sample) of its last six earlier values,
 * oldest first. Null with fewer than three: too little history to call anything unusual. A metric that cannot
 * go below zero (all values so far ≥ 0) keeps its low end at zero.
 */
export function usualRange(earlier: readonly number[]): UsualRange | null {
  const values = earlier.filter(Number.isFinite).slice(-RANGE_HISTORY);
  if (values.length < RANGE_MIN_VALUES) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  const spread = 2 * Math.sqrt(variance);
  const low = mean - spread;
  return { low: values.every((value) => value >= 0) ? Math.max(0, low) : low, high: mean + spread };
}

export function isOutOfRange(value: number, range: UsualRange): boolean {
  return value < range.low || value > range.high;
}

/**
 * "Deploy frequency 2 (usual 8–12)": the column, the value and the range it fell outside; a Space's bound reads
 * "(at least 8)", "(at most 5)" or "(normal 8–12)".
 */
export function describeOutOfRange(label: string, value: number, range: UsualRange, bound = false): string {
  const { low, high } = range;
  const words = !bound
    ? `usual ${formatNumber(low)}–${formatNumber(high)}`
    : low === Number.NEGATIVE_INFINITY
      ? `at most ${formatNumber(high)}`
      : high === Number.POSITIVE_INFINITY
        ? `at least ${formatNumber(low)}`
        : `normal ${formatNumber(low)}–${formatNumber(high)}`;
  return `${label} ${formatNumber(value)} (${words})`;
}

/** At most one decimal: a range of 7.1834–12.8166 reads as 7.2–12.8. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A number typed into a pre-read cell: "12", "1,200", "42 min", "-3.5". Null when there is none. */
export function parseCellNumber(cell: string | undefined): number | null {
  const match = /-?\d[\d,]*(?:\.\d+)?|-?\.\d+/.exec(cell ?? "");
  if (!match) return null;
  const value = Number(match[0].replaceAll(",", ""));
  return Number.isFinite(value) ? value : null;
}
