import type { App } from "../app.js";
import type { ServerContext } from "../context.js";
import { registerHealth } from "./health.js";

/** Every route module, in the order they are registered. */
export const ROUTE_MODULES: ((app: App, ctx: ServerContext) => void)[] = [registerHealth];
