import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  type Browser,
  call,
  createSpaceVia,
  createTestApp,
  type Json,
  joinSpaceVia,
  signUp,
  type TestApp,
  testClock,
} from "../../../test/helpers/api.js";
import { eachDatabase } from "../../../test/helpers/database.js";
import { builtinTemplate } from "../../../test/helpers/meeting.js";
import { createItem, type Item, type MetricRow } from "../../core/item.js";
import type { Template } from "../../core/template/template.js";
import type { Database } from "../../store/database.js";
import { type ItemEdits, type ItemReview, items, type MeetingStatus, meetings } from "../../store/schema.js";
import { createApp } from "../app.js";
import { createServerContext } from "../serve.js";
import { ROUTE_MODULES } from "./index.js";

const SEED_MEETING = readFileSync(new URL("../../../examples/eng-leadership-sync.vtt", import.meta.url), "utf8");

/** A Space on the Engineering Leadership Sync with an owner and a viewer; `timezone` as given. */
async function team(t: TestApp, timezone = "UTC") {
  const owner = await signUp(t.app, { name: "Olga" });
  const viewer = await signUp(t.app, { name: "Vera" });
  const space = await createSpaceVia(t.app, owner, { timezone });
  await joinSpaceVia(t.app, owner, space.id, viewer, "viewer");
  return { owner, viewer, space };
}

async function scheduleMeeting(t: TestApp, as: Browser, spaceId: string, scheduledAt: string): Promise<Json> {
  const response = await call(t.app, as, "POST", `/api/spaces/${spaceId}/meetings`, { body: { scheduledAt } });
  if (response.status !== 201) throw new Error(`scheduling failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

interface Recorded extends Partial<Item> {
  id: string;
  kind: Item["kind"];
  text: string;
  edits?: ItemEdits;
  review?: ItemReview;
  removed?: boolean;
}

/** Items as the engine would have stored them (the section follows the kind), with people's reviews. */
async function recordItems(database: Database, meetingId: string, recorded: Recorded[]): Promise<void> {
  const sectionOf: Record<Item["kind"], string> = {
    decision: "decisions",
    action: "actions",
    risk: "risks",
    question: "open-questions",
    escalation: "escalations",
    update: "staffing",
  };
  await database.db.insert(items).values(
    recorded.map(({ edits = {}, review = "suggested", removed = false, ...fields }, i) => ({
      meetingId,
      id: fields.id,
      kind: fields.kind,
      item: createItem({
        section: sectionOf[fields.kind],
        evidence: [{ segmentId: `s${i + 1}`, speaker: null, quote: fields.text, start: i * 10 }],
        ...fields,
      }),
      edits,
      review,
      removed,
    })),
  );
}

async function setMeeting(
  database: Database,
  meetingId: string,
  changes: { status?: MeetingStatus; metrics?: Omit<MetricRow, "evidence">[]; template?: Template },
): Promise<void> {
  const { metrics, ...rest } = changes;
  await database.db
    .update(meetings)
    .set({ ...rest, ...(metrics ? { metrics: metrics.map((row) => ({ ...row, evidence: [] })) } : {}) })
    .where(eq(meetings.id, meetingId));
}

describe("the Space views over HTTP", () => {
  eachDatabase((database) => {
    it("lists the templates in full, by name, to anyone signed in", async () => {
      // A template of the user's own whose id sorts last and whose name sorts first.
      const dir = await mkdtemp(join(tmpdir(), "docket-templates-"));
      const own = { ...builtinTemplate("team-sync"), id: "zz-review", name: "Architecture review" };
      await writeFile(join(dir, "review.json"), JSON.stringify(own));
      const ctx = await createServerContext(database(), { templatesDir: dir });
      const app = createApp(ctx, ROUTE_MODULES);
      expect((await call(app, null, "GET", "/api/templates")).status).toBe(401);
      const someone = await signUp(app);
      const response = await call(app, someone, "GET", "/api/templates");
      expect(response.status).toBe(200);
      expect(response.body.templates.map((template: Template) => [template.id, template.name])).toEqual([
        ["zz-review", "Architecture review"],
        ["engineering-leadership-sync", "Engineering Leadership Sync"],
        ["product-engineering-sync", "Product–Engineering Sync"],
        ["team-sync", "Team sync"],
      ]);
      expect(response.body.templates[1]).toEqual(builtinTemplate("engineering-leadership-sync"));
      await rm(dir, { recursive: true });
    });

    it("hides every view of a Space and its meetings from people outside it", async () => {
      const t = await createTestApp(database());
      const { owner, viewer, space } = await team(t);
      const meeting = await scheduleMeeting(t, owner, space.id, "2025-03-14T15:00:00Z");
      const outsider = await signUp(t.app);
      const paths = [
        `/api/spaces/${space.id}/actions`,
        `/api/spaces/${space.id}/risks`,
        `/api/spaces/${space.id}/decisions?q=auth`,
        `/api/spaces/${space.id}/metrics`,
        `/api/meetings/${meeting.id}/triage`,
      ];
      for (const path of paths) {
        expect((await call(t.app, viewer, "GET", path)).status, path).toBe(200);
        const refused = await call(t.app, outsider, "GET", path);
        expect(refused.status, path).toBe(404);
        expect(JSON.stringify(refused.body)).not.toContain("Leadership");
        expect((await call(t.app, null, "GET", path)).status, path).toBe(401);
      }
    });

    it("lists open action items by owner, overdue first, measured against today in the Space's timezone", async () => {
      // 06:00 UTC on the 20th is still the 19th in Los Angeles.
      const t = await createTestApp(database(), testClock(new Date("2025-03-20T06:00:00Z")));
      const { owner, viewer, space } = await team(t, "America/Los_Angeles");
      const first = await scheduleMeeting(t, owner, space.id, "2025-03-03T17:00:00Z");
      const second = await scheduleMeeting(t, owner, space.id, "2025-03-10T17:00:00Z");
      await recordItems(database(), first.id, [
        { id: "action-1", kind: "action", text: "Post the JD", owner: "Wen Zhao", due: "2025-03-25" },
        { id: "action-2", kind: "action", text: "Fix the runbook", owner: "Priya Raman", due: "2025-03-18" },
        { id: "action-3", kind: "action", text: "Already shipped", owner: "Priya Raman", status: "done" },
        { id: "action-4", kind: "action", text: "Nobody's job", owner: null },
        { id: "action-5", kind: "action", text: "Said in jest", owner: "Wen Zhao", review: "rejected" },
        { id: "action-6", kind: "action", text: "Merged away", owner: "Wen Zhao", removed: true },
        { id: "action-7", kind: "action", text: "Ticked off by hand", owner: "Wen Zhao", edits: { status: "done" } },
        { id: "decision-1", kind: "decision", text: "Not an action" },
      ]);
      await recordItems(database(), second.id, [
        { id: "action-1", kind: "action", text: "Call the vendor", owner: "priya raman", due: "2025-03-19" },
        { id: "action-2", kind: "action", text: "Draft the plan", owner: "Wen Zhao", due: null },
        {
          id: "action-3",
          kind: "action",
          text: "Reassigned",
          owner: "Wen Zhao",
          due: "2025-03-01",
          edits: { owner: "Ana Lima" },
        },
      ]);
      const response = await call(t.app, viewer, "GET", `/api/spaces/${space.id}/actions`);
      expect(response.status).toBe(200);
      expect(response.body.today).toBe("2025-03-19");
      const summary = response.body.owners.map((group: Json) => ({
        owner: group.owner,
        actions: group.actions.map((a: Json) => [a.item.text, a.overdue, a.meetingDate]),
      }));
      expect(summary).toEqual([
        { owner: "Ana Lima", actions: [["Reassigned", true, "2025-03-10"]] },
        {
          owner: "Priya Raman",
          actions: [
            ["Fix the runbook", true, "2025-03-03"],
            ["Call the vendor", false, "2025-03-10"],
          ],
        },
        {
          owner: "Wen Zhao",
          actions: [
            ["Post the JD", false, "2025-03-03"],
            ["Draft the plan", false, "2025-03-10"],
          ],
        },
        { owner: null, actions: [["Nobody's job", false, "2025-03-03"]] },
      ]);
      const reassigned = response.body.owners[0].actions[0];
      expect(reassigned).toMatchObject({ meetingId: second.id, meetingTitle: second.title });
      expect(reassigned.item).toMatchObject({ id: "action-3", owner: "Ana Lima", edited: ["owner"] });

      // A day later, what was due on the 19th is overdue too.
      t.clock.advance(24 * 60 * 60 * 1000);
      const later = await call(t.app, viewer, "GET", `/api/spaces/${space.id}/actions`);
      expect(later.body.today).toBe("2025-03-20");
      const priya = later.body.owners.find((group: Json) => group.owner === "Priya Raman");
      expect(priya.actions.map((a: Json) => [a.item.text, a.overdue])).toEqual([
        ["Fix the runbook", true],
        ["Call the vendor", true],
      ]);
    });

    it("chains a risk across meetings into one register entry with its ratings, red first", async () => {
      const t = await createTestApp(database());
      const { owner, viewer, space } = await team(t);
      const first = await scheduleMeeting(t, owner, space.id, "2025-03-03T15:00:00Z");
      const second = await scheduleMeeting(t, owner, space.id, "2025-03-10T15:00:00Z");
      await recordItems(database(), first.id, [
        { id: "risk-1", kind: "risk", text: "Auth service latency degraded after the deploy", rag: "red" },
        { id: "risk-2", kind: "risk", text: "Hiring pipeline for the mobile team is stalled", rag: "yellow" },
        { id: "risk-3", kind: "risk", text: "Office move next month", rag: "red", review: "rejected" },
      ]);
      await recordItems(database(), second.id, [
        { id: "risk-1", kind: "risk", text: "Vendor contract renewal is at risk", rag: "red" },
        { id: "risk-2", kind: "risk", text: "Mobile hiring pipeline stalled", rag: "yellow", edits: { rag: "green" } },
        { id: "risk-3", kind: "risk", text: "Auth latency still degraded after the deploy", rag: "yellow" },
      ]);
      const response = await call(t.app, viewer, "GET", `/api/spaces/${space.id}/risks`);
      expect(response.status).toBe(200);
      const risks = response.body.risks;
      expect(risks.map((risk: Json) => [risk.current.text, risk.current.rag])).toEqual([
        ["Vendor contract renewal is at risk", "red"],
        ["Auth latency still degraded after the deploy", "yellow"],
        ["Mobile hiring pipeline stalled", "green"],
      ]);
      const auth = risks[1];
      expect(auth.key).toBe(`${first.id}:risk-1`);
      expect(auth.current).toMatchObject({ id: "risk-3", meetingId: second.id, meetingDate: "2025-03-10" });
      expect(auth.history.map((rating: Json) => [rating.meetingId, rating.itemId, rating.rag])).toEqual([
        [first.id, "risk-1", "red"],
        [second.id, "risk-3", "yellow"],
      ]);
      // People's re-rating is the rating.
      expect(risks[2].history.map((rating: Json) => rating.rag)).toEqual(["yellow", "green"]);
      expect(risks[2].current.edited).toEqual(["rag"]);
      expect(risks[0].history).toHaveLength(1);
    });

    it("searches the decision log by word and word form, newest meeting first, people's edits included", async () => {
      const t = await createTestApp(database());
      const { owner, viewer, space } = await team(t);
      const older = await scheduleMeeting(t, owner, space.id, "2026-11-16T15:00:00Z");
      const seed = await scheduleMeeting(t, owner, space.id, "2026-11-23T15:00:00Z");
      const uploaded = await call(t.app, owner, "POST", `/api/meetings/${seed.id}/transcript?filename=seed.vtt`, {
        rawBody: SEED_MEETING,
        headers: { "content-type": "text/plain" },
      });
      expect(uploaded.status).toBe(200);
      await recordItems(database(), older.id, [
        {
          id: "decision-1",
          kind: "decision",
          text: "Freeze deploys during the holidays",
          rationale: "Too few on call",
        },
        { id: "decision-2", kind: "decision", text: "Hold the analytics dashboard launch", review: "rejected" },
      ]);
      const log = (q?: string) =>
        call(
          t.app,
          viewer,
          "GET",
          `/api/spaces/${space.id}/decisions${q === undefined ? "" : `?q=${encodeURIComponent(q)}`}`,
        );

      const all = await log();
      expect(all.status).toBe(200);
      expect(all.body.query).toBeNull();
      const texts = all.body.decisions.map((d: Json) => d.text);
      expect(texts).toEqual([
        "We roll back the auth service if the latency issue persists past 5 p.m. Friday, and Priya executes it",
        "We're deprioritizing the analytics dashboard to protect mobile's core commitments",
        "Freeze deploys during the holidays",
      ]);
      expect(all.body.decisions[0]).toMatchObject({ meetingId: seed.id, meetingDate: "2026-11-23" });
      expect(all.body.decisions[0].headline).toBeUndefined();

      const byWord = await log("  dashboard ");
      expect(byWord.body.query).toBe("dashboard");
      expect(byWord.body.decisions.map((d: Json) => d.text)).toEqual([texts[1]]);
      expect(byWord.body.decisions[0].headline).toBe(
        "We're deprioritizing the analytics <mark>dashboard</mark> to protect mobile's core commitments",
      );
      // Another form of the word ("rolled" for "roll"), and the rationale is searched too.
      expect((await log("rolled back")).body.decisions.map((d: Json) => d.text)).toEqual([texts[0]]);
      expect((await log("dashboards")).body.decisions.map((d: Json) => d.text)).toEqual([texts[1]]);
      expect((await log("calls")).body.decisions.map((d: Json) => d.id)).toEqual(["decision-1"]);
      expect((await log("kubernetes")).body.decisions).toEqual([]);
      // The rejected decision mentions the dashboard too, and stays out.
      expect((await log("launch")).body.decisions).toEqual([]);
      // Empty means no search.
      expect((await log("   ")).body).toMatchObject({ query: null, decisions: { length: 3 } });
      expect((await log("x".repeat(201))).status).toBe(400);

      // A person corrects a decision's text: the search reads their words, and the headline shows them escaped.
      const decision = all.body.decisions[1];
      const edited = await call(t.app, owner, "POST", `/api/meetings/${seed.id}/items/${decision.id}/review`, {
        body: {
          action: "edit",
          changes: { text: "Pause the <b>reporting</b> dashboard & move two engineers to mobile" },
        },
      });
      expect(edited.status).toBe(200);
      const byEdit = await log("reporting");
      expect(byEdit.body.decisions.map((d: Json) => [d.id, d.edited])).toEqual([[decision.id, ["text"]]]);
      expect(byEdit.body.decisions[0].headline).toBe(
        "Pause the &lt;b&gt;<mark>reporting</mark>&lt;/b&gt; dashboard &amp; move two engineers to mobile",
      );
      expect((await log("deprioritizing")).body.decisions).toEqual([]);
    });

    it("gives each team's metrics per meeting, oldest first, in the template's numeric columns", async () => {
      const t = await createTestApp(database());
      const { owner, viewer, space } = await team(t);
      const second = await scheduleMeeting(t, owner, space.id, "2025-03-10T15:00:00Z");
      const first = await scheduleMeeting(t, owner, space.id, "2025-03-03T15:00:00Z");
      await setMeeting(database(), first.id, {
        metrics: [
          { team: "Platform", values: { velocity: 84, incidents: 2 } },
          { team: "Mobile", values: { velocity: 61 } },
        ],
      });
      await setMeeting(database(), second.id, {
        metrics: [{ team: "platform", values: { velocity: 80, p1_mttr_min: 42, not_a_column: 7 } }],
      });
      const response = await call(t.app, viewer, "GET", `/api/spaces/${space.id}/metrics`);
      expect(response.status).toBe(200);
      expect(response.body.columns).toEqual([
        { id: "velocity", label: "Velocity (pts)", unit: "pts" },
        { id: "incidents", label: "Incident Count" },
        { id: "p1_mttr_min", label: "P1 MTTR", unit: "min" },
        { id: "open_reqs", label: "Open Reqs" },
        { id: "attrition_90d", label: "Attrition (90d)" },
      ]);
      expect(response.body.teams).toEqual([
        {
          team: "Mobile",
          points: [
            { meetingId: first.id, meetingTitle: first.title, meetingDate: "2025-03-03", values: { velocity: 61 } },
          ],
        },
        {
          team: "platform",
          points: [
            {
              meetingId: first.id,
              meetingTitle: first.title,
              meetingDate: "2025-03-03",
              values: { velocity: 84, incidents: 2 },
            },
            {
              meetingId: second.id,
              meetingTitle: second.title,
              meetingDate: "2025-03-10",
              values: { velocity: 80, p1_mttr_min: 42 },
            },
          ],
        },
      ]);
    });

    it("triages the pre-read: red before yellow, green to acknowledge, escalations, unusual metrics, last meeting's open business", async () => {
      const t = await createTestApp(database());
      const { owner, viewer, space } = await team(t);
      const member = await signUp(t.app, { name: "Mei" });
      await joinSpaceVia(t.app, owner, space.id, member, "member");
      // Platform's velocity has been 80–84 for three meetings; the last of them ended with business left open.
      const history = [
        ["2025-02-17T15:00:00Z", 80],
        ["2025-02-24T15:00:00Z", 84],
        ["2025-03-03T15:00:00Z", 82],
      ] as const;
      const earlier: Json[] = [];
      for (const [scheduledAt, velocity] of history) {
        const meeting = await scheduleMeeting(t, owner, space.id, scheduledAt);
        await setMeeting(database(), meeting.id, {
          status: "ended",
          metrics: [{ team: "Platform", values: { velocity, incidents: 1 } }],
        });
        earlier.push(meeting);
      }
      const [older, , last] = earlier;
      await recordItems(database(), older.id, [{ id: "action-1", kind: "action", text: "Too old to carry over" }]);
      await recordItems(database(), last.id, [
        { id: "action-1", kind: "action", text: "Post the staff engineer JD", owner: "Wen Zhao", status: "open" },
        { id: "action-2", kind: "action", text: "Done already", status: "done" },
        { id: "risk-1", kind: "risk", text: "Auth latency degraded", rag: "red", owner: "Priya Raman" },
        { id: "risk-2", kind: "risk", text: "Pipeline migration", rag: "green" },
        { id: "risk-3", kind: "risk", text: "Billing cutover", rag: "red", edits: { status: "resolved" } },
        { id: "question-1", kind: "question", text: "Is 30 still the right target", status: "open" },
        { id: "question-2", kind: "question", text: "Which week in May", status: "answered" },
        { id: "decision-1", kind: "decision", text: "Contractor budget", status: "pending" },
        { id: "decision-2", kind: "decision", text: "Roll back on Friday", status: "decided" },
        { id: "action-3", kind: "action", text: "Rejected action", review: "rejected" },
      ]);
      // A meeting that has not ended, between the last ended one and this one, carries nothing over.
      const skipped = await scheduleMeeting(t, owner, space.id, "2025-03-06T15:00:00Z");
      await recordItems(database(), skipped.id, [{ id: "action-1", kind: "action", text: "Not ended yet" }]);
      const meeting = await scheduleMeeting(t, owner, space.id, "2025-03-10T15:00:00Z");
      // This Space's escalations take rows in the pre-read.
      const template = builtinTemplate("engineering-leadership-sync");
      const escalations = template.sections.find((section) => section.id === "escalations");
      if (!escalations) throw new Error("no escalations section");
      escalations.columns = [
        { id: "text", label: "Escalation", type: "text" },
        { id: "owner", label: "Owner", type: "person" },
      ];
      await setMeeting(database(), meeting.id, { template });

      const addRow = async (as: Browser, sectionId: string, cells: Record<string, string>, ownerId?: string) => {
        const response = await call(t.app, as, "POST", `/api/meetings/${meeting.id}/pre-read`, {
          body: { sectionId, cells, ...(ownerId ? { ownerId } : {}) },
        });
        if (response.status !== 201) throw new Error(`adding a row failed: ${JSON.stringify(response.body)}`);
        return response.body.id as string;
      };
      const greenRisk = await addRow(member, "risks", { rag: "Green", text: "Data pipeline migration done" });
      const yellowRisk = await addRow(member, "risks", { rag: "yellow", text: "Mobile capacity", owner: "Darius" });
      const redRisk = await addRow(owner, "risks", { rag: "🔴 red", text: "Enterprise SLA breach" });
      const unrated = await addRow(owner, "risks", { text: "Vendor renewal" });
      const initiative = await addRow(member, "initiatives", {
        initiative: "Billing v2",
        rag: "amber",
        text: "Slipping",
      });
      const platform = await addRow(member, "metrics", { team: "platform", velocity: "40", incidents: "1" });
      const data = await addRow(owner, "metrics", { team: "Data", velocity: "78" });
      const escalation = await addRow(owner, "escalations", { text: "Need contractor budget" });
      await addRow(member, "staffing", { team: "", text: "  " });
      // The owner put one row in Mei's name: it waits for her, so her part is not done yet.
      const staffing = await addRow(owner, "staffing", { team: "Mobile", text: "New iOS hire starts" }, member.user.id);

      const response = await call(t.app, viewer, "GET", `/api/meetings/${meeting.id}/triage`);
      expect(response.status).toBe(200);
      const { toDiscuss, toAcknowledge, checklist } = response.body;
      const shown = (entry: Json) => [entry.reason, entry.rag, entry.sectionId, entry.text];
      expect(toDiscuss.map(shown)).toEqual([
        ["red risk", "red", "risks", "Enterprise SLA breach"],
        ["carried over", "red", "risks", "Auth latency degraded"],
        ["yellow risk", "yellow", "risks", "Mobile capacity"],
        ["yellow", "yellow", "initiatives", "Billing v2 — Slipping"],
        ["metric out of range", null, "metrics", "platform"],
        ["unrated risk", null, "risks", "Vendor renewal"],
        ["carried over", null, "decisions", "Contractor budget"],
        ["escalation", null, "escalations", "Need contractor budget"],
        ["carried over", null, "actions", "Post the staff engineer JD"],
        ["carried over", null, "open-questions", "Is 30 still the right target"],
      ]);
      expect(toDiscuss.map((entry: Json) => entry.id).slice(0, 4)).toEqual([
        redRisk,
        `${last.id}:risk-1`,
        yellowRisk,
        initiative,
      ]);
      expect(toDiscuss[0]).toMatchObject({
        sectionTitle: "Major Risks",
        owner: "Olga",
        source: { kind: "pre-read", rowId: redRisk },
      });
      expect(toDiscuss[1]).toMatchObject({
        owner: "Priya Raman",
        source: {
          kind: "item",
          itemId: "risk-1",
          meetingId: last.id,
          meetingDate: "2025-03-03",
          meetingTitle: last.title,
        },
      });
      expect(toDiscuss[2].owner).toBe("Darius");
      // Mean 82, sample SD 2: the usual range is 78–86.
      expect(toDiscuss[4]).toMatchObject({ id: platform, detail: "Velocity (pts) 40 (usual 78–86)" });
      expect(toDiscuss.map((entry: Json) => entry.id)).toContain(escalation);
      expect(toDiscuss.map((entry: Json) => entry.id)).toContain(unrated);

      expect(toAcknowledge.map(shown)).toEqual([
        ["metrics", null, "metrics", "Data"],
        ["update", null, "staffing", "Mobile — New iOS hire starts"],
        ["green risk", "green", "risks", "Data pipeline migration done"],
      ]);
      expect(toAcknowledge.map((entry: Json) => entry.id)).toEqual([data, staffing, greenRisk]);

      expect(checklist.steps).toEqual(template.beforeMeeting);
      expect(checklist.people).toEqual([
        { userId: member.user.id, name: "Mei", rows: 6, updated: 5, done: false },
        { userId: owner.user.id, name: "Olga", rows: 4, updated: 4, done: true },
      ]);
    });
  });
});
