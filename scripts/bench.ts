/**
 * Benchmark: a 60-minute meeting of real speech (AMI ES2002b–d back to back, with their real timings) through
 * parse and extract in one process, the streaming interface per segment, and `docket extract` as a whole
 * process. Run with `npm run bench`; it builds first.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { extractItems } from "../src/core/extraction/extract-items.js";
import { createExtractor } from "../src/core/extraction/extractor.js";
import { parseTranscript } from "../src/core/transcript/parse-transcript.js";
import { packageRoot } from "../src/files/package-root.js";
import { builtinTemplatesDir, loadTemplates } from "../src/files/templates.js";
import { buildHourLongVtt, HOUR_LONG_MEETINGS, median, percentile } from "./hour-long-meeting.js";

const ROOT = packageRoot();

/** What the engine is held to; each figure is printed with its target and whether it meets it. */
const TARGETS = { extractMs: 60, streamP99Ms: 1, cliMs: 600, cliVsBareNode: 5 };

function verdict(value: number, target: number, unit: string): string {
  return `target ≤ ${target}${unit}: ${value <= target ? "ok" : "MISSED"}`;
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
    `meeting: ${cues} cues, ${(seconds / 60).toFixed(1)} minutes of real speech (AMI ${HOUR_LONG_MEETINGS.join(", ")})`,
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
  console.log(
    `extract:  ${extract.toFixed(1)} ms (median of 15), ${items} items (${verdict(extract, TARGETS.extractMs, " ms")})`,
  );
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
  const p99 = percentile(perSegment, 99);
  console.log(
    `stream:   median ${(median(perSegment) * 1000).toFixed(1)} µs, p99 ${(p99 * 1000).toFixed(1)} µs, max ${(Math.max(...perSegment) * 1000).toFixed(0)} µs per segment (p99 ${verdict(p99, TARGETS.streamP99Ms, " ms")})`,
  );
  console.log(
    `memory:   peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this whole benchmark process)`,
  );

  const cli = join(ROOT, "dist/cli/docket.js");
  const wall: number[] = [];
  const bare: number[] = [];
  let peakCli = 0;
  for (let i = 0; i < 5; i++) {
    // The floor: a bare node process that reads the same file and exits.
    const b0 = performance.now();
    spawnSync(process.execPath, ["-e", "require('node:fs').readFileSync(process.argv[1], 'utf8')", file]);
    bare.push(performance.now() - b0);
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
  const cliMs = median(wall);
  const bareMs = median(bare);
  console.log(
    `cli:      docket extract --json on the hour-long file: ${cliMs.toFixed(0)} ms wall (median of 5)${peakCli ? `, peak RSS ${peakCli.toFixed(0)} MB` : ""} (${verdict(cliMs, TARGETS.cliMs, " ms")})`,
  );
  console.log(
    `bare:     node reading the same file: ${bareMs.toFixed(0)} ms; docket is ${(cliMs / bareMs).toFixed(1)}× that (${verdict(cliMs / bareMs, TARGETS.cliVsBareNode, "×")})`,
  );
  // On a shared machine every figure above stretches with the load; say what it was.
  console.log(`load:     ${loadavg()[0]?.toFixed(2)} (1-minute load average)`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
