import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLiveSegments } from "../../src/cli/live-command.js";
import { type AckMessage, LiveClient } from "../../src/client/live-client.js";
import { packageRoot } from "../../src/files/package-root.js";
import type { RunningServer } from "../../src/server/serve.js";
import type { Database } from "../../src/store/database.js";
import { createTestDatabase } from "../helpers/database.js";
import { startTestServer } from "../helpers/server.js";
import { accessibilityProblems, type Browser, openBrowser, screenshot, signUpInBrowser } from "./browser.js";

/**
 * The web app end to end, in Debian's Chromium against a real `docket serve` on PGlite: a facilitator signs up,
 * creates a Space, runs a meeting whose transcript streams in, reviews what the agent captured and reads the notes.
 * Every main screen is saved under test-artifacts/screenshots.
 */

const SEED_TRANSCRIPT = join(packageRoot(), "examples", "eng-leadership-sync.vtt");
const LATENCY_LIMIT_MS = 2_000;

interface ItemJson {
  id: string;
  kind: string;
  text: string;
  owner: string | null;
  rag: string | null;
  review: string;
  evidence: { segmentId: string }[];
}

let database: Database;
let server: RunningServer;
let facilitator: Browser;
let outsider: Browser;
/** What the first test leaves for the later ones. */
const run = { spaceId: "", meetingId: "" };

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  server = await startTestServer(database);
  facilitator = await openBrowser();
  outsider = await openBrowser({ width: 390, height: 844 });
}, 60_000);

afterAll(async () => {
  await facilitator?.close();
  await outsider?.close();
  await server?.close();
  await database?.close();
});

/** The page's own session: its CSRF token and a personal API token for a sender. */
async function apiAs(page: Page) {
  const me = await (await page.request.get(`${server.url}/api/me`)).json();
  const post = async (path: string, data: unknown) => {
    const response = await page.request.post(`${server.url}${path}`, {
      data,
      headers: { "x-csrf-token": me.csrfToken },
    });
    if (!response.ok()) throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  const get = async (path: string) => (await page.request.get(`${server.url}${path}`)).json();
  /** Uploads a transcript file's text, as `docket upload` does. */
  const upload = async (meetingId: string, file: string) => {
    const response = await page.request.post(`${server.url}/api/meetings/${meetingId}/transcript?filename=${file}`, {
      data: readFileSync(join(packageRoot(), "test", "fixtures", "series", file), "utf8"),
      headers: { "x-csrf-token": me.csrfToken, "content-type": "text/plain; charset=utf-8" },
    });
    if (!response.ok()) throw new Error(`upload ${file}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  return { me, post, get, upload };
}

describe("the web app in Chromium", () => {
  it("runs a meeting: create a Space, go live, stream the seed meeting, review items, end, read the notes", async () => {
    const { page } = facilitator;
    await signUpInBrowser(page, server.url, { name: "Priya Patel", email: "priya@example.com" });
    await screenshot(page, "01-spaces-empty");
    expect(await accessibilityProblems(page), "01-spaces-empty").toEqual([]);

    // Create the Space from the Engineering Leadership template.
    await page.getByRole("link", { name: "Create your first Space" }).click();
    await page.getByLabel("Space name").fill("Engineering Leadership");
    await page.getByRole("radio", { name: /Engineering Leadership Sync/ }).check();
    const preview = page.getByRole("list", { name: "Sections of Engineering Leadership Sync" });
    await preview.getByText("Key Metrics").waitFor();
    expect(await preview.textContent()).toContain("Major Risks");
    await screenshot(page, "02-create-space");
    expect(await accessibilityProblems(page), "02-create-space").toEqual([]);
    await page.getByRole("button", { name: "Create Space" }).click();
    await page.getByRole("heading", { name: "Engineering Leadership is ready" }).waitFor();
    await page.getByRole("button", { name: "Go to the Space" }).click();
    await page.getByRole("heading", { level: 1, name: "Engineering Leadership" }).waitFor();
    run.spaceId = page.url().split("/spaces/")[1]!.split(/[/?#]/)[0]!;

    // Schedule a meeting and open its pre-read.
    await page.getByRole("button", { name: "Schedule meeting" }).click();
    const dialog = page.getByRole("dialog", { name: "Schedule a meeting" });
    await dialog.getByLabel("Title (optional)").fill("Leadership sync");
    await dialog.getByRole("button", { name: "Schedule meeting" }).click();
    await page.getByRole("link", { name: "Open its pre-read" }).click();
    await page.getByRole("heading", { level: 1, name: "Leadership sync" }).waitFor();
    run.meetingId = page.url().split("/meetings/")[1]!.split("/")[0]!;
    await screenshot(page, "03-before-the-meeting");
    expect(await accessibilityProblems(page), "03-before-the-meeting").toEqual([]);

    // Start it: the live view opens and connects.
    await page.getByRole("button", { name: "Start the meeting" }).click();
    await page.waitForURL(`**/meetings/${run.meetingId}/live`);
    await page.getByRole("heading", { name: "Transcript" }).waitFor();

    // Record when each item first shows on the page, by the page's own clock (same machine as the sender's).
    await page.evaluate(`(() => {
      window.__itemSeenAt = {};
      const record = () => {
        for (const el of document.querySelectorAll("[data-item-id]")) {
          const id = el.getAttribute("data-item-id");
          if (!(id in window.__itemSeenAt)) window.__itemSeenAt[id] = Date.now();
        }
      };
      new MutationObserver(record).observe(document.body, { childList: true, subtree: true });
      record();
    })()`);

    // Stream the seed meeting through a real sender, one segment at a time, noting when each was acknowledged.
    const session = await apiAs(page);
    const { token } = await session.post("/api/tokens", { name: "e2e sender" });
    const sender = await LiveClient.connect({ server: server.url, meetingId: run.meetingId, token, client: "e2e" });
    const ackedAt = new Map<string, number>();
    for (const segment of await readLiveSegments(SEED_TRANSCRIPT)) {
      const ack: AckMessage = await sender.send(segment);
      ackedAt.set(segment.id, Date.now());
      expect(ack.duplicate ?? false).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await sender.close();
    await screenshot(page, "04-live", { fullPage: false });
    expect(await accessibilityProblems(page), "04-live").toEqual([]);

    // The decisions, the action items and the red risk are on the page, each within 2 s of its segment.
    const { items } = (await session.get(`/api/meetings/${run.meetingId}/items`)) as { items: ItemJson[] };
    const expected = items.filter(
      (item) => item.kind === "decision" || item.kind === "action" || (item.kind === "risk" && item.rag === "red"),
    );
    expect(expected.filter((item) => item.kind === "decision").length).toBeGreaterThanOrEqual(2);
    expect(expected.filter((item) => item.kind === "action").length).toBeGreaterThanOrEqual(3);
    expect(expected.some((item) => item.kind === "risk")).toBe(true);
    await page.waitForFunction(
      `${JSON.stringify(expected.map((item) => item.id))}.every((id) => id in window.__itemSeenAt)`,
      undefined,
      { timeout: 10_000 },
    );
    const seenAt = (await page.evaluate("window.__itemSeenAt")) as Record<string, number>;
    for (const item of expected) {
      const segmentAcked = ackedAt.get(item.evidence[0]!.segmentId)!;
      expect(seenAt[item.id]! - segmentAcked, `${item.kind} "${item.text}"`).toBeLessThanOrEqual(LATENCY_LIMIT_MS);
      await expect.poll(() => page.locator(`[data-item-id="${item.id}"]`).first().isVisible()).toBe(true);
    }

    // Confirm a decision and give an action item another owner, inline.
    const decision = expected.find((item) => item.kind === "decision")!;
    const decisionCard = page.locator(`[data-item-id="${decision.id}"]`).first();
    await decisionCard.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => decisionCard.getByText("Confirmed").first().isVisible()).toBe(true);

    const action = expected.find((item) => item.kind === "action" && item.owner !== "Jordan Lee")!;
    const actionCard = page.locator(`[data-item-id="${action.id}"]`).first();
    await actionCard.getByRole("button", { name: "Edit" }).click();
    await actionCard.getByLabel("Owner").fill("Jordan Lee");
    await actionCard.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => actionCard.getByText("Jordan Lee").first().isVisible()).toBe(true);
    await screenshot(page, "05-live-reviewed", { fullPage: false });
    expect(await accessibilityProblems(page), "05-live-reviewed").toEqual([]);

    // End the meeting: the notes show the confirmed decision and the new owner.
    await page.getByRole("button", { name: "End meeting" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "End meeting" }).click();
    await page.waitForURL(`**/meetings/${run.meetingId}/notes`);
    const notes = page.locator("main");
    await notes.getByText(decision.text).first().waitFor();
    await expect.poll(() => notes.getByText(action.text).first().isVisible()).toBe(true);
    const actionRow = notes.locator(`[data-item-id="${action.id}"]`).first();
    await expect.poll(() => actionRow.textContent()).toContain("Jordan Lee");
    await screenshot(page, "06-notes");
    expect(await accessibilityProblems(page), "06-notes").toEqual([]);

    await page.getByRole("button", { name: "Distribute" }).click();
    await page.getByRole("dialog").waitFor();
    await screenshot(page, "07-distribute", { fullPage: false });
    expect(await accessibilityProblems(page), "07-distribute").toEqual([]);
    await page.keyboard.press("Escape");

    const stored = (await session.get(`/api/meetings/${run.meetingId}/items`)) as { items: ItemJson[] };
    expect(stored.items.find((item) => item.id === decision.id)?.review).toBe("confirmed");
    expect(stored.items.find((item) => item.id === action.id)?.owner).toBe("Jordan Lee");
  }, 180_000);

  it("finds decisions in the Space's decision log by full-text search", async () => {
    const { page } = facilitator;
    const session = await apiAs(page);
    const { items } = (await session.get(`/api/meetings/${run.meetingId}/items`)) as { items: ItemJson[] };
    const decisions = items.filter((item) => item.kind === "decision" && item.review !== "rejected");
    // A word that is in one decision and not in another.
    const [wanted, other] = decisions;
    const word = wanted!.text
      .split(/\W+/)
      .filter((w) => w.length > 5)
      .find((w) => !other!.text.toLowerCase().includes(w.toLowerCase()))!;

    await page.goto(`${server.url}/spaces/${run.spaceId}`);
    await page.getByRole("tab", { name: /^Decisions/ }).click();
    const list = page.getByRole("list", { name: "Decisions" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(decisions.length);
    await page.getByLabel("Search decisions").fill(word);
    await page.getByLabel("Search decisions").press("Enter");
    await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
    await expect.poll(() => list.textContent()).toContain(wanted!.text.slice(0, 20));
    await screenshot(page, "08-decision-search");
    expect(await accessibilityProblems(page), "08-decision-search").toEqual([]);

    await page.getByLabel("Search decisions").fill("zebra xylophone");
    await page.getByLabel("Search decisions").press("Enter");
    await page.getByText("No decision matches “zebra xylophone”").waitFor();
    await page.goto(`${server.url}/spaces/${run.spaceId}?tab=risks`);
    await page.getByRole("heading", { name: "Risk register" }).waitFor();
    await screenshot(page, "09-space-home-risks");
    expect(await accessibilityProblems(page), "09-space-home-risks").toEqual([]);
  }, 60_000);

  it("orders the facilitator's triage: red before yellow to discuss, green to acknowledge", async () => {
    const { page } = facilitator;
    const session = await apiAs(page);
    const meeting = await session.post(`/api/spaces/${run.spaceId}/meetings`, {
      title: "Next leadership sync",
      scheduledAt: "2031-06-02T15:00:00Z",
    });
    const row = (rag: string, text: string) =>
      session.post(`/api/meetings/${meeting.id}/pre-read`, { sectionId: "risks", cells: { rag, text } });
    await row("green", "Data pipeline migration on track");
    await row("yellow", "Mobile team capacity is thin");
    await row("red", "Enterprise SLA breach on the auth service");

    await page.goto(`${server.url}/meetings/${meeting.id}/prepare`);
    const toDiscuss = page.getByRole("list", { name: "To discuss" });
    const toAcknowledge = page.getByRole("list", { name: "To acknowledge" });
    await toDiscuss.getByText("Enterprise SLA breach on the auth service").waitFor();
    const discussed = await toDiscuss.getByRole("listitem").allTextContents();
    const red = discussed.findIndex((text) => text.includes("Enterprise SLA breach"));
    const yellow = discussed.findIndex((text) => text.includes("Mobile team capacity"));
    expect(red).toBe(0);
    expect(yellow).toBeGreaterThan(red);
    expect(discussed[red]).toContain("Red");
    expect(discussed.some((text) => text.includes("Data pipeline migration"))).toBe(false);
    expect(await toAcknowledge.textContent()).toContain("Data pipeline migration on track");
    await screenshot(page, "10-triage");
    expect(await accessibilityProblems(page), "10-triage").toEqual([]);
  }, 60_000);

  it("remembers the series: carried-over items, what changed, the timeline, follow-up and drafts", async () => {
    const { page } = facilitator;
    const session = await apiAs(page);
    const space = await session.post("/api/spaces", {
      name: "Billing migration",
      templateId: "engineering-leadership-sync",
      cadence: "weekly",
      timezone: "UTC",
    });
    const schedule = (title: string, scheduledAt: string) =>
      session.post(`/api/spaces/${space.id}/meetings`, { title, scheduledAt });
    const first = await schedule("Billing sync 1", "2025-03-10T09:00:00Z");
    const second = await schedule("Billing sync 2", "2025-03-17T09:00:00Z");
    await session.post(`/api/meetings/${first.id}/status`, { status: "live" });
    await session.upload(first.id, "meeting-1.txt");
    await session.post(`/api/meetings/${first.id}/status`, { status: "ended" });
    await session.post(`/api/meetings/${second.id}/status`, { status: "live" });

    // Meeting 2 starts from meeting 1's open business: the action item is on its second meeting, and overdue.
    await page.goto(`${server.url}/meetings/${second.id}`);
    await page.waitForURL(`**/meetings/${second.id}/live`);
    const carried = page.locator(".item-card", { hasText: "migration plan" }).first();
    await expect.poll(() => carried.textContent()).toContain("Carried over · open for 2 meetings");
    const changes = page.getByRole("region", { name: "What changed since the last meeting" });
    await changes.getByText("Compared with").waitFor();
    const overdue = changes.getByRole("list", { name: /^Overdue/ });
    expect(await overdue.textContent()).toContain("migration plan");
    expect(await changes.getByRole("list", { name: /^New/ }).count()).toBe(1);
    await changes.scrollIntoViewIfNeeded();
    await screenshot(page, "12-what-changed", { fullPage: false });
    expect(await accessibilityProblems(page), "12-what-changed").toEqual([]);

    // The room decides on the subject of meeting 1's decision: the earlier decision is shown, and superseded.
    await session.upload(second.id, "meeting-2.txt");
    const earlier = page.locator(".earlier-notice", { hasText: "billing to Postgres" }).filter({ hasText: "MySQL" });
    await earlier.first().waitFor({ timeout: 10_000 });
    await earlier
      .first()
      .getByRole("button", { name: /^Supersede/ })
      .click();
    await page.getByRole("button", { name: "Supersede it" }).click();
    const log = await session.get(`/api/spaces/${space.id}/decisions`);
    const postgres = log.decisions.find((d: { text: string }) => d.text.includes("billing to Postgres"));
    await expect
      .poll(async () => {
        const now = await session.get(`/api/spaces/${space.id}/decisions`);
        return now.decisions.find(
          (d: { id: string; meetingId: string }) => d.id === postgres.id && d.meetingId === first.id,
        )?.status;
      })
      .toBe("superseded");

    // The Space's timeline: the meeting and its decision.
    await page.goto(`${server.url}/spaces/${space.id}?tab=timeline`);
    const timeline = page.getByRole("list", { name: "Timeline" });
    await timeline.getByText("Billing sync 1").first().waitFor();
    expect(await timeline.textContent()).toMatch(/Decision.*billing to Postgres/i);
    await screenshot(page, "13-timeline");
    expect(await accessibilityProblems(page), "13-timeline").toEqual([]);

    // Follow-up: the rules in words, services to connect with password fields, the delivery log.
    await page.getByRole("tab", { name: /^Follow-up/ }).click();
    await page.getByRole("heading", { name: "Delivery log" }).waitFor();
    await page.getByRole("button", { name: "Connect Slack" }).click();
    expect(await page.getByLabel("Bot token").getAttribute("type")).toBe("password");
    await screenshot(page, "14-follow-up");
    expect(await accessibilityProblems(page), "14-follow-up").toEqual([]);

    // Drafts on meeting 1's notes: one from an item, one for the meeting; an edit is kept.
    await page.goto(`${server.url}/meetings/${first.id}/notes`);
    const drafts = page.getByRole("region", { name: "Drafts" });
    await drafts.getByRole("heading", { name: "Drafts" }).waitFor();
    await page
      .getByRole("button", { name: /^Draft… from risk/ })
      .first()
      .click();
    await page.getByRole("menuitem", { name: "Slack summary" }).click();
    await drafts.getByRole("heading", { name: "Slack summary" }).waitFor();
    await drafts.getByRole("button", { name: "Draft a follow-up email" }).click();
    const email = drafts.getByRole("form", { name: "Follow-up email" });
    await email.waitFor();
    await email.getByLabel("Text").fill("Thanks all. The billing migration plan is due Friday.");
    await email.getByRole("button", { name: /^Save/ }).click();
    await email.getByText("✓ Saved").waitFor();
    await page.reload();
    const reloaded = page.getByRole("region", { name: "Drafts" }).getByRole("form", { name: /Follow-up email/ });
    await expect
      .poll(() => reloaded.getByLabel("Text").inputValue())
      .toBe("Thanks all. The billing migration plan is due Friday.");
    expect(await reloaded.textContent()).toContain("Edited");
    await reloaded.scrollIntoViewIfNeeded();
    await screenshot(page, "15-drafts");
    expect(await accessibilityProblems(page), "15-drafts").toEqual([]);
  }, 60_000);

  it("does not open the Space for someone who is not a member", async () => {
    const { page } = outsider;
    await signUpInBrowser(page, server.url, { name: "Sam Stranger", email: "sam@example.com" });
    await page.goto(`${server.url}/spaces/${run.spaceId}`);
    await page.getByRole("heading", { name: "This Space could not be opened" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/no Space|not found/i);
    expect(await page.locator("main").textContent()).not.toContain("Engineering Leadership");
    await page.goto(`${server.url}/meetings/${run.meetingId}/notes`);
    await page.getByRole("alert").waitFor();
    expect(await page.locator("main").textContent()).not.toContain("Leadership sync");
    await screenshot(page, "11-not-a-member");
    expect(await accessibilityProblems(page), "11-not-a-member").toEqual([]);
  }, 60_000);
});
