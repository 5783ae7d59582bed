// Series items for the core's series tests: an item recorded in a meeting, and the copy the series makes of it
// when the next meeting goes live (the same links `carryForward` writes).
import { createItem, type Item } from "../../src/core/item.js";
import type { ItemLinks } from "../../src/core/series/item-links.js";
import type { SeriesItem } from "../../src/core/series/series-item.js";

export type SeriesMeeting = Pick<SeriesItem, "meetingId" | "meetingTitle" | "meetingDate" | "scheduledAt">;

/** An item of meeting `at`, filed under the section named after its kind, changed half an hour into it. */
export function seriesItem(
  at: SeriesMeeting,
  fields: Pick<Item, "id" | "kind" | "text"> & Partial<Item>,
  links: ItemLinks = {},
  changedAt = `${at.meetingDate}T15:30:00Z`,
): SeriesItem {
  const { meetingId, meetingTitle, meetingDate, scheduledAt } = at;
  return {
    meetingId,
    meetingTitle,
    meetingDate,
    scheduledAt,
    item: createItem({ section: `${fields.kind}s`, ...fields }),
    links,
    changedAt,
  };
}

/** The copy of `source` in meeting `at`: its thread kept, one more meeting on its count. */
export function carriedCopy(
  at: SeriesMeeting,
  source: SeriesItem,
  options: { fields?: Partial<Item>; changedAt?: string; id?: string } = {},
): SeriesItem {
  const from = source.links.carriedFrom;
  return seriesItem(
    at,
    { ...source.item, id: options.id ?? `carried-${source.meetingId}-${source.item.id}`, ...options.fields },
    {
      carriedFrom: {
        thread: from?.thread ?? `${source.meetingId}/${source.item.id}`,
        meetingId: source.meetingId,
        itemId: source.item.id,
        firstMeetingId: from?.firstMeetingId ?? source.meetingId,
        firstMeetingDate: from?.firstMeetingDate ?? source.meetingDate,
        meetings: (from?.meetings ?? 1) + 1,
      },
    },
    options.changedAt,
  );
}
