/**
 * How the outbox retries a delivery that failed for a reason that may pass (5xx, 429, network).
 *
 * Attempt 1 is the first send. After failed attempt n the next one waits 30 s × 2^(n−1), capped at an hour:
 *
 *   after attempt   1     2     3     4     5      6      7
 *   wait           30 s  1 min 2 min 4 min 8 min  16 min 32 min
 *
 * Attempt 8 is the last: about 63 minutes after the first, inside the usual "notes within 2 hours" deadline, and
 * past it the delivery is marked failed for people to see and retry. A target that says when to come back
 * (Retry-After, Slack's rate limits) is never asked sooner than that.
 */
export const MAX_ATTEMPTS = 8;

export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 60 * 60_000;
/** The most a jitter key adds to a wait: a tenth of it, so deliveries that failed together do not return together. */
export const MAX_JITTER_SHARE = 0.1;

/**
 * The wait in milliseconds before the attempt after failed attempt `attempt` (1-based). `jitterKey` (the
 * delivery's id, say) spreads deliveries by up to a tenth of the wait, the same for the same key and attempt.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, jitterKey?: string): number {
  const step = Math.max(1, Math.floor(Number.isFinite(attempt) ? attempt : 1));
  // 2^7 × 30 s already passes the cap; a larger exponent would only grow toward Infinity.
  const exponential = Math.min(BASE_DELAY_MS * 2 ** Math.min(step - 1, 16), MAX_DELAY_MS);
  const jitter =
    jitterKey === undefined ? 0 : Math.floor(exponential * MAX_JITTER_SHARE * unitHash(`${jitterKey}:${step}`));
  const asked = retryAfterMs !== null && Number.isFinite(retryAfterMs) ? Math.max(0, Math.ceil(retryAfterMs)) : 0;
  return Math.max(exponential + jitter, asked);
}

/** Whether a delivery whose attempt `attempt` failed (and could be retried) gets another one. */
export function hasAttemptsLeft(attempt: number): boolean {
  return attempt < MAX_ATTEMPTS;
}

/** A number in [0, 1) from a string (FNV-1a): deterministic, evenly spread enough for jitter. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}
