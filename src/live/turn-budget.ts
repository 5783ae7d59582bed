import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * PGlite runs every query on this thread and its promises resolve without a turn of the event loop, so one
 * transaction (an upload's batch, an engine rebuilt from a long meeting, a meeting's end) would hold every
 * request, live sender and signal until it commits. `pause()` gives them a turn once the work since the last
 * one has run `maxMs`; on PostgreSQL the queries' own waits are turns already, and a pause costs microseconds.
 */
export class TurnBudget {
  readonly #maxMs: number;
  #since = performance.now();

  constructor(maxMs: number) {
    this.#maxMs = maxMs;
  }

  async pause(): Promise<void> {
    if (performance.now() - this.#since < this.#maxMs) return;
    await nextTurn();
    this.#since = performance.now();
  }
}
