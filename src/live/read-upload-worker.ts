// Reads one upload's transcript off the server's main thread (read-upload.ts) and posts back its segments, or the
// error that names the file and line.
import { parentPort, workerData } from "node:worker_threads";
import { DocketError } from "../core/errors.js";
import { type UploadLimits, uploadSegments } from "./read-upload.js";

const { text, name, limits } = workerData as { text: string; name: string; limits?: UploadLimits };
try {
  parentPort?.postMessage(uploadSegments(text, name, limits));
} catch (error) {
  if (!(error instanceof DocketError)) throw error;
  parentPort?.postMessage({ error: { code: error.code, message: error.message } });
}
