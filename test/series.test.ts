// A Space run for three meetings in a row, with the follow-up rules acting at the right times under an injected
// clock, and every delivery landing once at local SMTP, Slack, Salesforce and webhook servers that speak the real
// protocols. See the "Done when": each rule is named in a test title below.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFakeSalesforce } from "./fakes/salesforce-api.js";
import { startFakeSlack } from "./fakes/slack-api.js";
import { startFakeSmtp } from "./fakes/smtp-server.js";
import { startWebhookReceiver } from "./fakes/webhook-receiver.js";
import {
  type Browser,
  call,
  createTestApp,
  type Json,
  joinSpaceVia,
  signUp,
  type TestApp,
  testClock,
} from "./helpers/api.js";
import { eachDatabase } from "./helpers/database.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SLACK_TOKEN = "xoxb-test-docket-0001";
const SALESFORCE_TOKEN = "00Dtest!salesforce-access-token";
const WEBHOOK_SECRET = "whsec_docket_series_test_secret";
const transcript = (name: string) => readFileSync(new URL(`./fixtures/series/${name}`, import.meta.url), "utf8");

type Fakes = {
  smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  slack: Awaited<ReturnType<typeof startFakeSlack>>;
  salesforce: Awaited<ReturnType<typeof startFakeSalesforce>>;
  webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
};

eachDatabase((database) => {
  let fakes: Fakes;
  let t: TestApp;
  const clock = testClock(new Date("2025-03-10T08:00:00Z"));

  beforeAll(async () => {
    fakes = {
      smtp: await startFakeSmtp(),
      slack: await startFakeSlack({
        token: SLACK_TOKEN,
        channels: [{ id: "C0LEADS", name: "eng-leadership" }],
        users: [{ id: "U0SAM", email: "sam@example.com" }],
      }),
      salesforce: await startFakeSalesforce({ accessToken: SALESFORCE_TOKEN }),
      webhook: await startWebhookReceiver({ secret: WEBHOOK_SECRET, now: clock.now }),
    };
  });
  afterAll(async () => {
    await Promise.all(Object.values(fakes ?? {}).map((fake) => fake.close()));
  });

  async function run(): Promise<Json> {
    return t.ctx.followUp.runOnce();
  }

  async function items(as: Browser, meetingId: string): Promise<Json[]> {
    const response = await call(t.app, as, "GET", `/api/meetings/${meetingId}/items`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  async function review(as: Browser, meetingId: string, itemId: string, body: Json): Promise<Json> {
    const response = await call(t.app, as, "POST", `/api/meetings/${meetingId}/items/${itemId}/review`, { body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.item;
  }

  async function setStatus(as: Browser, meetingId: string, status: string): Promise<void> {
    const response = await call(t.app, as, "POST", `/api/meetings/${meetingId}/status`, { body: { status } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }

  async function upload(as: Browser, meetingId: string, file: string): Promise<void> {
    const response = await call(t.app, as, "POST", `/api/meetings/${meetingId}/transcript?filename=${file}`, {
      rawBody: transcript(file),
      headers: { "content-type": "text/plain" },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }

  async function deliveries(as: Browser, spaceId: string): Promise<Json> {
    const response = await call(t.app, as, "GET", `/api/spaces/${spaceId}/deliveries`);
    expect(response.status).toBe(200);
    return response.body;
  }

  it("runs three meetings of a Space with every follow-up rule acting at its time, each delivery arriving once", async () => {
    t = await createTestApp(database(), clock, {
      smtp: { url: fakes.smtp.url, from: "Docket <docket@example.com>" },
      slackApiUrl: fakes.slack.apiUrl,
      // The fake Slack, Salesforce and webhook receiver listen on 127.0.0.1.
      allowLocalTargets: true,
      publicUrl: "http://docket.test",
      leaseSeconds: 60,
    });
    const olga = await signUp(t.app, { name: "Olga Ivanova", email: "olga@example.com" });
    const sam = await signUp(t.app, { name: "Sam Okafor", email: "sam@example.com" });

    // ---- The Space: its rules come from the template, then its owner switches every rule on. ----
    const created = await call(t.app, olga, "POST", "/api/spaces", {
      body: {
        name: "Eng leadership",
        templateId: "engineering-leadership-sync",
        cadence: "weekly",
        timezone: "UTC",
        distribution: { emails: ["leads@example.com"], followUpHours: 2 },
      },
    });
    expect(created.status).toBe(201);
    const space = created.body;
    expect(space.distribution.slackChannel).toBe("#eng-leadership");
    expect(space.followUpRules.map((rule: Json) => rule.kind)).toEqual([
      "distribute-notes",
      "slack-summary",
      "red-risk-to-next-agenda",
    ]);
    await joinSpaceVia(t.app, olga, space.id, sam, "member");
    const rules = await call(t.app, olga, "PUT", `/api/spaces/${space.id}/follow-up/rules`, {
      body: { rules: [...space.followUpRules, { kind: "unowned-risk-escalate" }] },
    });
    expect(rules.status).toBe(200);
    expect(rules.body.rules.map((r: Json) => r.description)).toContain(
      "A risk with no owner at the end of a meeting is escalated",
    );
    const samCannot = await call(t.app, sam, "PUT", `/api/spaces/${space.id}/follow-up/rules`, { body: { rules: [] } });
    expect(samCannot.status).toBe(403);

    // ---- Integrations switch on only with their settings; secrets never come back. ----
    for (const [kind, body] of [
      ["slack", { botToken: SLACK_TOKEN }],
      ["salesforce", { instanceUrl: fakes.salesforce.instanceUrl, accessToken: SALESFORCE_TOKEN }],
      ["webhook", { url: fakes.webhook.url, signingSecret: WEBHOOK_SECRET }],
    ] as const) {
      const put = await call(t.app, olga, "PUT", `/api/spaces/${space.id}/integrations/${kind}`, { body });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(JSON.stringify(put.body)).not.toMatch(/xoxb-|salesforce-access-token|whsec_/);
    }
    const badSlack = await call(t.app, olga, "PUT", `/api/spaces/${space.id}/integrations/slack`, {
      body: { botToken: "not-a-token" },
    });
    expect(badSlack.status).toBe(400);
    expect(badSlack.body.error.message).toContain("body.botToken");
    const followUp = await call(t.app, sam, "GET", `/api/spaces/${space.id}/follow-up`);
    expect(followUp.body.integrations.slack).toMatchObject({ connected: true, secrets: ["botToken"] });
    // Where the webhook goes is for the owners: Sam sees that it is connected.
    expect(followUp.body.integrations.webhook).toMatchObject({ connected: true, settings: {} });
    const ownersView = await call(t.app, olga, "GET", `/api/spaces/${space.id}/follow-up`);
    expect(ownersView.body.integrations.webhook.settings).toEqual({ url: fakes.webhook.url });
    expect(JSON.stringify(followUp.body)).not.toMatch(/xoxb-|salesforce-access-token|whsec_/);

    // ---- Meeting 1 (Mon 10 March). ----
    const schedule = async (at: string) => {
      const response = await call(t.app, olga, "POST", `/api/spaces/${space.id}/meetings`, {
        body: {
          scheduledAt: at,
          attendees: [
            { name: "Olga Ivanova", userId: olga.user.id },
            { name: "Sam Okafor", userId: sam.user.id },
          ],
        },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    const m1 = await schedule("2025-03-10T09:00:00Z");
    const m2 = await schedule("2025-03-17T09:00:00Z");
    clock.advance(HOUR); // 09:00
    await setStatus(olga, m1.id, "live");
    await upload(olga, m1.id, "meeting-1.txt");
    const first = await items(olga, m1.id);
    const risk1 = first.find((item) => item.kind === "risk");
    const action1 = first.find((item) => item.kind === "action");
    const pending1 = first.find((item) => item.kind === "decision" && item.status === "pending");
    const decided1 = first.find((item) => item.kind === "decision" && item.status === "decided");
    const question1 = first.find((item) => item.kind === "question");
    expect([risk1, action1, pending1, decided1, question1].every(Boolean)).toBe(true);
    expect(action1).toMatchObject({ owner: "Sam Okafor", due: "2025-03-14" });
    // Olga only raised the risk: nobody owns it yet.
    await review(olga, m1.id, risk1.id, { action: "edit", changes: { owner: null } });
    await review(olga, m1.id, decided1.id, { action: "confirm" });

    clock.advance(HOUR); // 10:00: the meeting ends
    await setStatus(olga, m1.id, "ended");

    // Rule "unowned-risk-escalate": the unowned risk is escalated in this meeting's notes.
    const ended1 = await items(olga, m1.id);
    const unowned = ended1.find((item) => item.kind === "escalation");
    expect(unowned).toMatchObject({
      text: expect.stringContaining("Risk with no owner"),
      needed: "An owner for this risk",
    });
    expect(unowned.links.raisedBy).toEqual({
      rule: "unowned-risk-escalate",
      about: { meetingId: m1.id, itemId: risk1.id },
    });

    // Drafted artifact: the risk talks of customers, so a customer communication is drafted and kept.
    const drafts = await call(t.app, sam, "GET", `/api/meetings/${m1.id}/artifacts`);
    const customerDraft = drafts.body.artifacts.find((a: Json) => a.kind === "customer-communication");
    expect(customerDraft.body).toContain("[Customer name]");
    const edited = await call(t.app, sam, "PATCH", `/api/meetings/${m1.id}/artifacts/${customerDraft.id}`, {
      body: { body: `${customerDraft.body}\n\nReviewed by Sam.` },
    });
    expect(edited.body).toMatchObject({ edited: true, body: expect.stringContaining("Reviewed by Sam.") });
    const slackDraft = await call(t.app, sam, "POST", `/api/meetings/${m1.id}/artifacts`, {
      body: { kind: "follow-up-email", itemId: action1.id },
    });
    expect(slackDraft.status).toBe(201);
    expect(slackDraft.body.body).toContain("migration plan");

    // Rule "distribute-notes within 2 hours": nothing goes out at once (people correct first)…
    fakes.slack.failNext(3, 500);
    clock.advance(30 * MINUTE); // 10:30
    expect((await run()).distributed).toBe(0);
    expect(fakes.smtp.messages).toHaveLength(0);
    // …and everything goes out half-way to the deadline, by itself.
    clock.advance(31 * MINUTE); // 11:01
    const report = await run();
    expect(report.distributed).toBe(1);
    const notesMail = fakes.smtp.messages.filter((m) => m.subject.includes(m1.title));
    expect(notesMail).toHaveLength(1);
    expect(notesMail[0]!.envelope.to.sort()).toEqual(["leads@example.com", "olga@example.com", "sam@example.com"]);
    expect(notesMail[0]).toMatchObject({ hasText: true, hasHtml: true });
    expect(notesMail[0]!.raw).toContain("migration plan");
    // Salesforce: the action item as one Task; webhook: one signed event.
    expect([...fakes.salesforce.tasks.values()]).toHaveLength(1);
    expect([...fakes.salesforce.tasks.values()][0]).toMatchObject({
      Subject: "Write the migration plan",
      ActivityDate: "2025-03-14",
      Status: "Not Started",
    });
    expect(fakes.webhook.received.filter((r) => r.signatureValid)).toHaveLength(1);
    // Slack answered 500: the summary waits for its retry, with the error recorded.
    let log = await deliveries(olga, space.id);
    const slackRow = () => log.deliveries.find((d: Json) => d.channel === "slack");
    expect(slackRow()).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/500/) });
    for (let i = 0; i < 6 && slackRow().status !== "delivered"; i += 1) {
      clock.advance(5 * MINUTE);
      await run();
      log = await deliveries(olga, space.id);
    }
    // Rule "decisions and escalations to Slack": one message after 500 ×3, then 200.
    expect(slackRow()).toMatchObject({ status: "delivered", attempts: 4, late: false });
    const posted = fakes.slack.messages.get("C0LEADS") ?? [];
    expect(posted).toHaveLength(1);
    const blocksText = JSON.stringify(posted[0]!.blocks);
    expect(blocksText).toContain("move billing to Postgres");
    expect(blocksText).toContain("Risk with no owner");
    expect(blocksText).not.toContain("migration plan"); // actions are not in this Space's Slack summary
    expect(log.late).toBe(0);
    // Asking again changes nothing: the notes went out once.
    const again = await call(t.app, olga, "POST", `/api/meetings/${m1.id}/distribute`);
    expect(again.status).toBe(409);

    // ---- Between meetings: reminders, preferences, metrics. ----
    const prefs = await call(t.app, sam, "PUT", "/api/notification-preferences/action-reminder", {
      body: { channel: "email", frequency: "daily" },
    });
    expect(prefs.status).toBe(200);
    const row = await call(t.app, olga, "POST", `/api/meetings/${m2.id}/pre-read`, {
      body: { sectionId: "metrics", ownerId: sam.user.id, cells: { team: "Platform" } },
    });
    expect(row.status, JSON.stringify(row.body)).toBe(201);
    await call(t.app, olga, "PUT", `/api/spaces/${space.id}/metric-bounds`, {
      body: { bounds: { incidents: { max: 5 } } },
    });

    clock.advance(Date.parse("2025-03-16T10:00:00Z") - clock.now().getTime()); // Sunday, 23 h before meeting 2
    const sentBefore = fakes.smtp.messages.length;
    await run();
    const notes = await call(t.app, sam, "GET", "/api/notifications");
    const kinds = notes.body.notifications.map((n: Json) => `${n.kind}:${n.frequency}`).sort();
    // Pre-read not updated 24 h before: reminded at once by email; the overdue action waits for the daily digest.
    expect(kinds).toEqual(["action-reminder:daily", "pre-read-reminder:immediately"]);
    const newMail = fakes.smtp.messages.slice(sentBefore);
    expect(newMail).toHaveLength(1);
    expect(newMail[0]!.envelope.to).toEqual(["sam@example.com"]);
    await run(); // nothing is raised twice
    expect((await call(t.app, sam, "GET", "/api/notifications")).body.notifications).toHaveLength(2);
    clock.advance(Date.parse("2025-03-17T08:00:00Z") - clock.now().getTime()); // the digest hour
    await run();
    const digest = fakes.smtp.messages.slice(sentBefore + 1);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.raw).toContain("migration plan");

    // Metrics: Sam writes 9 incidents; the Space's bound (at most 5) flags it to discuss.
    await call(t.app, sam, "PATCH", `/api/meetings/${m2.id}/pre-read/${row.body.id}`, {
      body: { cells: { team: "Platform", incidents: "9" } },
    });
    const triage = await call(t.app, olga, "GET", `/api/meetings/${m2.id}/triage`);
    expect(triage.body.toDiscuss).toContainEqual(
      expect.objectContaining({ reason: "metric out of range", detail: expect.stringContaining("at most 5") }),
    );

    // What changed, before meeting 2 starts: the overdue action.
    const before2 = await call(t.app, olga, "GET", `/api/meetings/${m2.id}/changes`);
    expect(before2.body.overdue.map((e: Json) => e.text)).toEqual(["Write the migration plan"]);

    // ---- Meeting 2 (Mon 17 March): it starts from the last. ----
    clock.advance(HOUR); // 09:00
    await setStatus(olga, m2.id, "live");
    const start2 = await items(olga, m2.id);
    const carried = (kind: string) => start2.find((item) => item.kind === kind && item.links.carriedFrom);
    expect(carried("action")).toMatchObject({
      text: "Write the migration plan",
      links: { carriedFrom: { meetings: 2 } },
    });
    expect(carried("decision")).toMatchObject({ status: "pending" });
    expect(carried("question")).toBeTruthy();
    expect(carried("risk")).toMatchObject({ rag: "red" });
    // Rule "red-risk-to-next-agenda": the red risk not resolved is on this meeting's agenda as an escalation.
    // The Space lists the carried action once, as its latest copy.
    const open2 = await call(t.app, olga, "GET", `/api/spaces/${space.id}/actions`);
    const listed = open2.body.owners
      .flatMap((o: Json) => o.actions)
      .filter((a: Json) => a.item.text === "Write the migration plan");
    expect(listed.map((a: Json) => a.meetingId)).toEqual([m2.id]);
    const redEscalation = start2.find((item) => item.links.raisedBy?.rule === "red-risk-to-next-agenda");
    expect(redEscalation.text).toContain("customers see failed invoices");
    await upload(olga, m2.id, "meeting-2.txt");
    const during2 = await items(olga, m2.id);
    const mysql = during2.find((item) => item.kind === "decision" && item.text.includes("MySQL"));
    // A new decision supersedes the earlier one explicitly.
    const superseded = await call(t.app, olga, "POST", `/api/meetings/${m2.id}/items/${mysql.id}/supersede`, {
      body: { meetingId: m1.id, itemId: decided1.id },
    });
    expect(superseded.status, JSON.stringify(superseded.body)).toBe(200);
    expect(superseded.body.superseded).toMatchObject({
      status: "superseded",
      links: { supersededBy: { itemId: mysql.id } },
    });
    const log2 = await call(t.app, sam, "GET", `/api/spaces/${space.id}/decisions`);
    expect(log2.body.decisions.find((d: Json) => d.id === decided1.id && d.meetingId === m1.id).status).toBe(
      "superseded",
    );
    // The action is done; the risk is re-rated yellow.
    await review(sam, m2.id, carried("action").id, { action: "edit", changes: { status: "done" } });
    await review(olga, m2.id, carried("risk").id, {
      action: "edit",
      changes: { rag: "yellow", owner: "Olga Ivanova" },
    });
    const changes2 = await call(t.app, olga, "GET", `/api/meetings/${m2.id}/changes`);
    expect(changes2.body.resolved.map((e: Json) => e.text)).toContain("Write the migration plan");
    expect(changes2.body.reRated).toContainEqual(expect.objectContaining({ from: "red", rag: "yellow" }));
    expect(changes2.body.new.map((e: Json) => e.text)).toContainEqual(expect.stringContaining("MySQL"));

    clock.advance(HOUR);
    await setStatus(olga, m2.id, "ended");
    const distributed = await call(t.app, olga, "POST", `/api/meetings/${m2.id}/distribute`);
    expect(distributed.status).toBe(202);
    await run();
    // The carried action is the same Task, now completed; Priya's new action is a second Task.
    const tasks = [...fakes.salesforce.tasks.values()];
    expect(tasks).toHaveLength(2);
    expect(tasks.find((task) => task.Subject === "Write the migration plan")?.Status).toBe("Completed");

    // ---- Meeting 3 (Mon 24 March). ----
    const m3 = await schedule("2025-03-24T09:00:00Z");
    clock.advance(Date.parse("2025-03-24T09:00:00Z") - clock.now().getTime());
    await setStatus(olga, m3.id, "live");
    const start3 = await items(olga, m3.id);
    expect(start3.find((item) => item.text === "Write the migration plan")).toBeUndefined(); // done: not carried
    expect(start3.find((item) => item.kind === "risk" && item.text.includes("failed invoices"))).toMatchObject({
      rag: "yellow",
      links: { carriedFrom: { meetings: 3 } },
    });
    expect(start3.some((item) => item.links.raisedBy?.rule === "red-risk-to-next-agenda")).toBe(false); // yellow now
    expect(start3.find((item) => item.kind === "question")?.links.carriedFrom.meetings).toBe(3);
    // Meeting 3's notes miss their deadline: the mail server refuses everything.
    fakes.smtp.failNext(100, 451);
    clock.advance(HOUR);
    await setStatus(olga, m3.id, "ended");
    clock.advance(61 * MINUTE);
    await run();
    clock.advance(HOUR);
    await run();
    const late = await deliveries(olga, space.id);
    expect(late.late).toBe(1);
    expect(late.deliveries.find((d: Json) => d.late)).toMatchObject({ channel: "email", meetingId: m3.id });

    // Timeline: in time order (newest first), with every kind of entry the series made.
    const timeline = await call(t.app, sam, "GET", `/api/spaces/${space.id}/timeline`);
    const entryKinds = new Set(timeline.body.entries.map((e: Json) => e.kind));
    for (const kind of ["meeting", "decision", "decision-superseded", "risk-rating", "escalation", "action-done"]) {
      expect(entryKinds, kind).toContain(kind);
    }
    const times = timeline.body.entries.map((e: Json) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    // Calendar: a private ICS address with the Space's three meetings.
    const feed = await call(t.app, sam, "POST", `/api/spaces/${space.id}/calendar-feed`);
    const path = new URL(feed.body.url).pathname + new URL(feed.body.url).search;
    const ics = await t.app.request(path);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const body = await ics.text();
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(body).toContain(`UID:${m1.id}@docket`);
    expect((await t.app.request(`/api/spaces/${space.id}/calendar.ics?key=wrong`)).status).toBe(404);

    // Exactly once, across the whole series.
    expect(fakes.slack.messages.get("C0LEADS")).toHaveLength(3); // one summary per meeting
    expect(fakes.webhook.received).toHaveLength(3);
    expect(fakes.webhook.uniqueDeliveries()).toHaveLength(3);
  }, 60_000);
});
