import { describe, expect, it } from "vitest";
import { DELIVERY_CHANNELS } from "../store/schema.js";
import type { ChannelSettingsSource, ServerChannelSettings } from "./channel.js";
import { CHANNELS, findChannel } from "./channels.js";
import { emailChannel } from "./email/channel.js";
import { salesforceChannel, salesforceTask } from "./salesforce/channel.js";
import { slackChannel } from "./slack/channel.js";
import { webhookChannel } from "./webhook/channel.js";

const noServer: ServerChannelSettings = { smtp: null, slackApiUrl: undefined, allowLocalTargets: false };
const where = (connection?: ChannelSettingsSource["connection"], server = noServer): ChannelSettingsSource => ({
  server,
  connection,
});

describe("the channels", () => {
  it("are one per kind the outbox stores, found by kind", () => {
    expect(CHANNELS.map((channel) => channel.kind).sort()).toEqual([...DELIVERY_CHANNELS].sort());
    expect(findChannel("slack")).toBe(slackChannel);
    expect(findChannel("fax")).toBeNull();
  });

  it("say when they are off, and why", () => {
    expect(emailChannel.enabledFor(where())).toEqual({
      disabled: expect.stringContaining("DOCKET_SMTP_URL"),
    });
    const smtp = { url: "smtp://mail.example.com:587", from: "Docket <d@example.com>" };
    expect(emailChannel.enabledFor(where(undefined, { ...noServer, smtp }))).toEqual({ settings: smtp });

    expect(slackChannel.enabledFor(where())).toEqual({ disabled: "Slack is not connected to this Space" });
    expect(
      slackChannel.enabledFor(
        where({ settings: {}, secrets: { botToken: "xoxb-1" } }, { ...noServer, slackApiUrl: "http://s/api/" }),
      ),
    ).toEqual({ settings: { botToken: "xoxb-1", apiUrl: "http://s/api/", allowLocalTargets: false } });

    expect(webhookChannel.enabledFor(where({ settings: { url: "https://h.example.com" }, secrets: {} }))).toEqual({
      disabled: "no webhook is set up",
    });
    expect(
      salesforceChannel.enabledFor(
        where({
          settings: { instanceUrl: "https://x.my.salesforce.com", apiVersion: "61.0" },
          secrets: { accessToken: "t" },
        }),
      ),
    ).toEqual({
      settings: {
        instanceUrl: "https://x.my.salesforce.com",
        accessToken: "t",
        apiVersion: "61.0",
        allowLocalTargets: false,
      },
    });
  });

  it("parse the payloads Docket queues", () => {
    const direct = { email: "sam@example.com", text: "Reminder", blocks: [] };
    expect(slackChannel.payload.parse(direct)).toEqual(direct);
    const posted = { channel: "#eng", text: "Notes", blocks: [{ type: "divider" }] };
    expect(slackChannel.payload.parse(posted)).toEqual(posted);
    expect(slackChannel.payload.safeParse({ ...posted, email: "sam@example.com" }).success).toBe(false);
    expect(webhookChannel.payload.parse({ event: "notes.distributed", data: { id: 1 } })).toEqual({
      event: "notes.distributed",
      data: { id: 1 },
    });
    expect(emailChannel.payload.safeParse({ to: [], subject: "s", text: "t", html: "h" }).success).toBe(false);
  });
});

describe("salesforceTask", () => {
  const action = {
    thread: "m1/a1",
    text: "Write the migration plan",
    owner: "Sam Okafor",
    due: "2025-03-14",
    done: false,
    spaceName: "Eng leadership",
    meetingTitle: "Weekly sync",
    meetingDate: "2025-03-10",
    url: "http://docket.test/meetings/m1/notes",
  };

  it("maps an action item to its Task, keyed by the action's thread", () => {
    const task = salesforceTask(action);
    expect(task).toEqual({
      externalId: "m1/a1",
      subject: "Write the migration plan",
      description:
        "From Eng leadership: Weekly sync (2025-03-10)\nOwner: Sam Okafor\nhttp://docket.test/meetings/m1/notes",
      activityDate: "2025-03-14",
      status: "Not Started",
      ownerName: "Sam Okafor",
    });
    expect(salesforceChannel.payload.parse(task)).toEqual(task);
  });

  it("says when nobody owns it, completes it when done, and cuts the subject to Salesforce's 255", () => {
    const task = salesforceTask({ ...action, owner: null, done: true, due: null, text: "x".repeat(300) });
    expect(task).toMatchObject({ status: "Completed", ownerName: null, activityDate: null });
    expect(task.description).toContain("Owner: not named");
    expect(task.subject).toHaveLength(255);
  });
});
