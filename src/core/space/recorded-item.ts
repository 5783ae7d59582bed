import type { Item } from "../item.js";

/** Where an item was recorded: the meeting, its title and its date in the Space's timezone (YYYY-MM-DD). */
export interface ItemSource {
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
}

/**
 * An item of one of the Space's meetings as people see it (their edits applied), with the meeting it was
 * recorded in. `scheduledAt` (ISO 8601) orders two meetings on the same date.
 */
export interface RecordedItem<I extends Item = Item> extends ItemSource {
  scheduledAt: string;
  item: I;
}

export function sourceOf(recorded: ItemSource): ItemSource {
  return { meetingId: recorded.meetingId, meetingTitle: recorded.meetingTitle, meetingDate: recorded.meetingDate };
}

/** Oldest meeting first: by date, then by the time it was scheduled, then by id so the order never wobbles. */
export function compareMeetings(
  a: Pick<RecordedItem, "meetingDate" | "scheduledAt" | "meetingId">,
  b: Pick<RecordedItem, "meetingDate" | "scheduledAt" | "meetingId">,
): number {
  return (
    compareText(a.meetingDate, b.meetingDate) ||
    Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt) ||
    compareText(a.meetingId, b.meetingId)
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** People's names and team names sort the way a person reads a list: case and accents aside. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, "en", { sensitivity: "base" }) || compareText(a, b);
}
