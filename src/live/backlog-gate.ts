/**
 * Process-wide back-pressure for live segments. Every segment a live sender sends is admitted here before it is
 * queued for the pipeline and leaves once its transaction is over (stored or failed). Past capacity the backlog grows
 * (segments waiting, and how long the oldest has waited); past either limit a new segment is refused with a time to
 * wait instead of being queued, so a sender slows down and queues never grow without bound. A refused segment is
 * neither stored nor acknowledged: sending it again is safe, as segments are idempotent by id.
 */

export interface BacklogLimits {
  /** Segments admitted and not yet stored, across the process, at which new ones are refused. */
  maxWaiting: number;
  /** Refuse new segments while the oldest waiting one has waited this long (ms). */
  maxWaitMs: number;
}

/** Defaults above normal load (README, "Limits"): `bench:live` at 1,000 meetings on PGlite never reaches them. */
export const BACKLOG_DEFAULTS: BacklogLimits = { maxWaiting: 5000, maxWaitMs: 2000 };

/** The wait a refusal asks for is the current queueing delay, within these bounds. */
export const MIN_RETRY_AFTER_MS = 100;
export const MAX_RETRY_AFTER_MS = 5000;

export type Admission = { admitted: true; leave: () => void } | { admitted: false; retryAfterMs: number };

export class BacklogGate {
  readonly #limits: BacklogLimits;
  readonly #now: () => number;
  /** Admission time by ticket, in admission order: the first entry is the oldest still waiting. */
  readonly #waiting = new Map<number, number>();
  #nextTicket = 0;

  /** `now`: a monotonic clock in ms (performance.now in the server, a fake in tests). */
  constructor(limits: BacklogLimits, now: () => number) {
    if (!(limits.maxWaiting >= 1) || !(limits.maxWaitMs >= 1)) {
      throw new RangeError("the backlog limits must be at least 1");
    }
    this.#limits = limits;
    this.#now = now;
  }

  /** Admits one segment (call `leave` once its transaction is over), or says how long the sender should wait. */
  admit(): Admission {
    const oldestWait = this.oldestWaitMs();
    if (this.#waiting.size >= this.#limits.maxWaiting || oldestWait >= this.#limits.maxWaitMs) {
      return { admitted: false, retryAfterMs: this.retryAfterMs() };
    }
    const ticket = this.#nextTicket++;
    this.#waiting.set(ticket, this.#now());
    let left = false;
    return {
      admitted: true,
      leave: () => {
        if (left) return;
        left = true;
        this.#waiting.delete(ticket);
      },
    };
  }

  /** Segments admitted and not yet stored. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** How long the oldest waiting segment has waited; 0 when none is waiting. */
  oldestWaitMs(): number {
    for (const admittedAt of this.#waiting.values()) return Math.max(0, this.#now() - admittedAt);
    return 0;
  }

  /**
   * How long a refused sender should wait: about as long as a segment now waits to be stored (the oldest's wait so
   * far), so the backlog has drained that far when it comes back; bounded so that a sender neither hammers nor stalls.
   */
  retryAfterMs(): number {
    return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, Math.ceil(this.oldestWaitMs())));
  }
}

/** The `message` of a refusal: what the sender sees. */
export function slowDownMessage(retryAfterMs: number): string {
  return `the server is busy: slow down and send again in ${retryAfterMs} ms`;
}
