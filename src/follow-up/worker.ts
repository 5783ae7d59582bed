import { sql } from "drizzle-orm";
import { MAX_ATTEMPTS, retryDelayMs } from "../core/follow-up/backoff.js";
import { digestMessage, reminderMessage } from "../core/follow-up/messages.js";
import { digestTime, type PlannedNotification, planReminders } from "../core/follow-up/reminders.js";
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
import { isoOf, type Queryable, query } from "../live/sql.js";
import type { Database } from "../store/database.js";
import type { NotificationChannel, NotificationFrequency, NotificationKind } from "../store/schema.js";
import { readSeriesItems } from "../store/series.js";
import type { FollowUpConfig } from "./config.js";
import { distributeMeeting } from "./distribute.js";
import { readIntegrations } from "./integrations.js";
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  enqueueDeliveries,
  markDelivered,
  markFailed,
  type NewDelivery,
} from "./outbox.js";

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
      this.runOnce()
        .catch((error: unknown) =>
          process.stderr.write(`docket: follow-up worker: ${error instanceof Error ? error.message : error}\n`),
        )
        .finally(() => {
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
    const due = await query<{ id: string }>(
      db,
      sql`SELECT id FROM meetings WHERE status = 'ended' AND distributed_at IS NULL AND distribute_at <= ${now}::timestamptz
          ORDER BY distribute_at LIMIT 50`,
    );
    for (const { id } of due) if ((await this.distribute(id)) !== null) report.distributed += 1;
    report.reminded = await this.#remind(now);
    report.digests = await this.#digest(now);
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
        const payload = { ...(delivery.payload as SlackPayload & { email?: string }) };
        if (payload.email) {
          // A direct message: the person's Slack account is found by their email address.
          const userId = await findSlackUserId(settings, payload.email);
          if (!userId) throw notConnected(`no Slack account in this workspace uses ${payload.email}`);
          payload.channel = userId;
        }
        return postSlackMessage(settings, payload, attempt);
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
    const planned = planReminders(await readReminderInput(db, now));
    if (planned.length === 0) return 0;
    return db.transaction(async (tx) => {
      const preferences = await readPreferences(tx, [...new Set(planned.map((p) => p.userId))]);
      let raised = 0;
      for (const notification of planned) {
        const preference = preferences.get(`${notification.userId}:${notification.kind}`) ?? DEFAULT_PREFERENCE;
        if (preference.frequency === "off") continue;
        const [row] = await query<{ id: string }>(
          tx,
          sql`INSERT INTO notifications (user_id, space_id, kind, dedupe_key, title, body, link, channel, frequency, created_at, sent_at)
              VALUES (${notification.userId}, ${notification.spaceId}, ${notification.kind}, ${notification.dedupeKey},
                ${notification.title}, ${notification.body}, ${notification.link}, ${preference.channel},
                ${preference.frequency}, ${now}::timestamptz,
                ${preference.frequency === "immediately" ? sql`${now}::timestamptz` : sql`NULL`})
              ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        );
        if (!row) continue;
        raised += 1;
        if (preference.frequency === "immediately" && preference.channel !== "in-app") {
          await enqueueDeliveries(tx, [await this.#personal(tx, notification, preference.channel, row.id, now)], now);
        }
      }
      return raised;
    });
  }

  /** Daily-digest notifications whose hour has come, one message per person. */
  async #digest(now: string): Promise<number> {
    const { db } = this.#database;
    return db.transaction(async (tx) => {
      const waiting = await query<{
        id: string;
        userId: string;
        spaceId: string | null;
        spaceName: string;
        kind: NotificationKind;
        title: string;
        body: string;
        link: string;
        channel: NotificationChannel;
        createdAt: string;
      }>(
        tx,
        sql`SELECT n.id, n.user_id AS "userId", n.space_id AS "spaceId", coalesce(s.name, '') AS "spaceName", n.kind,
              n.title, n.body, n.link, n.channel, ${isoOf(sql`n.created_at`)} AS "createdAt"
            FROM notifications n LEFT JOIN spaces s ON s.id = n.space_id
            WHERE n.frequency = 'daily' AND n.sent_at IS NULL
            ORDER BY n.user_id, n.created_at
            FOR UPDATE OF n SKIP LOCKED`,
      );
      const ready = waiting.filter((n) => digestTime(n.createdAt) <= now);
      const byUser = new Map<string, typeof ready>();
      for (const n of ready) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
      for (const [userId, list] of byUser) {
        const [user] = await query<{ name: string; email: string }>(
          tx,
          sql`SELECT name, email FROM users WHERE id = ${userId}`,
        );
        if (!user) continue;
        const date = now.slice(0, 10);
        const message = digestMessage(user.name, list, this.#config.publicUrl, date);
        const emailed = list.filter((n) => n.channel !== "slack");
        const slacked = list.filter((n) => n.channel === "slack");
        const deliveries: NewDelivery[] = [];
        if (emailed.some((n) => n.channel === "email") && this.#config.smtp) {
          deliveries.push(
            personalDelivery(userId, null, "email", `digest:${userId}:${date}:email`, user.email, now, {
              to: [user.email],
              subject: message.subject,
              text: message.text,
              html: message.html,
            }),
          );
        }
        if (slacked.length > 0) {
          const spaceId = slacked[0]?.spaceId ?? null;
          deliveries.push(
            personalDelivery(userId, spaceId, "slack", `digest:${userId}:${date}:slack`, user.email, now, {
              channel: "",
              email: user.email,
              text: message.slackText,
              blocks: [],
            }),
          );
        }
        await enqueueDeliveries(tx, deliveries, now);
        await query(
          tx,
          sql`UPDATE notifications SET sent_at = ${now}::timestamptz
              WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(list.map((n) => n.id))}::jsonb)::uuid)`,
        );
      }
      return byUser.size;
    });
  }

  async #personal(
    tx: Queryable,
    notification: PlannedNotification,
    channel: "email" | "slack",
    notificationId: string,
    now: string,
  ): Promise<NewDelivery> {
    const [user] = await query<{ email: string }>(tx, sql`SELECT email FROM users WHERE id = ${notification.userId}`);
    const email = user?.email ?? "";
    const message = reminderMessage(notification, this.#config.publicUrl);
    const key = `notify:${notificationId}`;
    return channel === "email"
      ? personalDelivery(notification.userId, notification.spaceId, "email", key, email, now, {
          to: [email],
          subject: message.subject,
          text: message.text,
          html: message.html,
        })
      : personalDelivery(notification.userId, notification.spaceId, "slack", key, email, now, {
          channel: "",
          email,
          text: message.slackText,
          blocks: [],
        });
  }
}

const DEFAULT_PREFERENCE: { channel: NotificationChannel; frequency: NotificationFrequency } = {
  channel: "email",
  frequency: "immediately",
};

function personalDelivery(
  userId: string,
  spaceId: string | null,
  channel: "email" | "slack",
  dedupeKey: string,
  recipient: string,
  now: string,
  payload: EmailPayload | (SlackPayload & { email: string }),
): NewDelivery {
  return {
    spaceId,
    meetingId: null,
    userId,
    channel,
    purpose: dedupeKey.startsWith("digest:") ? "digest" : "reminder",
    dedupeKey,
    recipient,
    payload,
    notBefore: now,
    dueBy: null,
  };
}

function notConnected(message: string): DeliveryError {
  return new DeliveryError(message, { permanent: true });
}

async function readPreferences(
  tx: Queryable,
  userIds: string[],
): Promise<Map<string, { channel: NotificationChannel; frequency: NotificationFrequency }>> {
  const rows = await query<{
    userId: string;
    kind: string;
    channel: NotificationChannel;
    frequency: NotificationFrequency;
  }>(
    tx,
    sql`SELECT user_id AS "userId", kind, channel, frequency FROM notification_preferences
        WHERE user_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb)::uuid)`,
  );
  return new Map(rows.map((row) => [`${row.userId}:${row.kind}`, row]));
}

/** What the reminder rules look at: meetings in the next day, members, and each thread's open action item. */
async function readReminderInput(db: Queryable, now: string): Promise<Parameters<typeof planReminders>[0]> {
  const upcoming = await query<{
    id: string;
    spaceId: string;
    title: string;
    scheduledAt: string;
    status: string;
    preReadHours: number;
    rows: { ownerId: string | null; updated: boolean }[];
  }>(
    db,
    sql`SELECT m.id, m.space_id AS "spaceId", m.title, ${isoOf(sql`m.scheduled_at`)} AS "scheduledAt", m.status,
          coalesce((m.template->>'preReadHours')::float8, 24) AS "preReadHours",
          coalesce((SELECT jsonb_agg(jsonb_build_object('ownerId', r.owner_id, 'updated', r.updated_at IS NOT NULL))
                    FROM pre_read_rows r WHERE r.meeting_id = m.id), '[]'::jsonb) AS rows
        FROM meetings m
        WHERE m.status IN ('scheduled', 'pre-read') AND m.scheduled_at > ${now}::timestamptz
          AND m.scheduled_at <= ${now}::timestamptz + interval '24 hours'`,
  );
  const spaces = await query<{ id: string; name: string; timezone: string }>(
    db,
    sql`SELECT DISTINCT s.id, s.name, s.timezone FROM spaces s JOIN meetings m ON m.space_id = s.id
        WHERE m.status = 'ended' OR s.id IN (SELECT space_id FROM meetings WHERE status IN ('scheduled', 'pre-read'))`,
  );
  const members = await query<{ spaceId: string; userId: string; name: string; email: string }>(
    db,
    sql`SELECT ms.space_id AS "spaceId", u.id AS "userId", u.name, u.email
        FROM memberships ms JOIN users u ON u.id = ms.user_id JOIN spaces s ON s.id = ms.space_id
        WHERE NOT s.is_demo`,
  );
  const ended = await query<{ id: string; spaceId: string }>(
    db,
    sql`SELECT m.id, m.space_id AS "spaceId" FROM meetings m JOIN spaces s ON s.id = m.space_id
        WHERE m.status IN ('ended', 'live') AND NOT s.is_demo
        ORDER BY m.meeting_date, m.scheduled_at, m.id`,
  );
  const openActions: Parameters<typeof planReminders>[0]["openActions"] = [];
  const bySpace = new Map<string, string[]>();
  for (const meeting of ended) bySpace.set(meeting.spaceId, [...(bySpace.get(meeting.spaceId) ?? []), meeting.id]);
  for (const [spaceId, meetingIds] of bySpace) {
    const actions = [];
    for (const meetingId of meetingIds) {
      actions.push(...(await readSeriesItems(db, meetingId)).filter((recorded) => recorded.item.kind === "action"));
    }
    for (const recorded of latestPerThread(actions, (r) => threadOf(r.meetingId, r.item.id, r.links))) {
      if (recorded.item.status === "done") continue;
      openActions.push({
        spaceId,
        meetingId: recorded.meetingId,
        itemId: recorded.item.id,
        thread: threadOf(recorded.meetingId, recorded.item.id, recorded.links),
        text: recorded.item.text,
        owner: recorded.item.owner,
        due: recorded.item.due,
      });
    }
  }
  return { now, spaces, upcomingMeetings: upcoming, openActions, members };
}
