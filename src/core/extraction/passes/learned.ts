import { evidenceOf, type ItemEvent, type ItemKind } from "../../item.js";
import { PENDING, SELF_COMMITMENT, YOU_ASSIGNMENT, YOU_REQUEST } from "../cues.js";
import { findDueDate } from "../dates.js";
import {
  LINE_KINDS,
  type LineKindModel,
  type LineKindName,
  type LineUnit,
  lineUnits,
  unitProbability,
} from "../line-kinds.js";
import { lineFeatureLists, pickLines } from "../line-model.js";
import { type MeetingState, MIN_CONFIDENCE, snapshot, type Tracked } from "../meeting-state.js";
import { cleanItemText, contentWordSet, normalize, overlap } from "../text.js";

/** The learned line scorer joins in only for long meetings with almost no explicit decision. */
const IMPLICIT_MIN_SEGMENTS = 150;
const IMPLICIT_DECISION_RATE = 0.5; // explicit decisions per 100 segments

/**
 * The learned pass reads whole meetings (it learned from meetings of 35 turns and more, and where a line sits
 * in the meeting is one of its clues); a few lines of conversation are left to the rules.
 */
const LEARNED_MIN_SEGMENTS = 30;
/** Items of one kind the learned pass adds stay this many turns from each other and from the rules' items. */
const LEARNED_SPACING = 2;
/** A learned item sharing this much of its words with a noted item of its kind restates it. */
const RESTATEMENT_OVERLAP = 0.3;
/** At most one learned item of a kind per so many turns of the meeting. */
const LEARNED_SEGMENTS_PER_ITEM = 25;

/**
 * Reads the lines the implicit pass may score while a very long meeting is heard: the end of a 20,000-segment
 * meeting then only places them (reading them all there held the main thread for a third of a second), and an
 * ordinary meeting pays nothing until its end, and only if the pass runs.
 */
export function readLinesAhead(state: MeetingState): void {
  if (state.history.length < READ_AHEAD_AFTER) return;
  // The new segment and a few of those heard before: catching up is spread over the next hundred or so segments.
  state.readLines(READ_AHEAD_PER_SEGMENT);
}

const READ_AHEAD_AFTER = 2000;
const READ_AHEAD_PER_SEGMENT = 21;

/**
 * A long meeting that never says "we decided" or "I'll" still decides and assigns: at its end, the learned
 * line scorer (line-model.ts) picks the lines that read like a decision or a task, where no rule already
 * made an item. Their confidence says they are inferred.
 */
export function inferImplicitItems(state: MeetingState, model: LineKindModel | null): ItemEvent[] {
  const { tracked, history, people } = state;
  const events = inferLearnedItems(state, model);
  const explicit = tracked.filter((t) => t.item.kind === "decision").length;
  if (history.length < IMPLICIT_MIN_SEGMENTS || (100 * explicit) / history.length >= IMPLICIT_DECISION_RATE)
    return events;
  const used = new Set(tracked.flatMap((t) => t.item.evidence.map((e) => e.segmentId)));
  const skip = new Set(history.flatMap((s, i) => (used.has(s.id) ? [i] : [])));
  state.readLines();
  const features = lineFeatureLists(history, state.lines);
  for (const [kind, limit] of [
    ["decision", 10],
    ["action", 4],
  ] as const) {
    for (const line of pickLines(kind, features, { threshold: 0.3, limit, spacing: 3, skip })) {
      const segment = history[line.index]!;
      const lower = normalize(segment.text).toLowerCase();
      const confidence = Math.min(0.7, MIN_CONFIDENCE + (line.probability - 0.3) / 2);
      const item = state.newItem(kind, cleanItemText(normalize(segment.text)), evidenceOf(segment), confidence);
      if (kind === "action") {
        item.owner =
          people.findRoleAssignment(lower)?.label ??
          people.findRole(lower) ??
          (SELF_COMMITMENT.test(lower) ? segment.speaker : null);
      }
      tracked.push({ item, at: state.index, words: contentWordSet(item.text), fromProposal: false });
      skip.add(line.index);
      events.push({ type: "added", item: snapshot(item) });
    }
  }
  return events;
}

/**
 * The sentences the learned scorer (line-kinds.ts) is confident are a decision, an action, a risk, an open
 * question or an escalation, where no rule made an item from that turn or, for the same kind, from the
 * turns around it: writers decide and escalate in more ways than the rules list. Each sentence gives at
 * most one item, of its likeliest kind; items of one kind stay LEARNED_SPACING turns apart (a point is
 * talked over several turns; one of them stands for it).
 */
export function inferLearnedItems(state: MeetingState, model: LineKindModel | null): ItemEvent[] {
  const { tracked, history, people, meetingDate } = state;
  if (!model || history.length < LEARNED_MIN_SEGMENTS) return [];
  const at = new Map(history.map((s, i) => [s.id, i]));
  // A model that only relabels or drops reads the turns rules' items came from (the first quote of each, the
  // only one it looks at), not the whole meeting.
  const adds = Object.values(model.kinds).some((k) => k?.addFrom !== undefined);
  const itemTurns = new Set(tracked.flatMap((t) => t.item.evidence.slice(0, 1).map((e) => at.get(e.segmentId) ?? -1)));
  const units = lineUnits(history, adds ? undefined : itemTurns);
  const unitsOf = new Map<number, LineUnit[]>();
  for (const u of units) unitsOf.set(u.segmentIndex, [...(unitsOf.get(u.segmentIndex) ?? []), u]);
  const events: ItemEvent[] = [];
  // A rule's item whose sentence reads like another kind becomes one ("I'm going to raise it with Sanjay"
  // is an escalation the commitment rules took for a task); one whose sentence reads nothing like its kind
  // is dropped: mostly status talk and asides that a cue word ("risk", "I'll", "decide") caught.
  for (let n = tracked.length - 1; n >= 0; n--) {
    const item = tracked[n]!.item;
    const first = item.evidence[0];
    if (item.kind === "update" || !first) continue;
    const candidates = unitsOf.get(at.get(first.segmentId) ?? -1) ?? [];
    const quote = contentWordSet(first.quote);
    let unit: LineUnit | null = null;
    let bestOverlap = 0;
    for (const u of candidates) {
      const o = overlap(quote, contentWordSet(u.text));
      if (o > bestOverlap) [unit, bestOverlap] = [u, o];
    }
    if (!unit) continue;
    const features = unit.features;
    const other = LINE_KINDS.find((kind) => {
      const relabelFrom = model.kinds[kind]?.relabelFrom;
      return (
        kind !== item.kind &&
        relabelFrom !== undefined &&
        unitProbability(model.kinds[kind]!.weights, features) >= relabelFrom
      );
    });
    if (other) {
      const moved = state.newItem(other, item.text, first, item.confidence);
      moved.evidence = item.evidence.map((e) => ({ ...e }));
      moved.owner = item.owner;
      moved.due = item.due;
      tracked[n] = { ...tracked[n]!, item: moved };
      events.push({ type: "removed", item: snapshot(item) }, { type: "added", item: snapshot(moved) });
      continue;
    }
    const k = model.kinds[item.kind];
    if (k?.dropBelow === undefined || unitProbability(k.weights, features) >= k.dropBelow) continue;
    tracked.splice(n, 1);
    events.push({ type: "removed", item: snapshot(item) });
  }
  const usedAny = new Set<number>();
  const usedBy = new Map<ItemKind, number[]>();
  for (const t of tracked)
    for (const e of t.item.evidence) {
      const i = at.get(e.segmentId);
      if (i === undefined) continue;
      usedAny.add(i);
      usedBy.set(t.item.kind, [...(usedBy.get(t.item.kind) ?? []), i]);
    }
  const near = (kind: ItemKind, i: number) => (usedBy.get(kind) ?? []).some((j) => Math.abs(i - j) <= LEARNED_SPACING);
  const candidates: { kind: LineKindName; probability: number; unit: LineUnit }[] = [];
  for (const unit of units) {
    if (usedAny.has(unit.segmentIndex)) continue;
    let best: { kind: LineKindName; probability: number; margin: number } | null = null;
    for (const kind of LINE_KINDS) {
      const k = model.kinds[kind];
      if (k?.addFrom === undefined) continue;
      const probability = unitProbability(k.weights, unit.features);
      if (probability >= k.addFrom && (!best || probability - k.addFrom > best.margin))
        best = { kind, probability, margin: probability - k.addFrom };
    }
    if (best) candidates.push({ kind: best.kind, probability: best.probability, unit });
  }
  candidates.sort((a, b) => b.probability - a.probability || a.unit.segmentIndex - b.unit.segmentIndex);
  const limit = Math.max(2, Math.ceil(history.length / LEARNED_SEGMENTS_PER_ITEM));
  const added = new Map<LineKindName, number>();
  for (const { kind, probability, unit } of candidates) {
    const i = unit.segmentIndex;
    if ((added.get(kind) ?? 0) >= limit || near(kind, i) || usedAny.has(i)) continue;
    const words = contentWordSet(unit.text);
    if (tracked.some((t) => t.item.kind === kind && overlap(t.words, words) >= RESTATEMENT_OVERLAP)) continue;
    const segment = history[i]!;
    const lower = unit.text.toLowerCase();
    // Who: a task handed to "you" belongs to whoever answers; otherwise the speaker, who in these meetings
    // mostly takes the task on or makes the call (the gold names an owner for nearly every one).
    const next = history[i + 1];
    const toListener = (YOU_ASSIGNMENT.test(lower) || YOU_REQUEST.test(lower)) && next?.speaker !== segment.speaker;
    const owner =
      kind === "action"
        ? (people.findRoleAssignment(lower)?.label ??
          people.findRole(lower) ??
          (toListener ? (next?.speaker ?? null) : segment.speaker))
        : kind === "decision"
          ? segment.speaker
          : null;
    const due = kind === "action" && meetingDate ? (findDueDate(unit.text, meetingDate)?.date ?? null) : null;
    // The same person's task for the same day is one already noted, said again ("So either I have it
    // resolved or I've executed the rollback by Friday").
    const again = (t: Tracked) => t.item.kind === kind && t.item.due === due && people.same(t.item.owner, owner);
    if (due !== null && tracked.some(again)) continue;
    const confidence = Math.min(0.7, MIN_CONFIDENCE + (probability - (model.kinds[kind]?.addFrom ?? 0)) / 2);
    const item = state.newItem(kind, cleanItemText(unit.text), evidenceOf(segment, unit.text), confidence);
    item.owner = owner;
    item.due = due;
    if (kind === "decision") {
      item.decidedBy = segment.speaker;
      if (PENDING.test(lower)) item.status = "pending";
    }
    if (kind === "question") item.askedBy = segment.speaker;
    tracked.push({ item, at: state.index, words: contentWordSet(item.text), fromProposal: false });
    usedAny.add(i);
    usedBy.set(kind, [...(usedBy.get(kind) ?? []), i]);
    added.set(kind, (added.get(kind) ?? 0) + 1);
    events.push({ type: "added", item: snapshot(item) });
  }
  return events;
}
