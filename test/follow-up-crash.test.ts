// Nothing sent twice, nothing lost: `docket serve` (PGlite in a folder) is SIGKILLed while it is in the middle
// of sending a meeting's follow-up — every target has received its request and none has answered — then started
// again on the same folder. Each target ends up with exactly one delivery: Slack because the sender finds its
// earlier message by the delivery's metadata before posting again, Salesforce because a Task is upserted by its
// external id, the webhook because the retry carries the same delivery id, and the mail server because the
// message it never accepted is sent again.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSalesforce } from "./fakes/salesforce-api.js";
import { startFakeSlack } from "./fakes/slack-api.js";
import { startFakeSmtp } from "./fakes/smtp-server.js";
import { startWebhookReceiver } from "./fakes/webhook-receiver.js";
import {
  api,
  createMeetingThroughApi,
  type DocketServer,
  startDocketServer,
  stopAllProcesses,
  temporaryFolder,
} from "./helpers/processes.js";

const SLACK_TOKEN = "xoxb-crash-test-0001";
const SALESFORCE_TOKEN = "00Dcrash!salesforce-token";
const WEBHOOK_SECRET = "whsec_crash_test_signing_secret";

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a server killed in the middle of sending", () => {
  let folder: { path: string; remove: () => Promise<void> };
  let server: DocketServer;
  const smtp = startFakeSmtp();
  const slack = startFakeSlack({ token: SLACK_TOKEN, channels: [{ id: "C0LEADS", name: "eng-leadership" }] });
  const salesforce = startFakeSalesforce({ accessToken: SALESFORCE_TOKEN });
  const webhook = startWebhookReceiver({ secret: WEBHOOK_SECRET });

  beforeAll(async () => {
    folder = await temporaryFolder("docket-follow-up-crash");
    server = await startDocketServer({
      dataDir: folder.path,
      env: {
        DOCKET_DEMO: "off",
        DOCKET_SMTP_URL: (await smtp).url,
        DOCKET_MAIL_FROM: "Docket <docket@example.com>",
        DOCKET_SLACK_API_URL: (await slack).apiUrl,
        // The fake Slack and webhook receiver listen on 127.0.0.1.
        DOCKET_ALLOW_LOCAL_TARGETS: "on",
        // A crashed sender's claim lapses after 2 s, and the worker looks for work every 200 ms.
        DOCKET_DELIVERY_LEASE_SECONDS: "2",
        DOCKET_WORKER_INTERVAL_MS: "200",
      },
    });
  }, 60_000);

  afterAll(async () => {
    await stopAllProcesses();
    await Promise.all([smtp, slack, salesforce, webhook].map(async (fake) => (await fake).close()));
    await folder?.remove();
  });

  it("delivers the notes, the Slack summary, the Salesforce Task and the webhook exactly once after a restart", async () => {
    const [mail, chat, crm, hook] = await Promise.all([smtp, slack, salesforce, webhook]);
    const { token, spaceId, meetingId } = await createMeetingThroughApi(server.url);
    const auth = { authorization: `Bearer ${token}` };
    await api(
      server.url,
      "PATCH",
      `/api/spaces/${spaceId}`,
      { distribution: { emails: ["leads@example.com"], slackChannel: "#eng-leadership", followUpHours: 2 } },
      auth,
    );
    await api(server.url, "PUT", `/api/spaces/${spaceId}/integrations/slack`, { botToken: SLACK_TOKEN }, auth);
    await api(
      server.url,
      "PUT",
      `/api/spaces/${spaceId}/integrations/salesforce`,
      { instanceUrl: crm.instanceUrl, accessToken: SALESFORCE_TOKEN },
      auth,
    );
    await api(
      server.url,
      "PUT",
      `/api/spaces/${spaceId}/integrations/webhook`,
      { url: hook.url, signingSecret: WEBHOOK_SECRET },
      auth,
    );
    // The meeting: a transcript uploaded to a meeting that had not started runs it and ends it.
    const transcript = readFileSync(new URL("./fixtures/series/meeting-1.txt", import.meta.url), "utf8");
    const uploaded = await fetch(new URL(`/api/meetings/${meetingId}/transcript?filename=meeting-1.txt`, server.url), {
      method: "POST",
      headers: { ...auth, "content-type": "text/plain" },
      body: transcript,
    });
    expect(uploaded.status).toBe(200);

    // Every target takes the request and never answers; then the server dies.
    mail.holdNext();
    chat.holdNext();
    crm.holdNext();
    hook.holdNext();
    await api(server.url, "POST", `/api/meetings/${meetingId}/distribute`, undefined, auth);
    await until(
      "every target to receive its request",
      () =>
        mail.dataCommands() === 1 &&
        (chat.messages.get("C0LEADS")?.length ?? 0) === 1 &&
        crm.tasks.size === 1 &&
        hook.received.length === 1,
    );
    expect(mail.messages).toHaveLength(0); // the mail server never accepted the held message
    await server.kill();

    server = await server.restart();
    const statuses = async () => {
      const response = await api(server.url, "GET", `/api/spaces/${spaceId}/deliveries`, undefined, auth);
      return ((await response.json()) as { deliveries: { channel: string; status: string; attempts: number }[] })
        .deliveries;
    };
    await until("every delivery to be delivered", async () =>
      (await statuses()).every((d) => d.status === "delivered"),
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await statuses())}\n${server.output()}`);
    });
    const deliveries = await statuses();
    expect(deliveries.map((d) => d.channel).sort()).toEqual(["email", "salesforce", "slack", "webhook"]);
    expect(deliveries.every((d) => d.attempts === 2)).toBe(true);

    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]!.envelope.to).toEqual(["leads@example.com"]);
    expect(chat.messages.get("C0LEADS")).toHaveLength(1);
    expect(chat.calls("chat.postMessage")).toHaveLength(1); // found by its metadata, not posted again
    expect(crm.tasks.size).toBe(1);
    expect(crm.requests.filter((r) => r.method === "PATCH")).toHaveLength(2); // the same upsert, twice: one Task
    expect(hook.received).toHaveLength(2);
    expect(hook.uniqueDeliveries()).toHaveLength(1);
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
  }, 90_000);
});
