import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { WebSocketServer } from "ws";
import { builtinTemplatesDir, loadTemplates } from "../files/templates.js";
import { FOLLOW_UP_DEFAULTS, type FollowUpConfig } from "../follow-up/config.js";
import { onMeetingEnded } from "../follow-up/distribute.js";
import { FollowUpWorker } from "../follow-up/worker.js";
import { createLive, type LiveSettings } from "../live/create-live.js";
import { type Database, type DatabaseConfig, openDatabase } from "../store/database.js";
import { type App, createApp } from "./app.js";
import type { ServerContext } from "./context.js";
import { seedDemo } from "./demo.js";
import { ROUTE_MODULES } from "./routes/index.js";

/**
 * What the server runs with. `docket serve` passes its parsed configuration (src/cli/environment.ts); nothing here
 * reads the environment, and a setting left out has the default the README documents.
 */
export interface ServerSettings {
  templatesDir?: string | undefined;
  now?: (() => Date) | undefined;
  /** Where people reach Docket: links in calendar feeds, emails and Slack messages. */
  publicUrl?: string | undefined;
  /** Mark cookies Secure (served over HTTPS). */
  secureCookies?: boolean | undefined;
  /** The follow-up worker's settings (mail server, Slack API, lease, interval). */
  followUp?: Partial<Omit<FollowUpConfig, "publicUrl">> | undefined;
  /** The live room's back-pressure limits and how often open connections' rights are read again. */
  live?: LiveSettings | undefined;
}

export interface ServeOptions extends ServerSettings {
  port: number;
  host: string;
  /** Where to open the database, or one already open (tests); an open one is closed with the server. */
  database: DatabaseConfig | Database;
  /** Run the follow-up worker in this process (distribution, reminders, the outbox). */
  followUpWorker?: boolean;
  /** Create the demo Spaces when the database has no accounts yet (a first start). */
  demo?: boolean;
}

/** How long a stopping server lets requests still running answer before it cuts their connections. */
const CLOSE_GRACE_MS = 1000;

export interface RunningServer {
  url: string;
  ctx: ServerContext;
  app: App;
  close(): Promise<void>;
}

/** What the routes share, on an open database: the templates loaded, the clock and the server's settings. */
export async function createServerContext(database: Database, options: ServerSettings = {}): Promise<ServerContext> {
  const now = options.now ?? (() => new Date());
  const publicUrl = (options.publicUrl ?? FOLLOW_UP_DEFAULTS.publicUrl).replace(/\/+$/, "");
  const config: FollowUpConfig = { ...FOLLOW_UP_DEFAULTS, ...definedOnly(options.followUp ?? {}), publicUrl };
  return {
    database,
    templates: await loadTemplates({ builtinDir: builtinTemplatesDir(), userDir: options.templatesDir }),
    now,
    secureCookies: options.secureCookies ?? false,
    publicUrl,
    emailEnabled: config.smtp !== null,
    allowLocalTargets: config.allowLocalTargets,
    live: createLive({ ...options.live, database, now, onEnded: onMeetingEnded }),
    followUp: new FollowUpWorker({ database, now, config }),
  };
}

/** Opens the database, builds the app and listens. Resolves once `/api/health` would answer 200. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const database = "db" in options.database ? options.database : await openDatabase(options.database);
  const ctx = await createServerContext(database, options);
  if (options.demo) await seedDemo(ctx);
  const app = createApp(ctx, ROUTE_MODULES);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host, websocket: { server: wss } }, () =>
      resolve(s),
    );
    s.once("error", reject);
  });
  // Its first cycle (first-time queries on the database) comes an interval after the server listens, not ahead of
  // or alongside the first requests.
  if (options.followUpWorker) ctx.followUp.start({ waitFirst: true });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    ctx,
    app,
    async close() {
      // An upload stops at its next batch (uploading the file again finishes it) and answers, so its request does
      // not hold server.close() open.
      ctx.live.pipeline.stop();
      await ctx.followUp.stop();
      for (const client of wss.clients) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests still running get a moment to answer; then every connection is cut, or a keep-alive client that
      // keeps asking (a health check every few ms) holds the process open for good.
      const cut = setTimeout(() => {
        if ("closeAllConnections" in server) server.closeAllConnections();
      }, CLOSE_GRACE_MS);
      await closed;
      clearTimeout(cut);
      await ctx.live.hub.close();
      await database.close();
    },
  };
}

/** The fields that are set: an undefined one keeps its default when spread over the defaults. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
