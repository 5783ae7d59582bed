/** One item of one meeting. */
export interface ItemRef {
  meetingId: string;
  itemId: string;
}

/**
 * Where a carried-over item came from. A thread is one piece of business followed across meetings: an action item,
 * a risk, a question or a pending decision, from the meeting it was first recorded in until it is done.
 */
export interface CarriedFrom extends ItemRef {
  /** `firstMeetingId/firstItemId`: the same for every copy of the item along the series. */
  thread: string;
  firstMeetingId: string;
  /** YYYY-MM-DD: when the thread began. */
  firstMeetingDate: string;
  /** How many meetings the item has been on, this one included ("open for 3 meetings"). */
  meetings: number;
}

/** The follow-up rules that raise escalations by themselves. */
export const ESCALATION_RULES = ["red-risk-to-next-agenda", "unowned-risk-escalate"] as const;
export type EscalationRule = (typeof ESCALATION_RULES)[number];

/** What the series knows about an item, beyond what the engine heard. */
export interface ItemLinks {
  carriedFrom?: CarriedFrom;
  /** An escalation a follow-up rule raised, and the item it is about. */
  raisedBy?: { rule: EscalationRule; about: ItemRef };
  /** A decision that replaces earlier ones. */
  supersedes?: ItemRef[];
  /** A decision replaced by a later one. */
  supersededBy?: ItemRef;
}
