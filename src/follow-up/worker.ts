import { DAY_MS } from "../core/calendar/dates.js";
import { MAX_ATTEMPTS, retryDelayMs } from "../core/follow-up/backoff.js";
import { digestMessage, type RenderedMessage, reminderMessage } from "../core/follow-up/messages.js";
import { digestTime, planReminders, type ReminderInput } from "../core/follow-up/reminders.js";
import type { SeriesItem } from "../core/series/series-item.js";
import { latestPerThread, threadOf } from "../core/series/threads.js";
import { type DeliveryChannel, describeMalformedPayload } from "../integrations/channel.js";
import { CHANNELS, findChannel } from "../integrations/channels.js";
import {
  type DeliveryAttempt,
  DeliveryError,
  type DeliveryResult,
  type EmailPayload,
  type SlackDirectMessage,
} from "../integrations/types.js";
import { findUsers } from "../store/accounts.js";
import type { Database, Db } from "../store/database.js";
import { listDueDistributions } from "../store/distribution.js";
import { describeFailure, failureMessage } from "../store/failure.js";
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

export interface FollowUpWorkerOptions {
  database: Database;
  now: () => Date;
  config: FollowUpConfig;
  /** The ways it sends (every integration's channel unless a test says otherwise). */
  channels?: readonly DeliveryChannel[];
  /** Where failures are written, one call per failure with its stack (stderr unless a test says otherwise). */
  log?: (line: string) => void;
}

/**
 * The follow-up worker: distributes the notes of meetings whose time has come, raises reminders, gathers daily
 * digests, and sends what the outbox holds. Every step is idempotent and safe to run in several processes at
 * once; `runOnce` is the whole cycle (tests call it with their clock), `start` runs it on an interval.
 *
 * It knows no integration: a delivery's channel is found by its kind in `CHANNELS`, which parses the payload,
 * says whether it is on for the Space, and sends.
 */
export class FollowUpWorker {
  readonly #database: Database;
  readonly #now: () => Date;
  readonly #config: FollowUpConfig;
  readonly #channels: readonly DeliveryChannel[];
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<WorkerReport> | null = null;
  /** When reminders and digests were last planned (clock milliseconds). */
  #plannedAt: number | null = null;

  constructor(options: FollowUpWorkerOptions) {
    this.#database = options.database;
    this.#now = options.now;
    this.#config = options.config;
    this.#channels = options.channels ?? CHANNELS;
    this.#log = options.log ?? ((line) => process.stderr.write(line));
  }

  /**
   * Runs a cycle every `intervalMs`: the first at once, or with `waitFirst` one interval from now (a server that has
   * just started answers its first requests without a cycle's first-time queries ahead of them).
   */
  start({ waitFirst = false }: { waitFirst?: boolean } = {}): void {
    if (this.#timer) return;
    const tick = () => {
      this.runOnce()
        .catch(() => {}) // runOnce has logged it
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, this.#config.intervalMs);
        });
    };
    this.#timer = setTimeout(tick, waitFirst ? this.#config.intervalMs : 0);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => {});
  }

  /**
   * A cycle nobody waits on (the timer's, or one asked for after queueing deliveries); with one under way, that one.
   * Resolves when it is over; its failure is logged by runOnce.
   */
  runInBackground(): Promise<void> {
    return this.runOnce().then(
      () => {},
      () => {},
    );
  }

  /**
   * One cycle; a second call while one runs waits for it instead of running alongside. A cycle that fails is
   * logged here, once with its stack, however many callers wait for it: callers need not log it again.
   */
  runOnce(): Promise<WorkerReport> {
    if (!this.#running) {
      this.#running = this.#cycle()
        .catch((error: unknown) => {
          this.#report("a cycle failed", error);
          throw error;
        })
        .finally(() => {
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

  /**
   * A bug, written with its stack, or the database being away, which the database logs once per outage: the worker
   * simply tries again on its next cycle.
   */
  #report(what: string, error: unknown): void {
    if (this.#database.availability.recognise(error)) return;
    this.#log(`docket: follow-up worker: ${what}: ${describeFailure(error)}\n`);
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
    const attempt: DeliveryAttempt = {
      deliveryId: delivery.id,
      dedupeKey: delivery.dedupeKey,
      attempt: delivery.attempts,
      uncertain: delivery.uncertain,
    };
    let result: DeliveryResult;
    try {
      result = await this.#deliver(delivery, attempt);
    } catch (error) {
      // A DeliveryError is the target's answer, recorded on the delivery for the Space to see. Anything else is a
      // bug or an outage here: logged as well, and tried again like a temporary failure.
      if (!(error instanceof DeliveryError)) this.#report(`sending ${delivery.channel} delivery ${delivery.id}`, error);
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(failureMessage(error), {
              permanent: false,
              cause: error,
            });
      const giveUp = failure.permanent || delivery.attempts >= MAX_ATTEMPTS;
      const retryAt = giveUp
        ? null
        : new Date(this.#now().getTime() + retryDelayMs(delivery.attempts, failure.retryAfterMs)).toISOString();
      await markFailed(db, delivery.id, failure.message, retryAt);
      return giveUp ? "failed" : "retrying";
    }
    const at = this.#now().toISOString();
    const notificationId = notificationOf(delivery.dedupeKey);
    await db.transaction(async (tx) => {
      await markDelivered(tx, delivery.id, at, result.externalId);
      // A notification sent at once is recorded as sent when it was: not when it was raised.
      if (notificationId) {
        await markNotificationsSent(tx, [notificationId], at);
      }
    });
    return "delivered";
  }

  /**
   * Parses the payload with its channel's schema, finds the channel's settings for the Space, and sends. A
   * payload that does not fit, an unknown channel, or a channel that is off fails for good, saying why.
   */
  async #deliver(delivery: ClaimedDelivery, attempt: DeliveryAttempt): Promise<DeliveryResult> {
    const channel = findChannel(delivery.channel, this.#channels);
    if (!channel) throw permanentFailure(`Docket has no "${delivery.channel}" channel`);
    const payload = channel.payload.safeParse(delivery.payload);
    if (!payload.success) throw permanentFailure(describeMalformedPayload(channel.kind, payload.error));
    const connection = delivery.spaceId
      ? (await readIntegrations(this.#database.db, delivery.spaceId)).get(channel.kind)
      : undefined;
    const enabled = channel.enabledFor({ server: this.#config, connection });
    if ("disabled" in enabled) throw permanentFailure(enabled.disabled);
    return channel.send(enabled.settings, payload.data, attempt, this.#now());
  }

  /**
   * Reminders that are due now become notifications (each once): listed in the app, and sent at once by email or
   * Slack or kept for the digest, as each person chose. One sent at once is recorded as sent when its delivery
   * arrives; one whose delivery fails (no mail server, no Slack) never is, and the Space's delivery log says why.
   */
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
        const { channel, frequency } = preference;
        // In the app is the whole of an in-app notification: it is sent by being raised.
        const sentOnceRaised = frequency === "immediately" && channel === "in-app";
        const id = await raiseNotification(tx, notification, preference, now, sentOnceRaised ? now : null);
        if (!id) continue;
        raised += 1;
        if (frequency !== "immediately" || channel === "in-app") continue;
        const delivery = this.#personal({
          userId: notification.userId,
          spaceId: notification.spaceId,
          email: emails.get(notification.userId) ?? "",
          channel,
          purpose: "reminder",
          dedupeKey: `${NOTIFY_KEY}${id}`,
          message: reminderMessage(notification, this.#config.publicUrl),
          now,
        });
        await enqueueDeliveries(tx, [delivery], now);
      }
      return raised;
    });
  }

  /**
   * Daily-digest notifications whose hour has come. By email, one message per person for all their Spaces; by
   * Slack, one per person and Space, through that Space's own Slack (Spaces may be in different workspaces, or
   * have none). A notification made at `createdAt` goes out at `digestTime(createdAt)`; those due by now were made
   * before the latest digest hour, the one digest slot in (now − 24 h, now].
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
        const theirs = waiting.filter((n) => n.userId === user.id);
        const bySlack = theirs.filter((n) => n.channel === "slack");
        const digests: { channel: "email" | "slack"; dedupeKey: string; entries: typeof waiting }[] = [
          {
            channel: "email",
            dedupeKey: `digest:${user.id}:${date}:email`,
            entries: theirs.filter((n) => n.channel === "email"),
          },
          ...[...new Set(bySlack.map((n) => n.spaceId))].map((spaceId) => ({
            channel: "slack" as const,
            dedupeKey: `digest:${user.id}:${date}:slack:${spaceId}`,
            entries: bySlack.filter((n) => n.spaceId === spaceId),
          })),
        ];
        for (const { channel, dedupeKey, entries } of digests) {
          if (entries.length === 0) continue;
          deliveries.push(
            this.#personal({
              userId: user.id,
              // Slack goes through this Space's connection; email through none, and is listed with its first entry's.
              spaceId: entries[0]?.spaceId ?? null,
              email: user.email,
              channel,
              purpose: "digest",
              dedupeKey,
              message: digestMessage(user.name, entries, this.#config.publicUrl, date),
              now,
            }),
          );
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

  /** A message to one person by email, or by Slack direct message (found by their email address when sent). */
  #personal(message: {
    userId: string;
    spaceId: string | null;
    email: string;
    channel: "email" | "slack";
    purpose: "reminder" | "digest";
    dedupeKey: string;
    message: RenderedMessage;
    now: string;
  }): NewDelivery {
    const { channel, email } = message;
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

const PLAN_EVERY_MS = 60_000;

/** The dedupe key of a notification's own delivery: `notify:<notification id>`. */
const NOTIFY_KEY = "notify:";

function notificationOf(dedupeKey: string): string | null {
  return dedupeKey.startsWith(NOTIFY_KEY) ? dedupeKey.slice(NOTIFY_KEY.length) : null;
}

const DEFAULT_PREFERENCE: Preference = {
  channel: "email",
  frequency: "immediately",
};

function permanentFailure(message: string): DeliveryError {
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
