import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeSalesforce, startFakeSalesforce } from "../../../test/fakes/salesforce-api.js";
import { deliveryError, attempt as firstAttempt } from "../../../test/helpers/delivery.js";
import type { SalesforceSettings, SalesforceTaskPayload } from "../types.js";
import { pushSalesforceTask } from "./push-task.js";

const TOKEN = "00Dxx0000001gPL!AQ4AQFakeAccessToken";

const payload: SalesforceTaskPayload = {
  externalId: "item_7f3a",
  subject: "Send the revised pricing to Acme",
  description: "From Q3 planning: send the revised pricing sheet before the renewal call.",
  activityDate: "2025-03-21",
  status: "Not Started",
  ownerName: "Dana Reyes",
};

/** Salesforce attempts carry a task's dedupe key. */
function attempt(overrides: Parameters<typeof firstAttempt>[0] = {}) {
  return firstAttempt({ dedupeKey: "task:item_7f3a", ...overrides });
}

describe("pushSalesforceTask", () => {
  let salesforce: FakeSalesforce;
  let settings: SalesforceSettings;
  beforeEach(async () => {
    salesforce = await startFakeSalesforce({ accessToken: TOKEN });
    settings = { instanceUrl: salesforce.instanceUrl, accessToken: TOKEN, allowLocalTargets: true };
  });
  afterEach(async () => {
    await salesforce.close();
  });

  it("upserts a Task by Docket's item id with the fields mapped", async () => {
    const result = await pushSalesforceTask(settings, payload, attempt());

    const task = salesforce.tasks.get("item_7f3a");
    expect(task).toMatchObject({
      Subject: "Send the revised pricing to Acme",
      ActivityDate: "2025-03-21",
      Status: "Not Started",
      Priority: "Normal",
    });
    expect(task?.Description).toContain("Dana Reyes");
    expect(task?.Description).toContain("send the revised pricing sheet");
    expect(task?.Id).toMatch(/^00T[0-9A-Za-z]{15}$/);
    expect(result.externalId).toBe(task?.Id);
    expect(salesforce.requests).toEqual([
      expect.objectContaining({
        method: "PATCH",
        path: "/services/data/v62.0/sobjects/Task/Docket_Item_Id__c/item_7f3a",
      }),
    ]);
  });

  it("pushing the same item again updates the one Task", async () => {
    const first = await pushSalesforceTask(settings, payload, attempt());
    const second = await pushSalesforceTask(
      settings,
      { ...payload, subject: "Send final pricing to Acme", status: "Completed", activityDate: null, ownerName: null },
      attempt({ deliveryId: "del_2" }),
    );

    expect(salesforce.tasks.size).toBe(1);
    expect(second.externalId).toBe(first.externalId);
    expect(salesforce.tasks.get("item_7f3a")).toMatchObject({
      Id: first.externalId,
      Subject: "Send final pricing to Acme",
      Status: "Completed",
      ActivityDate: null,
      Description: payload.description,
    });
  });

  it("works with an API version before 46.0, where an update answers 204", async () => {
    const old = { ...settings, apiVersion: "45.0" };
    const first = await pushSalesforceTask(old, payload, attempt());
    const second = await pushSalesforceTask(old, payload, attempt());
    expect(first.externalId).toMatch(/^00T/);
    expect(second.externalId).toBeNull();
    expect(salesforce.tasks.size).toBe(1);
  });

  it("keeps an item id with reserved characters intact", async () => {
    await pushSalesforceTask(settings, { ...payload, externalId: "mtg/4 item#2" }, attempt());
    expect([...salesforce.tasks.keys()]).toEqual(["mtg/4 item#2"]);
  });

  it("rejects a wrong token permanently without leaking it", async () => {
    const error = await deliveryError(
      pushSalesforceTask({ ...settings, accessToken: "00Dxx!WrongToken" }, payload, attempt()),
    );
    expect(error.permanent).toBe(true);
    expect(error.message).toContain("INVALID_SESSION_ID");
    expect(error.message).toContain("401");
    expect(error.message).not.toContain("WrongToken");
    expect(salesforce.tasks.size).toBe(0);
  });

  it("treats a validation error as permanent", async () => {
    const error = await deliveryError(
      pushSalesforceTask(settings, { ...payload, status: "Done" as SalesforceTaskPayload["status"] }, attempt()),
    );
    expect(error.permanent).toBe(true);
    expect(error.message).toContain("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
  });

  it("treats 500 and 503 as temporary, once each, with no retries inside jsforce", async () => {
    salesforce.failNext(1, 500);
    const error = await deliveryError(pushSalesforceTask(settings, payload, attempt()));
    expect(error.permanent).toBe(false);
    expect(error.message).toContain("500");
    expect(salesforce.requests).toHaveLength(1);

    salesforce.failNext(1, 503);
    expect((await deliveryError(pushSalesforceTask(settings, payload, attempt()))).permanent).toBe(false);
    expect(salesforce.tasks.size).toBe(0);
  });

  it("a held upsert then a retry still leaves one Task", async () => {
    salesforce.holdNext();
    const error = await deliveryError(pushSalesforceTask(settings, payload, attempt(), { timeoutMs: 200 }));
    expect(error.permanent).toBe(false);
    expect(salesforce.tasks.size).toBe(1); // Salesforce applied it; we never heard back

    const retry = await pushSalesforceTask(settings, payload, attempt({ attempt: 2, uncertain: true }));
    expect(salesforce.tasks.size).toBe(1);
    expect(retry.externalId).toBe(salesforce.tasks.get("item_7f3a")?.Id);
  });

  it("treats a refused connection as temporary", async () => {
    const instanceUrl = salesforce.instanceUrl;
    await salesforce.close();
    const error = await deliveryError(pushSalesforceTask({ ...settings, instanceUrl }, payload, attempt()));
    expect(error.permanent).toBe(false);
    salesforce = await startFakeSalesforce({ accessToken: TOKEN });
  });
});
