import { databaseConfigFromEnv, openDatabase } from "../store/database.js";

export interface ServeFlags {
  port?: string | undefined;
  host?: string | undefined;
  data?: string | undefined;
  templates?: string | undefined;
}

/**
 * `docket serve`: the HTTP API, the live WebSocket rooms, the web app and the follow-up worker, until
 * SIGINT/SIGTERM.
 * PGlite in DOCKET_DATA (default ./data) unless DATABASE_URL names a PostgreSQL server.
 */
export async function serveCommand(flags: ServeFlags, usage: (message: string) => Error): Promise<number> {
  const portText = flags.port ?? process.env.PORT ?? "3000";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`the port must be 0–65535; got "${portText}"`);
  const host = flags.host ?? process.env.HOST ?? "127.0.0.1";
  const database = databaseConfigFromEnv({ ...process.env, ...(flags.data ? { DOCKET_DATA: flags.data } : {}) });
  const started = performance.now();
  // Opening PGlite (compiling its WebAssembly) overlaps with loading the server's modules: start-up is most of it.
  const opening = openDatabase(database);
  const [{ startServer }, opened] = await Promise.all([import("../server/serve.js"), opening]);
  const demo = process.env.DOCKET_DEMO !== "off";
  const server = await startServer({
    port,
    host,
    database: opened,
    templatesDir: flags.templates,
    demo,
    followUpWorker: process.env.DOCKET_FOLLOW_UP !== "off",
    // Links in emails and Slack messages point here unless DOCKET_PUBLIC_URL says where people reach Docket.
    followUp: {
      publicUrl: process.env.DOCKET_PUBLIC_URL || `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
    },
  });
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
