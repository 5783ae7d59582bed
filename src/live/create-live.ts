import { randomUUID } from "node:crypto";
import type { Database } from "../store/database.js";
import { LiveAccess } from "./access.js";
import { BACKLOG_DEFAULTS, BacklogGate, type BacklogLimits } from "./backlog-gate.js";
import { LiveHub } from "./hub.js";
import { LivePipeline, type PipelineOptions } from "./pipeline.js";

/** The live room of one server process: the write pipeline and the hub that broadcasts what it commits. */
export interface Live {
  pipeline: LivePipeline;
  hub: LiveHub;
  /** The open connections' rights, which follow role changes, removals and ended sign-ins at once. */
  access: LiveAccess;
  /** Live senders' segments waiting to be stored, across the process: past its limits they are told to slow down. */
  gate: BacklogGate;
}

/** The live room's tunables; each one left out has its default. */
export interface LiveSettings {
  healthIntervalMs?: number | undefined;
  /** How often open connections' rights are read again, in case a notification was lost (default 60 s). */
  accessCheckIntervalMs?: number | undefined;
  /** When live senders are told to slow down (src/live/backlog-gate.ts). */
  backlog?: { maxWaiting?: number | undefined; maxWaitMs?: number | undefined } | undefined;
}

export function createLive(
  options: {
    database: Database;
    now: () => Date;
    onEnded?: PipelineOptions["onEnded"];
  } & LiveSettings,
): Live {
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
    ...(options.accessCheckIntervalMs === undefined ? {} : { accessCheckIntervalMs: options.accessCheckIntervalMs }),
  });
  const pipeline = new LivePipeline({
    database: options.database,
    origin,
    now: options.now,
    onCommit: (meetingId, events) => hub.deliver(meetingId, events),
    ...(options.onEnded ? { onEnded: options.onEnded } : {}),
  });
  const limits: BacklogLimits = {
    maxWaiting: options.backlog?.maxWaiting ?? BACKLOG_DEFAULTS.maxWaiting,
    maxWaitMs: options.backlog?.maxWaitMs ?? BACKLOG_DEFAULTS.maxWaitMs,
  };
  // A monotonic clock: the backlog's age must not jump with the wall clock (or a test's fake one).
  const gate = new BacklogGate(limits, () => performance.now());
  return { pipeline, hub, access, gate };
}
