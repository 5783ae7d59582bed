import type { IncomingMessage, ServerResponse } from "node:http";
import { serveLocally } from "./local-http.js";

/**
 * A local stand-in for the Salesforce REST endpoints jsforce 3 uses to upsert one record by external id:
 * `PATCH /services/data/vXX.X/sobjects/Task/Docket_Item_Id__c/<value>` with the other fields as the JSON body. As
 * Salesforce documents it: 201 `{id, success, errors, created: true}` on create; on update 200 with `created: false`
 * from API 46.0, 204 with no body before. Errors are `[{ message, errorCode }]`. Tasks can be read back with
 * `GET …/sobjects/Task/<id>` or `GET …/sobjects/Task/Docket_Item_Id__c/<value>`.
 */

export const FAKE_EXTERNAL_ID_FIELD = "Docket_Item_Id__c";

export interface FakeSalesforceOptions {
  accessToken: string;
}

export interface FakeSalesforceTask {
  Id: string;
  Docket_Item_Id__c: string;
  Subject: string | null;
  Description: string | null;
  ActivityDate: string | null;
  Status: string;
  Priority: string;
  OwnerId: string;
  CreatedDate: string;
  LastModifiedDate: string;
}

export interface FakeSalesforceRequest {
  method: string;
  path: string;
  body: string;
}

export interface FakeSalesforce {
  instanceUrl: string;
  /** Tasks by Docket_Item_Id__c. */
  tasks: Map<string, FakeSalesforceTask>;
  /** Requests received, including failed and held ones. */
  requests: FakeSalesforceRequest[];
  /** Answer the next `count` requests with `status` and a Salesforce error body, changing nothing. */
  failNext(count: number, status?: number): void;
  /** Apply the next request but never answer it. */
  holdNext(): void;
  close(): Promise<void>;
}

const TASK_FIELDS = new Set([
  "Subject",
  "Description",
  "ActivityDate",
  "Status",
  "Priority",
  "OwnerId",
  "WhoId",
  "WhatId",
  "Type",
  "ReminderDateTime",
  "IsReminderSet",
]);
const TASK_STATUSES = new Set(["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"]);
const TASK_PRIORITIES = new Set(["High", "Normal", "Low"]);
const FAULT_CODES: Record<number, string> = {
  400: "INVALID_FIELD",
  401: "INVALID_SESSION_ID",
  403: "INSUFFICIENT_ACCESS",
  404: "NOT_FOUND",
  500: "UNKNOWN_EXCEPTION",
  503: "SERVER_UNAVAILABLE",
};
const DEFAULT_OWNER_ID = "005000000000001AAA";

type Answer = { status: number; body?: unknown };

export async function startFakeSalesforce(options: FakeSalesforceOptions): Promise<FakeSalesforce> {
  const tasks = new Map<string, FakeSalesforceTask>();
  const requests: FakeSalesforceRequest[] = [];
  const failures: number[] = [];
  let holds = 0;
  let sequence = 0;

  function upsert(version: number, field: string, value: string, body: string): Answer {
    if (field !== FAKE_EXTERNAL_ID_FIELD) {
      return error(404, "NOT_FOUND", `Provided external ID field does not exist or is not accessible: ${field}`);
    }
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return error(400, "JSON_PARSER_ERROR", "Unexpected character in the request body");
    }
    for (const name of Object.keys(fields)) {
      if (name === "Id" || name === FAKE_EXTERNAL_ID_FIELD) {
        return error(400, "INVALID_FIELD", `Unable to create/update fields: ${name}. Do not set it in the body.`);
      }
      if (!TASK_FIELDS.has(name))
        return error(400, "INVALID_FIELD", `No such column '${name}' on sobject of type Task`);
    }
    const problem = validate(fields);
    if (problem) return problem;

    const now = new Date().toISOString();
    const existing = tasks.get(value);
    if (existing) {
      Object.assign(existing, fields, { LastModifiedDate: now });
      if (version < 46) return { status: 204 };
      return { status: 200, body: { id: existing.Id, success: true, errors: [], created: false } };
    }
    sequence += 1;
    const task: FakeSalesforceTask = {
      Id: salesforceId("00T", sequence),
      Docket_Item_Id__c: value,
      Subject: null,
      Description: null,
      ActivityDate: null,
      Status: "Not Started",
      Priority: "Normal",
      OwnerId: DEFAULT_OWNER_ID,
      CreatedDate: now,
      LastModifiedDate: now,
      ...(fields as Partial<FakeSalesforceTask>),
    };
    tasks.set(value, task);
    return {
      status: 201,
      body:
        version < 46
          ? { id: task.Id, success: true, errors: [] }
          : { id: task.Id, success: true, errors: [], created: true },
    };
  }

  function read(version: string, task: FakeSalesforceTask | undefined): Answer {
    if (!task) return error(404, "NOT_FOUND", "The requested resource does not exist");
    return {
      status: 200,
      body: { attributes: { type: "Task", url: `/services/data/v${version}/sobjects/Task/${task.Id}` }, ...task },
    };
  }

  function route(method: string, path: string, body: string): Answer {
    const match = /^\/services\/data\/v(\d+\.\d)\/sobjects\/Task\/(.+)$/.exec(path);
    if (!match) return error(404, "NOT_FOUND", "The requested resource does not exist");
    const version = match[1]!;
    const rest = match[2]!.split("/").map((segment) => decodeURIComponent(segment));
    if (method === "PATCH" && rest.length === 2) return upsert(Number(version), rest[0]!, rest[1]!, body);
    if (method === "GET" && rest.length === 1)
      return read(
        version,
        [...tasks.values()].find((t) => t.Id === rest[0]),
      );
    if (method === "GET" && rest.length === 2 && rest[0] === FAKE_EXTERNAL_ID_FIELD)
      return read(version, tasks.get(rest[1]!));
    return error(405, "METHOD_NOT_ALLOWED", `HTTP Method '${method}' not allowed.`);
  }

  function handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const method = request.method ?? "GET";
    const path = (request.url ?? "/").split("?")[0]!;
    requests.push({ method, path, body });

    const failure = failures.shift();
    if (failure !== undefined) {
      send(response, error(failure, FAULT_CODES[failure] ?? "UNKNOWN_EXCEPTION", `Injected failure ${failure}`));
      return;
    }
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      send(response, error(401, "INVALID_SESSION_ID", "Session expired or invalid"));
      return;
    }
    const answer = route(method, path, body);
    if (holds > 0) {
      holds -= 1;
      return; // applied, never answered
    }
    send(response, answer);
  }

  const server = await serveLocally(handle);

  return {
    instanceUrl: server.origin,
    tasks,
    requests,
    failNext(count, status = 500) {
      for (let i = 0; i < count; i += 1) failures.push(status);
    },
    holdNext() {
      holds += 1;
    },
    close: server.close,
  };
}

function validate(fields: Record<string, unknown>): Answer | null {
  const { Subject, Status, Priority, ActivityDate } = fields;
  if (typeof Subject === "string" && Subject.length > 255) {
    return error(400, "STRING_TOO_LONG", "Subject: data value too large");
  }
  if (Status !== undefined && !(typeof Status === "string" && TASK_STATUSES.has(Status))) {
    return error(
      400,
      "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
      `Status: bad value for restricted picklist field: ${String(Status)}`,
    );
  }
  if (Priority !== undefined && !(typeof Priority === "string" && TASK_PRIORITIES.has(Priority))) {
    return error(
      400,
      "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
      `Priority: bad value for restricted picklist field: ${String(Priority)}`,
    );
  }
  if (ActivityDate !== undefined && ActivityDate !== null) {
    if (typeof ActivityDate !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(ActivityDate)) {
      return error(
        400,
        "JSON_PARSER_ERROR",
        `Cannot deserialize instance of date from VALUE_STRING value ${String(ActivityDate)}`,
      );
    }
  }
  return null;
}

function error(status: number, errorCode: string, message: string): Answer {
  return { status, body: [{ message, errorCode }] };
}

function send(response: ServerResponse, answer: Answer): void {
  if (answer.body === undefined) {
    response.writeHead(answer.status).end();
    return;
  }
  response
    .writeHead(answer.status, { "content-type": "application/json;charset=UTF-8" })
    .end(JSON.stringify(answer.body));
}

/** An 18-character record id: key prefix, a 12-character body, then the case-safe suffix Salesforce derives. */
function salesforceId(prefix: string, sequence: number): string {
  const base = `${prefix}Dn${String(sequence).padStart(10, "0")}`;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let flags = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = base[chunk * 5 + i]!;
      if (char >= "A" && char <= "Z") flags |= 1 << i;
    }
    suffix += alphabet[flags];
  }
  return base + suffix;
}
