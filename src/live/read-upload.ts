import { Worker } from "node:worker_threads";
import { DocketError, type ErrorCode } from "../core/errors.js";
import type { Segment } from "../core/segment.js";
import { formatCount } from "../core/text.js";
import { cutLongSegments } from "../core/transcript/cut-long-segments.js";
import { DEFAULT_MAX_CHARS } from "../core/transcript/join-turns.js";
import {
  describeTranscriptWarning,
  parseTranscript,
  segmentsForExtraction,
} from "../core/transcript/parse-transcript.js";

/** Text up to this length is read on the calling thread (tens of milliseconds); a longer one in a worker. */
const INLINE_MAX_CHARS = 256 * 1024;
/** The heap a worker reading one upload may use; a file that needs more is refused rather than grow the process. */
const WORKER_HEAP_MB = 512;

/** Characters of speech an upload may hold at most: a file past it is refused by its reader (too_large). */
export interface UploadLimits {
  maxChars: number;
}

/** The segments an upload stores, and the cues its reader skipped (each naming its line and why). */
export interface UploadReading {
  segments: Segment[];
  warnings: string[];
}

/**
 * The segments an upload stores, as the engine reads them. Long segments are cut before the readers that join
 * and punctuate, which then work on pieces; a join never exceeds the cut. Throws a TranscriptError naming the
 * file and line.
 */
export function uploadSegments(text: string, name: string, limits?: UploadLimits): UploadReading {
  const transcript = parseTranscript(text, name);
  const segments = segmentsForExtraction(cutLongSegments(transcript.segments, DEFAULT_MAX_CHARS));
  const chars = segments.reduce((sum, segment) => sum + segment.text.length, 0);
  if (limits && chars > limits.maxChars) {
    throw new DocketError(
      "too_large",
      `${name}: the transcript has ${formatCount(chars)} characters of speech; an upload takes at most ${formatCount(limits.maxChars)}`,
    );
  }
  return { segments, warnings: transcript.warnings.map((warning) => describeTranscriptWarning(name, warning)) };
}

/**
 * `uploadSegments` without holding up this thread: reading megabytes takes seconds, during which no request,
 * live sender or signal would be answered. A file over `limits` is refused in the worker, so that its segments
 * (100,000 of them, say) are never copied back to this thread only to be refused.
 */
export async function readUploadSegments(text: string, name: string, limits?: UploadLimits): Promise<UploadReading> {
  if (text.length <= INLINE_MAX_CHARS) return uploadSegments(text, name, limits);
  const here = new URL(import.meta.url);
  // Run from the TypeScript sources (tests, `tsx`), the worker loads its module through tsx as this thread does.
  const fromSources = here.pathname.endsWith(".ts");
  const file = new URL(`./read-upload-worker.${fromSources ? "ts" : "js"}`, here);
  const options = { workerData: { text, name, limits }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  const worker = fromSources
    ? new Worker(
        `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(file.href)}))`,
        { ...options, eval: true },
      )
    : new Worker(file, options);
  return new Promise((resolve, reject) => {
    worker.once("message", (reply: UploadReading | { error: { code: ErrorCode; message: string } }) => {
      if ("error" in reply) reject(new DocketError(reply.error.code, reply.error.message));
      else resolve(reply);
    });
    worker.once("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        reject(new DocketError("too_large", `${name}: the transcript is too large to read`));
      } else reject(error);
    });
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the worker reading ${name} stopped with code ${code}`));
    });
  });
}
