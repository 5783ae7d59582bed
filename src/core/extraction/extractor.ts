import type { Evidence, Item, ItemEvent, ItemKind, Level, MetricRow, Rag } from "../item.js";
import type { Segment } from "../segment.js";
import type { SectionKind, Template } from "../template/template.js";
import {
  ACCEPTANCE,
  ACTION_MARKER,
  DECISION,
  DELIVERABLE,
  DISAGREEMENT,
  DONE,
  ESCALATION,
  IMPACT,
  LIKELIHOOD,
  MEETING_STEERING,
  MEETING_TALK,
  MITIGATION,
  NAMED_ASSIGNMENT,
  NAMED_REQUEST,
  NON_ANSWER,
  NOT_A_REQUEST,
  NOT_A_TASK,
  NOT_AN_OPEN_QUESTION,
  OPEN_QUESTION,
  PENDING,
  PROPOSAL,
  RATING,
  RATIONALE_CLAUSE,
  RATIONALE_SENTENCE,
  RISK,
  SECTION_CUES,
  SELF_COMMITMENT,
  STRONG_AGREEMENT,
  TAG_QUESTION,
  TRAILING_NAME,
  UNOWNED_TASK,
  WEAK_AGREEMENT,
  YOU_ASSIGNMENT,
  YOU_REQUEST,
} from "./cues.js";
import { type DueDate, findDueDate } from "./dates.js";
import { createMetricReader, findTeam, type MetricReader } from "./metrics.js";
import { People } from "./people.js";
import { cleanItemText, contentWordSet, overlap, type Sentence, splitSentences, wordCount } from "./text.js";

export interface ExtractorOptions {
  /** The template whose sections the items are filed under; without one, items go under their kind. */
  template?: Template | null;
  /** The meeting's date (YYYY-MM-DD): "by Friday" resolves against it. Without it, due dates stay null. */
  meetingDate?: string | null;
  /** Attendee names, so that people who have not spoken yet are still recognised when addressed. */
  attendees?: readonly string[];
  /** Team names for the metrics table (e.g. from the Space); others are learned as they are named. */
  teams?: readonly string[];
}

/** The streaming interface: segments go in one at a time, item events come out. */
export interface Extractor {
  push(segment: Segment): ItemEvent[];
  /** Call when the meeting ends: settles what was still waiting on a reply. */
  finish(): ItemEvent[];
  items(): Item[];
  metrics(): MetricRow[];
}

/** How many segments later a reply ("Agreed.", "by Friday", "I'd call it red") still refers back. */
const REPLY_WINDOW = 4;

interface Tracked {
  item: Item;
  /** Index of the segment that last touched it. */
  at: number;
  words: Set<string>;
}

interface Proposal {
  text: string;
  speaker: string | null;
  at: number;
  evidence: Evidence;
  explicit: boolean;
  owner: string | null;
}

const KIND_SECTION: Record<Exclude<ItemKind, "update">, SectionKind> = {
  decision: "decisions",
  action: "actions",
  risk: "risks",
  question: "questions",
  escalation: "escalations",
};

function levelOf(word: string | undefined): Level | null {
  if (!word) return null;
  if (/low|small|minor|unlikely/.test(word)) return "low";
  if (/medium|moderate/.test(word)) return "medium";
  if (/high|huge|big|major|severe|significant|massive|likely/.test(word)) return "high";
  return null;
}

function ragOf(m: RegExpExecArray | null): Rag | null {
  const colour = m?.slice(1).find(Boolean);
  if (!colour) return null;
  return colour === "amber" ? "yellow" : (colour as Rag);
}

export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const template = options.template ?? null;
  const meetingDate = options.meetingDate ?? null;
  const people = new People(options.attendees ?? []);
  const teams = new Set(options.teams ?? []);
  const sectionIds = new Map<string, string>();
  for (const s of template?.sections ?? []) if (!sectionIds.has(s.kind)) sectionIds.set(s.kind, s.id);
  const metricsColumns = template?.sections.find((s) => s.kind === "metrics")?.columns ?? [];
  const metricReader: MetricReader | null = metricsColumns.length ? createMetricReader(metricsColumns) : null;

  const tracked: Tracked[] = [];
  const rows = new Map<string, MetricRow>();
  const teamBySpeaker = new Map<string, string>();
  const counters = new Map<ItemKind, number>();
  let proposals: Proposal[] = [];
  let openQuestions: { tracked: Tracked; explicit: boolean }[] = [];
  let lastRequest: Tracked | null = null;
  let index = 0;
  let previousSpeaker: string | null = null;
  let lastAddressee: { name: string; at: number } | null = null;

  function sectionFor(kind: ItemKind, sectionKind?: SectionKind): string {
    const wanted = sectionKind ?? (kind === "update" ? "notes" : KIND_SECTION[kind]);
    return sectionIds.get(wanted) ?? wanted;
  }

  function newItem(kind: ItemKind, text: string, evidence: Evidence, confidence: number, sectionKind?: SectionKind) {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    const item: Item = {
      id: `${kind}-${n}`,
      kind,
      section: sectionFor(kind, sectionKind),
      text,
      owner: null,
      due: null,
      status: kind === "decision" ? "decided" : kind === "question" || kind === "action" || kind === "risk" ? "open" : null,
      rag: null,
      likelihood: null,
      impact: null,
      mitigation: null,
      rationale: null,
      decidedBy: null,
      askedBy: null,
      needed: null,
      team: null,
      fields: {},
      confidence,
      evidence: [evidence],
    };
    return item;
  }

  function latest(kind: ItemKind, within = REPLY_WINDOW, where: (t: Tracked) => boolean = () => true): Tracked | null {
    for (let i = tracked.length - 1; i >= 0; i--) {
      const t = tracked[i]!;
      if (index - t.at > within) continue;
      if (t.item.kind === kind && where(t)) return t;
    }
    return null;
  }

  return {
    push(segment) {
      const events: ItemEvent[] = [];
      index++;
      people.addSpeaker(segment.speaker);
      const speaker = segment.speaker;
      const sentences = splitSentences(segment.text);
      const shortSegment = wordCount(segment.text) <= 40;
      const touched = new Map<Tracked, Set<keyof Item>>();
      const added = new Set<Tracked>();

      const evidenceFor = (s: Sentence): Evidence => ({
        segmentId: segment.id,
        speaker,
        quote: shortSegment ? segment.text.trim() : s.raw,
        start: segment.start,
      });
      const mark = (t: Tracked, ...fields: (keyof Item)[]) => {
        t.at = index;
        if (added.has(t)) return;
        const set = touched.get(t) ?? new Set();
        for (const f of fields) set.add(f);
        touched.set(t, set);
      };
      const set = <K extends keyof Item>(t: Tracked, field: K, value: Item[K]) => {
        if (value === null || t.item[field] === value) return;
        t.item[field] = value;
        mark(t, field);
      };
      const addEvidence = (t: Tracked, s: Sentence) => {
        if (t.item.evidence.some((e) => e.segmentId === segment.id)) return;
        t.item.evidence.push(evidenceFor(s));
        mark(t, "evidence");
      };
      const add = (item: Item): Tracked => {
        // The same thing said twice (a recap, a restatement) refines the first item instead of adding another.
        const words = contentWordSet(item.text);
        for (let i = tracked.length - 1; i >= 0; i--) {
          const t = tracked[i]!;
          if (t.item.kind !== item.kind) continue;
          if (overlap(t.words, words) >= 0.6) {
            for (const f of ["owner", "due", "rag", "likelihood", "impact", "mitigation", "rationale"] as const) {
              if (t.item[f] === null && item[f] !== null) set(t, f, item[f]);
            }
            if (t.item.kind === "decision" && t.item.status === "pending" && item.status === "decided") {
              set(t, "status", "decided");
            }
            const ev = item.evidence[0];
            if (ev && !t.item.evidence.some((e) => e.segmentId === ev.segmentId)) {
              t.item.evidence.push(ev);
              mark(t, "evidence");
            }
            t.item.confidence = Math.max(t.item.confidence, item.confidence);
            return t;
          }
        }
        const t: Tracked = { item, at: index, words };
        tracked.push(t);
        added.add(t);
        return t;
      };

      for (const s of sentences) {
        const lower = s.lower;
        const words = wordCount(s.text);
        const due = meetingDate ? findDueDate(s.text, meetingDate) : null;
        let created: Tracked | null = null;

        // Replies first: agreement settles a proposal; acceptance takes the task just asked.
        if (words <= 12 && proposals.length) {
          const strong = STRONG_AGREEMENT.test(lower);
          const weak = !strong && WEAK_AGREEMENT.test(lower);
          if (DISAGREEMENT.test(lower)) {
            proposals = proposals.filter((p) => p.speaker === speaker);
          } else if (strong || weak) {
            const p = [...proposals]
              .reverse()
              .find((x) => x.speaker !== speaker && index - x.at <= (strong ? REPLY_WINDOW : 1) && (strong || x.explicit));
            if (p) {
              proposals = proposals.filter((x) => x !== p);
              const item = newItem("decision", p.text, p.evidence, strong ? 0.8 : 0.6);
              item.decidedBy = speaker;
              item.owner = p.owner;
              created = add(item);
              addEvidence(created, s);
              if (due) set(created, "due", due.date);
              continue;
            }
          }
        }
        if (lastRequest && index - lastRequest.at <= 2 && words <= 14 && ACCEPTANCE.test(lower)) {
          const t = lastRequest;
          if (!t.item.owner && speaker) set(t, "owner", speaker);
          if (due) set(t, "due", due.date);
          t.item.confidence = Math.min(0.95, t.item.confidence + 0.1);
          addEvidence(t, s);
          lastRequest = null;
          continue;
        }

        const escalation = ESCALATION.exec(lower);
        const decision = DECISION.exec(lower);
        const pending = PENDING.exec(lower);
        const isQuestion = /\?\s*$/.test(s.text);

        if (escalation && words >= 5) {
          const item = newItem("escalation", cleanItemText(s.text), evidenceFor(s), 0.75);
          item.owner = namedOwner(s.text) ?? speaker;
          item.needed = neededFrom(s.text);
          if (due) item.due = due.date;
          created = add(item);
        } else if ((decision || pending) && words >= 4 && !(isQuestion && !pending)) {
          const proposal = anaphoric(lower) ? [...proposals].reverse().find((p) => index - p.at <= REPLY_WINDOW) : null;
          const text = proposal ? proposal.text : cleanItemText(s.text);
          const item = newItem("decision", text, proposal?.evidence ?? evidenceFor(s), pending ? 0.7 : 0.8);
          if (pending && !decision) item.status = "pending";
          else if (pending && decision && pending.index < decision.index) item.status = "pending";
          item.owner = namedOwner(s.text) ?? proposal?.owner ?? null;
          item.decidedBy = speaker;
          item.rationale = rationaleFrom(s.text);
          if (proposal) proposals = proposals.filter((p) => p !== proposal);
          created = add(item);
          if (proposal) addEvidence(created, s);
        } else {
          const action = readAction(s, speaker);
          if (action) {
            const item = newItem("action", action.text, evidenceFor(s), action.confidence);
            item.owner = action.owner;
            if (due) item.due = due.date;
            created = add(item);
            if (action.request) lastRequest = created;
          }
        }

        // A risk can share its sentence with nothing else; ratings and levels may also refine the last risk.
        const rating = RATING.exec(lower);
        const rag = ragOf(rating);
        const likelihood = LIKELIHOOD.exec(lower);
        const impact = IMPACT.exec(lower);
        const isRisk = RISK.test(lower) || (rag !== null && words >= 6);
        if (!created && isRisk && words >= 5 && !isQuestion) {
          const item = newItem("risk", cleanItemText(s.text), evidenceFor(s), rag ? 0.8 : 0.6);
          item.rag = rag;
          item.likelihood = levelOf(likelihood?.slice(1).find(Boolean));
          item.impact = levelOf(impact?.slice(1).find(Boolean));
          item.owner = namedOwner(s.text) ?? (/\b(?:i|we|my|our|i'm|we're)\b/.test(lower) ? speaker : null);
          if (MITIGATION.test(lower)) item.mitigation = cleanItemText(s.text.slice(MITIGATION.exec(lower)?.index ?? 0));
          created = add(item);
        } else if (rag || likelihood || impact || MITIGATION.test(lower)) {
          const risk = created?.item.kind === "risk" ? created : latest("risk");
          if (risk) {
            if (rag) set(risk, "rag", rag);
            if (likelihood) set(risk, "likelihood", levelOf(likelihood.slice(1).find(Boolean)));
            if (impact) set(risk, "impact", levelOf(impact.slice(1).find(Boolean)));
            if (!rag && !likelihood && !impact && !risk.item.mitigation) set(risk, "mitigation", cleanItemText(s.text));
            if (risk !== created) addEvidence(risk, s);
          }
        }

        // Questions: open until another voice answers them.
        if (!created && isQuestion) {
          const q = readQuestion(s);
          if (q) {
            const item = newItem("question", q, evidenceFor(s), 0.55);
            item.askedBy = speaker;
            created = add(item);
            openQuestions.push({ tracked: created, explicit: false });
          }
        } else if (!created && OPEN_QUESTION.test(lower) && words >= 5) {
          const item = newItem("question", cleanItemText(s.text), evidenceFor(s), 0.6);
          item.askedBy = speaker;
          created = add(item);
          openQuestions.push({ tracked: created, explicit: true });
        } else if (!isQuestion && contentWordSet(s.text).size >= 3 && !NON_ANSWER.test(lower)) {
          for (const q of openQuestions) {
            if (q.explicit || q.tracked.item.askedBy === speaker || index - q.tracked.at > REPLY_WINDOW) continue;
            set(q.tracked, "status", "answered");
          }
          openQuestions = openQuestions.filter((q) => q.tracked.item.status === "open" && index - q.tracked.at <= 8);
        }

        // Proposals wait for a reply.
        if (!created) {
          const p = PROPOSAL.exec(lower);
          const rest = p?.[1] ?? "";
          if (p && wordCount(rest) >= 2 && !MEETING_STEERING.test(rest)) {
            const explicit = !/^(?:we should|we could|can we|could we|should we)/.test(p[0]);
            proposals.push({
              text: cleanItemText(s.text.slice(p.index)),
              speaker,
              at: index,
              evidence: evidenceFor(s),
              explicit,
              owner: namedOwner(s.text),
            });
            proposals = proposals.filter((x) => index - x.at <= REPLY_WINDOW);
          }
        }

        // Refinements of what was just said: rationale, a due date, "that's done".
        const rationale = RATIONALE_SENTENCE.test(lower) ? cleanItemText(s.text) : null;
        if (rationale || (created?.item.kind !== "decision" && RATIONALE_CLAUSE.test(lower))) {
          const d = latest("decision", 2, (t) => t.item.rationale === null);
          if (d && d !== created) {
            set(d, "rationale", rationale ?? rationaleFrom(s.text));
            addEvidence(d, s);
          }
        }
        if (due && !created) {
          const a = latest("action", 2, (t) => t.item.due === null && (t === lastRequest || t.item.owner === speaker || t.item.owner === null));
          if (a) {
            set(a, "due", due.date);
            addEvidence(a, s);
          }
        }
        if (!created && DONE.test(lower) && words <= 10) {
          const a = latest("action", 3, (t) => t.item.status === "open");
          if (a) set(a, "status", "done");
        }

        // Section updates (staffing, roadmap…) where the template has such a section.
        if (!created && words >= 6 && !isQuestion) {
          for (const [kind, cue] of Object.entries(SECTION_CUES)) {
            if (!sectionIds.has(kind) || !cue?.test(lower)) continue;
            const item = newItem("update", cleanItemText(s.text), evidenceFor(s), 0.5, kind as SectionKind);
            item.team = findTeam(s.text, teams, (w) => people.lookup(w) !== null);
            if (kind === "staffing" || kind === "roadmap") {
              if (due) item.due = due.date;
            }
            add(item);
            break;
          }
        }

        // Metrics: numbers said against the template's columns, under the speaker's team.
        if (metricReader) {
          const values = metricReader.read(lower);
          if (Object.keys(values).length) {
            const named = findTeam(s.text, teams, (w) => people.lookup(w) !== null);
            const team = named ?? (speaker ? teamBySpeaker.get(speaker) : undefined) ?? null;
            if (named && speaker) teamBySpeaker.set(speaker, named);
            if (team) {
              teams.add(team);
              const row = rows.get(team) ?? { team, values: {}, evidence: [] };
              Object.assign(row.values, values);
              row.evidence.push(evidenceFor(s));
              rows.set(team, row);
              events.push({ type: "metrics", row: { ...row, values: { ...row.values }, evidence: [...row.evidence] } });
            }
          }
        } else if (speaker) {
          const named = findTeam(s.text, teams, (w) => people.lookup(w) !== null);
          if (named && teams.has(named)) teamBySpeaker.set(speaker, named);
        }
        if (metricReader && speaker) {
          const named = [...teams].find((t) => new RegExp(`\\b${t}\\b`, "i").test(s.text));
          if (named && /\b(?:for|on|from|over on)\s+(?:the\s+)?\w+|\bteam\b|\bside\b|^\w+[:,]/i.test(s.text))
            teamBySpeaker.set(speaker, named);
        }
      }

      if (speaker && speaker !== previousSpeaker) previousSpeaker = speaker;
      for (const t of added) events.push({ type: "added", item: snapshot(t.item) });
      for (const [t, fields] of touched) events.push({ type: "updated", item: snapshot(t.item), changed: [...fields] });
      return events;

      function readAction(s: Sentence, who: string | null): { text: string; owner: string | null; confidence: number; request: boolean } | null {
        const lower = s.lower;
        const strip = (clause: string, due: DueDate | null) => {
          let c = clause;
          if (due) c = c.replace(new RegExp(`\\s*(?:by|before|on|until|no later than|for)?\\s*${escapeRe(due.phrase)}`, "i"), "");
          return cleanItemText(c.replace(/[?]+$/, ""));
        };
        const due = meetingDate ? findDueDate(s.text, meetingDate) : null;

        const marker = ACTION_MARKER.exec(s.text);
        if (marker?.[2] && wordCount(marker[2]) >= 2) {
          const owner = marker[1] ? people.resolveName(marker[1], true) : namedOwner(marker[2]);
          return { text: strip(marker[2], due), owner, confidence: 0.85, request: false };
        }
        const named = NAMED_REQUEST.exec(s.text);
        if (named?.[1] && named[2] && isTask(named[2], due) && !NOT_A_REQUEST.test(named[2].toLowerCase())) {
          const owner = people.resolveName(named[1], true);
          if (owner) {
            lastAddressee = { name: owner, at: index };
            return { text: strip(named[2], due), owner, confidence: 0.8, request: true };
          }
        }
        const self = SELF_COMMITMENT.exec(lower);
        if (self && !/^(?:if|when|whether)\b/.test(lower) && !/\?\s*$/.test(s.text)) {
          const rest = self[1] ?? "";
          const start = s.text.length - rest.length;
          if (!NOT_A_TASK.test(rest) && isTask(rest, due)) {
            const weak = /^(?:i can|i could|i need to|i have to|i've got to|i gotta)$/.test(self[0].slice(0, self[0].length - rest.length).trim());
            // "I can open it another way" is a capability; "I can send the deck" promises work.
            if (weak && !due && !DELIVERABLE.test(rest)) return null;
            // "I can do the JD by the 28th" after "Wen, can you post the JD?" is the same task, accepted.
            if (lastRequest && index - lastRequest.at <= 2 && overlap(lastRequest.words, contentWordSet(rest)) >= 0.3) return null;
            return { text: strip(s.text.slice(start), due), owner: who, confidence: weak ? 0.55 : 0.75, request: false };
          }
        }
        const assigned = NAMED_ASSIGNMENT.exec(s.text);
        if (assigned?.[1] && assigned[2] && isTask(assigned[2], due) && !NOT_A_TASK.test(assigned[2].toLowerCase())) {
          const owner = people.lookup(assigned[1]);
          if (owner && !/\?\s*$/.test(s.text)) return { text: strip(assigned[2], due), owner, confidence: 0.7, request: false };
        }
        const toRole = people.findRoleAssignment(lower);
        if (toRole && isTask(toRole.task, due) && !NOT_A_TASK.test(toRole.task)) {
          const start = s.text.length - toRole.task.length;
          return { text: strip(s.text.slice(start), due), owner: toRole.label, confidence: 0.65, request: false };
        }
        const you = YOU_REQUEST.exec(lower) ?? (/\?\s*$/.test(s.text) ? null : YOU_ASSIGNMENT.exec(lower));
        if (you?.[1] && isTask(you[1], due) && !NOT_A_REQUEST.test(you[1]) && !NOT_A_TASK.test(you[1])) {
          const trailing = TRAILING_NAME.exec(s.text)?.[1];
          const owner =
            (trailing ? people.resolveName(trailing, true) : null) ??
            people.findRole(lower.slice(0, you.index)) ??
            (lastAddressee && index - lastAddressee.at <= 1 ? lastAddressee.name : null) ??
            (YOU_REQUEST.test(lower) && previousSpeaker !== who ? previousSpeaker : null);
          if (owner) {
            const start = s.text.length - you[1].length;
            return { text: strip(s.text.slice(start), due), owner, confidence: 0.6, request: YOU_REQUEST.test(lower) };
          }
        }
        // "Marketing executive," on its own, then "you'll be thinking about…": remember whom they turned to.
        const role = words(lower) <= 4 ? people.findRole(lower) : null;
        if (role) lastAddressee = { name: role, at: index };
        const unowned = UNOWNED_TASK.exec(lower);
        if (unowned?.[1] && isTask(unowned[1], due)) {
          return { text: strip(s.text.slice(unowned.index), due), owner: null, confidence: 0.5, request: true };
        }
        return null;
      }

      function namedOwner(text: string): string | null {
        const at = /@([a-z][\w-]*)/i.exec(text);
        if (at?.[1]) return people.resolveName(at[1], true);
        const a = NAMED_ASSIGNMENT.exec(text);
        if (a?.[1]) return people.lookup(a[1]);
        const owns = /\b([A-Z][a-z]+) (?:owns|will own|is the owner|to own|has it|is on it)\b/.exec(text);
        return owns?.[1] ? people.lookup(owns[1]) : null;
      }
    },

    finish() {
      proposals = [];
      openQuestions = [];
      return [];
    },
    items() {
      return tracked.map((t) => snapshot(t.item));
    },
    metrics() {
      return [...rows.values()].map((r) => ({ ...r, values: { ...r.values }, evidence: [...r.evidence] }));
    },
  };
}

const VAGUE = new Set(["it", "that", "this", "them", "those", "later", "now", "then", "soon", "there", "here", "something", "stuff", "things", "one", "bit"]);

/** A task names something to do: at least two words beyond pronouns and "later", and not meeting logistics. */
function isTask(clause: string, due: DueDate | null): boolean {
  const lower = clause.toLowerCase();
  if (MEETING_TALK.test(lower)) return false;
  const meaningful = [...contentWordSet(clause)].filter((w) => !VAGUE.has(w));
  return meaningful.length >= (due ? 1 : 2) && wordCount(clause) >= (due ? 2 : 3);
}

function words(text: string): number {
  return wordCount(text);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function snapshot(item: Item): Item {
  return { ...item, fields: { ...item.fields }, evidence: [...item.evidence] };
}

function anaphoric(lower: string): boolean {
  return /\b(?:go with|do|approve|agree (?:on|to|with)|going with)\s+(?:that|it|this|option \w+|the (?:first|second|last) (?:one|option))\b/.test(
    lower,
  );
}

function rationaleFrom(text: string): string | null {
  const m = RATIONALE_CLAUSE.exec(text.toLowerCase());
  if (!m?.[1]) return null;
  return cleanItemText(text.slice(text.length - m[1].length));
}

function neededFrom(text: string): string | null {
  const m = /\b(?:need|needs|request|requesting|ask for|asking for)\s+(.*)$/i.exec(text);
  return m?.[1] ? cleanItemText(m[1]) : null;
}

function readQuestion(s: Sentence): string | null {
  const lower = s.lower;
  if (NOT_AN_OPEN_QUESTION.test(lower) || TAG_QUESTION.test(lower)) return null;
  if (contentWordSet(s.text).size < 3) return null;
  // Requests ("can you…") and proposals ("should we…") are handled as actions and decisions.
  if (/^(?:can|could|would|will) you\b/.test(lower)) return null;
  if (!/^(?:\w+,\s*)?(?:what|how|why|when|where|who|which|whether|do|does|did|is|are|was|were|should|shall|can|could|will|would|have|has|any|or)\b/.test(lower)) {
    if (!/\bor\b/.test(lower)) return null;
  }
  return cleanItemText(s.text);
}
