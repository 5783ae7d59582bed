import { describe, expect, it } from "vitest";
import { call, createSpaceVia, createTestApp, joinSpaceVia, signUp } from "../../../test/helpers/api.js";
import { eachDatabase } from "../../../test/helpers/database.js";
import { enqueueDeliveries, markFailed } from "../../store/outbox.js";

const HOOK = "https://203.0.113.10/hooks/in?token=s3cr3t-hook-token";
const LIST = "leads@example.com";

describe("where a Space's follow-up goes is for its owners", () => {
  eachDatabase((database) => {
    async function setUp() {
      const t = await createTestApp(database());
      const owner = await signUp(t.app, { name: "Olga Owner" });
      const space = await createSpaceVia(t.app, owner, {
        distribution: { emails: [LIST], slackChannel: "#eng", followUpHours: 2 },
      });
      const hook = await call(t.app, owner, "PUT", `/api/spaces/${space.id}/integrations/webhook`, {
        body: { url: HOOK, signingSecret: "whsec_0123456789abcdef" },
      });
      expect(hook.status).toBe(200);
      const people = { owner } as Record<"owner" | "viewer" | "member" | "facilitator", typeof owner>;
      for (const role of ["viewer", "member", "facilitator"] as const) {
        people[role] = await signUp(t.app, { name: `A ${role}` });
        await joinSpaceVia(t.app, owner, space.id, people[role], role);
      }
      return { t, space, people };
    }

    it("shows the others that a list and a webhook are there, never the addresses or the URL", async () => {
      const { t, space, people } = await setUp();
      for (const role of ["viewer", "member", "facilitator"] as const) {
        const as = people[role];
        const shown = await call(t.app, as, "GET", `/api/spaces/${space.id}`);
        expect(shown.body.distribution).toEqual({ emails: [], emailCount: 1, slackChannel: "#eng", followUpHours: 2 });
        const listed = await call(t.app, as, "GET", "/api/spaces");
        expect(listed.body.find((s: { id: string }) => s.id === space.id).distribution.emails).toEqual([]);
        const followUp = await call(t.app, as, "GET", `/api/spaces/${space.id}/follow-up`);
        expect(followUp.body.email).toMatchObject({ recipients: [], recipientCount: 1 });
        expect(followUp.body.integrations.webhook).toMatchObject({
          connected: true,
          settings: {},
          secrets: ["signingSecret"],
        });
        for (const body of [shown.body, listed.body, followUp.body]) {
          expect(JSON.stringify(body)).not.toContain("s3cr3t");
          expect(JSON.stringify(body)).not.toContain(LIST);
        }
      }
      const owner = await call(t.app, people.owner, "GET", `/api/spaces/${space.id}/follow-up`);
      expect(owner.body.email).toMatchObject({ recipients: [LIST], recipientCount: 1 });
      expect(owner.body.integrations.webhook.settings).toEqual({ url: HOOK });
      expect((await call(t.app, people.owner, "GET", `/api/spaces/${space.id}`)).body.distribution.emails).toEqual([
        LIST,
      ]);
    });

    it("keeps the delivery log from viewers and members, and its targets and errors from facilitators", async () => {
      const { t, space, people } = await setUp();
      const at = t.clock.now().toISOString();
      await enqueueDeliveries(
        t.ctx.database.db,
        [
          {
            spaceId: space.id,
            meetingId: null,
            userId: null,
            channel: "webhook",
            purpose: "notes",
            dedupeKey: "test:1",
            recipient: HOOK,
            payload: { event: "notes.distributed", data: {} },
            notBefore: at,
            dueBy: null,
          },
        ],
        at,
      );
      const [queued] = (await call(t.app, people.owner, "GET", `/api/spaces/${space.id}/deliveries`)).body.deliveries;
      await markFailed(t.ctx.database.db, queued.id, `Webhook to ${HOOK} answered HTTP 500`, null);

      for (const role of ["viewer", "member"] as const) {
        const refused = await call(t.app, people[role], "GET", `/api/spaces/${space.id}/deliveries`);
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toBe(`this needs the facilitator role in the Space; you are a ${role}`);
      }
      const facilitator = await call(t.app, people.facilitator, "GET", `/api/spaces/${space.id}/deliveries`);
      expect(facilitator.status).toBe(200);
      expect(facilitator.body.deliveries).toEqual([
        expect.objectContaining({ channel: "webhook", status: "failed", recipient: null, lastError: null }),
      ]);
      expect(JSON.stringify(facilitator.body)).not.toContain("s3cr3t");
      const owner = await call(t.app, people.owner, "GET", `/api/spaces/${space.id}/deliveries`);
      expect(owner.body.deliveries).toEqual([
        expect.objectContaining({ recipient: HOOK, lastError: expect.stringContaining("HTTP 500") }),
      ]);
    });

    it("refuses a webhook or Salesforce address that is not https or not public, naming the field", async () => {
      const t = await createTestApp(database());
      const owner = await signUp(t.app);
      const space = await createSpaceVia(t.app, owner);
      const put = (kind: string, body: Record<string, string>) =>
        call(t.app, owner, "PUT", `/api/spaces/${space.id}/integrations/${kind}`, { body });
      const secret = "whsec_0123456789abcdef";
      const cases: [kind: string, body: Record<string, string>, message: string][] = [
        [
          "webhook",
          { url: "http://169.254.169.254/latest/meta-data/iam", signingSecret: secret },
          "body.url: must be an https:// URL",
        ],
        [
          "webhook",
          { url: "https://169.254.169.254/latest/meta-data/iam", signingSecret: secret },
          "body.url: points at 169.254.169.254, the cloud metadata address",
        ],
        [
          "webhook",
          { url: "https://[::ffff:10.0.0.5]/hook", signingSecret: secret },
          "body.url: points at ::ffff:a00:5, a private address",
        ],
        [
          "webhook",
          { url: "https://vm/hook", signingSecret: secret },
          "body.url: points at vm, which resolves to 127.0.0.1, a loopback address",
        ],
        [
          "salesforce",
          { instanceUrl: "http://10.0.0.5:8080", accessToken: "00Dxx!token" },
          "body.instanceUrl: must be an https:// URL",
        ],
        [
          "salesforce",
          { instanceUrl: "https://10.0.0.5:8080", accessToken: "00Dxx!token" },
          "body.instanceUrl: points at 10.0.0.5, a private address",
        ],
      ];
      for (const [kind, body, message] of cases) {
        const refused = await put(kind, body);
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toBe(message);
      }
      const view = await call(t.app, owner, "GET", `/api/spaces/${space.id}/follow-up`);
      expect(view.body.integrations.webhook.connected).toBe(false);
      expect(view.body.integrations.salesforce.connected).toBe(false);
    });

    it("accepts local targets when the server allows them (development and tests)", async () => {
      const t = await createTestApp(database(), undefined, { allowLocalTargets: true });
      const owner = await signUp(t.app);
      const space = await createSpaceVia(t.app, owner);
      const saved = await call(t.app, owner, "PUT", `/api/spaces/${space.id}/integrations/webhook`, {
        body: { url: "http://127.0.0.1:4000/hook", signingSecret: "whsec_0123456789abcdef" },
      });
      expect(saved.status).toBe(200);
    });
  });
});
