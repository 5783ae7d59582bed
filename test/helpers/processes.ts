// `docket serve` and `docket live` as child processes, for the tests that kill, restart and share servers.
// Every child started here is remembered and killed by stopAllProcesses() (call it in afterAll), and with
// SIGKILL when the test process exits, so a failing test never leaves a server behind.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../src/files/package-root.js";

export const ROOT = packageRoot();
/** Run from the sources through tsx, so the tests need no build (about 1 s more per start than dist). */
const CLI = join(ROOT, "src", "cli", "docket.ts");

const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** `node --import tsx src/cli/docket.ts ARGS`: one process, so its pid is Docket's own (kill -9 hits the server). */
export function spawnDocket(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  const {
    DOCKET_TEMPLATES: _t,
    DOCKET_DATA: _d,
    DATABASE_URL: _u,
    DOCKET_TOKEN: _k,
    DOCKET_SERVER: _s,
    ...inherited
  } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    env: { ...inherited, TZ: "UTC", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `docket ARGS` to its end. */
export function runDocket(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return collect(spawnDocket(args, env));
}

export function collect(child: ChildProcess): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeOptions {
  /** PGlite in this folder (`--data`), or… */
  dataDir?: string;
  /** …PostgreSQL at this URL (DATABASE_URL). */
  databaseUrl?: string;
  /** 0 (default) picks a free port; a restart reuses the port it got. */
  port?: number;
  /** More environment for the process (follow-up settings). */
  env?: Record<string, string>;
}

export interface DocketServer {
  url: string;
  port: number;
  pid: number;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGKILL, as a crash would: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after 10 s). Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** A new process on the same port and database. */
  restart(): Promise<DocketServer>;
}

/** Starts `docket serve` and resolves once /api/health answers 200. */
export async function startDocketServer(options: ServeOptions): Promise<DocketServer> {
  const args = ["serve", "--port", String(options.port ?? 0), "--host", "127.0.0.1"];
  if (options.dataDir) args.push("--data", options.dataDir);
  const child = spawnDocket(args, {
    ...options.env,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`docket serve did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.setEncoding("utf8").on("data", onData);
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`docket serve exited with ${code} before listening:\n${output}`));
    });
  });
  await waitForHealth(url, 30_000);
  const port = Number(new URL(url).port);
  const server: DocketServer = {
    url,
    port,
    pid: child.pid ?? 0,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    restart: () => startDocketServer({ ...options, port }),
  };
  return server;
}

/** Polls GET /api/health until it answers 200. */
async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL("/api/health", url));
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url}/api/health did not answer 200 within ${timeoutMs} ms (${last})`);
}

/** Kills every child this file started that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
}

/** A temporary folder, removed by the returned function. */
export async function temporaryFolder(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface ApiMeeting {
  token: string;
  userId: string;
  spaceId: string;
  meetingId: string;
}

/**
 * A user, an API token, a Space and a meeting in it, made through the HTTP API as a person (or a script) would:
 * sign up (session cookie), create a token, then the Space and the meeting with the token.
 */
export async function createMeetingThroughApi(
  url: string,
  options: { name?: string; templateId?: string; meetingDate?: string } = {},
): Promise<ApiMeeting> {
  const name = options.name ?? "Test Facilitator";
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Math.random().toString(36).slice(2, 10)}@example.com`;
  const signUp = await api(url, "POST", "/api/auth/sign-up", { email, name, password: "correct horse battery" });
  const cookie = signUp.headers.get("set-cookie")?.split(";")[0] ?? "";
  const session = (await signUp.json()) as { user: { id: string }; csrfToken: string };
  const tokenResponse = await api(
    url,
    "POST",
    "/api/tokens",
    { name: "tests" },
    { cookie, "x-csrf-token": session.csrfToken },
  );
  const { token } = (await tokenResponse.json()) as { token: string };
  const ids = await createSpaceAndMeeting(url, token, options);
  return { token, userId: session.user.id, ...ids };
}

/** One more Space with one meeting, for a user who has a token. */
export async function createSpaceAndMeeting(
  url: string,
  token: string,
  options: { templateId?: string; meetingDate?: string } = {},
): Promise<{ spaceId: string; meetingId: string }> {
  const auth = { authorization: `Bearer ${token}` };
  const spaceResponse = await api(
    url,
    "POST",
    "/api/spaces",
    {
      name: "Live tests",
      templateId: options.templateId ?? "engineering-leadership-sync",
      cadence: "weekly",
      durationMinutes: 60,
      timezone: "UTC",
    },
    auth,
  );
  const space = (await spaceResponse.json()) as { id: string };
  const meetingDate = options.meetingDate ?? "2025-03-14";
  const meetingResponse = await api(
    url,
    "POST",
    `/api/spaces/${space.id}/meetings`,
    { title: "Weekly sync", scheduledAt: `${meetingDate}T15:00:00Z` },
    auth,
  );
  const meeting = (await meetingResponse.json()) as { id: string };
  return { spaceId: space.id, meetingId: meeting.id };
}

/** A JSON request that must succeed (2xx); anything else throws with the server's error body. */
export async function api(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const response = await fetch(new URL(path, url), {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}
