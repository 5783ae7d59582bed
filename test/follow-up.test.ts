// The follow-up worker against local Slack and SMTP servers, under a clock the test moves: what a person's
// reminders and digests go through, and what becomes of a delivery that cannot be sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOLLOW_UP_DEFAULTS, type FollowUpConfig } from "../src/follow-up/config.js";
import { FollowUpWorker } from "../src/follow-up/worker.js";
import type { DeliveryChannel } from "../src/integrations/channel.js";
import { emailChannel } from "../src/integrations/email/channel.js";
import type { Database } from "../src/store/database.js";
import { enqueueDeliveries, type NewDelivery } from "../src/store/outbox.js";
import { deliveries as deliveriesTable, notifications } from "../src/store/schema.js";
import { type FakeSlack, startFakeSlack } from "./fakes/slack-api.js";
import { type FakeSmtp, startFakeSmtp } from "./fakes/smtp-server.js";
import {
  type Browser,
  call,
  createSpaceVia,
  createTestApp,
  type Json,
  joinSpaceVia,
  signUp,
  type TestApp,
  testClock,
} from "./helpers/api.js";
import { eachDatabase } from "./helpers/database.js";

const ALPHA_TOKEN = "xoxb-alpha-workspace-0001";
const BETA_TOKEN = "xoxb-beta-workspace-0002";

eachDatabase((database) => {
  let slack: FakeSlack;
  let smtp: FakeSmtp;

  beforeAll(async () => {
    // One Slack API, two workspaces: a message keeps the token it was posted with.
    slack = await startFakeSlack({
      token: [ALPHA_TOKEN, BETA_TOKEN],
      users: [{ id: "U0SAM", email: "sam@example.com" }],
    });
    smtp = await startFakeSmtp();
  });
  afterAll(async () => {
    await Promise.all([slack?.close(), smtp?.close()]);
  });

  async function deliveries(t: TestApp, as: Browser, spaceId: string): Promise<Json[]> {
    const response = await call(t.app, as, "GET", `/api/spaces/${spaceId}/deliveries`);
    expect(response.status).toBe(200);
    return response.body.deliveries;
  }

  async function connectSlack(t: TestApp, owner: Browser, spaceId: string, botToken: string): Promise<void> {
    const put = await call(t.app, owner, "PUT", `/api/spaces/${spaceId}/integrations/slack`, { body: { botToken } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }

  describe("the daily digest by Slack", () => {
    /** Olga owns Alpha and Beta; Sam is in both and has one digest entry waiting in each, Alpha's first. */
    async function twoSpaces() {
      const t = await createTestApp(database(), testClock(new Date("2025-03-16T10:00:00Z")), {
        slackApiUrl: slack.apiUrl,
        // The fake Slack listens on 127.0.0.1.
        allowLocalTargets: true,
        publicUrl: "http://docket.test",
      });
      const olga = await signUp(t.app, { name: "Olga Ivanova", email: "olga@example.com" });
      const sam = await signUp(t.app, { name: "Sam Okafor", email: "sam@example.com" });
      const alpha = await createSpaceVia(t.app, olga, { name: "Alpha" });
      const beta = await createSpaceVia(t.app, olga, { name: "Beta" });
      for (const space of [alpha, beta]) await joinSpaceVia(t.app, olga, space.id, sam, "member");
      const entry = (space: Json, title: string, createdAt: string) => ({
        userId: sam.user.id,
        spaceId: space.id,
        kind: "action-reminder" as const,
        dedupeKey: `test:${title}`,
        title,
        body: `${title}, due yesterday`,
        link: `/spaces/${space.id}/actions`,
        channel: "slack" as const,
        frequency: "daily" as const,
        createdAt: new Date(createdAt),
      });
      await database()
        .db.insert(notifications)
        .values([
          entry(alpha, "Alpha rollout plan", "2025-03-16T10:00:00Z"),
          entry(beta, "Beta pricing page", "2025-03-16T11:00:00Z"),
        ]);
      return { t, olga, sam, alpha, beta };
    }

    function postedWith(token: string) {
      return slack.calls("chat.postMessage").filter((request) => request.authorization === `Bearer ${token}`);
    }

    it("goes through each Space's own Slack workspace, with that Space's entries only", async () => {
      const { t, olga, alpha, beta } = await twoSpaces();
      await connectSlack(t, olga, alpha.id, ALPHA_TOKEN);
      await connectSlack(t, olga, beta.id, BETA_TOKEN);
      const before = { alpha: postedWith(ALPHA_TOKEN).length, beta: postedWith(BETA_TOKEN).length };

      t.clock.advance(Date.parse("2025-03-17T08:00:00Z") - t.clock.now().getTime()); // the digest hour
      await t.ctx.followUp.runOnce();

      const toAlpha = postedWith(ALPHA_TOKEN).slice(before.alpha);
      const toBeta = postedWith(BETA_TOKEN).slice(before.beta);
      expect(toAlpha).toHaveLength(1);
      expect(toBeta).toHaveLength(1);
      expect(String(toAlpha[0]!.params.text)).toContain("Alpha rollout plan");
      expect(String(toAlpha[0]!.params.text)).not.toContain("Beta pricing page");
      expect(String(toBeta[0]!.params.text)).toContain("Beta pricing page");
      expect(String(toBeta[0]!.params.text)).not.toContain("Alpha rollout plan");
      for (const space of [alpha, beta]) {
        const digests = (await deliveries(t, olga, space.id)).filter((d) => d.purpose === "digest");
        expect(digests).toMatchObject([{ channel: "slack", status: "delivered" }]);
      }
    });

    it("still reaches a Space that has Slack when the first entry's Space has none", async () => {
      const { t, olga, alpha, beta } = await twoSpaces();
      await connectSlack(t, olga, beta.id, BETA_TOKEN); // Alpha, whose entry is older, has no Slack
      const before = postedWith(BETA_TOKEN).length;

      t.clock.advance(Date.parse("2025-03-17T08:00:00Z") - t.clock.now().getTime());
      await t.ctx.followUp.runOnce();

      const toBeta = postedWith(BETA_TOKEN).slice(before);
      expect(toBeta).toHaveLength(1);
      expect(String(toBeta[0]!.params.text)).toContain("Beta pricing page");
      expect((await deliveries(t, olga, beta.id)).filter((d) => d.purpose === "digest")).toMatchObject([
        { channel: "slack", status: "delivered" },
      ]);
      // Alpha's entry cannot go by Slack: its Space says why.
      expect((await deliveries(t, olga, alpha.id)).filter((d) => d.purpose === "digest")).toMatchObject([
        { channel: "slack", status: "failed", lastError: expect.stringContaining("Slack is not connected") },
      ]);
    });
  });

  it("a daily digest by email with no mail server fails, saying why, instead of vanishing", async () => {
    const t = await createTestApp(database(), testClock(new Date("2025-03-16T10:00:00Z")), { smtp: null });
    const olga = await signUp(t.app, { name: "Olga Ivanova", email: "olga@example.com" });
    const space = await createSpaceVia(t.app, olga, { name: "Alpha" });
    await database()
      .db.insert(notifications)
      .values({
        userId: olga.user.id,
        spaceId: space.id,
        kind: "action-reminder",
        dedupeKey: "test:digest-by-email",
        title: "Alpha rollout plan",
        body: "due yesterday",
        link: `/spaces/${space.id}/actions`,
        channel: "email",
        frequency: "daily",
        createdAt: new Date("2025-03-16T10:00:00Z"),
      });
    t.clock.advance(Date.parse("2025-03-17T08:00:00Z") - t.clock.now().getTime());
    await t.ctx.followUp.runOnce();
    expect((await deliveries(t, olga, space.id)).filter((d) => d.purpose === "digest")).toMatchObject([
      {
        channel: "email",
        recipient: "olga@example.com",
        status: "failed",
        lastError: expect.stringContaining("DOCKET_SMTP_URL"),
      },
    ]);
  });

  describe("an email reminder due at once", () => {
    /** Sam owns a pre-read row of tomorrow's meeting that is not updated; it is 23 hours before the meeting. */
    async function reminderDue(followUp: Parameters<typeof createTestApp>[2]) {
      const t = await createTestApp(database(), testClock(new Date("2025-03-10T08:00:00Z")), followUp);
      const olga = await signUp(t.app, { name: "Olga Ivanova", email: "olga@example.com" });
      const sam = await signUp(t.app, { name: "Sam Okafor", email: "sam@example.com" });
      const space = await createSpaceVia(t.app, olga, { name: "Eng leadership", timezone: "UTC" });
      await joinSpaceVia(t.app, olga, space.id, sam, "member");
      const meeting = await call(t.app, olga, "POST", `/api/spaces/${space.id}/meetings`, {
        body: { scheduledAt: "2025-03-17T09:00:00Z" },
      });
      expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
      const row = await call(t.app, olga, "POST", `/api/meetings/${meeting.body.id}/pre-read`, {
        body: { sectionId: "metrics", ownerId: sam.user.id, cells: { team: "Platform" } },
      });
      expect(row.status, JSON.stringify(row.body)).toBe(201);
      t.clock.advance(Date.parse("2025-03-16T10:00:00Z") - t.clock.now().getTime());
      return { t, olga, sam, space };
    }

    async function reminders(t: TestApp, sam: Browser): Promise<Json[]> {
      const response = await call(t.app, sam, "GET", "/api/notifications");
      return response.body.notifications.filter((n: Json) => n.kind === "pre-read-reminder");
    }

    it("with no mail server, is not recorded as sent: its delivery fails, saying why", async () => {
      const { t, olga, sam, space } = await reminderDue({ smtp: null });
      await t.ctx.followUp.runOnce();

      const [reminder] = await reminders(t, sam);
      expect(reminder).toMatchObject({ channel: "email", frequency: "immediately", sentAt: null });
      const log = (await deliveries(t, olga, space.id)).filter((d) => d.purpose === "reminder");
      expect(log).toMatchObject([
        {
          channel: "email",
          recipient: "sam@example.com",
          status: "failed",
          lastError: expect.stringContaining("DOCKET_SMTP_URL"),
        },
      ]);
    });

    it("with a mail server, is sent and then recorded as sent", async () => {
      const { t, sam } = await reminderDue({ smtp: { url: smtp.url, from: "Docket <docket@example.com>" } });
      const before = smtp.messages.length;
      await t.ctx.followUp.runOnce();

      const sent = smtp.messages.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.envelope.to).toEqual(["sam@example.com"]);
      const [reminder] = await reminders(t, sam);
      expect(reminder).toMatchObject({ channel: "email", sentAt: "2025-03-16T10:00:00.000Z" });
    });
  });

  describe("a delivery that cannot be sent as it is", () => {
    const at = "2025-03-10T09:00:00.000Z";
    const delivery = (dedupeKey: string, channel: string, payload: unknown): NewDelivery => ({
      spaceId: null,
      meetingId: null,
      userId: null,
      channel: channel as NewDelivery["channel"],
      purpose: "test",
      dedupeKey,
      recipient: "sam@example.com",
      payload,
      notBefore: at,
      dueBy: null,
    });
    const email = { to: ["sam@example.com"], subject: "Hello", text: "Hello", html: "<p>Hello</p>" };

    function worker(options: { channels?: DeliveryChannel[]; log?: (line: string) => void } = {}) {
      const config: FollowUpConfig = {
        ...FOLLOW_UP_DEFAULTS,
        smtp: { url: smtp.url, from: "Docket <docket@example.com>" },
        allowLocalTargets: true,
      };
      return new FollowUpWorker({ database: database(), now: () => new Date(at), config, ...options });
    }

    async function outcomes() {
      const rows = await database().db.select().from(deliveriesTable);
      return Object.fromEntries(rows.map((row) => [row.dedupeKey, row]));
    }

    it("fails for good, naming the field, and the rest of the batch is still sent", async () => {
      await enqueueDeliveries(
        database().db,
        [
          delivery("not-a-list", "email", { ...email, to: "sam@example.com" }),
          delivery("no-text", "slack", { channel: "#general", blocks: [] }),
          delivery("no-target", "slack", { text: "Hello", blocks: [] }),
          delivery("no-date", "salesforce", { externalId: "m/i", subject: "Do it", description: "", status: "Open" }),
          delivery("unknown", "carrier-pigeon", { message: "coo" }),
          delivery("fine", "email", email),
        ],
        at,
      );
      const before = smtp.messages.length;
      const report = await worker().runOnce();

      expect(report).toMatchObject({ delivered: 1, failed: 5, retrying: 0 });
      expect(smtp.messages.slice(before).map((m) => m.subject)).toEqual(["Hello"]);
      const rows = await outcomes();
      expect(rows.fine).toMatchObject({ status: "delivered", lastError: null });
      for (const key of ["not-a-list", "no-text", "no-target", "no-date", "unknown"]) {
        expect(rows[key], key).toMatchObject({ status: "failed", attempts: 1 });
      }
      expect(rows["not-a-list"]!.lastError).toBe(
        "the email payload is malformed: to: Invalid input: expected array, received string",
      );
      expect(rows["no-text"]!.lastError).toMatch(/^the slack payload is malformed: text: /);
      expect(rows["no-target"]!.lastError).toMatch(/^the slack payload is malformed: channel: .*email address/);
      expect(rows["no-date"]!.lastError).toMatch(/malformed: activityDate: .*; status: /);
      expect(rows.unknown!.lastError).toBe('Docket has no "carrier-pigeon" channel');
    });

    it("a bug in a channel is logged once with its stack, and the delivery is tried again later", async () => {
      const broken: DeliveryChannel = {
        ...emailChannel,
        send: async () => {
          // A programming error inside a channel, not an answer from its target.
          const settings = null as unknown as { url: string };
          return { externalId: settings.url };
        },
      };
      await enqueueDeliveries(database().db, [delivery("broken", "email", email)], at);
      const lines: string[] = [];
      const report = await worker({ channels: [broken], log: (line) => lines.push(line) }).runOnce();

      expect(report).toMatchObject({ retrying: 1, failed: 0 });
      expect((await outcomes()).broken).toMatchObject({
        status: "pending",
        lastError: expect.stringContaining("Cannot read properties of null"),
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^docket: follow-up worker: sending email delivery [\w-]+: TypeError: Cannot read/);
      expect(lines[0]).toContain("\n    at "); // the stack
    });

    it("a cycle that fails is logged once with its stack, however many wait for it", async () => {
      const gone = new Error("the database is gone");
      const unreachable = { ...database(), db: { execute: () => Promise.reject(gone) } } as unknown as Database;
      const lines: string[] = [];
      const failing = new FollowUpWorker({
        database: unreachable,
        now: () => new Date(at),
        config: { ...FOLLOW_UP_DEFAULTS, intervalMs: 60_000 },
        log: (line) => lines.push(line),
      });
      const waits = await Promise.allSettled([failing.runOnce(), failing.runOnce()]);
      expect(waits.map((wait) => wait.status)).toEqual(["rejected", "rejected"]);
      expect(lines).toHaveLength(1);
      // The interval's own run: logged by the cycle, not again by the timer.
      failing.start();
      for (let i = 0; i < 100 && lines.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await failing.stop();
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(line).toMatch(/^docket: follow-up worker: a cycle failed: Error: the database is gone\n {4}at /);
      }
    });

    it("started to wait first, its first cycle comes an interval later, not at once", async () => {
      const gone = new Error("the database is gone");
      const unreachable = { ...database(), db: { execute: () => Promise.reject(gone) } } as unknown as Database;
      const lines: string[] = [];
      const worker = new FollowUpWorker({
        database: unreachable,
        now: () => new Date(at),
        config: { ...FOLLOW_UP_DEFAULTS, intervalMs: 300 },
        log: (line) => lines.push(line),
      });
      worker.start({ waitFirst: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(lines).toHaveLength(0);
      for (let i = 0; i < 100 && lines.length < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await worker.stop();
      expect(lines.length).toBeGreaterThanOrEqual(1);
    });
  });
});
