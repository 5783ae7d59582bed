import type { App } from "../app.js";
import type { ServerContext } from "../context.js";
import { registerAccounts } from "./accounts.js";
import { registerHealth } from "./health.js";
import { registerHome } from "./home.js";
import { registerLive } from "./live.js";
import { registerMeetings } from "./meetings.js";
import { registerSpaces } from "./spaces.js";

/** Every route module, in the order they are registered. */
export const ROUTE_MODULES: ((app: App, ctx: ServerContext) => void)[] = [
  registerHome,
  registerHealth,
  registerAccounts,
  registerSpaces,
  registerMeetings,
  registerLive,
];
