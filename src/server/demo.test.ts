import { describe, expect, it } from "vitest";
import { call, createTestApp, signUp } from "../../test/helpers/api.js";
import { eachDatabase } from "../../test/helpers/database.js";
import { seedDemo } from "./demo.js";

describe("the demo Spaces on a first start", () => {
  eachDatabase((database) => {
    it("hold the seed meetings, filled in, and every new account can read them", async () => {
      const { app, ctx } = await createTestApp(database());
      expect(await seedDemo(ctx)).toBe(true);
      const ana = await signUp(app, { name: "Ana" });

      const spaces = await call(app, ana, "GET", "/api/spaces");
      const names = spaces.body.map((space: { name: string }) => space.name).sort();
      expect(names).toEqual(["Engineering Leadership Sync (demo)", "Product–Engineering Sync (demo)"]);
      expect(spaces.body.every((space: { role: string }) => space.role === "viewer")).toBe(true);

      const leadership = spaces.body.find(
        (space: { templateId: string }) => space.templateId === "engineering-leadership-sync",
      );
      const meetings = await call(app, ana, "GET", `/api/spaces/${leadership.id}/meetings`);
      expect(meetings.body.past).toHaveLength(1);
      expect(meetings.body.upcoming).toHaveLength(1);
      const seed = meetings.body.past[0];
      expect(seed.status).toBe("ended");

      const notes = await call(app, ana, "GET", `/api/meetings/${seed.id}/notes.json`);
      expect(notes.status).toBe(200);
      const markdown = await app.request(`/api/meetings/${seed.id}/notes.md`, {
        headers: { cookie: `docket_session=${ana.cookie}` },
      });
      const text = await markdown.text();
      expect(text).toContain("| Platform | 84 | 2 | 42 min | 3 | 0 |");
      expect(text).toMatch(/🔴 Red \| Auth service latency/);
      expect(text).toContain("**Duration:** 23 minutes");

      // A viewer reads but does not write.
      const write = await call(app, ana, "POST", `/api/meetings/${meetings.body.upcoming[0].id}/status`, {
        body: { status: "live" },
      });
      expect(write.status).toBe(403);
    });

    it("are created once: not on a database that has accounts", async () => {
      const { app, ctx } = await createTestApp(database());
      await signUp(app, { name: "Ana" });
      expect(await seedDemo(ctx)).toBe(false);
      const again = await createTestApp(database());
      expect(await seedDemo(again.ctx)).toBe(false);
    });
  });
});
