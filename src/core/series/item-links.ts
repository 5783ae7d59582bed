import { z } from "zod";

/** One item of one meeting. */
export const itemRefSchema = z.object({ meetingId: z.uuid(), itemId: z.string() }).meta({ id: "ItemRef" });
export type ItemRef = z.infer<typeof itemRefSchema>;

/**
 * Where a carried-over item came from. A thread is one piece of business followed across meetings: an action item,
 * a risk, a question or a pending decision, from the meeting it was first recorded in until it is done.
 */
export const carriedFromSchema = itemRefSchema.extend({
  /** `firstMeetingId/firstItemId`: the same for every copy of the item along the series. */
  thread: z.string(),
  firstMeetingId: z.uuid(),
  /** YYYY-MM-DD: when the thread began. */
  firstMeetingDate: z.iso.date(),
  /** How many meetings the item has been on, this one included ("open for 3 meetings"). */
  meetings: z.number().int().meta({ description: "Meetings it has been on, this one included." }),
});
export type CarriedFrom = z.infer<typeof carriedFromSchema>;

/** The follow-up rules that raise escalations by themselves. */
export const ESCALATION_RULES = ["red-risk-to-next-agenda", "unowned-risk-escalate"] as const;
export type EscalationRule = (typeof ESCALATION_RULES)[number];

/** What the series knows about an item, beyond what the engine heard. */
export const itemLinksSchema = z
  .object({
    carriedFrom: carriedFromSchema.optional(),
    /** An escalation a follow-up rule raised, and the item it is about. */
    raisedBy: z.object({ rule: z.enum(ESCALATION_RULES), about: itemRefSchema }).optional(),
    /** A decision that replaces earlier ones. */
    supersedes: z.array(itemRefSchema).optional(),
    /** A decision replaced by a later one. */
    supersededBy: itemRefSchema.optional(),
  })
  .meta({
    id: "ItemLinks",
    description: "What the series knows of an item: carried over, raised by a rule, superseded.",
  });
export type ItemLinks = z.infer<typeof itemLinksSchema>;
