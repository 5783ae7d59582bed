// Types for the team's scorer (score.mjs is kept byte-identical to ../shared/eval/score.mjs).
export interface ScoreRow {
  gold: number;
  predicted: number;
  matched: number;
  exact: number;
  missed: string[];
  extra: string[];
}
export interface ScorePair {
  kind: string;
  dice: number;
  gold: Record<string, unknown>;
  predicted: Record<string, unknown>;
  wrong: string[];
}
export interface ScoreResult {
  rows: Record<string, ScoreRow>;
  pairs: ScorePair[];
  f1Text: number;
  f1Exact: number;
  metrics: { cells: number; right: number } | null;
}
export function score(predicted: unknown, gold: unknown): ScoreResult;
export function contentWords(text: string): Set<string>;
export function dice(a: Set<string>, b: Set<string>): number;
