import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../../test/fakes/slack-api.js";
import { attempt, deliveryError } from "../../../test/helpers/delivery.js";
import type { SlackPayload, SlackSettings } from "../types.js";
import { findSlackUserId, postSlackMessage } from "./post-message.js";

const TOKEN = "xoxb-test-1234-secret";

const payload: SlackPayload = {
  channel: "#eng-leadership",
  text: "Notes from Q3 planning are ready",
  blocks: [
    { type: "header", text: { type: "plain_text", text: "Q3 planning" } },
    { type: "section", text: { type: "mrkdwn", text: "*Decision:* ship the beta on Friday" } },
  ],
};

describe("postSlackMessage", () => {
  let slack: FakeSlack;
  let settings: SlackSettings;
  beforeEach(async () => {
    slack = await startFakeSlack({
      token: TOKEN,
      channels: [
        { id: "C1", name: "eng-leadership" },
        { id: "C2", name: "old-projects", isArchived: true },
      ],
      users: [{ id: "U1", email: "dana@example.com" }],
    });
    settings = { botToken: TOKEN, apiUrl: slack.apiUrl, allowLocalTargets: true };
  });
  afterEach(async () => {
    await slack.close();
  });

  it("posts text, blocks and delivery metadata with the bot token", async () => {
    const result = await postSlackMessage(settings, payload, attempt());

    const posted = slack.messages.get("C1") ?? [];
    expect(posted).toHaveLength(1);
    const message = posted[0]!;
    expect(message.text).toBe(payload.text);
    expect(message.blocks).toEqual(payload.blocks);
    expect(message.metadata).toEqual({
      event_type: "docket_delivery",
      event_payload: { delivery_id: "del_1", dedupe_key: "notes:mtg_1:v1" },
    });
    expect(result.externalId).toBe(`C1:${message.ts}`);

    const [call] = slack.calls("chat.postMessage");
    expect(call?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call?.contentType).toBe("application/x-www-form-urlencoded");
  });

  it("posts to a user id as a direct message", async () => {
    const result = await postSlackMessage(settings, { ...payload, channel: "U1" }, attempt());
    expect(result.externalId).toMatch(/^D1:\d+\.\d{6}$/);
    expect(slack.messages.get("D1")).toHaveLength(1);
  });

  it("rejects a wrong token permanently without leaking it", async () => {
    const error = await deliveryError(
      postSlackMessage({ ...settings, botToken: "xoxb-wrong-token-9999" }, payload, attempt()),
    );
    expect(error.permanent).toBe(true);
    expect(error.message).toContain("invalid_auth");
    expect(error.message).not.toContain("xoxb-wrong-token-9999");
    expect(slack.messages.size).toBe(0);
  });

  it("names the Slack error and channel for an unknown or archived channel, permanently", async () => {
    const unknown = await deliveryError(postSlackMessage(settings, { ...payload, channel: "#nope" }, attempt()));
    expect(unknown.permanent).toBe(true);
    expect(unknown.message).toContain("channel_not_found");
    expect(unknown.message).toContain("#nope");
    expect(unknown.message).not.toContain(TOKEN);

    const archived = await deliveryError(postSlackMessage(settings, { ...payload, channel: "C2" }, attempt()));
    expect(archived.permanent).toBe(true);
    expect(archived.message).toContain("is_archived");
  });

  it("treats HTTP 500 as temporary", async () => {
    slack.failNext(1, 500);
    const error = await deliveryError(postSlackMessage(settings, payload, attempt()));
    expect(error.permanent).toBe(false);
    expect(error.message).toContain("HTTP 500");
    expect(error.message).not.toContain(TOKEN);
    // retries: 0, so exactly one request was made
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
  });

  it("reports a rate limit at once as temporary with Slack's Retry-After", async () => {
    slack.rateLimitNext(30);
    const started = Date.now();
    const error = await deliveryError(postSlackMessage(settings, payload, attempt()));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.permanent).toBe(false);
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toContain("ratelimited");
    expect(slack.messages.size).toBe(0);
  });

  it("treats a request that gets no answer as temporary", async () => {
    slack.holdNext();
    const error = await deliveryError(postSlackMessage(settings, payload, attempt(), { timeoutMs: 200 }));
    expect(error.permanent).toBe(false);
    expect(error.message).toContain("request error");
  });

  it("after a cut-off post, an uncertain attempt finds the message and does not post again", async () => {
    slack.holdNext();
    await deliveryError(postSlackMessage(settings, payload, attempt(), { timeoutMs: 200 }));
    const stored = slack.messages.get("C1") ?? [];
    expect(stored).toHaveLength(1); // Slack got it; we never heard back

    // Another delivery posted since must not be mistaken for ours.
    await postSlackMessage(settings, payload, attempt({ deliveryId: "del_2", dedupeKey: "notes:mtg_2:v1" }));

    const result = await postSlackMessage(settings, payload, attempt({ attempt: 2, uncertain: true }));
    expect(result.externalId).toBe(`C1:${stored[0]!.ts}`);
    expect(slack.calls("chat.postMessage")).toHaveLength(2);
    expect(slack.messages.get("C1")).toHaveLength(2);
    expect(slack.calls("conversations.history")[0]?.params).toMatchObject({
      channel: "C1",
      include_all_metadata: "true",
    });
  });

  it("an uncertain attempt posts when the earlier one never arrived", async () => {
    slack.failNext(1, 503);
    await deliveryError(postSlackMessage(settings, { ...payload, channel: "U1" }, attempt()));

    const result = await postSlackMessage(settings, { ...payload, channel: "U1" }, attempt({ uncertain: true }));
    expect(result.externalId).toMatch(/^D1:/);
    expect(slack.messages.get("D1")).toHaveLength(1);
    expect(slack.calls("conversations.open")).toHaveLength(1);
  });
});

describe("findSlackUserId", () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await startFakeSlack({ token: TOKEN, users: [{ id: "U1", email: "dana@example.com" }] });
  });
  afterEach(async () => {
    await slack.close();
  });

  it("finds a user by email and returns null for an unknown address", async () => {
    const settings = { botToken: TOKEN, apiUrl: slack.apiUrl, allowLocalTargets: true };
    expect(await findSlackUserId(settings, "Dana@example.com")).toBe("U1");
    expect(await findSlackUserId(settings, "nobody@example.com")).toBeNull();
  });

  it("raises other errors as delivery errors", async () => {
    const error = await deliveryError(
      findSlackUserId({ botToken: "xoxb-bad", apiUrl: slack.apiUrl, allowLocalTargets: true }, "a@b.c"),
    );
    expect(error.permanent).toBe(true);
    expect(error.message).toContain("invalid_auth");
  });
});
