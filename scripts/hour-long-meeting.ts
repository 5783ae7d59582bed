import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/files/package-root.js";

/** The hour-long meeting the benchmarks replay, and the statistics they report. */

const ROOT = packageRoot();
export const HOUR_LONG_MEETINGS = ["ES2002b", "ES2002c", "ES2002d", "ES2002a"];
const TARGET_SECONDS = 60 * 60;

interface Utterance {
  start: number;
  end: number;
  speaker: string;
  text: string;
}

function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(ms % 1000).padStart(3, "0")}`;
}

/** Real AMI meetings laid end to end until an hour of speech, written as a Teams-style WebVTT file. */
export function buildHourLongVtt(): { vtt: string; cues: number; seconds: number } {
  const cues: string[] = [];
  let offset = 0;
  for (const id of HOUR_LONG_MEETINGS) {
    const lines = readFileSync(join(ROOT, "eval/corpus", id, "utterances.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean);
    const utterances = lines.map((l) => JSON.parse(l) as Utterance);
    const first = utterances[0]?.start ?? 0;
    for (const u of utterances) {
      const start = offset + u.start - first;
      if (start >= TARGET_SECONDS) break;
      cues.push(`${vttTime(start)} --> ${vttTime(offset + u.end - first)}\n<v ${u.speaker}>${u.text}</v>`);
    }
    offset += (utterances.at(-1)?.end ?? first) - first + 5;
    if (offset >= TARGET_SECONDS) break;
  }
  return { vtt: `WEBVTT\n\n${cues.join("\n\n")}\n`, cues: cues.length, seconds: Math.min(offset, TARGET_SECONDS) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
