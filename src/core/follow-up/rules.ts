import { DocketError } from "../errors.js";
import type { ItemKind } from "../item.js";
import type { FollowUpRule } from "../template/template.js";
import { capitalize } from "../text.js";

export type FollowUpRuleKind = FollowUpRule["kind"];
export type RuleOf<K extends FollowUpRuleKind> = Extract<FollowUpRule, { kind: K }>;

/** What the Slack summary carries when a Space has a channel but no slack-summary rule: the product's default. */
export const DEFAULT_SLACK_KINDS: readonly ItemKind[] = ["decision", "escalation"];

/** Who the notes go to when a Space sets a deadline without having had a distribute-notes rule. */
const DEFAULT_NOTES_AUDIENCE = "the attendees";

/** The Space's first rule of a kind; a Space has at most one of each in practice, and the first one wins. */
export function findRule<K extends FollowUpRuleKind>(rules: readonly FollowUpRule[], kind: K): RuleOf<K> | null {
  return (rules.find((rule) => rule.kind === kind) as RuleOf<K> | undefined) ?? null;
}

export function hasRule(rules: readonly FollowUpRule[], kind: FollowUpRuleKind): boolean {
  return rules.some((rule) => rule.kind === kind);
}

/** How long after the meeting's end the notes must be out: the distribute-notes rule, else the Space's hours. */
export function notesDeadlineMinutes(rules: readonly FollowUpRule[], fallbackHours: number): number {
  return findRule(rules, "distribute-notes")?.withinMinutes ?? Math.round(fallbackHours * 60);
}

/**
 * The kinds of item the Slack summary carries: the slack-summary rule's `include`. Without a rule, a Space that
 * has a Slack channel of its own still gets decisions and escalations (the product's promise, PRODUCT.md "After
 * the meeting"); a Space with neither gets nothing, so nothing is posted.
 */
export function slackSummaryKinds(rules: readonly FollowUpRule[], spaceSlackChannel: string | null = null): ItemKind[] {
  const rule = findRule(rules, "slack-summary");
  if (rule) return [...new Set(rule.include)];
  return spaceSlackChannel?.trim() ? [...DEFAULT_SLACK_KINDS] : [];
}

/**
 * Where the Slack summary goes: the channel the Space's people set for it, else the rule's (a copy of the
 * template's, such as "#eng-leadership"); null when there is neither.
 */
export function slackSummaryChannel(rules: readonly FollowUpRule[], spaceSlackChannel: string | null): string | null {
  return spaceSlackChannel?.trim() || findRule(rules, "slack-summary")?.channel || null;
}

/**
 * The rules with the notes deadline set to `hours` (rounded to the minute): the distribute-notes rule is changed
 * in place, or added for the attendees when the Space had none. The other rules are left as they were.
 */
export function withNotesDeadline(rules: readonly FollowUpRule[], hours: number): FollowUpRule[] {
  const withinMinutes = Math.round(hours * 60);
  if (!Number.isFinite(hours) || withinMinutes < 1) {
    throw new DocketError("bad_input", "The notes deadline must be at least one minute after the meeting.");
  }
  if (!hasRule(rules, "distribute-notes")) {
    return [...rules, { kind: "distribute-notes", withinMinutes, audience: DEFAULT_NOTES_AUDIENCE }];
  }
  return rules.map((rule) => (rule.kind === "distribute-notes" ? { ...rule, withinMinutes } : rule));
}

/** What people call one item of a kind, and several. */
export const KIND_NOUNS: Record<ItemKind, { one: string; many: string }> = {
  decision: { one: "decision", many: "decisions" },
  escalation: { one: "escalation", many: "escalations" },
  action: { one: "action item", many: "action items" },
  risk: { one: "risk", many: "risks" },
  question: { one: "open question", many: "open questions" },
  update: { one: "update", many: "updates" },
};

/** "1 decision", "3 action items". */
export function countOf(kind: ItemKind, count: number): string {
  return `${count} ${count === 1 ? KIND_NOUNS[kind].one : KIND_NOUNS[kind].many}`;
}

/** A rule in one line for people, as the Space's settings and the follow-up status show it. */
export function describeRule(rule: FollowUpRule): string {
  switch (rule.kind) {
    case "distribute-notes":
      return `Notes go out within ${describeMinutes(rule.withinMinutes)} of the meeting's end`;
    case "slack-summary":
      return `${capitalize(listOfKinds(rule.include))} are posted to ${rule.channel}`;
    case "red-risk-to-next-agenda":
      return "A red risk not resolved before the next meeting goes onto its agenda as an escalation";
    case "unowned-risk-escalate":
      return "A risk with no owner at the end of a meeting is escalated";
    case "communicate-before":
      return `${capitalize(rule.what)} are communicated to ${rule.audience} before ${rule.before}`;
  }
}

/** "decisions and escalations", "decisions, action items and risks" (or "decisions or escalations"). */
export function listOfKinds(kinds: readonly ItemKind[], conjunction: "and" | "or" = "and"): string {
  return joinWords(
    [...new Set(kinds)].map((kind) => KIND_NOUNS[kind].many),
    conjunction,
  );
}

/** "a", "a and b", "a, b and c" (or "or"). */
export function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** 120 → "2 hours", 90 → "1 hour 30 minutes", 45 → "45 minutes". */
export function describeMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? "minute" : "minutes"}`);
  return parts.join(" ");
}
