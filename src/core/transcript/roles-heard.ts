/**
 * Roles the meeting gives people in so many words ("I'm the AE on this", "Dana, as CFO…", "Tobias is
 * attending as CFO"), so that "the AE will send it" or "our CFO owns that" resolves to the person. Returned
 * as attendees in the "Name (Role)" form the engine's People reads.
 */
import { isAnonymousSpeaker, isNameWord } from "../extraction/people.js";
import type { Segment } from "../segment.js";

/** Roles said as letters, and the few said as one word, each under the word the engine will match. */
const ROLE_WORDS: Record<string, string> = {
  ae: "AE",
  se: "SE",
  sdr: "SDR",
  bdr: "BDR",
  csm: "CSM",
  tpm: "TPM",
  cfo: "CFO",
  ceo: "CEO",
  cto: "CTO",
  coo: "COO",
  cmo: "CMO",
  cro: "CRO",
  cpo: "CPO",
  ciso: "CISO",
  "account executive": "AE",
  "sales engineer": "SE",
  "customer success manager": "CSM",
  "chief financial officer": "CFO",
  "chief executive": "CEO",
  "chief technology officer": "CTO",
  "chief operating officer": "COO",
  controller: "Controller",
  counsel: "Counsel",
  "general counsel": "Counsel",
  "company counsel": "Counsel",
  "legal counsel": "Counsel",
  clerk: "Clerk",
  treasurer: "Treasurer",
  recruiter: "Recruiter",
};

/**
 * Roles as the patterns read them: letters in capitals only ("CFO", never "cfo" inside speech), words in
 * either case. Patterns stay case-sensitive so that names must be capitalised.
 */
const CASED_ROLE = Object.keys(ROLE_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((r) =>
    r.includes(" ") || r.length > 4 ? r.replace(/^[a-z]/, (c) => `[${c}${c.toUpperCase()}]`) : r.toUpperCase(),
  )
  .join("|");
const NAME = "\\p{Lu}\\p{Ll}+(?:[-'’]\\p{Lu}?\\p{Ll}+)*";
const A = "(?:(?:the|our|your|their|company's)\\s+)?";

/** "I'm the AE on this", "I'm here as company counsel", "As the controller, I…": the speaker's own role. */
const MINE = new RegExp(
  `\\b(?:I'm|I am|I’m)\\s+(?:here\\s+|also\\s+|acting\\s+)?(?:as\\s+)?${A}(${CASED_ROLE})\\b|\\b[Aa]s\\s+${A}(${CASED_ROLE}),?\\s+I\\b`,
  "u",
);
/** "Dana, as CFO, …", "Tobias is attending as CFO", "Dana, our CFO" (name first); "our CFO, Dana" (role first). */
const NAME_FIRST = [
  new RegExp(`(${NAME}),?\\s+(?:as|is\\s+(?:attending|here|joining|with us)\\s+as|is)\\s+${A}(${CASED_ROLE})\\b`, "gu"),
  new RegExp(`(${NAME}),\\s+${A}(${CASED_ROLE})\\b`, "gu"),
];
const ROLE_FIRST = new RegExp(`\\b(?:[Oo]ur|[Tt]he)\\s+(${CASED_ROLE}),\\s+(${NAME})\\b`, "gu");

/**
 * "Name (Role)" for each person whose role the meeting states. Speaker labels must already be names
 * (see name-speakers.ts): an anonymous label's own role is not kept, as "Speaker A (CFO)" would own items.
 */
export function rolesHeard(segments: readonly Segment[]): string[] {
  const roles = new Map<string, string>();
  const labels = [...new Set(segments.flatMap((s) => (s.speaker ? [s.speaker] : [])))];
  const give = (said: string, role: string) => {
    // "Tobias" said aloud is the speaker labelled "Tobias Wren": owners then read as the label does.
    const name = labels.find((l) => l.split(/\s+/)[0] === said) ?? said;
    const key = ROLE_WORDS[role.toLowerCase().replace(/\s+/g, " ")];
    // The first statement wins: a later "as the AE" about someone else must not move the role.
    if (key && ![...roles.values()].includes(key) && !roles.has(name)) roles.set(name, key);
  };
  for (const s of segments) {
    const mine = MINE.exec(s.text);
    const role = mine?.[1] ?? mine?.[2];
    if (role && s.speaker && !isAnonymousSpeaker(s.speaker)) give(s.speaker, role);
    const said = [
      ...NAME_FIRST.flatMap((p) => [...s.text.matchAll(p)].map((m) => [m[1], m[2]] as const)),
      ...[...s.text.matchAll(ROLE_FIRST)].map((m) => [m[2], m[1]] as const),
    ];
    for (const [name, r] of said) if (name && r && isNameWord(name) && !ROLE_WORDS[name.toLowerCase()]) give(name, r);
  }
  return [...roles].map(([name, role]) => `${name} (${role})`);
}
