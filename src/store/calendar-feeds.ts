import { and, eq } from "drizzle-orm";
import type { Db } from "./database.js";
import { calendarFeeds, memberships } from "./schema.js";

/** Private calendar addresses: one per person and Space, kept as the hash of its key. */

/** The person's calendar address for the Space; one they had before stops working. */
export async function saveCalendarFeed(
  db: Db,
  feed: { userId: string; spaceId: string; keyHash: string },
): Promise<void> {
  await db
    .insert(calendarFeeds)
    .values(feed)
    .onConflictDoUpdate({ target: [calendarFeeds.userId, calendarFeeds.spaceId], set: { keyHash: feed.keyHash } });
}

/** Whether the key opens the Space's calendar: it stands for its person, and only while they are still a member. */
export async function isCalendarKey(db: Db, spaceId: string, keyHash: string): Promise<boolean> {
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, calendarFeeds.userId), eq(memberships.spaceId, calendarFeeds.spaceId)),
    )
    .where(and(eq(calendarFeeds.spaceId, spaceId), eq(calendarFeeds.keyHash, keyHash)));
  return feed !== undefined;
}
