import { asUnavailable, type DatabaseUnavailableError, failureMessage } from "./failure.js";

/** What the health check found: the database answered, or what is wrong with it. */
export type DatabaseHealth = { ok: true } | { ok: false; problem: string };

export interface AvailabilityOptions {
  /** Where the outage's two lines go (stderr in a server). */
  log: (line: string) => void;
  /** Clock milliseconds, for how long an outage lasted. */
  now?: () => number;
  /** During an outage, how often to look whether the database is back (with `watchWith`'s check); 2 s by default. */
  recheckMs?: number;
}

/**
 * Whether the database can be reached, as the process's own statements and connections find it. An outage is
 * logged once when it starts and once when it ends, however many requests fail in between: a stopped database
 * under load would otherwise write a line per request.
 */
export class Availability {
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  readonly #recheckMs: number;
  #outage: { since: number; problem: string } | null = null;
  #check: (() => Promise<unknown>) | null = null;
  #recheck: NodeJS.Timeout | null = null;

  constructor(options: AvailabilityOptions) {
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    this.#recheckMs = options.recheckMs ?? 2000;
  }

  /**
   * During an outage, `check` runs every few seconds (it notes the result itself): the end is noticed, and logged
   * when it happened, even when nothing else asks the database anything.
   */
  watchWith(check: () => Promise<unknown>): void {
    this.#check = check;
  }

  /** No more rechecks (the database is being closed). */
  stop(): void {
    this.#check = null;
    if (this.#recheck) clearTimeout(this.#recheck);
    this.#recheck = null;
  }

  /**
   * `error` as "unavailable" when it means the database cannot be reached now (and the outage noted); null for any
   * other error, which the caller reports as it would.
   */
  recognise(error: unknown): DatabaseUnavailableError | null {
    const unavailable = asUnavailable(error);
    if (unavailable) this.down(unavailable.problem);
    return unavailable;
  }

  /** The database cannot be reached: the first time in an outage, the log says so. */
  down(problem: string): void {
    if (this.#outage) return;
    this.#outage = { since: this.#now(), problem };
    this.#log(
      `docket: the database is unavailable: ${problem}. Requests get "unavailable" (HTTP 503) and /api/health answers 503 until it is back\n`,
    );
    this.#recheckLater();
  }

  #recheckLater(): void {
    const check = this.#check;
    if (!check || this.#recheck) return;
    this.#recheck = setTimeout(() => {
      void check()
        .catch(() => {})
        .finally(() => {
          this.#recheck = null;
          if (this.#outage) this.#recheckLater();
        });
    }, this.#recheckMs);
    this.#recheck.unref();
  }

  /** A statement or a new connection worked: an outage, if there was one, is over. */
  up(): void {
    const outage = this.#outage;
    if (!outage) return;
    this.#outage = null;
    const seconds = Math.max(0, Math.round((this.#now() - outage.since) / 1000));
    this.#log(`docket: the database is back after ${seconds} s\n`);
  }

  /** What is wrong while an outage lasts; null when the database was last found reachable. */
  get problem(): string | null {
    return this.#outage?.problem ?? null;
  }
}

export interface HealthCheckOptions {
  /** One cheap statement (`SELECT 1`). */
  probe: () => Promise<unknown>;
  availability: Availability;
  /** A probe slower than this counts as a failure (it is not started again until it ends). */
  timeoutMs?: number;
  /** A result is reused for this long: health stays fast under load and never piles up statements. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * The database's health for `/api/health`: a probe at most every `maxAgeMs`, one at a time. A probe that hangs
 * answers "did not answer within …" at its timeout, and no second one starts while it is still out.
 */
export class HealthCheck {
  readonly #options: Required<Omit<HealthCheckOptions, "now">> & { now: () => number };
  #last: { at: number; health: DatabaseHealth } | null = null;
  #answer: Promise<DatabaseHealth> | null = null;
  /** The probe itself, which may outlive its answer (timed out). */
  #probing: Promise<unknown> | null = null;

  constructor(options: HealthCheckOptions) {
    this.#options = { timeoutMs: 2000, maxAgeMs: 1000, now: Date.now, ...options };
  }

  check(): Promise<DatabaseHealth> {
    const { maxAgeMs, now } = this.#options;
    const last = this.#last;
    if (last && (now() - last.at < maxAgeMs || this.#probing)) return Promise.resolve(last.health);
    this.#answer ??= this.#probe().then((health) => {
      this.#last = { at: now(), health };
      this.#answer = null;
      return health;
    });
    // Once there is an answer, health never waits on the next probe: the embedded database runs one statement at a
    // time, and a probe queued behind an upload's batch would hold /api/health for as long as the batch takes.
    // The answer is at most one probe old (its timeout); the probe in flight updates it.
    return last ? Promise.resolve(last.health) : this.#answer;
  }

  async #probe(): Promise<DatabaseHealth> {
    const { probe, availability, timeoutMs } = this.#options;
    let probing: Promise<unknown>;
    try {
      probing = Promise.resolve(probe());
    } catch (error) {
      probing = Promise.reject(error);
    }
    this.#probing = probing;
    void probing.then(
      () => this.#settled(probing),
      () => this.#settled(probing),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      const outcome = await Promise.race([probing.then(() => "ok" as const), timeout]);
      if (outcome === "ok") {
        availability.up();
        return { ok: true };
      }
      const problem = `the database did not answer within ${timeoutMs} ms`;
      availability.down(problem);
      return { ok: false, problem };
    } catch (error) {
      const unavailable = availability.recognise(error);
      // Reachable but refusing even `SELECT 1` (a full disk, a missing role): still not able to serve.
      return {
        ok: false,
        problem: unavailable?.problem ?? `the database refused a health check: ${failureMessage(error)}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  #settled(probing: Promise<unknown>): void {
    if (this.#probing === probing) this.#probing = null;
  }
}
