import { describeDate } from "../calendar/dates.js";
import { contentWordSet, escapeRegExp } from "../extraction/text.js";
import { escapeSlack, slackItemLine, truncate } from "../follow-up/messages.js";
import { KIND_NOUNS, listOfKinds } from "../follow-up/rules.js";
import type { Item } from "../item.js";
import { formatRag } from "../notes/cell-value.js";
import { capitalize } from "../text.js";

/** The drafts Docket writes: a customer communication an escalation calls for, a Slack summary, a follow-up email. */
export const ARTIFACT_KINDS = ["customer-communication", "slack-summary", "follow-up-email"] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export interface DraftContext {
  spaceName: string;
  meetingTitle: string;
  /** YYYY-MM-DD. */
  meetingDate: string;
  /** The meeting's items, for context: the risk behind an escalation, the actions that answer it. */
  items: Item[];
}

export interface Draft {
  title: string;
  body: string;
}

/**
 * Words that mean people outside the company are affected or must be told: customers, clients, users, accounts,
 * partners, a status page, an announcement, notifying someone, an SLA. Words that also name parts of a system are
 * left out alone: "user service", "service account", "public API".
 */
const CUSTOMER_WORDS =
  /\b(customers?|clients?|users|end[- ]users?|(?:enterprise|key|customer|strategic|top|paying) accounts?|accounts|partners|status[- ]?page|announce(?:s|d|ment|ments)?|notify(?:ing)?|notified|press release|outage notice|sla)\b/i;

/** Whether an escalation or a risk talks of telling customers (or users, accounts, a status page…). */
export function mentionsCustomers(item: Item): boolean {
  if (item.kind !== "escalation" && item.kind !== "risk") return false;
  return [item.text, item.needed, item.mitigation].some((text) => text !== null && CUSTOMER_WORDS.test(text));
}

/**
 * A draft of an artifact an item calls for, to be read and edited by its owner before anything is sent:
 * - customer communication: what happened, what we are doing (the mitigation and the related action items with
 *   their due dates) and when we will update next, in plain words for customers. What Docket cannot know is left
 *   as a [bracketed placeholder]; internal fields (what is needed, ratings, rationale) and the names of
 *   colleagues are kept out;
 * - Slack summary: the item as a short mrkdwn message, or (item null) the meeting's decisions and escalations;
 * - follow-up email: to the item's owner (or, item null, to the attendees) with what was agreed, the action items
 *   with owners and due dates, and the open questions.
 */
export function draftArtifact(kind: ArtifactKind, context: DraftContext, item: Item | null): Draft {
  switch (kind) {
    case "customer-communication":
      return customerCommunication(context, item ?? context.items.find(mentionsCustomers) ?? null);
    case "slack-summary":
      return item ? itemSlackSummary(context, item) : meetingSlackSummary(context);
    case "follow-up-email":
      return item ? itemFollowUpEmail(context, item) : meetingFollowUpEmail(context);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Customer communication
// ---------------------------------------------------------------------------------------------------------------

/** Sentences about how the company works inside (who escalates to whom, budgets, drafts) stay inside. */
const INTERNAL_SENTENCE =
  /\b(escalat\w*|vp|cto|ceo|exec\w*|budget|headcount|contractor|hiring|draft|owns?|internal(?:ly)?|war room|postmortem|blame|sla|proposal|comms)\b|@\w/i;

function customerCommunication(context: DraftContext, item: Item | null): Draft {
  const redact = redactor(context, item);
  // An escalation says what must be done about something; the risk it is about says what happened.
  const risk = item && item.kind !== "risk" ? closestItem(item, context.items, "risk") : undefined;
  const about = risk ?? item;
  const happened = about ? customerSentence(redact(plainText(about.text))) : null;
  const topic = item ? topicOf(item, risk, redact) : null;

  const doing: string[] = [];
  for (const source of [about, item]) {
    if (source?.mitigation && !doing.includes(redact(source.mitigation))) doing.push(redact(source.mitigation));
  }
  const actions = unique(
    [about, item].flatMap((source) => (source ? relatedItems(source, context.items, ["action"]) : [])),
  ).filter((action) => action.status !== "done");
  for (const action of actions) {
    doing.push(`${redact(plainText(action.text))}${action.due ? `, by ${describeDate(action.due)}` : ""}`);
  }

  const lines = [
    `Subject: Update on ${topic ? lowerFirstWord(topic) : "[the issue]"}`,
    "",
    "Hi [Customer name],",
    "",
    happened
      ? `We want to let you know about an issue that may affect you: ${happened}`
      : "We want to let you know about an issue that may affect you: [what happened, in a sentence].",
    "",
    "[How it affects you: what you may notice, since when.]",
    "",
    "What we are doing:",
    ...(doing.length > 0 ? doing.map((line) => `- ${capitalize(line)}`) : ["- [What we are doing about it]"]),
    "",
    "We will send you our next update by [date and time of the next update], or sooner if anything changes.",
    "If you have questions in the meantime, reply to this email or contact [support contact].",
    "",
    "[Your name]",
    "[Your role], [Company]",
  ];
  return { title: `Customer update: ${topic ?? "[the issue]"}`, body: `${lines.join("\n")}\n` };
}

/** The subject in a few words: "Auth latency" from "Auth latency: escalating to…", else the risk's or item's text. */
function topicOf(item: Item, risk: Item | undefined, redact: (text: string) => string): string {
  const head = /^([^:;.]{3,60}):\s/.exec(item.text)?.[1];
  if (head) return redact(head.trim());
  return truncate(redact(plainText((risk ?? item).text).split(/[;.]/)[0] ?? ""), 60).trim();
}

/** The sentences of a text that are fit for customers, as one sentence ending in a full stop; null when none is. */
function customerSentence(text: string): string | null {
  const kept = text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.replace(/^[^:]{3,60}:\s+/, "").trim())
    .filter((sentence) => sentence && !INTERNAL_SENTENCE.test(sentence));
  if (kept.length === 0) return null;
  const joined = kept.join(" ");
  return /[.!?]$/.test(joined) ? lowerFirstWord(joined) : `${lowerFirstWord(joined)}.`;
}

/**
 * Replaces the names of colleagues (owners, deciders, askers and speakers of the meeting's items, and @handles)
 * with "our team": a customer note names no one inside but its sender, who signs it. Names match as written with
 * a capital, so an owner called Will does not take "will" out of a sentence.
 */
function redactor(context: DraftContext, item: Item | null): (text: string) => string {
  const names = new Set<string>();
  for (const source of item ? [item, ...context.items] : context.items) {
    for (const name of [source.owner, source.decidedBy, source.askedBy, ...source.evidence.map((e) => e.speaker)]) {
      const clean = name?.replace(/^@+/, "").trim();
      if (!clean) continue;
      names.add(capitalize(clean));
      const first = clean.split(/\s+/)[0];
      if (first && first.length >= 3) names.add(capitalize(first));
    }
  }
  // Longest first, so "Priya Raman" goes before "Priya" has a chance to leave "our team Raman".
  const sorted = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = sorted.length > 0 ? new RegExp(`\\b(?:${sorted.join("|")})\\b('s)?`, "g") : null;
  return (text) => {
    const unhandled = text.replace(/(^|[^\w.])@[\w.-]*\w/g, "$1our team");
    return pattern ? unhandled.replace(pattern, (_, possessive) => (possessive ? "our" : "our team")) : unhandled;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Slack summaries
// ---------------------------------------------------------------------------------------------------------------

function itemSlackSummary(context: DraftContext, item: Item): Draft {
  const noun = capitalize(KIND_NOUNS[item.kind].one);
  const lines = [`*${noun}* from ${escapeSlack(meetingName(context))}`, `• ${slackItemLine(item)}`];
  const actions = relatedItems(item, context.items, ["action"]);
  if (item.kind !== "action" && actions.length > 0) {
    lines.push("", "*Follow-up*", ...actions.map((action) => `• ${slackItemLine(action)}`));
  }
  return { title: `Slack summary: ${truncate(plainText(item.text), 60)}`, body: `${lines.join("\n")}\n` };
}

function meetingSlackSummary(context: DraftContext): Draft {
  const lines = [`*${escapeSlack(meetingName(context))}*`];
  const kinds = ["decision", "escalation"] as const;
  for (const kind of kinds) {
    const items = context.items.filter((item) => item.kind === kind && item.status !== "superseded");
    if (items.length === 0) continue;
    lines.push("", `*${capitalize(KIND_NOUNS[kind].many)}*`, ...items.map((item) => `• ${slackItemLine(item)}`));
  }
  if (lines.length === 1) lines.push(`No ${listOfKinds(kinds, "or")} in this meeting.`);
  return { title: `Slack summary: ${meetingName(context)}`, body: `${lines.join("\n")}\n` };
}

// ---------------------------------------------------------------------------------------------------------------
// Follow-up emails
// ---------------------------------------------------------------------------------------------------------------

function itemFollowUpEmail(context: DraftContext, item: Item): Draft {
  const others = context.items.filter((other) => other.id !== item.id);
  const decisions = relatedItems(item, others, ["decision"]).filter((decision) => decision.status !== "superseded");
  const actions = unique([
    ...(item.kind === "action" ? [item] : []),
    ...relatedItems(item, others, ["action"]),
    ...(item.owner ? others.filter((other) => other.kind === "action" && sameName(other.owner, item.owner)) : []),
  ]).filter((action) => action.status !== "done");
  const questions = relatedItems(item, others, ["question"]).filter(isOpenQuestion);

  const lines = [
    `Hi ${item.owner ? firstName(item.owner) : "[Name]"},`,
    "",
    `Following up on ${meetingName(context)} about this ${KIND_NOUNS[item.kind].one}:`,
    "",
    ...describeItem(item).map((line) => `  ${capitalize(line)}`),
    ...agreedSection([...(item.kind === "decision" ? [item] : []), ...decisions]),
    ...actionSection(actions),
    ...questionSection(item.kind === "question" && isOpenQuestion(item) ? [item, ...questions] : questions),
    "",
    "Thanks,",
    "[Your name]",
  ];
  return { title: `Follow-up: ${truncate(plainText(item.text), 60)}`, body: `${lines.join("\n")}\n` };
}

function meetingFollowUpEmail(context: DraftContext): Draft {
  const of = (kind: Item["kind"]) => context.items.filter((item) => item.kind === kind);
  const decisions = of("decision").filter((decision) => decision.status !== "superseded");
  const escalations = of("escalation");
  const lines = [
    "Hi all,",
    "",
    `Thank you for ${meetingName(context)}. Here is what we agreed and what happens next.`,
    ...agreedSection(decisions),
    ...(escalations.length > 0
      ? ["", "Escalations:", ...escalations.map((item) => `- ${describeItem(item).join(" — ")}`)]
      : []),
    ...actionSection(of("action").filter((action) => action.status !== "done")),
    ...questionSection(of("question").filter(isOpenQuestion)),
    "",
    `The full notes are in ${context.spaceName} in Docket.`,
    "",
    "Thanks,",
    "[Your name]",
  ];
  return { title: `Follow-up: ${meetingName(context)}`, body: `${lines.join("\n")}\n` };
}

function agreedSection(decisions: Item[]): string[] {
  if (decisions.length === 0) return [];
  return ["", "What was agreed:", ...decisions.map((decision) => `- ${describeItem(decision).join(" — ")}`)];
}

function actionSection(actions: Item[]): string[] {
  if (actions.length === 0) return ["", "Action items: none were recorded."];
  return [
    "",
    "Action items:",
    ...actions.map(
      (action) =>
        `- ${plainText(action.text)} — ${action.owner ?? "[owner]"} — ${action.due ? `due ${describeDate(action.due)}` : "[due date]"}`,
    ),
  ];
}

function questionSection(questions: Item[]): string[] {
  if (questions.length === 0) return [];
  return ["", "Open questions:", ...questions.map((question) => `- ${describeItem(question).join(" — ")}`)];
}

/** An item in plain words for colleagues, each of its fields that matter as a part. */
function describeItem(item: Item): string[] {
  const text = plainText(item.text);
  const parts: (string | null)[] = [];
  switch (item.kind) {
    case "decision":
      parts.push(
        `${item.status === "pending" ? "Pending decision" : "Decided"}: ${text}`,
        item.decidedBy ? `decided by ${item.decidedBy}` : null,
        item.rationale ? `why: ${plainText(item.rationale)}` : null,
        item.owner ? `owner: ${item.owner}` : null,
      );
      break;
    case "action":
      parts.push(text, item.owner ? `owner: ${item.owner}` : null, item.due ? `due ${describeDate(item.due)}` : null);
      break;
    case "risk":
      parts.push(
        item.rag ? `${formatRag(item.rag).replace(/^\S+ /, "")} risk: ${text}` : `Risk: ${text}`,
        item.owner ? `owner: ${item.owner}` : "no owner yet",
        item.likelihood ? `likelihood ${item.likelihood}` : null,
        item.impact ? `impact ${item.impact}` : null,
        item.mitigation ? `mitigation: ${plainText(item.mitigation)}` : null,
      );
      break;
    case "escalation":
      parts.push(
        text,
        item.needed ? `needed: ${plainText(item.needed)}` : null,
        item.owner ? `owner: ${item.owner}` : null,
      );
      break;
    case "question":
      parts.push(text, item.askedBy ? `asked by ${item.askedBy}` : null, item.owner ? `owner: ${item.owner}` : null);
      break;
    default:
      parts.push(item.team ? `${item.team}: ${text}` : text);
  }
  return parts.filter((part): part is string => part !== null);
}

// ---------------------------------------------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------------------------------------------

/**
 * The items of some kinds that are about the same thing as `item`, in the meeting's order: they share at least
 * two content words with it (case, endings and filler aside). "Resolve auth latency or execute rollback" is about
 * "Auth latency: escalating to VP Eng…"; "Post Staff Engineer role JD" is not.
 */
function relatedItems(item: Item, items: readonly Item[], kinds: readonly Item["kind"][]): Item[] {
  return scoreRelated(item, items, kinds).map((entry) => entry.other);
}

/** The related item of a kind sharing the most words with `item` (the earlier one on a tie). */
function closestItem(item: Item, items: readonly Item[], kind: Item["kind"]): Item | undefined {
  let best: { other: Item; shared: number } | undefined;
  for (const entry of scoreRelated(item, items, [kind])) if (!best || entry.shared > best.shared) best = entry;
  return best?.other;
}

function scoreRelated(
  item: Item,
  items: readonly Item[],
  kinds: readonly Item["kind"][],
): { other: Item; shared: number }[] {
  const words = contentWordSet(`${item.text} ${item.mitigation ?? ""}`);
  return items
    .filter((other) => other.id !== item.id && kinds.includes(other.kind))
    .map((other) => {
      let shared = 0;
      for (const word of contentWordSet(other.text)) if (words.has(word)) shared += 1;
      return { other, shared };
    })
    .filter((entry) => entry.shared >= 2);
}

function isOpenQuestion(item: Item): boolean {
  return item.kind === "question" && item.status !== "answered";
}

function meetingName(context: DraftContext): string {
  return `${context.meetingTitle} on ${describeDate(context.meetingDate)}`;
}

function plainText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function firstName(name: string): string {
  return name.replace(/^@+/, "").trim().split(/\s+/)[0] ?? name;
}

/** "Priya" and "Priya Raman" are one person; "Sam Ortiz" and "Sam Chen" are two. */
function sameName(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const [x, y] = [a, b].map((name) => name.replace(/^@+/, "").trim().toLowerCase().split(/\s+/));
  if (!x?.[0] || !y?.[0]) return false;
  return x.length > 1 && y.length > 1 ? x.join(" ") === y.join(" ") : x[0] === y[0];
}

function unique(items: Item[]): Item[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Lower-cases a sentence's first word unless it is an acronym or a name-like word ("API", "Auth" stays "auth"). */
function lowerFirstWord(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? lowerFirst(text) : text;
}
