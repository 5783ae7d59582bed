import { createHash } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { DocketError } from "../core/errors.js";
import { formatCount } from "../core/text.js";
import type { Db } from "../store/database.js";
import { readUploadProgress } from "../store/meeting-log.js";
import { listItems } from "../store/notes.js";
import type { MeetingStatus } from "../store/schema.js";
import { startsOnSegment } from "./lifecycle.js";
import { type Actor, type IncomingSegment, type LivePipeline, MAX_MEETING_SEGMENTS } from "./pipeline.js";
import { readUploadSegments } from "./read-upload.js";

/**
 * Each pipeline call is one transaction, which runs its segments through the engine on this thread, and the
 * engine's cost per segment grows with its length and with the meeting so far: each batch is sized from how
 * long the last one took, so that other requests and live senders wait tens of milliseconds at most, and the
 * upload lets them in between batches.
 */
const BATCH_TARGET_MS = 40;
const MAX_BATCH = 200;

/**
 * Speech one upload may hold (README, "Limits"): about 18 hours of talk. The end of a meeting reads it all again
 * in one pass (about 1.5 s a million characters), and a file past this is rarely a meeting.
 */
export const MAX_UPLOAD_CHARS = 1_000_000;

export interface UploadResult {
  /** Segments stored by this upload. */
  segments: number;
  /** Segments that were already stored (the same file uploaded again). */
  duplicates: number;
  /** Items in the meeting afterwards, suggestions included. */
  items: number;
  status: MeetingStatus;
  /** Cues the file's reader skipped, each naming its line and why. */
  warnings: string[];
}

/**
 * A recorded transcript through the same pipeline as live capture. Segment ids come from the file's content
 * and order, so uploading the same file again stores nothing new, and an upload cut short (a crash, a restart)
 * is finished by uploading the file again. A meeting that had not started is a recorded one: it ends after the
 * upload, also when a second try finishes it; changing a meeting's status is the facilitator's (`mayEnd`). A
 * live meeting stays live.
 */
export async function uploadTranscript(
  deps: { pipeline: LivePipeline; db: Db },
  meetingId: string,
  file: { name: string; text: string },
  actor: Actor,
  options: { mayEnd: boolean },
): Promise<UploadResult> {
  // Throws a TranscriptError naming the file and line, or a too_large naming the limit, before anything is stored.
  const { segments, warnings } = await readUploadSegments(file.text, file.name, { maxChars: MAX_UPLOAD_CHARS });
  if (segments.length === 0) throw new DocketError("bad_input", `${file.name}: the transcript has no speech in it`);
  const prefix = `upload-${createHash("sha256").update(file.text).digest("hex").slice(0, 16)}-`;

  const progress = await readUploadProgress(deps.db, meetingId, prefix);
  if (progress.status === "ended" && progress.stored < segments.length) {
    throw new DocketError("conflict", "the meeting has ended; it takes no more segments");
  }
  const adding = segments.length - progress.stored;
  if (progress.segmentCount + adding > MAX_MEETING_SEGMENTS) {
    const has = progress.segmentCount > 0 ? ` and the meeting has ${formatCount(progress.segmentCount)}` : "";
    throw new DocketError(
      "too_large",
      `${file.name}: the transcript has ${formatCount(segments.length)} segments${has}; a meeting holds at most ${formatCount(MAX_MEETING_SEGMENTS)}`,
    );
  }
  // A recording: the meeting had not started, or this file's first segment started it (a try cut short).
  const isRecording =
    startsOnSegment(progress.status) || (progress.status === "live" && progress.startedBy === `${prefix}1`);
  if (isRecording && !options.mayEnd) {
    throw new DocketError(
      "forbidden",
      `uploading into a meeting that has not started ends it, which needs the facilitator role; the meeting is ${progress.status}`,
    );
  }

  const sender = { client: `upload:${file.name}`.slice(0, 200), user: actor.name, userId: actor.id };
  let stored = 0;
  let duplicates = 0;
  // The first batch is small: how long a segment takes is not known yet.
  let batchSize = 10;
  for (let from = 0; from < segments.length; ) {
    if (deps.pipeline.isStopping) {
      throw new DocketError(
        "conflict",
        `the server is stopping: ${stored} segments were stored; upload the same file again to store the rest`,
      );
    }
    const batch: IncomingSegment[] = [];
    for (; from < segments.length && batch.length < batchSize; from++) {
      const segment = segments[from]!;
      batch.push({
        id: `${prefix}${from + 1}`,
        speaker: segment.speaker,
        text: segment.text,
        start: segment.start,
        end: segment.end,
        senderSeq: from + 1,
      });
    }
    const started = performance.now();
    for (const outcome of await deps.pipeline.addSegments(meetingId, batch, sender)) {
      if (outcome.duplicate) duplicates += 1;
      else stored += 1;
    }
    const perSegment = (performance.now() - started) / batch.length;
    batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_TARGET_MS / Math.max(perSegment, 0.01))));
    // The pipeline's promises resolve without a turn of the event loop: without this, requests, live senders
    // and signals would wait for the whole upload.
    await nextTurn();
  }
  let status: MeetingStatus = progress.status === "ended" ? "ended" : "live";
  if (isRecording) status = (await deps.pipeline.setStatus(meetingId, "ended", actor)).status;
  const { items } = await listItems(deps.db, meetingId);
  return { segments: stored, duplicates, items: items.length, status, warnings };
}
