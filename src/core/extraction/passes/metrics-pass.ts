import { CORRECTION } from "../cues.js";
import type { MeetingState } from "../meeting-state.js";
import { findTeam, leadingTeam, teamName } from "../metrics.js";
import { type Sentence, wordCount } from "../text.js";

/**
 * Metrics: numbers said against the template's columns, under the speaker's team, whatever else the sentence
 * says. Each figure read emits the team's row.
 */
export function readMetrics(state: MeetingState, s: Sentence, previous: Sentence | null): void {
  const { people, speaker, teams, teamBySpeaker, rows, lastMetric, index } = state;
  const values = state.metricReader?.read(s.lower) ?? {};
  // The team said first ("Payments. Velocity 52…") beats a team mentioned in passing ("…on the PCI work").
  const isPerson = (w: string) => people.lookup(w) !== null;
  const named =
    leadingTeam(s.text, isPerson) ??
    (previous && wordCount(previous.text) <= 2 ? leadingTeam(previous.text, isPerson) : null) ??
    findTeam(s.text, teams, isPerson, !Object.keys(values).length);
  // "Identity." on its own opens the speaker's report, even when the numbers come a turn later.
  const alone = /^[A-Z][a-z]+(?: (?:and |& )?[A-Z][a-z]+)?[.:]?$/.test(s.text.trim()); // "Identity." and nothing else
  // "I'm Priya, I run Platform": the speaker's team for the numbers they read later.
  const runs = /\bI (?:run|lead|manage|head|own)\s+(?:the\s+)?(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)/u.exec(s.text)?.[1];
  if (runs && speaker && !people.lookup(runs)) teamBySpeaker.set(speaker, runs);
  if (named && speaker && (Object.keys(values).length || teams.has(named) || alone)) {
    teamBySpeaker.set(speaker, named);
  }
  // "Tomasz, you want to kick us off with Payments Core?": the team of the person asked.
  const handedTeam =
    /^(?:\w+[.,]\s+)*(\p{Lu}\p{Ll}+),.*\b(?:with|for|on)\s+(?:the\s+)?(\p{Lu}[\p{L}]+(?: (?:and|&) \p{Lu}\p{Ll}+| \p{Lu}\p{Ll}+)?)\s*\??$/u.exec(
      s.text,
    );
  const askedPerson = handedTeam?.[1] ? people.resolveName(handedTeam[1], true) : null;
  if (askedPerson && handedTeam?.[2] && !people.lookup(handedTeam[2]))
    teamBySpeaker.set(askedPerson, teamName(handedTeam[2]));
  // "Incidents four. Oh, actually, five.": a bare number after a correction replaces the last figure read.
  const corrected =
    !Object.keys(values).length && lastMetric && lastMetric.speaker === speaker && index - lastMetric.at <= 1
      ? /^(?:(?:oh|uh|um|so|no)[,.]?\s+)*(?:actually|sorry|no|i mean|correction|make that)\b/i.test(s.raw)
        ? /^\D*?(\d+(?:\.\d+)?)\b/.exec(s.lower)
        : null
      : null;
  if (corrected?.[1] && lastMetric) {
    const row = rows.get(lastMetric.team);
    if (row) {
      row.values[lastMetric.column] = Number(corrected[1]);
      row.evidence.push(state.evidenceFor(s));
      state.events.push({ type: "metrics", row: { ...row, values: { ...row.values }, evidence: [...row.evidence] } });
    }
    return;
  }
  if (!Object.keys(values).length) return;
  const team = named ?? (speaker ? teamBySpeaker.get(speaker) : undefined) ?? null;
  if (!team) return;
  teams.add(team);
  const row = rows.get(team) ?? { team, values: {}, evidence: [] };
  // A figure the speaker corrects in the same breath ("velocity 58, no, sorry, 55") replaces the first.
  const correcting = CORRECTION.test(s.raw) && lastMetric?.speaker === speaker;
  for (const [k, v] of Object.entries(values)) if (!(k in row.values) || correcting) row.values[k] = v;
  const column = Object.keys(values).at(-1);
  if (column) state.lastMetric = { team, column, speaker, at: index };
  row.evidence.push(state.evidenceFor(s));
  rows.set(team, row);
  state.events.push({ type: "metrics", row: { ...row, values: { ...row.values }, evidence: [...row.evidence] } });
}
