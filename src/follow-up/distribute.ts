import { sql } from "drizzle-orm";
import { HOUR_MS } from "../core/calendar/dates.js";
import { draftArtifact, mentionsCustomers } from "../core/drafts/drafts.js";
import { notesEmail, slackSummary } from "../core/follow-up/messages.js";
import { slackSummaryKinds } from "../core/follow-up/rules.js";
import type { ItemLinks } from "../core/series/item-links.js";
import { threadOf } from "../core/series/threads.js";
import type { FollowUpRule } from "../core/template/template.js";
import type { DeliveryChannel } from "../integrations/channel.js";
import { emailChannel } from "../integrations/email/channel.js";
import { salesforceChannel, salesforceTask } from "../integrations/salesforce/channel.js";
import { slackChannel } from "../integrations/slack/channel.js";
import { webhookChannel } from "../integrations/webhook/channel.js";
import { meetingNotes } from "../live/read-meeting.js";
import { isoOf, jsonParam, type Queryable, query } from "../live/sql.js";
import type { Distribution } from "../store/schema.js";
import type { FollowUpConfig } from "./config.js";
import { readIntegrations } from "./integrations.js";
import { enqueueDeliveries, type NewDelivery } from "./outbox.js";

interface EndedMeeting {
  id: string;
  spaceId: string;
  spaceName: string;
  title: string;
  meetingDate: string;
  /** Null only inside the transaction that is ending it. */
  endedAt: string | null;
  distribution: Distribution;
  rules: FollowUpRule[];
}

/**
 * The meeting with what its follow-up needs; null once its notes went out. `lock` (distribution) also requires it
 * to have ended; the end hook runs in the transaction that is ending it, before its status changes.
 */
async function readEndedMeeting(tx: Queryable, meetingId: string, lock: boolean): Promise<EndedMeeting | null> {
  const [row] = await query<EndedMeeting & { distributedAt: string | null }>(
    tx,
    sql`SELECT m.id, m.space_id AS "spaceId", s.name AS "spaceName", m.title, m.meeting_date AS "meetingDate",
          ${isoOf(sql`m.ended_at`)} AS "endedAt", s.distribution, s.follow_up_rules AS rules,
          m.distributed_at AS "distributedAt"
        FROM meetings m JOIN spaces s ON s.id = m.space_id
        WHERE m.id = ${meetingId} ${lock ? sql`AND m.status = 'ended' FOR UPDATE OF m` : sql``}`,
  );
  if (!row || row.distributedAt !== null) return null;
  return row;
}

/**
 * Inside the transaction that ends a meeting: when its notes go out by themselves (half-way to the Space's
 * deadline), and the drafts its escalations call for (the customer communication an escalation mentions).
 */
export async function onMeetingEnded(tx: Queryable, meetingId: string, at: string): Promise<void> {
  const meeting = await readEndedMeeting(tx, meetingId, false);
  if (!meeting) return;
  const halfWindowMs = (meeting.distribution.followUpHours * HOUR_MS) / 2;
  const distributeAt = new Date(Date.parse(at) + halfWindowMs).toISOString();
  await query(tx, sql`UPDATE meetings SET distribute_at = ${distributeAt}::timestamptz WHERE id = ${meetingId}`);
  const notes = await meetingNotes(tx, meetingId);
  const context = {
    spaceName: meeting.spaceName,
    meetingTitle: meeting.title,
    meetingDate: meeting.meetingDate,
    items: notes.items,
  };
  const drafts = notes.items
    .filter((item) => (item.kind === "escalation" || item.kind === "risk") && mentionsCustomers(item))
    .map((item) => ({ itemId: item.id, ...draftArtifact("customer-communication", context, item) }));
  await insertDrafts(tx, meetingId, "customer-communication", drafts, at);
}

/** Stores drafts; a draft already kept for the same item and kind is left as it is (people may have edited it). */
export async function insertDrafts(
  tx: Queryable,
  meetingId: string,
  kind: string,
  drafts: readonly { itemId: string | null; title: string; body: string }[],
  at: string,
): Promise<void> {
  if (drafts.length === 0) return;
  await query(
    tx,
    sql`INSERT INTO artifacts (meeting_id, item_id, kind, title, body, created_at, updated_at)
        SELECT ${meetingId}, x."itemId", ${kind}, x.title, x.body, ${at}::timestamptz, ${at}::timestamptz
        FROM jsonb_to_recordset(${jsonParam(drafts)}) AS x("itemId" text, title text, body text)
        ON CONFLICT DO NOTHING`,
  );
}

/**
 * Sends the notes of an ended meeting once: the notes by email to the attendees and the Space's list, decisions
 * and escalations to the Space's Slack channel, action items to Salesforce as Tasks, and a signed webhook. Each
 * is an outbox row with a deadline; the meeting is marked distributed in the same transaction, so this happens
 * exactly once however many workers or people ask. Returns the number of deliveries queued, or null when the
 * meeting was already distributed (or has not ended).
 */
export async function distributeMeeting(
  tx: Queryable,
  meetingId: string,
  at: string,
  config: FollowUpConfig,
): Promise<number | null> {
  const meeting = await readEndedMeeting(tx, meetingId, true);
  if (!meeting) return null;
  const [notes, integrations, attendeeEmails] = await Promise.all([
    meetingNotes(tx, meetingId),
    readIntegrations(tx, meeting.spaceId),
    query<{ email: string }>(
      tx,
      sql`SELECT u.email FROM meetings m, jsonb_array_elements(m.attendees) a JOIN users u ON u.id = (a->>'userId')::uuid
          WHERE m.id = ${meetingId} AND a->>'userId' IS NOT NULL`,
    ),
  ]);
  const url = `${config.publicUrl}/meetings/${meetingId}/notes`;
  const endedAt = Date.parse(meeting.endedAt ?? at);
  const dueBy = new Date(endedAt + meeting.distribution.followUpHours * HOUR_MS).toISOString();
  const base = { spaceId: meeting.spaceId, meetingId, userId: null, notBefore: at, dueBy };
  const deliveries: NewDelivery[] = [];
  // A channel that is off for the Space (no mail server, Slack not connected) is left out rather than failed.
  const enabled = (channel: DeliveryChannel) =>
    "settings" in channel.enabledFor({ server: config, connection: integrations.get(channel.kind) });

  const to = [...new Set([...attendeeEmails.map((row) => row.email), ...meeting.distribution.emails])];
  if (enabled(emailChannel) && to.length > 0) {
    deliveries.push({
      ...base,
      channel: "email",
      purpose: "notes",
      dedupeKey: `notes:${meetingId}`,
      recipient: to.join(", "),
      payload: notesEmail({ notes, spaceName: meeting.spaceName, url, to }),
    });
  }
  const channel = meeting.distribution.slackChannel;
  if (enabled(slackChannel) && channel) {
    deliveries.push({
      ...base,
      channel: "slack",
      purpose: "slack-summary",
      dedupeKey: `slack-summary:${meetingId}`,
      recipient: channel,
      payload: slackSummary({
        spaceName: meeting.spaceName,
        meetingTitle: meeting.title,
        meetingDate: meeting.meetingDate,
        url,
        channel,
        items: notes.items,
        include: slackSummaryKinds(meeting.rules),
      }),
    });
  }
  if (enabled(salesforceChannel)) {
    const links = await itemLinks(tx, meetingId);
    for (const item of notes.items) {
      if (item.kind !== "action") continue;
      const task = salesforceTask({
        // An action carried through several meetings is one thread, and so one Task.
        thread: threadOf(meetingId, item.id, links.get(item.id) ?? {}),
        text: item.text,
        owner: item.owner,
        due: item.due,
        done: item.status === "done",
        spaceName: meeting.spaceName,
        meetingTitle: meeting.title,
        meetingDate: meeting.meetingDate,
        url,
      });
      deliveries.push({
        ...base,
        dueBy: null,
        channel: "salesforce",
        purpose: "task",
        dedupeKey: `task:${meetingId}:${item.id}`,
        recipient: item.owner ? `Task for ${item.owner}` : "Task",
        payload: task,
      });
    }
  }
  if (enabled(webhookChannel)) {
    deliveries.push({
      ...base,
      dueBy: null,
      channel: "webhook",
      purpose: "event",
      dedupeKey: `webhook:notes.distributed:${meetingId}`,
      recipient: "notes.distributed",
      payload: {
        event: "notes.distributed",
        data: { spaceId: meeting.spaceId, meetingId, title: meeting.title, date: meeting.meetingDate, url, notes },
      },
    });
  }
  const queued = await enqueueDeliveries(tx, deliveries, at);
  await query(tx, sql`UPDATE meetings SET distributed_at = ${at}::timestamptz WHERE id = ${meetingId}`);
  return queued;
}

async function itemLinks(tx: Queryable, meetingId: string): Promise<Map<string, ItemLinks>> {
  const rows = await query<{ id: string; links: ItemLinks }>(
    tx,
    sql`SELECT id, links FROM items WHERE meeting_id = ${meetingId}`,
  );
  return new Map(rows.map((row) => [row.id, row.links]));
}
