import type { RecordedItem } from "../space/recorded-item.js";
import type { ItemLinks } from "./item-links.js";

/**
 * An item of one of the Space's meetings as people see it (their edits applied), with the meeting it was recorded
 * in, its series links, and when it last changed (ISO 8601: the engine's last update or a person's review).
 */
export interface SeriesItem extends RecordedItem {
  links: ItemLinks;
  changedAt: string;
}
