import { createHash } from "node:crypto";
import { createTransport, type NodemailerError } from "nodemailer";
import {
  type DeliveryAttempt,
  DeliveryError,
  type DeliveryResult,
  type EmailPayload,
  type SmtpSettings,
} from "../types.js";

export interface SendEmailOptions {
  /** Connection, greeting and idle-socket timeout in ms; tests shorten it. */
  timeoutMs?: number;
}

const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 15_000;

/** Errors raised before anything reaches the server: sending again cannot help. */
const PERMANENT_LOCAL_CODES = new Set(["ECONFIG", "EENVELOPE", "EMESSAGE"]);

/**
 * The Message-ID of a delivery. Derived from the dedupe key, so a resend after a cut-off attempt carries the same
 * id and mail clients thread or drop the copy instead of showing a second message.
 */
export function emailMessageId(dedupeKey: string): string {
  const digest = createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32);
  return `<${digest}@docket>`;
}

export async function sendEmail(
  settings: SmtpSettings,
  payload: EmailPayload,
  attempt: DeliveryAttempt,
  options: SendEmailOptions = {},
): Promise<DeliveryResult> {
  const messageId = emailMessageId(attempt.dedupeKey);
  const transport = createTransport({
    url: settings.url,
    connectionTimeout: options.timeoutMs ?? CONNECTION_TIMEOUT_MS,
    greetingTimeout: options.timeoutMs ?? GREETING_TIMEOUT_MS,
    socketTimeout: options.timeoutMs ?? SOCKET_TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      messageId,
    });
    return { externalId: info.messageId };
  } catch (error) {
    throw classifySmtpError(error, payload);
  } finally {
    transport.close();
  }
}

function classifySmtpError(error: unknown, payload: EmailPayload): DeliveryError {
  const failure = error as NodemailerError;
  const responseCode = typeof failure.responseCode === "number" ? failure.responseCode : null;
  const recipients = payload.to.join(", ");
  if (responseCode !== null) {
    // 5xx is a refusal the server will repeat; 503 only means the session was out of step, which a new one fixes.
    const permanent = responseCode >= 500 && responseCode !== 503;
    const reply = (failure.response ?? failure.message).trim();
    return new DeliveryError(`SMTP server refused mail to ${recipients}: ${reply}`, { permanent, cause: error });
  }
  const code = failure.code ?? "ERROR";
  return new DeliveryError(`Could not send mail to ${recipients} (${code}): ${failure.message}`, {
    permanent: PERMANENT_LOCAL_CODES.has(code),
    cause: error,
  });
}
