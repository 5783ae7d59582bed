import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeSmtp, startFakeSmtp } from "../../../test/fakes/smtp-server.js";
import { attempt, deliveryError } from "../../../test/helpers/delivery.js";
import type { EmailPayload } from "../types.js";
import { emailMessageId, sendEmail } from "./send-email.js";

const payload: EmailPayload = {
  to: ["dana@example.com", "lee@example.com"],
  subject: "Notes: Q3 planning — decisions and actions",
  text: "Decision: ship the beta on Friday.",
  html: "<p>Decision: <strong>ship the beta on Friday.</strong></p>",
};

describe("sendEmail", () => {
  let smtp: FakeSmtp;
  beforeEach(async () => {
    smtp = await startFakeSmtp();
  });
  afterEach(async () => {
    await smtp.close();
  });

  it("delivers a multipart message with both parts, the subject and a Message-ID from the dedupe key", async () => {
    const result = await sendEmail({ url: smtp.url, from: "Docket <docket@example.com>" }, payload, attempt());

    expect(smtp.messages).toHaveLength(1);
    const message = smtp.messages[0]!;
    expect(message.envelope).toEqual({ from: "docket@example.com", to: ["dana@example.com", "lee@example.com"] });
    expect(message.subject).toBe(payload.subject);
    expect(message.hasText).toBe(true);
    expect(message.hasHtml).toBe(true);
    expect(message.headers["content-type"]).toMatch(/^multipart\/alternative/);
    expect(message.raw).toContain("ship the beta on Friday.");
    expect(message.to).toContain("dana@example.com");
    expect(message.from).toContain("docket@example.com");
    expect(message.messageId).toBe(emailMessageId("notes:mtg_1:v1"));
    expect(message.messageId).toMatch(/^<[0-9a-f]{32}@docket>$/);
    expect(result.externalId).toBe(message.messageId);
  });

  it("sends a resend with the same Message-ID, and a different delivery with another", async () => {
    const settings = { url: smtp.url, from: "docket@example.com" };
    const first = await sendEmail(settings, payload, attempt());
    const again = await sendEmail(settings, payload, attempt({ attempt: 2, uncertain: true }));
    const other = await sendEmail(settings, payload, attempt({ deliveryId: "del_2", dedupeKey: "notes:mtg_2:v1" }));

    expect(again.externalId).toBe(first.externalId);
    expect(other.externalId).not.toBe(first.externalId);
    expect(smtp.messages.map((message) => message.messageId)).toEqual([
      first.externalId,
      first.externalId,
      other.externalId,
    ]);
  });

  it("logs in with the credentials in the URL", async () => {
    const guarded = await startFakeSmtp({ auth: { user: "docket", pass: "s3cret" } });
    try {
      await sendEmail({ url: guarded.url, from: "docket@example.com" }, payload, attempt());
      expect(guarded.messages[0]?.user).toBe("docket");

      const wrongUrl = guarded.url.replace("s3cret", "wrong-pass");
      const error = await deliveryError(sendEmail({ url: wrongUrl, from: "docket@example.com" }, payload, attempt()));
      expect(error.permanent).toBe(true);
      expect(error.message).toContain("535");
      expect(error.message).not.toContain("wrong-pass");
    } finally {
      await guarded.close();
    }
  });

  it("treats a 4xx reply as temporary", async () => {
    smtp.failNext(1, 451);
    const error = await deliveryError(sendEmail({ url: smtp.url, from: "docket@example.com" }, payload, attempt()));
    expect(error.permanent).toBe(false);
    expect(error.message).toContain("451");
    expect(smtp.messages).toHaveLength(0);

    // The next attempt goes through.
    await sendEmail({ url: smtp.url, from: "docket@example.com" }, payload, attempt({ attempt: 2 }));
    expect(smtp.messages).toHaveLength(1);
  });

  it("treats a 5xx reply as permanent", async () => {
    smtp.failNext(1, 550);
    const error = await deliveryError(sendEmail({ url: smtp.url, from: "docket@example.com" }, payload, attempt()));
    expect(error.permanent).toBe(true);
    expect(error.message).toContain("550");
  });

  it("treats a server that stops answering mid-send as temporary, and records nothing", async () => {
    smtp.holdNext();
    const error = await deliveryError(
      sendEmail({ url: smtp.url, from: "docket@example.com" }, payload, attempt(), { timeoutMs: 300 }),
    );
    expect(error.permanent).toBe(false);
    expect(smtp.dataCommands()).toBe(1);
    expect(smtp.messages).toHaveLength(0);
  });

  it("treats a refused connection as temporary", async () => {
    const url = smtp.url;
    await smtp.close();
    const error = await deliveryError(sendEmail({ url, from: "docket@example.com" }, payload, attempt()));
    expect(error.permanent).toBe(false);
    smtp = await startFakeSmtp(); // for afterEach
  });
});
