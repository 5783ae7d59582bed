import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/chromium.js";
import { packageRoot } from "../../src/files/package-root.js";

/** Where each run leaves its screenshots (CI keeps the folder as an artifact). */
export const SCREENSHOT_DIR = join(packageRoot(), "test-artifacts", "screenshots");

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile of its own: each person in a test opens one, so cookies stay apart. */
export async function openBrowser(options: { width?: number; height?: number } = {}): Promise<Browser> {
  ensureChromium();
  const profile = await mkdtemp(join(tmpdir(), "docket-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1360, height: options.height ?? 900 },
    reducedMotion: "reduce",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Installs Debian's chromium when it is missing, as the PostgreSQL set-up does for its package. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { env, stdio: "ignore", timeout: 300_000 });
  } catch {
    // Reported below in words.
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing and could not be installed: run \`apt-get install chromium\` (.ci/run does)`,
    );
  }
}

/** Saves the page as `test-artifacts/screenshots/NAME.png`: the whole page, or what the window shows. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Signs up through the web app's form and waits for the Spaces list. */
export async function signUpInBrowser(page: Page, base: string, person: { name: string; email: string }) {
  await page.goto(`${base}/sign-up`);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Your Spaces" }).waitFor();
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AccessibilityProblem {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * What axe-core finds against WCAG 2.1 A and AA on the page as it is now, serious and critical only. Evaluated
 * through the DevTools protocol, so the page's Content-Security-Policy does not stop it.
 */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(`axe
    .run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] })
    .then((result) => result.violations.map((v) => ({
      rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    })))`)) as AccessibilityProblem[];
  return found.filter((problem) => problem.impact === "serious" || problem.impact === "critical");
}
