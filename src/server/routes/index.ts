import type { App } from "../app.js";
import type { ServerContext } from "../context.js";
import { registerAccounts } from "./accounts.js";
import { registerFollowUp } from "./follow-up.js";
import { registerHealth } from "./health.js";
import { registerLive } from "./live.js";
import { registerMeetings } from "./meetings.js";
import { registerSeries } from "./series.js";
import { registerSpaceViews } from "./space-views.js";
import { registerSpaces } from "./spaces.js";
import { registerWeb } from "./web.js";

/** Every route module, in the order they are registered. */
export const ROUTE_MODULES: ((app: App, ctx: ServerContext) => void)[] = [
  registerHealth,
  registerAccounts,
  registerSpaces,
  registerMeetings,
  registerLive,
  registerSpaceViews,
  registerSeries,
  registerFollowUp,
  // Last: every path outside /api that no route above took is the web app's.
  (app) => registerWeb(app),
];
