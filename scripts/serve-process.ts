/**
 * A real `docket serve` process for the benchmarks (the built bundle in dist/cli), and the calls they make to it:
 * a free port, its RSS, a JSON POST, a signed-up user with an API token and meetings to send into, and the summary
 * of latencies they print.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { packageRoot } from "../src/files/package-root.js";

const ROOT = packageRoot();
export const CLI = join(ROOT, "dist", "cli", "docket.js");

export interface ServerProcess {
  url: string;
  pid: number;
  /** From the spawn to the first 200 from /api/health. */
  startupMs: number;
  output(): string;
  readonly running: boolean;
  /** SIGTERM, then SIGKILL after `killAfterMs`: the milliseconds from the signal to the exit, null if it was killed. */
  stop(killAfterMs?: number): Promise<number | null>;
}

const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function freePort(): Promise<number> {
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

/** The process's resident memory, from /proc; 0 once it has exited. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** `docket serve` on a free loopback port with `args` and `env` (never the caller's DATABASE_URL or DOCKET_DATA). */
export async function startServe(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _u, DOCKET_DATA: _d, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "serve", "--port", String(port), "--host", "127.0.0.1", ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
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
  const exited = new Promise<number>((resolve) =>
    child.once("exit", () => {
      children.delete(child);
      resolve(performance.now());
    }),
  );
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docket serve exited with ${child.exitCode}:\n${output}`);
    if (performance.now() - started > 120_000) throw new Error(`docket serve did not start in 120 s:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await sleep(5);
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    pid: child.pid ?? 0,
    startupMs: performance.now() - started,
    output: () => output,
    get running() {
      return running();
    },
    async stop(killAfterMs = 15_000) {
      if (!running()) return 0;
      const signalled = performance.now();
      child.kill("SIGTERM");
      const exitedAt = await Promise.race([exited, sleep(killAfterMs).then(() => null)]);
      if (exitedAt !== null) return exitedAt - signalled;
      child.kill("SIGKILL");
      await exited;
      return null;
    },
  };
}

export async function post<T>(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ body: T; headers: Headers }> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
  return { body: (await response.json()) as T, headers: response.headers };
}

/**
 * Signs a user up, makes an API token, then one Space per meeting with one meeting in each (the first segment
 * starts it), `batch` at a time.
 */
export async function createMeetings(
  url: string,
  count: number,
  batch = 20,
): Promise<{ token: string; meetingIds: string[] }> {
  const email = `bench.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const signUp = await post<{ csrfToken: string }>(url, "/api/auth/sign-up", {
    email,
    name: "Bench",
    password: "benchmark-pass",
  });
  const session = {
    cookie: signUp.headers.get("set-cookie")?.split(";")[0] ?? "",
    "x-csrf-token": signUp.body.csrfToken,
  };
  const { token } = (await post<{ token: string }>(url, "/api/tokens", { name: "bench" }, session)).body;
  const auth = { authorization: `Bearer ${token}` };
  const createMeeting = async (n: number): Promise<string> => {
    const spaceSettings = { name: `Bench ${n}`, templateId: "product-engineering-sync", cadence: "weekly" };
    const space = await post<{ id: string }>(url, "/api/spaces", spaceSettings, auth);
    const meeting = { title: "Design meeting", scheduledAt: "2025-03-14T15:00:00Z" };
    return (await post<{ id: string }>(url, `/api/spaces/${space.body.id}/meetings`, meeting, auth)).body.id;
  };
  const meetingIds: string[] = [];
  await inBatches([...Array(count).keys()], batch, async (n) => {
    meetingIds[n] = await createMeeting(n);
  });
  return { token, meetingIds };
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Median, 99th percentile and maximum of latencies (ms, to a tenth). */
export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { count: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

export async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
