/**
 * Counts events per key in a sliding window, in memory: enough for one `docket serve` process (several processes
 * each keep their own count, so the limit is per process). The clock is injected so tests can move time.
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  /** Seconds until the key may try again, or 0 when it is under the limit. */
  retryAfterSeconds(key: string): number {
    const hits = this.#recent(key);
    if (hits.length < this.limit) return 0;
    // The oldest hit that keeps the key at the limit has to leave the window first.
    const oldest = hits[hits.length - this.limit] ?? this.now().getTime();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now().getTime()) / 1000));
  }

  hit(key: string): void {
    const hits = this.#recent(key);
    hits.push(this.now().getTime());
    this.#hits.set(key, hits);
    if (this.#hits.size > 10_000) this.#prune();
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }

  #recent(key: string): number[] {
    const since = this.now().getTime() - this.windowMs;
    const hits = (this.#hits.get(key) ?? []).filter((time) => time > since);
    if (hits.length === 0) this.#hits.delete(key);
    else this.#hits.set(key, hits);
    return hits;
  }

  /** Forgets keys whose hits have all left the window, so memory stays bounded under a spray of keys. */
  #prune(): void {
    for (const key of [...this.#hits.keys()]) this.#recent(key);
  }
}
