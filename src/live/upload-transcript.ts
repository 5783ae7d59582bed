import { createHash } from "node:crypto";
import { DocketError } from "../core/errors.js";
import {
  describeTranscriptWarning,
  parseTranscript,
  segmentsForExtraction,
} from "../core/transcript/parse-transcript.js";
import type { Db } from "../store/database.js";
import { listItems } from "../store/notes.js";
import type { MeetingStatus } from "../store/schema.js";
import { startsOnSegment } from "./lifecycle.js";
import type { Actor, IncomingSegment, LivePipeline } from "./pipeline.js";

/** Segments per pipeline call: each call is one transaction and one broadcast. */
const UPLOAD_BATCH = 200;

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
 * and order, so uploading the same file again stores nothing new. A meeting that had not started is a recorded
 * one: it ends after the upload. A live meeting stays live.
 */
export async function uploadTranscript(
  deps: { pipeline: LivePipeline; db: Db },
  meeting: { id: string; status: MeetingStatus },
  file: { name: string; text: string },
  actor: Actor,
): Promise<UploadResult> {
  // Throws a TranscriptError naming the file and line before anything is stored.
  const transcript = parseTranscript(file.text, file.name);
  const segments = segmentsForExtraction(transcript.segments);
  if (segments.length === 0) throw new DocketError("bad_input", `${file.name}: the transcript has no speech in it`);
  const digest = createHash("sha256").update(file.text).digest("hex").slice(0, 16);
  const incoming: IncomingSegment[] = segments.map((segment, i) => ({
    id: `upload-${digest}-${i + 1}`,
    speaker: segment.speaker,
    text: segment.text,
    start: segment.start,
    end: segment.end,
    senderSeq: i + 1,
  }));
  const sender = { client: `upload:${file.name}`.slice(0, 200), user: actor.name, userId: actor.id };
  let stored = 0;
  let duplicates = 0;
  for (let i = 0; i < incoming.length; i += UPLOAD_BATCH) {
    const outcomes = await deps.pipeline.addSegments(meeting.id, incoming.slice(i, i + UPLOAD_BATCH), sender);
    for (const outcome of outcomes) {
      if (outcome.duplicate) duplicates += 1;
      else stored += 1;
    }
  }
  let status = meeting.status;
  if (stored > 0 && startsOnSegment(meeting.status)) {
    status = (await deps.pipeline.setStatus(meeting.id, "ended", actor)).status;
  }
  const { items } = await listItems(deps.db, meeting.id);
  const warnings = transcript.warnings.map((warning) => describeTranscriptWarning(file.name, warning));
  return { segments: stored, duplicates, items: items.length, status, warnings };
}
