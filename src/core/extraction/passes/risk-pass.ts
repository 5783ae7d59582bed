import { antecedentOf, withAntecedent } from "../context.js";
import { EXPOSURE, MITIGATION, NAMES_THAT_A_RISK, RISK_ANNOUNCE, RISK_VERDICT } from "../cues.js";
import type { MeetingState, SentenceContext, Tracked } from "../meeting-state.js";
import { type RiskAttributes, readRisk, readRiskAttributes } from "../risks.js";
import { cleanItemText, contentWordSet } from "../text.js";

/** "Can I raise a risk?" announces the next sentence; "That could bite us." makes a risk of the one before. */
export function riskAnnouncements(state: MeetingState, c: SentenceContext): boolean {
  const { s, i, lower, words } = c;
  const { speaker, index, sentences, previousTurn } = state;
  if (RISK_ANNOUNCE.test(lower) && words <= 8) {
    state.riskAnnounced = { speaker, at: index };
    return true;
  }
  if ((RISK_VERDICT.test(lower) && contentWordSet(s.text).size <= 4) || NAMES_THAT_A_RISK.test(lower)) {
    // "That could bite us." — the risk is what was said just before.
    const said = i > 0 ? sentences[i - 1] : null;
    const before = said && contentWordSet(said.text).size >= 3 ? said : null;
    const source = before
      ? { speaker, text: before.text, evidence: state.evidenceFor(before) }
      : previousTurn && previousTurn.speaker !== speaker
        ? previousTurn
        : null;
    if (source && contentWordSet(source.text).size >= 3) {
      // Already noted as a risk a moment ago: the verdict confirms it.
      const noted = state.latest("risk", 1);
      if (noted) {
        state.addEvidence(noted, s);
        c.created = noted;
        return true;
      }
      const item = state.newItem("risk", cleanItemText(source.text), source.evidence, 0.7);
      item.owner = source.speaker;
      c.created = state.add(item);
      state.addEvidence(c.created, s);
      return true;
    }
  }
  const riskAnnounced = state.riskAnnounced;
  if (
    riskAnnounced &&
    riskAnnounced.speaker === speaker &&
    index - riskAnnounced.at <= 1 &&
    contentWordSet(s.text).size >= 3
  ) {
    // "Can I raise a risk? What happens when we ship a migration while edits sit in an outbox?"
    const item = state.newItem("risk", cleanItemText(s.text), state.evidenceFor(s), 0.75);
    item.owner = speaker;
    c.created = state.add(item);
    state.riskAnnounced = null;
    return true;
  }
  return false;
}

/** The mitigation a risk's owner says right after raising it ("we'll cap it at…"). */
export function ownRiskMitigation(state: MeetingState, c: SentenceContext): boolean {
  // Risks: a statement of exposure, or a rating that introduces the next statement or refines the last.
  const attributes = riskAttributesOf(c);
  const ownRisk = state.latest("risk", 2, (t) => state.mine(t.item.owner));
  if (!c.created && ownRisk && attributes.mitigation !== null && !ownRisk.item.mitigation) {
    state.set(ownRisk, "mitigation", cleanItemText(c.s.text.slice(attributes.mitigation)));
    state.addEvidence(ownRisk, c.s);
    c.created = ownRisk;
  }
  return false;
}

/** A statement of exposure: a new risk, or the same speaker's risk continued. */
export function risks(state: MeetingState, c: SentenceContext): boolean {
  if (c.created) return false;
  const { s, i, isQuestion } = c;
  const attributes = riskAttributesOf(c);
  const { speaker, pendingRating } = state;
  const risk = readRisk(s, attributes, pendingRating && pendingRating.speaker === speaker);
  if (risk) {
    const continuing = state.latest("risk", 1, (t) => t.item.evidence[0]?.speaker === speaker);
    if (continuing && risk.continuation) {
      state.set(
        continuing,
        "text",
        `${continuing.item.text}; ${risk.text.charAt(0).toLowerCase()}${risk.text.slice(1)}`,
      );
      state.addEvidence(continuing, s);
      c.created = continuing;
    } else {
      const read = withAntecedent(antecedentOf(state.sentences, i), s, risk.text);
      const item = state.newItem("risk", read.text, { ...state.evidenceFor(s), quote: read.quote }, risk.confidence);
      item.rag = attributes.rag ?? (pendingRating?.speaker === speaker ? pendingRating.rag : null);
      item.likelihood = attributes.likelihood;
      item.impact = attributes.impact;
      // "Is there a risk that sales ops sits on it?" — the asker is not the owner; whoever answers may be.
      item.owner = state.namedOwner(s.text) ?? (isQuestion ? null : speaker);
      if (attributes.mitigation) item.mitigation = cleanItemText(s.text.slice(attributes.mitigation));
      c.created = state.add(item);
    }
    state.pendingRating = null;
  }
  return false;
}

/** A rating, likelihood, impact or mitigation said about the risk just raised (or said before it). */
export function riskAttributes(state: MeetingState, c: SentenceContext): boolean {
  const attributes = riskAttributesOf(c);
  const { s, lower, words } = c;
  const speaker = state.speaker;
  if (!c.created && (attributes.rag || attributes.likelihood || attributes.impact || MITIGATION.test(lower))) {
    const risk =
      state.latest("risk", 2) ?? (exposureFollows(state, c) ? null : riskFromRecentStatement(state, attributes, lower));
    if (risk && !(attributes.rag && words <= 6 && risk.item.rag && risk.item.evidence[0]?.speaker === speaker)) {
      if (risk.item.owner === null && speaker && risk.item.evidence[0]?.speaker !== speaker)
        state.set(risk, "owner", speaker);
      if (attributes.rag) state.set(risk, "rag", attributes.rag);
      if (attributes.likelihood) state.set(risk, "likelihood", attributes.likelihood);
      if (attributes.impact) state.set(risk, "impact", attributes.impact);
      if (!attributes.rag && !attributes.likelihood && !attributes.impact && !risk.item.mitigation) {
        state.set(risk, "mitigation", cleanItemText(s.text));
      }
      state.addEvidence(risk, s);
      c.created = risk;
    } else if (attributes.rag) {
      // "I'd call this one red." said before the risk itself.
      state.pendingRating = { rag: attributes.rag, speaker, at: state.index };
    }
  }
  return false;
}

/**
 * "Right now I'd say amber, but it's trending red. If they miss Wednesday we miss the promise date": the rating
 * opens the speaker's answer and the exposure follows in the same turn; it rates that, not what came before.
 */
function exposureFollows(state: MeetingState, c: SentenceContext): boolean {
  if (!riskAttributesOf(c).rag || c.words > 12) return false;
  return state.sentences.slice(c.i + 1, c.i + 3).some((next) => EXPOSURE.test(next.lower));
}

/** The rating, likelihood, impact and mitigation the sentence states, read once for the passes that use them. */
export function riskAttributesOf(c: SentenceContext): RiskAttributes {
  c.attributes ??= readRiskAttributes(c.lower);
  return c.attributes;
}

/**
 * "I'd call the likelihood high" with no risk said in so many words: the risk is what this speaker said
 * just before ("At the current growth rate we hit that in about six weeks"). "I'd call that amber" points back
 * at the last turn that said something, whoever said it ("The CFO is the signer and she's out until the 29th").
 */
function riskFromRecentStatement(state: MeetingState, attributes: RiskAttributes, lower: string): Tracked | null {
  if (!attributes.likelihood && !attributes.impact && !attributes.rag) return null;
  const recent = state.recentStatements.filter((r) => state.index - r.at <= 2);
  // The first thing the speaker said in their last few turns states the exposure ("the new tax engine is
  // double-counting VAT… I'd call it red"); what follows is usually detail or the remedy. A rating that points
  // back rates the last turn that said something. Either way, a statement of what would go wrong comes first
  // ("if it goes wrong on the 14th we can't pick on the 15th", not the aside after it, "IT said that last time").
  const latestTurn = recent.at(-1)?.at;
  const pointsBack = POINTS_BACK.test(lower);
  const said =
    state.recentStatements.findLast(
      (r) => state.index - r.at <= 3 && (pointsBack || r.speaker === state.speaker) && EXPOSURE.test(r.sentence.lower),
    ) ?? (pointsBack ? recent.find((r) => r.at === latestTurn) : recent.find((r) => r.speaker === state.speaker));
  if (!said) return null;
  const item = state.newItem("risk", cleanItemText(said.sentence.text), said.evidence, 0.65);
  item.owner = said.speaker;
  return state.add(item);
}

/** A rating said of what was just described: "I'd call that amber", "that's a red for me". */
const POINTS_BACK =
  /\b(?:call|rate|put|make|mark)s?\s+(?:that|it|this)\b|^(?:(?:so|okay|yeah)[,]?\s+)*(?:that|it|this)(?:'s| is)\b/;
