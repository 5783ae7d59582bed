/**
 * A large transcript upload against a real `docket serve` process (the built dist, PGlite in a temporary folder):
 * how long it takes, the server's RSS before and at its peak, `/api/health` answers while it runs (p50, p99, max:
 * the main thread's longest stalls show here), acknowledgements of live senders in other meetings likewise, and
 * (with `--sigterm-after S`) how long the server takes to exit after SIGTERM sent S seconds into the upload. The
 * machine's load average is printed too: on a shared machine, other work inflates every figure.
 *
 * Run with `npm run build && node dist/scripts/bench-upload.js [--lines N | --single-mb M | --file PATH]
 * [--no-speakers] [--senders K] [--sigterm-after S] [--timeout S]`. `--lines N` uploads N short `Name: text` lines (about 50
 * bytes each; without the names with `--no-speakers`); `--single-mb M` one line of M MB of speech.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LiveClient } from "../src/client/live-client.js";
import { packageRoot } from "../src/files/package-root.js";
import { createMeetings, rssMb, sleep, startServe, summarize } from "./serve-process.js";

const ROOT = packageRoot();
const RECORDINGS = ["ES2002a", "ES2002b", "ES2002c", "ES2002d"];
const NAMES = ["Priya", "Darius", "Hannah", "Marco"];
const WORDS = ["the", "meeting", "risk", "latency", "budget", "Friday", "decided", "action", "we", "will", "ship"];

const { values } = parseArgs({
  options: {
    lines: { type: "string" },
    "no-speakers": { type: "boolean", default: false },
    "single-mb": { type: "string" },
    file: { type: "string" },
    senders: { type: "string", default: "3" },
    "sigterm-after": { type: "string" },
    timeout: { type: "string", default: "600" },
  },
});

function transcript(): { name: string; text: string } {
  if (values.file) return { name: values.file, text: readFileSync(values.file, "utf8") };
  if (values["single-mb"]) {
    const bytes = Number(values["single-mb"]) * 1024 * 1024;
    const words = ["Priya:"];
    let length = words[0]!.length;
    for (let i = 0; length < bytes; i++) {
      const word = `${WORDS[(i * 7 + (i >> 3)) % WORDS.length]}${i % 11 === 10 ? "." : ""}`;
      words.push(word);
      length += word.length + 1;
    }
    return { name: "monologue.txt", text: words.join(" ") };
  }
  // Real meetings' lines (AMI, `Name: text`, about 50 bytes each), over and over.
  const count = Number(values.lines ?? "100000");
  const source = RECORDINGS.flatMap((id) =>
    readFileSync(join(ROOT, "eval", "corpus", id, "transcript.txt"), "utf8")
      .split("\n")
      .filter((line) => line.trim()),
  );
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const line = source[i % source.length]!;
    lines.push(values["no-speakers"] ? line.replace(/^[^:]+: /, "") : line);
  }
  return { name: "lines.txt", text: `${lines.join("\n")}\n` };
}

async function main(): Promise<void> {
  const file = transcript();
  const senders = Number(values.senders);
  const folder = await mkdtemp(join(tmpdir(), "docket-bench-upload-"));
  const server = await startServe(["--data", folder], { DOCKET_DEMO: "off", DOCKET_FOLLOW_UP: "off" });
  const { url, pid } = server;
  const { token, meetingIds } = await createMeetings(url, senders + 1);
  const auth = { authorization: `Bearer ${token}` };
  const [uploadMeeting, ...liveMeetings] = meetingIds;

  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  const loadBefore = loadavg()[0]!;
  // Latencies of requests sent while the upload runs.
  const healthMs: number[] = [];
  const ackMs: number[] = [];
  let uploading = false;
  let running = true;
  const rssTimer = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(pid));
  }, 50);
  const checking = (async () => {
    while (running) {
      const started = performance.now();
      const during = uploading;
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) }).then(
        (r) => r.arrayBuffer(),
        () => null,
      );
      if (during) healthMs.push(performance.now() - started);
      await sleep(20);
    }
  })();
  const clients = await Promise.all(
    liveMeetings.map((meetingId) => LiveClient.connect({ server: url, meetingId, token, client: "bench" })),
  );
  const segment = (c: number, i: number) => ({
    id: `s${c}-${i}`,
    seq: i,
    speaker: NAMES[i % NAMES.length]!,
    text: `${NAMES[i % NAMES.length]} says the latency work is on track, item ${i}.`,
    start: i,
  });
  // A fresh server's first segment compiles the engine's rules (100 ms and more): done before the upload, whose
  // figures these are not.
  await Promise.all(clients.map((client, c) => client.send(segment(c, 1))));
  const sending = clients.map(async (client, c) => {
    for (let i = 2; running; i++) {
      const sent = performance.now();
      const during = uploading;
      await client.send(segment(c, i)).catch(() => {});
      if (during) ackMs.push(performance.now() - sent);
      await sleep(200);
    }
  });

  console.log(
    `uploading ${file.name}: ${(file.text.length / 1024 / 1024).toFixed(1)} MB, ${file.text.split("\n").length} lines`,
  );
  const started = performance.now();
  uploading = true;
  let uploadMs = 0;
  const upload = fetch(`${url}/api/meetings/${uploadMeeting}/transcript?filename=${file.name}`, {
    method: "POST",
    headers: { ...auth, "content-type": "text/plain" },
    body: file.text,
    signal: AbortSignal.timeout(Number(values.timeout) * 1000),
  })
    .then(
      async (r) => `HTTP ${r.status} ${(await r.text()).slice(0, 300)}`,
      (error: unknown) => `no answer: ${String(error)}`,
    )
    .finally(() => {
      uploadMs = performance.now() - started;
      uploading = false;
    });
  let sigtermToExit: string | null = null;
  if (values["sigterm-after"]) {
    await sleep(Number(values["sigterm-after"]) * 1000);
    sigtermToExit = exitTime(await server.stop(30_000));
  }
  const answer = await upload;
  running = false;
  clearInterval(rssTimer);
  await Promise.race([checking, sleep(1000)]);
  await Promise.race([Promise.all(sending), sleep(1000)]);
  for (const client of clients) await client.close().catch(() => {});

  console.log(`upload: ${answer}`);
  console.log(`upload time: ${(uploadMs / 1000).toFixed(1)} s`);
  console.log(
    `server RSS: ${Math.round(rssBefore)} MB before, ${Math.round(rssPeak)} MB peak (+${Math.round(rssPeak - rssBefore)} MB)`,
  );
  const health = summarize(healthMs);
  console.log(
    `/api/health during the upload: ${health.count} checks, p50 ${health.p50} ms, p99 ${health.p99} ms, max ${health.max} ms`,
  );
  const ack = summarize(ackMs);
  console.log(
    `live senders in other meetings during the upload: ${ack.count} acks, p50 ${ack.p50} ms, p99 ${ack.p99} ms, max ${ack.max} ms`,
  );
  console.log(
    `machine load average (1 min): ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
  );
  if (sigtermToExit) console.log(`SIGTERM → exit: ${sigtermToExit}`);
  if (server.running) console.log(`SIGTERM → exit (idle): ${exitTime(await server.stop(30_000))}`);
  await rm(folder, { recursive: true, force: true });
}

function exitTime(ms: number | null): string {
  return ms === null ? "still running after 30 s (killed)" : `${Math.round(ms)} ms`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
