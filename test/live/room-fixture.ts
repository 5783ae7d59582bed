// Servers and live connections for the tests in this folder, closed after every test.
import { afterEach } from "vitest";
import type { RunningServer, ServerSettings } from "../../src/server/serve.js";
import type { Database } from "../../src/store/database.js";
import { startTestServer } from "../helpers/server.js";
import { LiveClient } from "./live-client.js";

export interface LiveFixture {
  /** A server on the database (with the given clock and settings), closed after the test. */
  startServer(database: Database, now?: () => Date, settings?: ServerSettings): Promise<RunningServer>;
  /** A connection as `LiveClient.open` makes it, closed after the test. */
  open(...args: Parameters<typeof LiveClient.open>): Promise<LiveClient>;
  /** Closes a connection or a server before the test ends: a reconnect, a restart. */
  close(opened: LiveClient | RunningServer): Promise<void>;
}

/** Call inside a describe block: its afterEach closes the connections, then the servers. */
export function liveFixture(): LiveFixture {
  const clients: LiveClient[] = [];
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    async startServer(database, now, settings) {
      const server = await startTestServer(database, now, settings);
      servers.push(server);
      return server;
    },
    async open(...args) {
      const client = await LiveClient.open(...args);
      clients.push(client);
      return client;
    },
    async close(opened) {
      const list: (LiveClient | RunningServer)[] = opened instanceof LiveClient ? clients : servers;
      list.splice(list.indexOf(opened), 1);
      await opened.close();
    },
  };
}
