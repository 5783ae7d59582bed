import { createItem, type Item } from "../item.js";
import type { Section } from "../template/template.js";
import type { EscalationRule, ItemLinks } from "./item-links.js";
import type { SeriesItem } from "./series-item.js";

/** An item a meeting gets from the series rather than from its own conversation. */
export interface SeriesCopy {
  item: Item;
  links: ItemLinks;
}

/** Whether a piece of business is still open: it carries into the next meeting until this says no. */
export function isStillOpen(item: Item): boolean {
  switch (item.kind) {
    case "action":
      return item.status !== "done";
    case "risk":
      return (item.rag === "red" || item.rag === "yellow") && item.status !== "resolved";
    case "question":
      return item.status !== "answered";
    case "decision":
      return item.status === "pending";
    default:
      return false;
  }
}

export interface CarryForwardInput {
  /** The meeting that starts. */
  meetingId: string;
  /** The items of the Space's last ended meeting, as people see them now (rejected and merged ones left out). */
  previous: readonly SeriesItem[];
  /** The new meeting's template sections: where the copies and escalations are filed. */
  sections: readonly Pick<Section, "id" | "kind">[];
  /** The Space's follow-up rules that are switched on. */
  rules: readonly { kind: string }[];
}

/**
 * What a new meeting starts with (the series' memory): a copy of every open action item, unresolved red or yellow
 * risk, unanswered question and pending decision of the last meeting, each keeping its thread and counting the
 * meetings it has been on; and, under the rule "red-risk-to-next-agenda", an escalation for each red risk that is
 * still not resolved. Ids are derived from the thread, so carrying the same meeting twice yields the same items.
 */
export function carryForward(input: CarryForwardInput): SeriesCopy[] {
  const rules = new Set(input.rules.map((rule) => rule.kind));
  const copies: SeriesCopy[] = [];
  const escalations: SeriesCopy[] = [];
  for (const recorded of input.previous) {
    const { item, links } = recorded;
    if (!isStillOpen(item) || links.raisedBy) continue;
    const from = links.carriedFrom;
    const carriedFrom = {
      thread: from?.thread ?? `${recorded.meetingId}/${item.id}`,
      meetingId: recorded.meetingId,
      itemId: item.id,
      firstMeetingId: from?.firstMeetingId ?? recorded.meetingId,
      firstMeetingDate: from?.firstMeetingDate ?? recorded.meetingDate,
      meetings: (from?.meetings ?? 1) + 1,
    };
    const id = `carried-${threadKey(carriedFrom.thread)}`;
    const section = sectionFor(input.sections, item.kind, item.section);
    copies.push({ item: { ...item, id, section }, links: { carriedFrom } });
    if (item.kind === "risk" && item.rag === "red" && rules.has("red-risk-to-next-agenda")) {
      const since = carriedFrom.meetings > 2 ? `red for ${carriedFrom.meetings - 1} meetings` : "still red";
      escalations.push(
        escalationFor(input.sections, "red-risk-to-next-agenda", { meetingId: input.meetingId, itemId: id }, item, {
          id: `escalated-${threadKey(carriedFrom.thread)}`,
          text: `Red risk not resolved since the last meeting (${since}): ${item.text}`,
          needed: "A decision on how to resolve it, or help to unblock it",
        }),
      );
    }
  }
  return [...copies, ...escalations];
}

/**
 * Under the rule "unowned-risk-escalate": an escalation for each open risk that ends its meeting with nobody
 * owning it. `meetingId` is the meeting ending; the escalations are filed in it, so they go out with its notes.
 */
export function escalateUnownedRisks(
  meetingId: string,
  items: readonly { item: Item; links: ItemLinks }[],
  sections: readonly Pick<Section, "id" | "kind">[],
  rules: readonly { kind: string }[],
): SeriesCopy[] {
  if (!rules.some((rule) => rule.kind === "unowned-risk-escalate")) return [];
  const raised = new Set(items.flatMap(({ links }) => (links.raisedBy ? [links.raisedBy.about.itemId] : [])));
  return items
    .filter(({ item }) => item.kind === "risk" && item.status !== "resolved" && !item.owner?.trim())
    .filter(({ item }) => !raised.has(item.id))
    .map(({ item }) =>
      escalationFor(sections, "unowned-risk-escalate", { meetingId, itemId: item.id }, item, {
        id: `unowned-${item.id}`,
        text: `Risk with no owner: ${item.text}`,
        needed: "An owner for this risk",
      }),
    );
}

function escalationFor(
  sections: readonly Pick<Section, "id" | "kind">[],
  rule: EscalationRule,
  about: { meetingId: string; itemId: string },
  risk: Item,
  what: { id: string; text: string; needed: string },
): SeriesCopy {
  return {
    item: createItem({
      id: what.id,
      kind: "escalation",
      section: sectionFor(sections, "escalation", risk.section),
      text: what.text,
      owner: risk.owner,
      rag: risk.rag,
      needed: what.needed,
      evidence: risk.evidence,
    }),
    links: { raisedBy: { rule, about } },
  };
}

const SECTION_KIND_OF: Partial<Record<Item["kind"], Section["kind"]>> = {
  action: "actions",
  risk: "risks",
  question: "questions",
  decision: "decisions",
  escalation: "escalations",
};

/** The new template's section for a kind of item; the section it had before when the template has none for it. */
function sectionFor(sections: readonly Pick<Section, "id" | "kind">[], kind: Item["kind"], fallback: string): string {
  const wanted = SECTION_KIND_OF[kind];
  return sections.find((section) => section.kind === wanted)?.id ?? fallback;
}

/** An id-safe form of a thread ("meetingId/itemId"): the same thread always gives the same key. */
function threadKey(thread: string): string {
  return thread.replace(/[^A-Za-z0-9_-]+/g, "-");
}
