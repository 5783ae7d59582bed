import { hashSecret, newSecret, TOKEN_PREFIX } from "../../src/server/auth.js";
import { type RunningServer, type ServerSettings, startServer } from "../../src/server/serve.js";
import type { Database } from "../../src/store/database.js";
import { apiTokens, meetings, memberships, type SpaceRole, spaces, users } from "../../src/store/schema.js";
import { builtinTemplate } from "./meeting.js";

/** A real `docket serve` in this process on a random port, on the given (test) database. */
export async function startTestServer(
  database: Database,
  now?: () => Date,
  settings: ServerSettings = {},
): Promise<RunningServer> {
  // The server closes its database on close(); the test file owns this one, so closing is left to it.
  const borrowed: Database = { ...database, close: async () => {} };
  return startServer({ ...settings, port: 0, host: "127.0.0.1", database: borrowed, ...(now ? { now } : {}) });
}

export interface TestUser {
  id: string;
  name: string;
  email: string;
  /** A personal API token: `Authorization: Bearer <token>`. */
  token: string;
}

/** A user with an API token, written straight to the database (no sign-up round trip). */
export async function createTestUser(database: Database, name: string): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const [user] = await database.db.insert(users).values({ email, name }).returning();
  if (!user) throw new Error("no user");
  const token = newSecret(TOKEN_PREFIX);
  await database.db
    .insert(apiTokens)
    .values({ userId: user.id, name: "test", tokenHash: hashSecret(token), prefix: token.slice(0, 8) });
  return { id: user.id, name, email, token };
}

/** A Space on the built-in template with the given members, and one meeting in it (status as given). */
export async function createTestMeeting(
  database: Database,
  members: { user: TestUser; role: SpaceRole }[],
  options: { templateId?: string; status?: "scheduled" | "pre-read" | "live" | "ended"; meetingDate?: string } = {},
): Promise<{ spaceId: string; meetingId: string }> {
  const template = builtinTemplate(options.templateId ?? "engineering-leadership-sync");
  const [space] = await database.db
    .insert(spaces)
    .values({
      name: "Test Space",
      templateId: template.id,
      template,
      cadence: "weekly",
      durationMinutes: 60,
      timezone: "UTC",
      distribution: { emails: [], slackChannel: null, followUpHours: 2 },
    })
    .returning();
  if (!space) throw new Error("no space");
  if (members.length > 0) {
    await database.db
      .insert(memberships)
      .values(members.map(({ user, role }) => ({ spaceId: space.id, userId: user.id, role })));
  }
  const meetingDate = options.meetingDate ?? "2025-03-14";
  const [meeting] = await database.db
    .insert(meetings)
    .values({
      spaceId: space.id,
      title: "Weekly sync",
      status: options.status ?? "scheduled",
      scheduledAt: new Date(`${meetingDate}T15:00:00Z`),
      meetingDate,
      template,
      attendees: members.map(({ user }) => ({ name: user.name, userId: user.id })),
    })
    .returning();
  if (!meeting) throw new Error("no meeting");
  return { spaceId: space.id, meetingId: meeting.id };
}
