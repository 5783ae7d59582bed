import { z } from "zod";
import type { DeliveryChannel } from "../channel.js";
import type { EmailPayload, SmtpSettings } from "../types.js";

export const emailPayloadSchema: z.ZodType<EmailPayload> = z.object({
  to: z.array(z.string().min(1)).min(1),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
});

/** Email goes through the server's mail server (`DOCKET_SMTP_URL`), the same for every Space. */
export const emailChannel: DeliveryChannel<EmailPayload, SmtpSettings> = {
  kind: "email",
  payload: emailPayloadSchema,
  enabledFor: ({ server }) =>
    server.smtp
      ? { settings: server.smtp }
      : { disabled: "email is not set up on this server: it has no mail server (DOCKET_SMTP_URL)" },
  // nodemailer loads with the first email, not at start-up.
  send: async (settings, payload, attempt) => (await import("./send-email.js")).sendEmail(settings, payload, attempt),
};
