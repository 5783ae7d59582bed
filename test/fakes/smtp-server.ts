import type { Socket } from "node:net";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

/**
 * A local SMTP server for tests: smtp-server on 127.0.0.1, no TLS, recording what it accepts, with switches to
 * refuse or stall the next messages.
 */

export interface FakeSmtpOptions {
  /** When set, clients must log in with these credentials (AUTH PLAIN/LOGIN over the plain connection). */
  auth?: { user: string; pass: string };
}

export interface ReceivedEmail {
  envelope: { from: string; to: string[] };
  /** The message as sent after DATA, CRLF line ends. */
  raw: string;
  /** Header fields by lower-case name, continuation lines unfolded, encoded words decoded (first occurrence). */
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  from: string;
  to: string;
  hasText: boolean;
  hasHtml: boolean;
  /** The user the client logged in as, if it did. */
  user: string | null;
}

export interface FakeSmtp {
  /** smtp://127.0.0.1:<port> (with credentials when `auth` was given). */
  url: string;
  port: number;
  /** Messages accepted with 250, oldest first. */
  messages: ReceivedEmail[];
  /** DATA commands seen, accepted or not. */
  dataCommands(): number;
  /** Answer the next `count` DATA commands with `code` instead of accepting them. */
  failNext(count: number, code?: number): void;
  /** Read the next message and never answer its DATA, as a server that hangs mid-send. Not recorded. */
  holdNext(): void;
  close(): Promise<void>;
}

export async function startFakeSmtp(options: FakeSmtpOptions = {}): Promise<FakeSmtp> {
  const messages: ReceivedEmail[] = [];
  const sockets = new Set<Socket>();
  let failures: { remaining: number; code: number } = { remaining: 0, code: 451 };
  let holds = 0;
  let dataCommands = 0;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 100,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && auth.username === expected.user && auth.password === expected.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      dataCommands += 1;
      // Decided when DATA arrives, not when the message ends: a client killed mid-message must not leave the hold
      // armed for the next one.
      const held = holds > 0;
      if (held) holds -= 1;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (held) return; // never answered: the client times out or is cut off
        if (failures.remaining > 0) {
          failures = { ...failures, remaining: failures.remaining - 1 };
          const reason = failures.code >= 500 ? "Message rejected" : "Try again later";
          callback(Object.assign(new Error(reason), { responseCode: failures.code }));
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((recipient) => recipient.address);
        messages.push(readEmail(raw, { from, to }, typeof session.user === "string" ? session.user : null));
        callback(null, "Queued");
      });
    },
  });
  server.on("error", () => {
    // a client cut off mid-session is expected here
  });
  server.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("fake SMTP server has no port");
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : "";

  return {
    url: `smtp://${credentials}127.0.0.1:${address.port}`,
    port: address.port,
    messages,
    dataCommands: () => dataCommands,
    failNext(count, code = 451) {
      failures = { remaining: count, code };
    },
    holdNext() {
      holds += 1;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readEmail(raw: string, envelope: { from: string; to: string[] }, user: string | null): ReceivedEmail {
  const headers = parseHeaders(raw);
  return {
    envelope,
    raw,
    headers,
    subject: headers.subject ?? "",
    messageId: headers["message-id"] ?? "",
    from: headers.from ?? "",
    to: headers.to ?? "",
    hasText: /^content-type:\s*text\/plain\b/im.test(raw),
    hasHtml: /^content-type:\s*text\/html\b/im.test(raw),
    user,
  };
}

/** The top-level header block: unfold continuation lines, then take `Name: value` pairs. */
export function parseHeaders(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = end === -1 ? raw : raw.slice(0, end);
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name in headers) continue;
    headers[name] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** RFC 2047 `=?charset?B|Q?…?=` words, as nodemailer writes non-ASCII subjects. */
function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(=\?)/g, "$1$2");
  return joined.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_word, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : Buffer.from(
              text
                .replace(/_/g, " ")
                .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
              "latin1",
            );
      try {
        return new TextDecoder(charset).decode(bytes);
      } catch {
        return bytes.toString("utf8");
      }
    },
  );
}
