import { DAY_MS } from "../core/calendar/dates.js";
import { MAX_ATTEMPTS, retryDelayMs } from "../core/follow-up/backoff.js";
import { digestMessage, type RenderedMessage, reminderMessage } from "../core/follow-up/messages.js";
import { digestTime, planReminders, type ReminderInput } from "../core/follow-up/reminders.js";
import type { SeriesItem } from "../core/series/series-item.js";
import { latestPerThread, threadOf } from "../core/series/threads.js";
import { sendEmail } from "../integrations/email/send-email.js";
import { pushSalesforceTask } from "../integrations/salesforce/push-task.js";
import { findSlackUserId, postSlackMessage } from "../integrations/slack/post-message.js";
import {
  DeliveryError,
  type DeliveryResult,
  type EmailPayload,
  type SalesforceTaskPayload,
  type SlackPayload,
  type WebhookPayload,
} from "../integrations/types.js";
import { sendWebhook } from "../integrations/webhook/send-webhook.js";
import { findUsers } from "../store/accounts.js";
import type { Database, Db } from "../store/database.js";
import { listDueDistributions } from "../store/distribution.js";
import { readIntegrations } from "../store/integrations.js";
import {
  claimDigestNotifications,
  markNotificationsSent,
  type Preference,
  raiseNotification,
  readPreferences,
  readReminderSources,
} from "../store/notifications.js";
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  enqueueDeliveries,
  markDelivered,
  markFailed,
  type NewDelivery,
} from "../store/outbox.js";
import { readSpaceSeriesItems } from "../store/series.js";
import type { FollowUpConfig } from "./config.js";
import { distributeMeeting } from "./distribute.js";

export interface WorkerReport {
  distributed: number;
  reminded: number;
  digests: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * The follow-up worker: distributes the notes of meetings whose time has come, raises reminders, gathers daily
 * digests, and sends what the outbox holds. Every step is idempotent and safe to run in several processes at
 * once; `runOnce` is the whole cycle (tests call it with their clock), `start` runs it on an interval.
 */
export class FollowUpWorker {
  readonly #database: Database;
  readonly #now: () => Date;
  readonly #config: FollowUpConfig;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<WorkerReport> | null = null;
  /** The cycle running in the background, its failure logged. */
  #background: Promise<void> | null = null;
  /** When reminders and digests were last planned (clock milliseconds). */
  #plannedAt: number | null = null;

  constructor(options: { database: Database; now: () => Date; config: FollowUpConfig }) {
    this.#database = options.database;
    this.#now = options.now;
    this.#config = options.config;
  }

  get config(): FollowUpConfig {
    return this.#config;
  }

  start(): void {
    if (this.#timer) return;
    const tick = () => {
      void this.runInBackground().then(() => {
        if (this.#timer) this.#timer = setTimeout(tick, this.#config.intervalMs);
      });
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => {});
  }

  /**
   * A cycle nobody waits on (the timer's, or one asked for after queueing deliveries); with one under way, that one.
   * Its failure is logged here, once with its stack, however many asked for it. Resolves when it is over.
   */
  runInBackground(): Promise<void> {
    this.#background ??= this.runOnce()
      .then(
        () => {},
        (error: unknown) => reportWorkerError(error),
      )
      .finally(() => {
        this.#background = null;
      });
    return this.#background;
  }

  /** One cycle; a second call while one runs waits for it instead of running alongside. */
  runOnce(): Promise<WorkerReport> {
    if (!this.#running) {
      this.#running = this.#cycle().finally(() => {
        this.#running = null;
      });
    }
    return this.#running;
  }

  /** Sends a meeting's notes now (a facilitator's "Distribute"); null when they already went out. */
  distribute(meetingId: string): Promise<number | null> {
    const at = this.#now().toISOString();
    return this.#database.db.transaction((tx) => distributeMeeting(tx, meetingId, at, this.#config));
  }

  async #cycle(): Promise<WorkerReport> {
    const report: WorkerReport = { distributed: 0, reminded: 0, digests: 0, delivered: 0, retrying: 0, failed: 0 };
    const { db } = this.#database;
    const now = this.#now().toISOString();
    const due = await listDueDistributions(db, now, 50);
    for (const { id } of due) if ((await this.distribute(id)) !== null) report.distributed += 1;
    // Reminders and digests change by the hour: planning them once a minute is plenty, and keeps each cycle of the
    // send loop to a couple of small queries.
    const time = Date.parse(now);
    if (this.#plannedAt === null || time - this.#plannedAt >= PLAN_EVERY_MS) {
      this.#plannedAt = time;
      report.reminded = await this.#remind(now);
      report.digests = await this.#digest(now);
    }
    for (;;) {
      const claimed = await claimDueDeliveries(db, this.#now().toISOString(), this.#config.leaseSeconds, 20);
      if (claimed.length === 0) break;
      // Sent side by side: one slow target does not hold up the others.
      for (const outcome of await Promise.all(claimed.map((delivery) => this.#send(delivery)))) report[outcome] += 1;
    }
    return report;
  }

  /** Sends one claimed delivery and records the outcome: delivered, to be retried with backoff, or failed. */
  async #send(delivery: ClaimedDelivery): Promise<"delivered" | "retrying" | "failed"> {
    const { db } = this.#database;
    const attempt = {
      deliveryId: delivery.id,
      dedupeKey: delivery.dedupeKey,
      attempt: delivery.attempts,
      uncertain: delivery.uncertain,
    };
    try {
      const result = await this.#deliver(delivery, attempt);
      await markDelivered(db, delivery.id, this.#now().toISOString(), result.externalId);
      return "delivered";
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(error instanceof Error ? error.message : String(error), { permanent: false });
      const giveUp = failure.permanent || delivery.attempts >= MAX_ATTEMPTS;
      const retryAt = giveUp
        ? null
        : new Date(this.#now().getTime() + retryDelayMs(delivery.attempts, failure.retryAfterMs)).toISOString();
      await markFailed(db, delivery.id, failure.message, retryAt);
      return giveUp ? "failed" : "retrying";
    }
  }

  async #deliver(delivery: ClaimedDelivery, attempt: Parameters<typeof sendEmail>[2]): Promise<DeliveryResult> {
    if (delivery.channel === "email") {
      if (!this.#config.smtp) throw notConnected("email is not set up on this server (DOCKET_SMTP_URL)");
      return sendEmail(this.#config.smtp, delivery.payload as EmailPayload, attempt);
    }
    const integrations = delivery.spaceId ? await readIntegrations(this.#database.db, delivery.spaceId) : new Map();
    switch (delivery.channel) {
      case "slack": {
        const slack = integrations.get("slack");
        if (!slack?.secrets.botToken) throw notConnected("Slack is not connected to this Space");
        const settings = { botToken: slack.secrets.botToken, apiUrl: this.#config.slackApiUrl };
        const payload = delivery.payload as SlackPayload | SlackDirectMessage;
        if (!("email" in payload)) return postSlackMessage(settings, payload, attempt);
        // A direct message: the person's Slack account is found by their email address.
        const userId = await findSlackUserId(settings, payload.email);
        if (!userId) throw notConnected(`no Slack account in this workspace uses ${payload.email}`);
        const { email: _, ...message } = payload;
        return postSlackMessage(settings, { ...message, channel: userId }, attempt);
      }
      case "webhook": {
        const webhook = integrations.get("webhook");
        if (!webhook?.settings.url || !webhook.secrets.signingSecret) throw notConnected("no webhook is set up");
        const settings = { url: webhook.settings.url, signingSecret: webhook.secrets.signingSecret };
        return sendWebhook(settings, delivery.payload as WebhookPayload, attempt, this.#now());
      }
      case "salesforce": {
        const salesforce = integrations.get("salesforce");
        if (!salesforce?.settings.instanceUrl || !salesforce.secrets.accessToken) {
          throw notConnected("Salesforce is not connected to this Space");
        }
        const settings = {
          instanceUrl: salesforce.settings.instanceUrl,
          accessToken: salesforce.secrets.accessToken,
          apiVersion: salesforce.settings.apiVersion,
        };
        return pushSalesforceTask(settings, delivery.payload as SalesforceTaskPayload, attempt);
      }
      default:
        throw notConnected(`unknown channel ${delivery.channel}`);
    }
  }

  /** Reminders that are due now become notifications (each once), sent at once or kept for the digest. */
  async #remind(now: string): Promise<number> {
    const { db } = this.#database;
    const input = await readReminderInput(db, now);
    const planned = planReminders(input);
    if (planned.length === 0) return 0;
    const emails = new Map(input.members.map((member) => [member.userId, member.email]));
    return db.transaction(async (tx) => {
      const preferences = await readPreferences(tx, [...new Set(planned.map((p) => p.userId))]);
      let raised = 0;
      for (const notification of planned) {
        const preference = preferences.get(`${notification.userId}:${notification.kind}`) ?? DEFAULT_PREFERENCE;
        if (preference.frequency === "off") continue;
        const sentNow = preference.frequency === "immediately";
        const id = await raiseNotification(tx, notification, preference, now, sentNow ? now : null);
        if (!id) continue;
        raised += 1;
        if (!sentNow || preference.channel === "in-app") continue;
        const delivery = this.#personal({
          userId: notification.userId,
          spaceId: notification.spaceId,
          email: emails.get(notification.userId) ?? "",
          channel: preference.channel,
          purpose: "reminder",
          dedupeKey: `notify:${id}`,
          message: reminderMessage(notification, this.#config.publicUrl),
          now,
        });
        if (delivery) await enqueueDeliveries(tx, [delivery], now);
      }
      return raised;
    });
  }

  /**
   * Daily-digest notifications whose hour has come: one message per person and channel. A notification made at
   * `createdAt` goes out at `digestTime(createdAt)`; those due by now were made before the latest digest hour,
   * the one digest slot in (now − 24 h, now].
   */
  async #digest(now: string): Promise<number> {
    const { db } = this.#database;
    const latestSlot = digestTime(new Date(Date.parse(now) - DAY_MS + 1).toISOString());
    return db.transaction(async (tx) => {
      const waiting = await claimDigestNotifications(tx, latestSlot);
      if (waiting.length === 0) return 0;
      const users = await findUsers(tx, [...new Set(waiting.map((n) => n.userId))]);
      const date = now.slice(0, 10);
      const deliveries: NewDelivery[] = [];
      for (const user of users) {
        for (const channel of ["email", "slack"] as const) {
          const entries = waiting.filter((n) => n.userId === user.id && n.channel === channel);
          if (entries.length === 0) continue;
          const delivery = this.#personal({
            userId: user.id,
            spaceId: entries[0]?.spaceId ?? null,
            email: user.email,
            channel,
            purpose: "digest",
            dedupeKey: `digest:${user.id}:${date}:${channel}`,
            message: digestMessage(user.name, entries, this.#config.publicUrl, date),
            now,
          });
          if (delivery) deliveries.push(delivery);
        }
      }
      await enqueueDeliveries(tx, deliveries, now);
      await markNotificationsSent(
        tx,
        waiting.map((n) => n.id),
        now,
      );
      return deliveries.length;
    });
  }

  /**
   * A message to one person by email or by Slack direct message (found by their email address when sent); null
   * for email when the server has no mail server.
   */
  #personal(message: {
    userId: string;
    spaceId: string | null;
    email: string;
    channel: "email" | "slack";
    purpose: "reminder" | "digest";
    dedupeKey: string;
    message: RenderedMessage;
    now: string;
  }): NewDelivery | null {
    const { channel, email } = message;
    if (channel === "email" && !this.#config.smtp) return null;
    const payload: EmailPayload | SlackDirectMessage =
      channel === "email"
        ? { to: [email], subject: message.message.subject, text: message.message.text, html: message.message.html }
        : { email, text: message.message.slackText, blocks: [] };
    return {
      spaceId: message.spaceId,
      meetingId: null,
      userId: message.userId,
      channel,
      purpose: message.purpose,
      dedupeKey: message.dedupeKey,
      recipient: email,
      payload,
      notBefore: message.now,
      dueBy: null,
    };
  }
}

/** A Slack message to a person: their Slack account is looked up by email when it is sent. */
interface SlackDirectMessage extends Omit<SlackPayload, "channel"> {
  email: string;
}

const PLAN_EVERY_MS = 60_000;

const DEFAULT_PREFERENCE: Preference = {
  channel: "email",
  frequency: "immediately",
};

/** A cycle that failed: the database was out of reach, or a bug. The worker goes on at its next tick. */
function reportWorkerError(error: unknown): void {
  process.stderr.write(
    `docket: follow-up worker: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
  );
}

function notConnected(message: string): DeliveryError {
  return new DeliveryError(message, { permanent: true });
}

/**
 * What the reminder rules look at: meetings in the next day with their pre-read rows, the members of every Space
 * (demo Spaces remind nobody), and each thread's latest copy of an open action item with a due date.
 */
async function readReminderInput(db: Db, now: string): Promise<ReminderInput> {
  const { upcomingMeetings, spaces, members } = await readReminderSources(db, now);
  const openActions: ReminderInput["openActions"] = [];
  for (const space of spaces) {
    const actions = await readSpaceSeriesItems(db, space.id, "action");
    const thread = (recorded: SeriesItem) => threadOf(recorded.meetingId, recorded.item.id, recorded.links);
    for (const recorded of latestPerThread(actions, thread)) {
      if (recorded.item.status === "done" || recorded.item.due === null) continue;
      openActions.push({
        spaceId: space.id,
        meetingId: recorded.meetingId,
        itemId: recorded.item.id,
        thread: thread(recorded),
        text: recorded.item.text,
        owner: recorded.item.owner,
        due: recorded.item.due,
      });
    }
  }
  return { now, spaces, upcomingMeetings, openActions, members };
}
