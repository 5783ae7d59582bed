import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeSalesforce, startFakeSalesforce } from "../../test/fakes/salesforce-api.js";
import { type FakeSlack, startFakeSlack } from "../../test/fakes/slack-api.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../test/fakes/webhook-receiver.js";
import { attempt, deliveryError } from "../../test/helpers/delivery.js";
import { checkedLookup, checkTarget, outboundFetch } from "./outbound.js";
import { pushSalesforceTask } from "./salesforce/push-task.js";
import { postSlackMessage } from "./slack/post-message.js";
import { sendWebhook } from "./webhook/send-webhook.js";

// This machine's own name resolves to 127.0.0.1 (/etc/hosts): a name that passes every check of the URL and
// reaches a loopback address only when it is resolved, as a rebound name does.
const REBOUND_NAME = "vm";
const NOW = new Date("2025-03-14T15:09:26.000Z");
const SECRET = "whsec_test_5f2a0123";

describe("sending to configured targets", () => {
  let receiver: WebhookReceiver;
  let slack: FakeSlack;
  let salesforce: FakeSalesforce;
  beforeEach(async () => {
    receiver = await startWebhookReceiver({ secret: SECRET, now: () => NOW });
    slack = await startFakeSlack({ token: "xoxb-test-1", channels: [{ id: "C1", name: "eng" }] });
    salesforce = await startFakeSalesforce({ accessToken: "00Dxx!token" });
  });
  afterEach(async () => {
    await Promise.all([receiver.close(), slack.close(), salesforce.close()]);
  });

  it("refuses http and local addresses when the server does not allow them, and sends nothing", async () => {
    const hook = await deliveryError(
      sendWebhook({ url: receiver.url, signingSecret: SECRET }, { event: "e", data: {} }, attempt(), NOW),
    );
    expect(hook.permanent).toBe(true);
    expect(hook.message).toBe("Webhook URL must be an https:// URL");

    const https = receiver.url.replace("http:", "https:");
    const literal = await deliveryError(
      sendWebhook({ url: https, signingSecret: SECRET }, { event: "e", data: {} }, attempt(), NOW),
    );
    expect(literal.message).toMatch(/^Webhook URL points at 127\.0\.0\.1, a loopback address$/);

    const posted = await deliveryError(
      postSlackMessage(
        { botToken: "xoxb-test-1", apiUrl: slack.apiUrl },
        { channel: "C1", text: "t", blocks: [] },
        attempt(),
      ),
    );
    expect(posted.message).toContain("must be an https:// URL");

    const task = await deliveryError(
      pushSalesforceTask(
        { instanceUrl: salesforce.instanceUrl, accessToken: "00Dxx!token" },
        {
          externalId: "i1",
          subject: "s",
          description: "d",
          activityDate: null,
          status: "Not Started",
          ownerName: null,
        },
        attempt(),
      ),
    );
    expect(task.permanent).toBe(true);
    expect(task.message).toBe("Salesforce instance URL must be an https:// URL");

    expect(receiver.received).toEqual([]);
    expect(slack.requests).toEqual([]);
    expect(salesforce.requests).toEqual([]);
  });

  it("checks the address a connection is made to, so a name that resolves to loopback is refused", async () => {
    const port = new URL(receiver.url).port;
    const error = await deliveryError(outboundFetch(false)(`https://${REBOUND_NAME}:${port}/hook`, { method: "POST" }));
    expect(error.permanent).toBe(true);
    expect(error.message).toBe(`Docket does not send there: ${REBOUND_NAME} resolves to 127.0.0.1, a loopback address`);
    expect(receiver.received).toEqual([]);
    // The lookup connections use refuses it as well.
    const looked = await new Promise<unknown>((resolve) => checkedLookup(REBOUND_NAME, {}, (e) => resolve(e)));
    expect(looked).toMatchObject({ name: "RefusedTargetError" });
  });

  it("lets the development setting send to the local test servers", async () => {
    await sendWebhook(
      { url: receiver.url, signingSecret: SECRET, allowLocalTargets: true },
      { event: "e", data: {} },
      attempt(),
      NOW,
    );
    expect(receiver.received).toHaveLength(1);
  });
});

describe("checkTarget, when a setting is saved", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/iam", "must be an https:// URL"],
    ["https://169.254.169.254/latest/meta-data/iam", "points at 169.254.169.254, the cloud metadata address"],
    ["https://[::ffff:169.254.169.254]/", "points at ::ffff:a9fe:a9fe, the cloud metadata address"],
    [`https://${REBOUND_NAME}/hook`, `points at ${REBOUND_NAME}, which resolves to 127.0.0.1, a loopback address`],
    ["https://8.8.8.8/hook", null],
  ])("%s", async (url, problem) => {
    expect(await checkTarget(url, false)).toBe(problem);
  });

  it("allows local targets only with the development setting", async () => {
    expect(await checkTarget(`http://${REBOUND_NAME}:4000/hook`, true)).toBeNull();
  });
});
