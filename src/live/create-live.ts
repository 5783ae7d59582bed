import { randomUUID } from "node:crypto";
import type { Database } from "../store/database.js";
import { LiveAccess } from "./access.js";
import { LiveHub } from "./hub.js";
import { LivePipeline, type PipelineOptions } from "./pipeline.js";

/** The live room of one server process: the write pipeline and the hub that broadcasts what it commits. */
export interface Live {
  pipeline: LivePipeline;
  hub: LiveHub;
  /** The open connections' rights, which follow role changes, removals and ended sign-ins at once. */
  access: LiveAccess;
}

export function createLive(options: {
  database: Database;
  now: () => Date;
  healthIntervalMs?: number;
  onEnded?: PipelineOptions["onEnded"];
}): Live {
  // This process's id in event notifications: the hub skips its own, which the pipeline already handed it.
  const origin = randomUUID();
  const access = new LiveAccess();
  const hub = new LiveHub({
    database: options.database,
    origin,
    now: options.now,
    onAccessChange: (change) => access.apply(change),
    checkAccess: () => access.check(options.database.db, options.now()),
    ...(options.healthIntervalMs === undefined ? {} : { healthIntervalMs: options.healthIntervalMs }),
  });
  const pipeline = new LivePipeline({
    database: options.database,
    origin,
    now: options.now,
    onCommit: (meetingId, events) => hub.deliver(meetingId, events),
    ...(options.onEnded ? { onEnded: options.onEnded } : {}),
  });
  return { pipeline, hub, access };
}
