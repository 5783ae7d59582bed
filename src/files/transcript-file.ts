import { readFile } from "node:fs/promises";
import { TranscriptError } from "../core/errors.js";

/** Reads a transcript file as text, turning file-system failures into errors that name the file. */
export async function readTranscriptFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder, not a transcript file"
          : code === "EACCES"
            ? "permission denied"
            : `cannot be read (${code ?? "unknown error"})`;
    throw new TranscriptError(path, null, problem);
  }
  if (bytes.length > 50 * 1024 * 1024) throw new TranscriptError(path, null, "file is larger than 50 MB");
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
