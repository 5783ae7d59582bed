import { join } from "node:path";
import { targetUrlProblem } from "../core/outbound/target-address.js";
import type { RunningServer } from "../server/serve.js";
import { type DatabaseConfig, openDatabase } from "../store/database.js";
import type { Environment } from "./environment.js";

export interface ServeFlags {
  port?: string | undefined;
  host?: string | undefined;
  data?: string | undefined;
  templates?: string | undefined;
}

const DEFAULT_PORT = 3000;
const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_DATA = "./data";
const DEFAULT_MAIL_FROM = "Docket <docket@localhost>";

/**
 * `docket serve`: the HTTP API, the live WebSocket rooms, the web app and the follow-up worker, until
 * SIGINT/SIGTERM.
 * PGlite in DOCKET_DATA (default ./data) unless DATABASE_URL names a PostgreSQL server. Flags win over the
 * environment; what neither sets has the default the README gives.
 */
export async function serveCommand(
  flags: ServeFlags,
  env: Environment,
  usage: (message: string) => Error,
): Promise<number> {
  let port = env.PORT ?? DEFAULT_PORT;
  if (flags.port !== undefined) {
    port = Number(flags.port);
    if (!/^\d+$/.test(flags.port) || port > 65535) throw usage(`the port must be 0–65535; got "${flags.port}"`);
  }
  const host = flags.host ?? env.HOST ?? DEFAULT_HOST;
  const allowLocalTargets = env.DOCKET_ALLOW_LOCAL_TARGETS ?? false;
  const slackProblem = env.DOCKET_SLACK_API_URL && targetUrlProblem(env.DOCKET_SLACK_API_URL, allowLocalTargets);
  if (slackProblem) {
    throw usage(`DOCKET_SLACK_API_URL ${slackProblem} (DOCKET_ALLOW_LOCAL_TARGETS=on allows a local test server)`);
  }
  const database: DatabaseConfig = env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
    : { kind: "pglite", dataDir: join(flags.data ?? env.DOCKET_DATA ?? DEFAULT_DATA, "pglite") };
  const started = performance.now();
  // Whenever the event loop has nothing left to wait on, Node blocks until V8's background work is done: here,
  // optimising PGlite's WebAssembly, a second or more. A timer until the server listens keeps start-up moving.
  const keepStarting = setInterval(() => {}, 60_000);
  let server: RunningServer;
  try {
    // Opening PGlite (compiling its WebAssembly) overlaps with loading the server's modules.
    const opening = openDatabase(database);
    const [{ startServer }, opened] = await Promise.all([import("../server/serve.js"), opening]);
    server = await startServer({
      port,
      host,
      database: opened,
      templatesDir: flags.templates,
      demo: env.DOCKET_DEMO ?? true,
      followUpWorker: env.DOCKET_FOLLOW_UP ?? true,
      secureCookies: env.DOCKET_SECURE_COOKIES ?? false,
      // Links in emails, Slack messages and calendar feeds point here unless DOCKET_PUBLIC_URL says where people
      // reach Docket.
      publicUrl: env.DOCKET_PUBLIC_URL ?? `http://${linkHost(host)}:${port}`,
      followUp: {
        smtp: env.DOCKET_SMTP_URL
          ? { url: env.DOCKET_SMTP_URL, from: env.DOCKET_MAIL_FROM ?? DEFAULT_MAIL_FROM }
          : null,
        slackApiUrl: env.DOCKET_SLACK_API_URL,
        allowLocalTargets,
        intervalMs: env.DOCKET_WORKER_INTERVAL_MS,
        leaseSeconds: env.DOCKET_DELIVERY_LEASE_SECONDS,
      },
      live: { backlog: { maxWaiting: env.DOCKET_LIVE_MAX_BACKLOG, maxWaitMs: env.DOCKET_LIVE_MAX_WAIT_MS } },
    });
  } finally {
    clearInterval(keepStarting);
  }
  const where = database.kind === "pglite" ? `PGlite in ${database.dataDir}` : "PostgreSQL";
  process.stdout.write(
    `Docket is listening on ${server.url} (${where}; ready in ${Math.round(performance.now() - started)} ms)\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  process.stdout.write("Docket is stopping…\n");
  await server.close();
  return 0;
}

/** The listening address as a link's host: every interface is reached as localhost; IPv6 goes in brackets. */
function linkHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
