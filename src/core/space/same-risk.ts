import { contentWordSet } from "../extraction/text.js";

/** Two risk texts sharing at least this share of their content words (Jaccard) describe the same risk. */
export const SAME_RISK_JACCARD = 0.5;
/**
 * A shorter restatement ("Auth latency still degraded") of a longer risk: nearly all of the shorter text's
 * content words appear in the longer one. Needs a few shared words, so "Hiring" alone matches nothing.
 */
const CONTAINED_SHARE = 0.8;
const CONTAINED_MIN_SHARED = 3;

/** Jaccard overlap of two texts' content words: stemmed, lower-cased, stop words left out. 0 when either has none. */
export function riskSimilarity(a: string, b: string): number {
  const { shared, sizeA, sizeB } = sharedWords(a, b);
  const union = sizeA + sizeB - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Whether two risk texts, recorded in different meetings, describe the same risk: their content words mostly
 * overlap, or one is a shorter restatement contained in the other. Case, word endings and filler words aside.
 */
export function isSameRisk(a: string, b: string): boolean {
  const { shared, sizeA, sizeB } = sharedWords(a, b);
  if (shared === 0) return false;
  if (shared / (sizeA + sizeB - shared) >= SAME_RISK_JACCARD) return true;
  return shared >= CONTAINED_MIN_SHARED && shared / Math.min(sizeA, sizeB) >= CONTAINED_SHARE;
}

function sharedWords(a: string, b: string): { shared: number; sizeA: number; sizeB: number } {
  const wordsA = contentWordSet(a);
  const wordsB = contentWordSet(b);
  let shared = 0;
  for (const word of wordsA) if (wordsB.has(word)) shared += 1;
  return { shared, sizeA: wordsA.size, sizeB: wordsB.size };
}
