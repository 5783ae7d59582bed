import { z } from "zod";
import type { DeliveryChannel } from "../channel.js";
import type { SalesforceSettings, SalesforceTaskPayload } from "../types.js";
import { pushSalesforceTask } from "./push-task.js";

export const salesforceTaskSchema: z.ZodType<SalesforceTaskPayload> = z.object({
  externalId: z.string().min(1),
  subject: z.string().min(1),
  description: z.string(),
  activityDate: z.iso.date().nullable(),
  status: z.enum(["Not Started", "Completed"]),
  ownerName: z.string().nullable(),
});

/** An action item of a meeting, as the Task it becomes. */
export interface ActionForTask {
  /** The action's thread: the same for every copy carried along the series, so it stays one Task. */
  thread: string;
  text: string;
  /** The owner's name as said in the meeting. */
  owner: string | null;
  /** YYYY-MM-DD. */
  due: string | null;
  done: boolean;
  spaceName: string;
  meetingTitle: string;
  meetingDate: string;
  /** The meeting's notes in Docket. */
  url: string;
}

/** The Task for an action item; the thread is its external id, so pushing it again updates the same Task. */
export function salesforceTask(action: ActionForTask): SalesforceTaskPayload {
  return {
    externalId: action.thread,
    subject: action.text.slice(0, 255),
    description: [
      `From ${action.spaceName}: ${action.meetingTitle} (${action.meetingDate})`,
      action.owner ? `Owner: ${action.owner}` : "Owner: not named",
      action.url,
    ].join("\n"),
    activityDate: action.due,
    status: action.done ? "Completed" : "Not Started",
    ownerName: action.owner,
  };
}

/** Tasks in the Salesforce org a Space connected. */
export const salesforceChannel: DeliveryChannel<SalesforceTaskPayload, SalesforceSettings> = {
  kind: "salesforce",
  payload: salesforceTaskSchema,
  enabledFor: ({ server, connection }) => {
    const instanceUrl = connection?.settings.instanceUrl;
    const accessToken = connection?.secrets.accessToken;
    if (!instanceUrl || !accessToken) return { disabled: "Salesforce is not connected to this Space" };
    const { apiVersion } = connection.settings;
    return { settings: { instanceUrl, accessToken, apiVersion, allowLocalTargets: server.allowLocalTargets } };
  },
  send: (settings, payload, attempt) => pushSalesforceTask(settings, payload, attempt),
};
