/**
 * Benchmark: a 60-minute meeting of real speech (AMI ES2002b–d back to back, with their real timings) through
 * parse and extract in one process, the streaming interface per segment, and `docket extract` as a whole
 * process. Run with `npm run bench`; it builds first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractItems } from "../src/core/extraction/extract-items.js";
import { createExtractor } from "../src/core/extraction/extractor.js";
import { parseTranscript } from "../src/core/transcript/parse-transcript.js";
import { builtinTemplatesDir, loadTemplates } from "../src/files/templates.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const ROOT = [here, join(here, ".."), join(here, "../..")].find((d) => existsSync(join(d, "package.json"))) ?? here;
const MEETINGS = ["ES2002b", "ES2002c", "ES2002d", "ES2002a"];
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
function buildHourLongVtt(): { vtt: string; cues: number; seconds: number } {
  const cues: string[] = [];
  let offset = 0;
  for (const id of MEETINGS) {
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function main(): Promise<void> {
  const { vtt, cues, seconds } = buildHourLongVtt();
  const dir = mkdtempSync(join(tmpdir(), "docket-bench-"));
  const file = join(dir, "hour-long-meeting.vtt");
  writeFileSync(file, vtt);
  const templates = await loadTemplates({ builtinDir: builtinTemplatesDir() });
  const template = templates.get("team-sync") ?? null;
  const options = { template, meetingDate: "2025-03-17" };

  console.log(
    `meeting: ${cues} cues, ${(seconds / 60).toFixed(1)} minutes of real speech (AMI ${MEETINGS.join(", ")})`,
  );
  // Warm up the JIT and chrono's lazy tables once, as a long-running server would be.
  extractItems(parseTranscript(vtt, file).segments, options);

  const parseMs: number[] = [];
  const extractMs: number[] = [];
  let segments = 0;
  let items = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const transcript = parseTranscript(vtt, file);
    const t1 = performance.now();
    const extraction = extractItems(transcript.segments, options);
    const t2 = performance.now();
    parseMs.push(t1 - t0);
    extractMs.push(t2 - t1);
    segments = transcript.segments.length;
    items = extraction.items.length;
  }
  const parse = median(parseMs);
  const extract = median(extractMs);
  console.log(`parse:    ${parse.toFixed(1)} ms (median of 15)`);
  console.log(`extract:  ${extract.toFixed(1)} ms (median of 15), ${items} items`);
  console.log(
    `total:    ${(parse + extract).toFixed(1)} ms; ${Math.round(segments / ((parse + extract) / 1000))} segments/s`,
  );

  const perSegment: number[] = [];
  const segs = parseTranscript(vtt, file).segments;
  for (let run = 0; run < 5; run++) {
    const extractor = createExtractor(options);
    for (const segment of segs) {
      const t0 = performance.now();
      extractor.push(segment);
      perSegment.push(performance.now() - t0);
    }
    extractor.finish();
  }
  console.log(
    `stream:   median ${(median(perSegment) * 1000).toFixed(1)} µs, p99 ${(percentile(perSegment, 99) * 1000).toFixed(1)} µs, max ${(Math.max(...perSegment) * 1000).toFixed(0)} µs per segment`,
  );
  console.log(
    `memory:   peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this whole benchmark process)`,
  );

  const cli = join(ROOT, "dist/src/cli/docket.js");
  const wall: number[] = [];
  let peakCli = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, "extract", file, "--json", "--date", "2025-03-17"], {
      encoding: "utf8",
    });
    wall.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`docket extract failed: ${r.stderr}`);
    const time = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "extract", file, "--json"], {
      encoding: "utf8",
    });
    const kb = Number((time.stderr ?? "").trim().split("\n").at(-1));
    if (Number.isFinite(kb)) peakCli = Math.max(peakCli, kb / 1024);
  }
  console.log(
    `cli:      docket extract --json on the hour-long file: ${median(wall).toFixed(0)} ms wall (median of 5)${peakCli ? `, peak RSS ${peakCli.toFixed(0)} MB` : ""}`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
