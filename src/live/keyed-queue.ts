/**
 * Runs tasks one at a time per key, in the order they were queued; different keys run concurrently. The live
 * pipeline queues every write to a meeting here, so that its in-memory extractor sees segments in the order
 * they are stored, and a process never holds several pool connections waiting on the same meeting's row lock.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.#tails.size;
  }
}
