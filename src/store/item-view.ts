import { MIN_CONFIDENCE } from "../core/extraction/extractor.js";
import type { Item } from "../core/item.js";
import { EDITABLE_FIELDS, type ItemEdits, type ItemReview, type ItemView } from "../core/item-view.js";
import type { ItemLinks } from "../core/series/item-links.js";

/** An item as stored: the engine's latest reading plus what people did to it. */
export interface StoredItem {
  item: Item;
  edits: ItemEdits;
  review: ItemReview;
  removed: boolean;
  links: ItemLinks;
}

/** People's corrections win over the engine: the effective item is the engine's with their edits laid over it. */
export function itemView(item: Item, edits: ItemEdits, review: ItemReview, links: ItemLinks = {}): ItemView {
  return { ...item, ...edits, review, edited: EDITABLE_FIELDS.filter((field) => field in edits), links };
}

/** Someone confirmed, rejected or corrected it. */
export function isReviewed(stored: Pick<StoredItem, "edits" | "review">): boolean {
  return stored.review !== "suggested" || Object.keys(stored.edits).length > 0;
}

/** An item the engine merged away is gone, unless a person already reviewed it: their work is kept. */
export function isVisible(stored: Omit<StoredItem, "links">): boolean {
  return !stored.removed || isReviewed(stored);
}

/** What goes into the notes: never a rejected item; a suggestion only once it is confident or confirmed. */
export function isInNotes(view: Pick<ItemView, "review" | "confidence">): boolean {
  if (view.review === "rejected") return false;
  return view.review === "confirmed" || view.confidence >= MIN_CONFIDENCE;
}

/**
 * The fields of an engine update that people see change: a field a person set keeps their value, so the
 * engine's change to it is not news. Empty when the update touched only edited fields.
 */
export function visibleChanges(changed: readonly string[], edits: ItemEdits): string[] {
  return changed.filter((field) => !(field in edits));
}

/** Items in the order they were said (first evidence), then by kind and the engine's running number. */
export function compareItems(a: Item, b: Item): number {
  const at = a.evidence[0]?.start ?? Number.POSITIVE_INFINITY;
  const bt = b.evidence[0]?.start ?? Number.POSITIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return runningNumber(a.id) - runningNumber(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function runningNumber(id: string): number {
  const match = /-(\d+)$/.exec(id);
  return match?.[1] ? Number(match[1]) : 0;
}
