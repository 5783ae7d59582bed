import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DAY_MS } from "../core/calendar/dates.js";
import { parseTranscript } from "../core/transcript/parse-transcript.js";
import { packageRoot } from "../files/package-root.js";
import { uploadTranscript } from "../live/upload-transcript.js";
import { countUsers, createDemoOwner } from "../store/accounts.js";
import { createMeeting } from "../store/meetings.js";
import { createSpace } from "../store/spaces.js";
import type { ServerContext } from "./context.js";

/** The seed meetings, as recorded (examples/README.md), and the date they were held. */
const DEMOS = [
  { templateId: "engineering-leadership-sync", recording: "eng-leadership-sync.vtt" },
  { templateId: "product-engineering-sync", recording: "product-engineering-sync.vtt" },
] as const;
const SEED_MEETING_START = new Date("2025-03-17T15:00:00Z");
const DEMO_OWNER_EMAIL = "demo@docket.invalid";

/**
 * On a first start (no accounts at all), one demo Space per seed template: its seed meeting replayed through the
 * live pipeline and ended, and the next meeting of the series scheduled a week from now. The Spaces belong to a
 * demo owner who cannot sign in; every account that signs up joins them as a viewer (store/accounts.ts).
 * Returns whether it created them.
 */
export async function seedDemo(ctx: ServerContext): Promise<boolean> {
  const { db } = ctx.database;
  if ((await countUsers(db)) > 0) return false;
  // Two processes starting at once on an empty PostgreSQL: the unique email lets exactly one of them seed.
  const owner = await createDemoOwner(db, { email: DEMO_OWNER_EMAIL, name: "Docket demo" });
  if (!owner) return false;
  const actor = { id: owner.id, name: owner.name };
  for (const demo of DEMOS) {
    const template = ctx.templates.get(demo.templateId);
    if (!template) continue;
    const space = await createSpace(db, owner.id, {
      name: `${template.name} (demo)`,
      templateId: template.id,
      template,
      cadence: "weekly",
      durationMinutes: template.durationMinutes,
      timezone: "UTC",
      distribution: { emails: [], slackChannel: null, followUpHours: 2 },
      silenceWarningSeconds: 60,
      followUpRules: template.followUp.rules,
      isDemo: true,
    });
    const file = join(packageRoot(), "examples", demo.recording);
    const text = await readFile(file, "utf8");
    const speakers = [...new Set(parseTranscript(text, file).segments.flatMap((s) => (s.speaker ? [s.speaker] : [])))];
    const seed = await createMeeting(db, {
      spaceId: space.id,
      title: `${template.name}, March 17, 2025`,
      scheduledAt: SEED_MEETING_START,
      attendees: speakers.map((name) => ({ name, userId: null })),
      createdBy: owner.id,
    });
    await uploadTranscript({ pipeline: ctx.live.pipeline, db }, seed.id, { name: demo.recording, text }, actor, {
      mayEnd: true,
    });
    const next = new Date(Math.ceil((ctx.now().getTime() + 7 * DAY_MS) / DAY_MS) * DAY_MS + 15 * 60 * 60 * 1000);
    await createMeeting(db, {
      spaceId: space.id,
      title: null,
      scheduledAt: next,
      attendees: seed.attendees,
      createdBy: owner.id,
    });
  }
  return true;
}
