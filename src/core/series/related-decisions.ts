import { contentWordSet } from "../extraction/text.js";
import { compareMeetings } from "../space/recorded-item.js";
import type { ItemRef } from "./item-links.js";
import type { SeriesItem } from "./series-item.js";

export interface RelatedDecision {
  decision: SeriesItem;
  /** 0..1: the weighted share of the shorter text's specific words that the other text has too. */
  score: number;
  /** content words shared, as the decision writes them ("billing", "Postgres"), in its order */
  shared: string[];
}

export interface RelatedDecisionsOptions {
  /** At most this many decisions; 3 unless told. */
  limit?: number;
  /** The least score a decision sharing two or more specific words needs; `MIN_RELATED_SCORE` unless told. */
  minScore?: number;
}

/** Two shared specific words must cover at least this (weighted) share of the shorter text. */
export const MIN_RELATED_SCORE = 0.4;
/**
 * One shared word is enough only when it is nearly all either text is about ("Are we on Kubernetes yet?" and
 * "Adopt Kubernetes"): this share of the longer text too, not only of the shorter one.
 */
const SINGLE_WORD_SHARE = 0.75;
const DEFAULT_LIMIT = 3;

/**
 * Words of meetings that say nothing about the subject: the talk around a decision ("so are we still moving…",
 * "we agreed last week") and the verbs decisions are made with. The engine's stop words leave them in; here they
 * would make unrelated sentences match.
 */
const MEETING_WORDS = contentWordSet(
  [
    "we're we'll we've i'm i'll i've you're you'll they're they'll that's there's it's let's don't doesn't didn't",
    "won't can't isn't aren't wasn't weren't gonna wanna guys folks everyone everybody someone somebody anyone",
    "still now yet already again back next last first second week weeks month months quarter today tomorrow",
    "yesterday time times day days lot bit little big good great bad new old more less much many most other same",
    "need needs want wants think thought know knew see saw look looking let make made go goes went come came",
    "take took put say said says talk talked talking discuss discussed decide decided decision decisions agree",
    "agreed plan plans planned sure maybe probably definitely moving move moved keep kept start started stop",
    "stopped work working use using used try trying call called well like point question questions update",
    "updates meeting meetings sync talked mean means since until after before because though also even only",
    "every each way ways going done doing happen happened happening right left across around over under via per",
    "team teams people person thing things stuff part whole able adopt adopted pick picked go-ahead",
    "approve approved confirm confirmed hold push pushed get gets got remember recall earlier",
    "one two three four five six seven eight nine ten half couple few several",
    "monday tuesday wednesday thursday friday weekend morning afternoon evening tonight",
    "january february march april may june july august september october november december",
  ].join(" "),
);

/**
 * The earlier decisions that a piece of the meeting is about, so the room sees what was already decided before
 * it decides again. `text` may be a short live transcript segment ("so are we still moving billing to Postgres?")
 * or a new decision's text.
 *
 * Texts compare by their specific words: stemmed content words, meeting talk left out (`MEETING_WORDS`), and
 * bare numbers left out. A word weighs by how rare it is among the earlier decisions (inverse document
 * frequency): "postgres" in one decision of twenty counts for more than "billing" in ten. The score is the
 * weight of the shared words over the weight of the shorter text's words. A decision is related when the texts
 * share at least two specific words and the score reaches `minScore`, or share one word that is nearly all of
 * both texts.
 *
 * A pending decision carried from meeting to meeting is one decision: its latest copy is the one returned.
 * A superseded decision comes after the decision that replaced it, and brings it along when only the old words
 * matched: the room should see what stands now. Groups are ranked by their best score (then newest meeting
 * first); the first `limit` decisions are returned.
 */
export function relatedDecisions(
  earlier: readonly SeriesItem[],
  text: string,
  options: RelatedDecisionsOptions = {},
): RelatedDecision[] {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const minScore = options.minScore ?? MIN_RELATED_SCORE;
  const { decisions, latestOf } = latestCopies(earlier.filter((entry) => entry.item.kind === "decision"));
  const query = specificWords(text);
  if (limit <= 0 || query.size === 0 || decisions.length === 0) return [];

  const wordsOf = new Map(decisions.map((decision) => [decision, specificWords(decision.item.text)]));
  const weight = inverseDocumentFrequency([...wordsOf.values()]);
  const weightOf = (words: Iterable<string>) => {
    let sum = 0;
    for (const word of words) sum += weight(word);
    return sum;
  };

  const matches = new Map<SeriesItem, RelatedDecision>();
  const queryWeight = weightOf(query);
  for (const [decision, words] of wordsOf) {
    const shared = [...query].filter((word) => words.has(word));
    if (shared.length === 0) continue;
    const sharedWeight = weightOf(shared);
    const decisionWeight = weightOf(words);
    const score = sharedWeight / Math.min(queryWeight, decisionWeight);
    const isRelated =
      shared.length >= 2
        ? score >= minScore
        : sharedWeight / Math.max(queryWeight, decisionWeight) >= SINGLE_WORD_SHARE;
    if (isRelated)
      matches.set(decision, { decision, score: round(score), shared: asWritten(decision.item.text, shared) });
  }

  // Each matching decision joins the group of the decision that stands now (the end of its supersededBy chain).
  const supersededBy = new Map<SeriesItem, SeriesItem>();
  for (const decision of decisions) {
    const by = decision.links.supersededBy;
    const newer = by && latestOf(by);
    if (newer && newer !== decision) supersededBy.set(decision, newer);
    for (const ref of decision.links.supersedes ?? []) {
      const old = latestOf(ref);
      if (old && old !== decision && !supersededBy.has(old)) supersededBy.set(old, decision);
    }
  }
  const groups = new Map<SeriesItem, { best: RelatedDecision; members: RelatedDecision[] }>();
  for (const match of matches.values()) {
    // Newest first along the chain: the decision standing now, then what it replaced.
    const chain = [match.decision];
    for (let next = supersededBy.get(match.decision); next && !chain.includes(next); next = supersededBy.get(next)) {
      chain.unshift(next);
    }
    const head = chain[0] as SeriesItem;
    const group = groups.get(head) ?? { best: match, members: [] };
    if (match.score > group.best.score) group.best = match;
    for (const decision of chain) {
      if (!group.members.some((member) => member.decision === decision)) {
        group.members.push(matches.get(decision) ?? { decision, score: 0, shared: [] });
      }
    }
    groups.set(head, group);
  }

  return [...groups.entries()]
    .sort(([headA, a], [headB, b]) => b.best.score - a.best.score || compareMeetings(headB, headA))
    .flatMap(([, group]) =>
      group.members
        // A newer decision that did not match by itself comes with its group's best score.
        .map((member) => (matches.has(member.decision) ? member : { ...member, score: group.best.score }))
        .sort((a, b) => depth(a.decision) - depth(b.decision) || b.score - a.score),
    )
    .slice(0, limit);

  /** How many replacements stand between a decision and the one standing now: 0 for the standing one. */
  function depth(decision: SeriesItem): number {
    let steps = 0;
    const seen = new Set<SeriesItem>([decision]);
    for (let next = supersededBy.get(decision); next && !seen.has(next); next = supersededBy.get(next)) {
      seen.add(next);
      steps += 1;
    }
    return steps;
  }
}

/** Stemmed content words that say what a text is about: no meeting talk, no bare numbers. */
function specificWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of contentWordSet(subjectOf(text))) {
    if (!MEETING_WORDS.has(word) && !/^\d+$/.test(word) && !word.includes("'")) out.add(word);
  }
  return out;
}

/**
 * What a decision (or a remark) is about: its words before the reasons given for it. "Move billing to Postgres
 * because the current store cannot keep up" is about billing and Postgres; the reasons would otherwise outweigh
 * the subject, so that "move billing to MySQL instead of Postgres" looked unrelated to it.
 */
function subjectOf(text: string): string {
  const reasons = /\s(?:because|since|so that|given that|as otherwise|due to)\s|\s[—–]\s|;/i.exec(text);
  return reasons && reasons.index > 0 ? text.slice(0, reasons.index) : text;
}

/** Shared stems ("postgr") as the decision wrote them ("Postgres"), in the decision's order. */
function asWritten(text: string, stems: string[]): string[] {
  const wanted = new Set(stems);
  const out: string[] = [];
  for (const word of text.match(/[a-z0-9][a-z0-9'-]*/gi) ?? []) {
    for (const stem of contentWordSet(word)) {
      if (wanted.delete(stem)) out.push(word);
    }
  }
  return [...out, ...wanted];
}

/**
 * A word's weight: 1 + ln(N / df), with N the earlier decisions and df those that have the word. A word in every
 * decision weighs 1; one in a single decision of twenty about 4. A word no decision has weighs as the rarest do,
 * so a long segment full of other subjects scores lower than one that is only about this decision.
 */
function inverseDocumentFrequency(documents: Set<string>[]): (word: string) => number {
  const counts = new Map<string, number>();
  for (const words of documents) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const n = documents.length;
  return (word) => 1 + Math.log(n / (counts.get(word) ?? 1));
}

/**
 * One decision per thread: a pending decision carried along the series is one decision, at its latest copy.
 * `latestOf` finds the latest copy of the thread any copy belongs to, so a link to an older copy still resolves.
 */
function latestCopies(decisions: SeriesItem[]): {
  decisions: SeriesItem[];
  latestOf: (ref: ItemRef) => SeriesItem | undefined;
} {
  const threadOf = (decision: SeriesItem) =>
    decision.links.carriedFrom?.thread ?? `${decision.meetingId}/${decision.item.id}`;
  const latest = new Map<string, SeriesItem>();
  const threadByRef = new Map<string, string>();
  for (const decision of decisions) {
    const thread = threadOf(decision);
    threadByRef.set(refKey(decision), thread);
    const kept = latest.get(thread);
    if (!kept || compareMeetings(decision, kept) > 0) latest.set(thread, decision);
  }
  return {
    decisions: [...latest.values()],
    latestOf: (ref) => {
      const thread = threadByRef.get(`${ref.meetingId}\u0000${ref.itemId}`);
      return thread === undefined ? undefined : latest.get(thread);
    },
  };
}

function refKey(decision: SeriesItem): string {
  return `${decision.meetingId}\u0000${decision.item.id}`;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
