import { HOUR_MS } from "../core/calendar/dates.js";
import { draftArtifact, mentionsCustomers } from "../core/drafts/drafts.js";
import { notesEmail, slackSummary } from "../core/follow-up/messages.js";
import { slackSummaryKinds } from "../core/follow-up/rules.js";
import { threadOf } from "../core/series/threads.js";
import type { DeliveryChannel } from "../integrations/channel.js";
import { emailChannel } from "../integrations/email/channel.js";
import { salesforceChannel, salesforceTask } from "../integrations/salesforce/channel.js";
import { slackChannel } from "../integrations/slack/channel.js";
import { webhookChannel } from "../integrations/webhook/channel.js";
import { insertDrafts } from "../store/artifacts.js";
import type { Tx } from "../store/database.js";
import {
  lockEndedMeeting,
  markDistributed,
  readAttendeeEmails,
  readEndingMeeting,
  scheduleDistribution,
} from "../store/distribution.js";
import { readIntegrations } from "../store/integrations.js";
import { readItemLinks } from "../store/meeting-log.js";
import { meetingNotes } from "../store/notes.js";
import { enqueueDeliveries, type NewDelivery } from "../store/outbox.js";
import type { FollowUpConfig } from "./config.js";

/**
 * Inside the transaction that ends a meeting: when its notes go out by themselves (half-way to the Space's
 * deadline), and the drafts its escalations call for (the customer communication an escalation mentions).
 */
export async function onMeetingEnded(tx: Tx, meetingId: string, at: string): Promise<void> {
  const meeting = await readEndingMeeting(tx, meetingId);
  if (!meeting) return;
  const halfWindowMs = (meeting.distribution.followUpHours * HOUR_MS) / 2;
  const distributeAt = new Date(Date.parse(at) + halfWindowMs).toISOString();
  await scheduleDistribution(tx, meetingId, distributeAt);
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

/**
 * Sends the notes of an ended meeting once: the notes by email to the attendees and the Space's list, decisions
 * and escalations to the Space's Slack channel, action items to Salesforce as Tasks, and a signed webhook. Each
 * is an outbox row with a deadline; the meeting is marked distributed in the same transaction, so this happens
 * exactly once however many workers or people ask. Returns the number of deliveries queued, or null when the
 * meeting was already distributed (or has not ended).
 */
export async function distributeMeeting(
  tx: Tx,
  meetingId: string,
  at: string,
  config: FollowUpConfig,
): Promise<number | null> {
  const meeting = await lockEndedMeeting(tx, meetingId);
  if (!meeting) return null;
  const [notes, integrations, attendeeEmails] = await Promise.all([
    meetingNotes(tx, meetingId),
    readIntegrations(tx, meeting.spaceId),
    readAttendeeEmails(tx, meetingId),
  ]);
  const url = `${config.publicUrl}/meetings/${meetingId}/notes`;
  const endedAt = Date.parse(meeting.endedAt ?? at);
  const dueBy = new Date(endedAt + meeting.distribution.followUpHours * HOUR_MS).toISOString();
  const base = { spaceId: meeting.spaceId, meetingId, userId: null, notBefore: at, dueBy };
  const deliveries: NewDelivery[] = [];
  // A channel that is off for the Space (no mail server, Slack not connected) is left out rather than failed.
  const enabled = (channel: DeliveryChannel) =>
    "settings" in channel.enabledFor({ server: config, connection: integrations.get(channel.kind) });

  const to = [...new Set([...attendeeEmails, ...meeting.distribution.emails])];
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
    const links = await readItemLinks(tx, meetingId);
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
  await markDistributed(tx, meetingId, at);
  return queued;
}
