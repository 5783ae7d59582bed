/**
 * A large transcript upload against a real `docket serve` process (the built dist, PGlite in a temporary folder):
 * how long it takes, the server's RSS before and at its peak, the slowest `/api/health` answer while it runs, the
 * slowest acknowledgement of live senders in other meetings, and (with `--sigterm-after S`) how long the server
 * takes to exit after SIGTERM sent S seconds into the upload.
 *
 * Run with `npm run build && node dist/scripts/bench-upload.js [--lines N | --single-mb M | --file PATH]
 * [--no-speakers] [--senders K] [--sigterm-after S] [--timeout S]`. `--lines N` uploads N short `Name: text` lines (about 50
 * bytes each; without the names with `--no-speakers`); `--single-mb M` one line of M MB of speech.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LiveClient } from "../src/client/live-client.js";
import { packageRoot } from "../src/files/package-root.js";

const ROOT = packageRoot();
const CLI = join(ROOT, "dist", "cli", "docket.js");
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

const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post<T>(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
  return { body: (await response.json()) as T, headers: response.headers };
}

async function main(): Promise<void> {
  const file = transcript();
  const senders = Number(values.senders);
  const folder = await mkdtemp(join(tmpdir(), "docket-bench-upload-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _u, DOCKET_DATA: _d, ...env } = process.env;
  const child = spawn(process.execPath, [CLI, "serve", "--port", String(port), "--data", folder], {
    cwd: ROOT,
    env: { ...env, DOCKET_DEMO: "off", DOCKET_FOLLOW_UP: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number>((resolve) => child.once("exit", () => resolve(performance.now())));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docket serve exited:\n${output}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(50);
  }
  const pid = child.pid ?? 0;

  const signUp = await post<{ csrfToken: string }>(url, "/api/auth/sign-up", {
    email: "bench.upload@example.com",
    name: "Bench",
    password: "benchmark-pass",
  });
  const session = {
    cookie: signUp.headers.get("set-cookie")?.split(";")[0] ?? "",
    "x-csrf-token": signUp.body.csrfToken,
  };
  const { token } = (await post<{ token: string }>(url, "/api/tokens", { name: "bench" }, session)).body;
  const auth = { authorization: `Bearer ${token}` };
  const meetingIds: string[] = [];
  for (let n = 0; n <= senders; n++) {
    const space = await post<{ id: string }>(
      url,
      "/api/spaces",
      { name: `Bench ${n}`, templateId: "product-engineering-sync", cadence: "weekly" },
      auth,
    );
    const meeting = { title: "Design meeting", scheduledAt: "2025-03-14T15:00:00Z" };
    meetingIds.push((await post<{ id: string }>(url, `/api/spaces/${space.body.id}/meetings`, meeting, auth)).body.id);
  }
  const [uploadMeeting, ...liveMeetings] = meetingIds;

  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  let healthWorst = 0;
  let healthChecks = 0;
  let ackWorst = 0;
  let acks = 0;
  let running = true;
  const rssTimer = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(pid));
  }, 50);
  const health = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) }).then(
        (r) => r.arrayBuffer(),
        () => null,
      );
      healthWorst = Math.max(healthWorst, performance.now() - started);
      healthChecks += 1;
      await sleep(20);
    }
  })();
  const clients = await Promise.all(
    liveMeetings.map((meetingId) => LiveClient.connect({ server: url, meetingId, token, client: "bench" })),
  );
  const sending = clients.map(async (client, c) => {
    for (let i = 1; running; i++) {
      const sent = performance.now();
      const text = `${NAMES[i % NAMES.length]} says the latency work is on track, item ${i}.`;
      await client
        .send({ id: `s${c}-${i}`, seq: i, speaker: NAMES[i % NAMES.length]!, text, start: i })
        .catch(() => {});
      ackWorst = Math.max(ackWorst, performance.now() - sent);
      acks += 1;
      await sleep(200);
    }
  });

  console.log(
    `uploading ${file.name}: ${(file.text.length / 1024 / 1024).toFixed(1)} MB, ${file.text.split("\n").length} lines`,
  );
  const started = performance.now();
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
    });
  let sigtermToExit: string | null = null;
  if (values["sigterm-after"]) {
    await sleep(Number(values["sigterm-after"]) * 1000);
    const signalled = performance.now();
    child.kill("SIGTERM");
    const exitedAt = await Promise.race([exited, sleep(30_000).then(() => null)]);
    sigtermToExit = exitedAt === null ? "still running after 30 s (killed)" : `${Math.round(exitedAt - signalled)} ms`;
    if (exitedAt === null) child.kill("SIGKILL");
  }
  const answer = await upload;
  running = false;
  clearInterval(rssTimer);
  await Promise.race([health, sleep(1000)]);
  await Promise.race([Promise.all(sending), sleep(1000)]);
  for (const client of clients) await client.close().catch(() => {});

  console.log(`upload: ${answer}`);
  console.log(`upload time: ${(uploadMs / 1000).toFixed(1)} s`);
  console.log(`server RSS: ${Math.round(rssBefore)} MB before, ${Math.round(rssPeak)} MB peak`);
  console.log(`/api/health: ${healthChecks} checks, worst ${Math.round(healthWorst)} ms`);
  console.log(`live senders in other meetings: ${acks} acks, worst ${Math.round(ackWorst)} ms`);
  if (sigtermToExit) console.log(`SIGTERM → exit: ${sigtermToExit}`);
  if (child.exitCode === null && child.signalCode === null) {
    const signalled = performance.now();
    child.kill("SIGTERM");
    const exitedAt = await Promise.race([exited, sleep(30_000).then(() => null)]);
    if (exitedAt === null) child.kill("SIGKILL");
    console.log(
      `SIGTERM → exit (idle): ${exitedAt === null ? "killed after 30 s" : `${Math.round(exitedAt - signalled)} ms`}`,
    );
  }
  await rm(folder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
