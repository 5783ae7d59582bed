import type { Connection, HttpRequest, HttpRequestOptions } from "jsforce";
import { checkTarget } from "../outbound.js";
import {
  type DeliveryAttempt,
  DeliveryError,
  type DeliveryResult,
  type SalesforceSettings,
  type SalesforceTaskPayload,
} from "../types.js";

export interface PushTaskOptions {
  /** Per-request timeout in ms; tests shorten it. */
  timeoutMs?: number;
}

/** The custom external-id field on Task that holds Docket's action item id (set up once in the org). */
export const DOCKET_ITEM_ID_FIELD = "Docket_Item_Id__c";

const DEFAULT_API_VERSION = "62.0";
// jsforce's own default is 30 minutes; the outbox would rather retry.
const REQUEST_TIMEOUT_MS = 15_000;
const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32_000;

/** Salesforce error codes that go away by themselves, whatever their HTTP status. */
const TEMPORARY_SALESFORCE_ERRORS = new Set([
  "REQUEST_LIMIT_EXCEEDED",
  "UNABLE_TO_LOCK_ROW",
  "SERVER_UNAVAILABLE",
  "UNKNOWN_EXCEPTION",
]);

/**
 * Creates or updates the Task for an action item. An upsert by external id, so pushing the same item again (a retry,
 * or the item edited later) updates one Task instead of adding another.
 */
export async function pushSalesforceTask(
  settings: SalesforceSettings,
  payload: SalesforceTaskPayload,
  _attempt: DeliveryAttempt,
  options: PushTaskOptions = {},
): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  // jsforce connects through node-fetch, which takes no lookup of ours: the instance is resolved and checked just
  // before the push (it follows no redirects). The webhook and Slack check the very address they connect to.
  const problem = await checkTarget(settings.instanceUrl, settings.allowLocalTargets ?? false);
  if (problem) throw new DeliveryError(`Salesforce instance URL ${problem}`, { permanent: true });
  const tracked = await connect(settings, timeoutMs);
  const task = {
    // jsforce puts the value into the URL path as it is.
    [DOCKET_ITEM_ID_FIELD]: encodeURIComponent(payload.externalId),
    Subject: payload.subject.slice(0, SUBJECT_MAX),
    Description: describeTask(payload).slice(0, DESCRIPTION_MAX),
    ActivityDate: payload.activityDate,
    Status: payload.status,
    Priority: "Normal",
  };
  try {
    const result = await tracked.connection.sobject("Task").upsert(task, DOCKET_ITEM_ID_FIELD);
    if (!result.success) {
      const reasons = result.errors.map((error) => `${error.errorCode}: ${error.message}`).join("; ");
      throw new DeliveryError(`Salesforce refused Task for item ${payload.externalId}: ${reasons}`, {
        permanent: true,
      });
    }
    // Before API 46.0 an update answers 204 with no body, so no id.
    return { externalId: result.id ?? null };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw classifySalesforceError(error, tracked.lastStatus(), payload.externalId, timeoutMs);
  }
}

/** The owner is named in the Description: OwnerId needs a Salesforce user id that Docket does not have. */
function describeTask(payload: SalesforceTaskPayload): string {
  if (!payload.ownerName) return payload.description;
  return `Owner: ${payload.ownerName}\n\n${payload.description}`;
}

interface TrackedConnection {
  connection: Connection;
  /** HTTP status of the last answer: jsforce's errors carry Salesforce's error code but not the status. */
  lastStatus(): number | null;
}

async function connect(settings: SalesforceSettings, timeoutMs: number): Promise<TrackedConnection> {
  // jsforce is large; only processes that push to Salesforce pay for loading it.
  const { Connection } = (await import("jsforce")).default;
  let connection: Connection;
  try {
    connection = new Connection({
      instanceUrl: settings.instanceUrl.replace(/\/+$/, ""),
      accessToken: settings.accessToken,
      version: settings.apiVersion ?? DEFAULT_API_VERSION,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DeliveryError(`Salesforce settings are not usable: ${reason}`, { permanent: true, cause: error });
  }
  let status: number | null = null;
  const transport = connection._transport;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (request: HttpRequest, requestOptions?: HttpRequestOptions) => {
    const pending = send(request, { ...requestOptions, timeout: timeoutMs });
    pending.then(
      (response) => {
        status = response.statusCode;
      },
      () => {},
    );
    return pending;
  };
  return { connection, lastStatus: () => status };
}

function classifySalesforceError(
  error: unknown,
  status: number | null,
  itemId: string,
  timeoutMs: number,
): DeliveryError {
  const failure = error as { name?: string; message?: string; errorCode?: string };
  const code = failure.errorCode ?? failure.name ?? "ERROR";
  const prefix = `Salesforce Task upsert for item ${itemId} failed`;
  if (status === null) {
    // No answer: refused connection, reset, or our timeout (jsforce reports it as an abort).
    const reason = code === "AbortError" ? `timed out after ${timeoutMs} ms` : `${code}: ${failure.message ?? ""}`;
    return new DeliveryError(`${prefix}: no response (${reason})`, {
      permanent: false,
      cause: error,
    });
  }
  const temporary = status >= 500 || status === 408 || status === 429 || TEMPORARY_SALESFORCE_ERRORS.has(code);
  return new DeliveryError(`${prefix}: HTTP ${status} ${code}: ${failure.message ?? ""}`.trim(), {
    permanent: !temporary,
    cause: error,
  });
}
