import type { Item } from "../item.js";
import {
  compareMeetings,
  compareNames,
  compareText,
  type ItemSource,
  type RecordedItem,
  sourceOf,
} from "./recorded-item.js";

export interface OpenAction<I extends Item> extends ItemSource {
  item: I;
  overdue: boolean;
}

export interface OpenActionsByOwner<I extends Item> {
  today: string;
  owners: { owner: string | null; actions: OpenAction<I>[] }[];
}

/** An action item nobody has marked done. One without a status is open: the engine had nothing to say. */
export function isOpenAction(item: Item): boolean {
  return item.kind === "action" && item.status !== "done";
}

/** Due before today (both YYYY-MM-DD, so they compare as text). Due today is not overdue yet. */
export function isOverdue(item: Pick<Item, "due">, today: string): boolean {
  return item.due !== null && item.due < today;
}

/**
 * The open action items of the Space's meetings, one group per owner: owners by name with the unowned last;
 * within an owner the overdue first, then by due date (none last), then the oldest meeting first.
 */
export function groupOpenActions<I extends Item>(recorded: RecordedItem<I>[], today: string): OpenActionsByOwner<I> {
  const groups = new Map<string, { owner: string | null; entries: RecordedItem<I>[] }>();
  for (const entry of recorded) {
    if (!isOpenAction(entry.item)) continue;
    const owner = entry.item.owner?.trim() || null;
    // "Priya Raman" and "priya raman" are one person's list.
    const key = owner === null ? "" : owner.toLowerCase();
    const group = groups.get(key) ?? { owner, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }
  const owners = [...groups.values()]
    .sort((a, b) => {
      if (a.owner === null || b.owner === null) return a.owner === null ? (b.owner === null ? 0 : 1) : -1;
      return compareNames(a.owner, b.owner);
    })
    .map(({ owner, entries }) => ({
      owner,
      actions: entries
        .map((entry) => ({ entry, overdue: isOverdue(entry.item, today) }))
        .sort(
          (a, b) =>
            Number(b.overdue) - Number(a.overdue) ||
            compareDue(a.entry.item.due, b.entry.item.due) ||
            compareMeetings(a.entry, b.entry),
        )
        .map(({ entry, overdue }) => ({ ...sourceOf(entry), item: entry.item, overdue })),
    }));
  return { today, owners };
}

function compareDue(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return compareText(a, b);
}
