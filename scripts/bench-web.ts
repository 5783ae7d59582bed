/**
 * Web app benchmark, in Debian's Chromium: how much JavaScript the first load costs (gzip, as served), and whether
 * the live view keeps up with an hour-long meeting replayed at 10× speed (time from a segment's message to the
 * commit that shows it, `docket:segment-render` measures taken by the page itself). Run with `npm run bench:web`.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";
import { packageRoot } from "../src/files/package-root.js";
import { startServer } from "../src/server/serve.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";
import { buildHourLongVtt, median, percentile } from "./hour-long-meeting.js";

const ROOT = packageRoot();
const CLI = join(ROOT, "dist", "cli", "docket.js");

const { values: flags } = parseArgs({
  options: {
    minutes: { type: "string", default: "60" },
    speed: { type: "string", default: "10" },
    out: { type: "string", default: join(ROOT, "bench-results", "web.json") },
  },
});

async function main(): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), "docket-bench-web-"));
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    database: { kind: "pglite", dataDir: join(data, "pglite") },
    demo: false,
  });
  const browser = await chromium.launchPersistentContext(join(data, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  try {
    const session = await setUpMeeting(server.url);
    await browser.addCookies([{ name: "docket_session", value: session.cookie, url: server.url }]);
    const page = browser.pages()[0] ?? (await browser.newPage());
    // Main-thread tasks over 50 ms, counted from the first script on.
    await page.addInitScript({ content: LONG_TASK_OBSERVER });

    const firstLoad = await scriptBytes(page, `${server.url}/`);
    const liveLoad = await scriptBytes(page, `${server.url}/meetings/${session.meetingId}/live`);
    console.log(`first load (Spaces list): ${kb(firstLoad.bytes)} KB of JavaScript gzip in ${firstLoad.files} files`);
    console.log(`live view opened directly: ${kb(liveLoad.bytes)} KB of JavaScript gzip in ${liveLoad.files} files`);

    const minutes = Number(flags.minutes);
    const speed = Number(flags.speed);
    const hour = buildHourLongVtt();
    const cues = hour.vtt.split("\n\n").slice(1, 1 + Math.round((hour.cues * minutes * 60) / hour.seconds));
    const file = join(data, "meeting.vtt");
    writeFileSync(file, `WEBVTT\n\n${cues.join("\n\n")}\n`);
    await page.evaluate(`performance.clearMeasures("docket:segment-render")`);
    console.log(`replaying ${cues.length} segments (${minutes} min of speech) at ${speed}× …`);
    const started = performance.now();
    await sendTranscript(server.url, session, file, speed);
    const transcript = page.locator("[data-segment-count]");
    await page.waitForFunction(
      `Number(document.querySelector("[data-segment-count]")?.dataset.segmentCount) >= ${cues.length}`,
      undefined,
      { timeout: 120_000, polling: 200 },
    );
    const replaySeconds = (performance.now() - started) / 1000;
    const shown = Number(await transcript.getAttribute("data-segment-count"));
    const renders = await page.evaluate<number[]>(
      `performance.getEntriesByName("docket:segment-render").map((entry) => entry.duration)`,
    );
    const longTasks = await page.evaluate<number[]>("window.__longTasks ?? []");
    const result = {
      firstLoadKbGzip: kb(firstLoad.bytes),
      liveViewLoadKbGzip: kb(liveLoad.bytes),
      segments: cues.length,
      shown,
      speed,
      replaySeconds: Math.round(replaySeconds),
      renderMs: {
        count: renders.length,
        p50: round(median(renders)),
        p99: round(percentile(renders, 99)),
        max: round(Math.max(0, ...renders)),
      },
      longTasksOver50ms: longTasks.length,
    };
    console.log(
      `live view: ${shown}/${cues.length} segments shown; render per segment p50 ${result.renderMs.p50} ms, ` +
        `p99 ${result.renderMs.p99} ms, max ${result.renderMs.max} ms over ${renders.length} renders; ` +
        `${longTasks.length} long tasks (> 50 ms)`,
    );
    mkdirSync(join(flags.out, ".."), { recursive: true });
    writeFileSync(flags.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${flags.out}`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
}

interface Session {
  cookie: string;
  token: string;
  meetingId: string;
}

/** A person, a Space, a live meeting and an API token for the sender, made through the HTTP API. */
async function setUpMeeting(base: string): Promise<Session> {
  const signUp = await fetch(`${base}/api/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@example.com", name: "Bench Facilitator", password: "correct horse battery" }),
  });
  const cookie = /docket_session=([^;]+)/.exec(signUp.headers.get("set-cookie") ?? "")?.[1];
  const { csrfToken } = (await signUp.json()) as { csrfToken: string };
  if (!cookie) throw new Error(`sign-up failed: ${signUp.status}`);
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `docket_session=${cookie}`, "x-csrf-token": csrfToken },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const space = await call<{ id: string }>("/api/spaces", {
    name: "Benchmark",
    templateId: "team-sync",
    cadence: "weekly",
  });
  const meeting = await call<{ id: string }>(`/api/spaces/${space.id}/meetings`, {
    scheduledAt: new Date().toISOString(),
  });
  await call(`/api/meetings/${meeting.id}/status`, { status: "live" });
  const { token } = await call<{ token: string }>("/api/tokens", { name: "bench sender" });
  return { cookie, token, meetingId: meeting.id };
}

/** Loads `url` in a fresh tab state and adds up the JavaScript it fetched, as bytes on the wire. */
async function scriptBytes(page: Page, url: string): Promise<{ bytes: number; files: number }> {
  const sizes: Promise<number>[] = [];
  const onResponse = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() === "script") {
      sizes.push(
        response
          .request()
          .sizes()
          .then((s) => s.responseBodySize),
      );
    }
  };
  await page.goto("about:blank");
  const session = await page.context().newCDPSession(page);
  await session.send("Network.clearBrowserCache");
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  page.off("response", onResponse);
  const all = await Promise.all(sizes);
  return { bytes: all.reduce((sum, size) => sum + size, 0), files: all.length };
}

/** The real sender: `docket live` replaying the file at `speed`. */
async function sendTranscript(base: string, session: Session, file: string, speed: number): Promise<void> {
  const args = [CLI, "live", file, "--server", base, "--meeting", session.meetingId, "--token", session.token];
  const child = spawn(process.execPath, [...args, "--speed", String(speed)], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    errors += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`docket live exited with ${code}: ${errors}`);
}

// Main-thread tasks over 50 ms, counted from the page's first script on (runs in the page, hence a string).
const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
`;

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const round = (ms: number) => Math.round(ms * 100) / 100;

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
