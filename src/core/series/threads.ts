import type { ItemLinks } from "./item-links.js";

/** The thread an item belongs to: the one it was carried along, or its own when it was first recorded here. */
export function threadOf(meetingId: string, itemId: string, links: ItemLinks): string {
  return links.carriedFrom?.thread ?? `${meetingId}/${itemId}`;
}

/**
 * One entry per thread, the latest copy (input oldest meeting first): an action carried through three meetings
 * is one action, as it stands now, not three.
 */
export function latestPerThread<T>(items: readonly T[], thread: (item: T) => string): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const key = thread(item);
    latest.delete(key);
    latest.set(key, item);
  }
  return [...latest.values()];
}
