/**
 * Diarized speech-to-text labels its speakers "Speaker A" or "Speaker 0"; the people's names are only said
 * aloud. This reads who is addressed, thanked and introduced, weighs that evidence per label and gives a
 * label a name only when one name clearly fits it and it clearly fits no other label.
 */
import { isAnonymousSpeaker, isNameWord, soundKey } from "../extraction/people.js";
import type { Segment } from "../segment.js";

export interface SpeakerNaming {
  /** Anonymous label → the person's name, full where the meeting says it ("Delphine Arceneaux"). */
  names: Map<string, string>;
  /** Everyone surely present (introduced, thanked, called in a roll call, or naming a label): the attendees. */
  attendees: string[];
}

/** Forms of address before a name: "Councilmember Mendoza", "Dr. Okafor". Their name is a surname. */
const TITLE =
  /^(?:mr|mrs|ms|miss|dr|prof|professor|doctor|councilmember|councillor|councilor|commissioner|director|senator|judge|officer|sergeant|captain|coach|madam)$/i;

/**
 * Capitalised words a sentence may open with, or say alone, that are not names. `isNameCandidate` already
 * refuses the common ones; these are the replies and votes of formal meetings ("Present.", "Aye.").
 */
const NOT_ADDRESSED = new Set(
  (
    "perfect fine noted agreed understood understandable exactly absolutely totally definitely correct true aye nay " +
    "second present here moved discussion anything nothing everything something again mostly really seriously " +
    "obviously anyway otherwise meanwhile first next last finally oof ugh cheers bye goodbye welcome morning " +
    "afternoon evening night congrats congratulations nice awesome excellent wonderful brilliant fair done deal " +
    "chair madam sir maam none nope yup true false both either neither counts thoughts questions comments item " +
    "opposed abstentions abstain carried motion minutes point agenda background context quick briefly like just " +
    "actually basically literally email call ping ask tell send check remind loop text message clerk chairman " +
    "chairwoman chairperson council committee board town city county staff public works mr mrs ms miss dr prof " +
    "professor doctor councilmember councillor councilor commissioner director senator judge officer sergeant captain coach " +
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen " +
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion " +
    "as or the a an not because with for on my her his our their your to at by in of if is was although probably"
  ).split(" "),
);

/** Replies that thank or acknowledge: the name they carry is the previous speaker's. */
const ACK =
  /^(?:(?:thanks|thank you|thank you so much|cheers|sure|yes|yeah|yep|okay|ok|right|agreed|fair enough|fair|got it|of course|no problem|good point|great|perfect|exactly|noted|totally|absolutely|sounds good|will do|understood)[,!.]?\s+)+$/i;

/** Evidence weights: a self-introduction is near certain, a greeting to one side fairly so. */
const SELF = 4;
const STRONG = 2;
const WEAK = 1;
const HALF = 0.5;
/** Speaking of someone in the third person, or addressing them, says the speaker is someone else. */
const NOT_ME = -1.5;
/** The least evidence that names a label, and how far the best name must lead the next. */
const MIN_SCORE = 2;
const LEAD = 2;

interface Turn {
  label: string | null;
  sentences: string[];
}

interface Mention {
  /** The words as said, titles dropped: "Raul Mendoza", "Mendoza", "May Lynn". */
  words: string[];
  titled: boolean;
}

const NAME_WORD = "\\p{Lu}[\\p{Ll}]+(?:[-'’]\\p{Lu}?[\\p{Ll}]+)*";
const TITLE_WORDS =
  "(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Doctor|Councilmember|Councillor|Councilor|Commissioner|Director|Senator|Judge|Officer|Sergeant|Captain|Coach|Madam)";
/** One to three capitalised words, optionally after a title: "Mr. Harold Fenwick", "Owen", "May Lynn". */
const MENTION_SOURCE = `(?:${TITLE_WORDS}\\.?\\s+)?${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}`;
/** Either case of a word's first letter: the name patterns are case-sensitive, the words around them not. */
const eitherCase = (words: string) =>
  words
    .split("|")
    .map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)
    .join("|");
const FILLERS = `(?:(?:${eitherCase("okay|ok|so|and|alright|right|great|good|um|uh|then|now|next|well|oh")})[,.]?\\s+)*`;
/** "Okay, Tobias, financials." / "Owen, do you…" / "Director Pryce." — a name opening a sentence and set off. */
const LEADING = new RegExp(`^(${FILLERS})(${MENTION_SOURCE})(?=\\s*(?:[,?!:—–-]|\\.?$))`, "u");
/** "…still front-loaded, Tobias." / "Thanks Grace." — a name closing a sentence. */
const TRAILING = new RegExp(
  `(\\b(?:${eitherCase("thanks|thank you")})\\s+|^|,\\s*)(${MENTION_SOURCE})\\s*[.?!]*$`,
  "u",
);
/** "I'm Tobias", "this is Jenny from finance", "my name is…", "myself, Nadia Petrenko", "Tobias here". */
const INTRO = new RegExp(
  `(?:^|[,;]\\s*|\\b(?:${eitherCase("hi|hello|hey|morning|afternoon|evening")})[,!]?\\s+)(?:${eitherCase("i'm|i’m|i am|this is|it's|my name is|myself,")})\\s+(${MENTION_SOURCE})(?=\\s*(?:[,.!;]|$|\\s+(?:from|with|on|at|here|and|speaking)\\b))`,
  "u",
);
const HERE = new RegExp(`^(?:${eitherCase("hi|hello|hey")})?[,!]?\\s*(${MENTION_SOURCE}) here\\b`, "u");
const ANY_MENTION = new RegExp(MENTION_SOURCE, "gu");

interface Vocative {
  raw: string;
  /** The words before the name: "Thanks, " says the name is the previous speaker's. */
  before: string;
  leading: boolean;
}

/** The name a sentence addresses, first at its start ("Owen, do you…"), else at its end ("…, Tobias."). */
function vocativeIn(s: string, resolves: (raw: string) => boolean): Vocative | null {
  const lead = LEADING.exec(s);
  // "Deborah's, um, thorough": a possessive or "is" is spoken of, never to.
  if (lead?.[2] && !/[’']s$/.test(lead[2]) && resolves(lead[2]))
    return { raw: lead[2], before: lead[1] ?? "", leading: true };
  const trail = TRAILING.exec(s);
  if (trail?.[2] && trail[1] && !/[’']s$/.test(trail[2]) && resolves(trail[2]))
    return { raw: trail[2], before: s.slice(0, trail.index + trail[1].length), leading: false };
  return null;
}

/** Short names sound alike by this key ("Maya", "Mia": "m"); only three sounds or more tell names apart. */
const distinctSound = (key: string) => key.length >= 3;

/** Sentences of a turn; "Mr. Fenwick" stays in one. */
function sentencesOf(text: string): string[] {
  const guarded = text.replace(/\b(Mr|Mrs|Ms|Dr|Prof|St)\./g, "$1");
  return guarded
    .split(/(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A mention's words, titles and a possessive dropped; null when a word is not a name ("Okay", "Noted"). */
function mentionOf(raw: string, strict: boolean, common: ReadonlySet<string>): Mention | null {
  const all = raw
    .replace(/[’']s$/, "")
    .split(/\s+/)
    .map((w) => w.replace(/\.$/, ""));
  const titled = all.length > 1 && TITLE.test(all[0] ?? "");
  const words = titled ? all.slice(1) : all;
  const parts = words.flatMap((w) => w.split(/[-'’]/));
  if (words.length === 0 || parts.some((x) => NOT_ADDRESSED.has(x.toLowerCase()))) return null;
  // "March-April" is two months, not a double-barrelled name.
  if (words.some((w) => /[-'’]/.test(w) && !w.split(/[-'’]/).every((x) => !/^\p{Lu}/u.test(x) || isNameWord(x))))
    return null;
  // Loosely, any capitalised words ("May Lynn"), matched later only against names already heard.
  if (!strict) return { words, titled };
  if (!words.every((w) => isNameWord(w) && !common.has(w.toLowerCase()))) return null;
  // An adverb opening a sentence ("Basically, …") looks like a name; a title or second word settles it.
  if (!titled && words.length === 1 && /ly$/.test(words[0] ?? "")) return null;
  return { words, titled };
}

/** The people heard: full names where given, each reachable by first name, surname or a sound-alike spelling. */
class Roster {
  readonly people: { words: string[] }[] = [];

  /** The person a mention names, adding a new one when `create` (a spelling heard only once is kept apart). */
  find(m: Mention, create: boolean): number | null {
    const words = m.words;
    const exact = this.people.findIndex((p) => p.words.join(" ") === words.join(" "));
    if (exact >= 0) return exact;
    if (words.length === 1) {
      const w = words[0]!;
      const hits = this.people.flatMap((p, i) =>
        p.words.includes(w) || (!m.titled && p.words.length > 1 && p.words[0] === w) ? [i] : [],
      );
      if (hits.length === 1) return hits[0]!;
      if (hits.length > 1) return null;
    } else {
      // "Raul Mendoza" after "Raul": the full name completes the person first heard by one name.
      const partial = this.people.flatMap((p, i) =>
        p.words.length === 1 &&
        words.every(isNameWord) &&
        (words[0] === p.words[0] || (words.length === 2 && words[1] === p.words[0]))
          ? [i]
          : [],
      );
      if (partial.length === 1) {
        this.people[partial[0]!]!.words = words;
        return partial[0]!;
      }
    }
    // Speech recognition spells one name two ways ("May Lynn", "Meilin"): same sound, one person.
    const key = soundKey(words.join(""));
    const alike = distinctSound(key)
      ? this.people.flatMap((p, i) => (soundKey(p.words.join("")) === key || soundKey(p.words[0]!) === key ? [i] : []))
      : [];
    if (alike.length === 1) return alike[0]!;
    if (!create || alike.length > 1) return null;
    this.people.push({ words });
    return this.people.length - 1;
  }

  /** The name to show: the fullest form heard. */
  display(i: number): string {
    return this.people[i]!.words.join(" ");
  }
}

/** Consecutive segments of one speaker make one turn; "the next speaker" is the next turn's. */
function turnsOf(segments: readonly Segment[]): Turn[] {
  const turns: Turn[] = [];
  for (const s of segments) {
    const last = turns.at(-1);
    if (last && last.label === s.speaker) last.sentences.push(...sentencesOf(s.text));
    else turns.push({ label: s.speaker, sentences: sentencesOf(s.text) });
  }
  return turns;
}

const isQuestionOrRequest = (s: string) =>
  /\?\s*$/.test(s) ||
  /\b(?:can you|could you|would you|will you|do you|you'll|you will|please|go ahead|your turn|over to you|want to)\b/i.test(
    s,
  );

/**
 * Who the anonymous speaker labels are, and who was heard. Pure: reads the words only. Labels that already
 * name someone are left alone and their names are never given to another label.
 */
export function speakerNaming(segments: readonly Segment[]): SpeakerNaming {
  const labels = [...new Set(segments.flatMap((s) => (s.speaker ? [s.speaker] : [])))];
  const anonymous = labels.filter(isAnonymousSpeaker);
  const known = labels.filter((l) => !isAnonymousSpeaker(l));
  const roster = new Roster();
  const score = new Map<string, Map<number, number>>();
  const said = new Map<string, Set<number>>();
  /** How surely each person is at the meeting: a roll call, an introduction or thanks count 2, a greeting 1. */
  const heard = new Map<number, number>();
  const hear = (p: number, w: number) => heard.set(p, (heard.get(p) ?? 0) + w);
  const talkedOf = new Map<number, number>();
  const add = (label: string | null, person: number | null, w: number) => {
    if (!label || person === null || !isAnonymousSpeaker(label)) return;
    const row = score.get(label) ?? new Map<number, number>();
    row.set(person, (row.get(person) ?? 0) + w);
    score.set(label, row);
  };
  const turns = turnsOf(segments);

  // Words the meeting mostly says in lower case ("see", "because", "parking") are words, not names.
  const lower = new Map<string, number>();
  const upper = new Map<string, number>();
  for (const turn of turns)
    for (const s of turn.sentences)
      for (const m of s.matchAll(/(?<=\S\s+)[\p{L}'’-]+/gu)) {
        const counts = /^\p{Ll}/u.test(m[0]) ? lower : upper;
        counts.set(m[0].toLowerCase(), (counts.get(m[0].toLowerCase()) ?? 0) + 1);
      }
  const common = new Set([...lower].filter(([w, n]) => n > (upper.get(w) ?? 0)).map(([w]) => w));
  // Names spoken of mid-sentence, by sound: "May Lynn?" addresses the "Meilin" talked about elsewhere.
  const spelled = new Map<string, Set<string>>();
  for (const turn of turns)
    for (const s of turn.sentences)
      for (const m of s.matchAll(new RegExp(`(?<=\\S\\s+)${NAME_WORD}`, "gu"))) {
        const w = m[0].replace(/[’']s$/, "");
        if (!isNameWord(w) || common.has(w.toLowerCase())) continue;
        const key = soundKey(w);
        spelled.set(key, (spelled.get(key) ?? new Set()).add(w));
      }
  /** The one word heard mid-sentence that sounds like these words together ("May Lynn" → "Meilin"), if one. */
  const oneWord = (words: string[]) => {
    const key = soundKey(words.join(""));
    const same = distinctSound(key) ? [...(spelled.get(key) ?? [])] : [];
    return same.length === 1 ? same[0]! : null;
  };
  // First pass: the names said in a way only names are said, so the second pass can trust them.
  const firm = (raw: string, create: boolean) => {
    const m = mentionOf(raw, true, common);
    if (!m) return null;
    const joined = m.words.length === 2 ? oneWord(m.words) : null;
    return roster.find(joined ? { words: [joined], titled: false } : m, create);
  };
  for (const turn of turns) {
    for (const s of turn.sentences) {
      const list = rollCall(s);
      if (list) for (const name of list) firm(name, true);
      const intro = INTRO.exec(s) ?? HERE.exec(s);
      if (intro?.[1] && !/\?\s*$/.test(s)) firm(intro[1], true);
      // A name said alone ("Noted.") is taken only with a title or a surname; one set off by a comma is.
      const v = vocativeIn(s, (raw) => mentionOf(raw, true, common) !== null);
      if (v && (!v.leading || /[,?!:—–-]/.test(s.charAt(v.before.length + v.raw.length)) || /\s/.test(v.raw)))
        firm(v.raw, true);
    }
  }
  for (const turn of turns) for (const s of turn.sentences) for (const m of s.matchAll(ANY_MENTION)) firm(m[0], false);
  const loose = (raw: string, create = true) => {
    const m = mentionOf(raw, false, common);
    if (!m) return null;
    const found = roster.find(m, false);
    if (found !== null || m.words.length > 2 || !create) return found;
    const joined = oneWord(m.words);
    return joined ? roster.find({ words: [joined], titled: false }, true) : null;
  };

  /** Who each sentence addresses; the same words said twice address the same way, so a map by text is enough. */
  const addressedIn = new Map<string, Set<number>>();
  for (let t = 0; t < turns.length; t++) {
    const turn = turns[t]!;
    const prev = turns[t - 1]?.label ?? null;
    const next = turns[t + 1]?.label ?? null;
    const n = turn.sentences.length;
    const mine = said.get(turn.label ?? "") ?? new Set<number>();
    if (turn.label) said.set(turn.label, mine);
    turn.sentences.forEach((s, i) => {
      const spoken = new Set<number>();
      addressedIn.set(s, spoken);
      const list = rollCall(s);
      if (list) {
        for (const name of list) {
          const p = loose(name);
          if (p !== null) hear(p, STRONG);
          if (p !== null) spoken.add(p);
        }
      } else {
        const intro = INTRO.exec(s) ?? HERE.exec(s);
        const self = intro?.[1] && !/\?\s*$/.test(s) ? loose(intro[1]) : null;
        if (self !== null) {
          add(turn.label, self, SELF);
          hear(self, STRONG);
        }
        const v = vocativeIn(s, (raw) => loose(raw) !== null);
        const person = v ? loose(v.raw) : null;
        const before = v?.before.replace(/[\s,]+$/, "") ?? "";
        const thanks = before !== "" && ACK.test(`${before} `);
        const alone = v !== null && !thanks && !/\p{L}/u.test(s.replace(v.raw, ""));
        // The last sentence, or the one before a last request ("Mr. Fenwick. Three minutes, please.").
        const last = i === n - 1 || (i === n - 2 && isQuestionOrRequest(turn.sentences[n - 1]!));
        // A name alone mid-turn is a heading ("Dalton Grocers."), not someone addressed.
        if (v && person !== null && person !== self && (last || !alone)) {
          spoken.add(person);
          // "Downstairs?" said alone may be no name; "Bruno, can you…" or "Thanks, Bruno" surely is.
          hear(person, alone && !mentionOf(v.raw, false, common)?.titled ? WEAK : STRONG);
          if (thanks) {
            add(prev, person, STRONG);
          } else if (last && (isQuestionOrRequest(turn.sentences.slice(i).join(" ")) || v.leading)) {
            add(next, person, STRONG);
          } else if (i === 0 && !v.leading) {
            // "That's too early to say, Kofi." answers the one who just spoke.
            add(prev, person, STRONG);
          } else if (i === 0) {
            add(prev, person, WEAK);
            add(next, person, HALF);
          } else {
            add(next, person, WEAK);
            add(prev, person, HALF);
          }
        }
      }
    });
  }
  // Whoever names someone, to them or of them, is not that person; read once every spelling is known.
  for (const turn of turns) {
    const mine = said.get(turn.label ?? "") ?? new Set<number>();
    if (turn.label) said.set(turn.label, mine);
    for (const s of turn.sentences) {
      const spoken = addressedIn.get(s) ?? new Set<number>();
      for (const m of s.matchAll(ANY_MENTION)) {
        // "Then Anneliese takes…": a sentence's first word may be capitalised only for opening it.
        const words = m[0].split(/\s+/);
        const p = loose(m[0], false) ?? (words.length > 1 ? loose(words.slice(1).join(" "), false) : null);
        if (p === null) continue;
        if (!spoken.has(p)) talkedOf.set(p, (talkedOf.get(p) ?? 0) + 1);
        mine.add(p);
      }
      for (const p of spoken) mine.add(p);
    }
  }
  for (const [label, people] of said) for (const p of people) add(label, p, NOT_ME);
  // Being talked about corroborates a name once addressed, but alone does not put anyone in the room.
  for (const [p, n] of talkedOf) if (heard.has(p)) hear(p, Math.min(WEAK, HALF * n));

  // Names that already label a speaker are taken.
  const taken = new Set(
    known.map((l) => roster.find({ words: l.replace(/\s*\(.*\)\s*$/, "").split(/\s+/), titled: false }, false)),
  );
  const names = new Map<string, string>();
  const free = new Set(anonymous);
  // A word addressed once ("Downstairs?") may be no name: a name is heard twice, or thanked, or introduced.
  const open = new Set([...heard].filter(([p, w]) => w >= STRONG && !taken.has(p)).map(([p]) => p));
  const at = (label: string, p: number) => score.get(label)?.get(p) ?? 0;
  const rejected = new Set<string>();
  for (;;) {
    let best: { label: string; p: number; s: number } | null = null;
    for (const label of free)
      for (const p of open) {
        const s = at(label, p);
        if (s >= MIN_SCORE && !rejected.has(`${label}\u0000${p}`) && (!best || s > best.s)) best = { label, p, s };
      }
    if (!best) break;
    const { label, p, s } = best;
    const rival = Math.max(
      0,
      ...[...open].filter((q) => q !== p).map((q) => at(label, q)),
      ...[...free].filter((l) => l !== label).map((l) => at(l, p)),
    );
    if (s < LEAD * rival) {
      rejected.add(`${label}\u0000${p}`);
      continue;
    }
    names.set(label, roster.display(p));
    free.delete(label);
    open.delete(p);
  }
  // One label and one surely present name left, with nothing against them: they are each other.
  const present = [...open];
  if (free.size === 1 && present.length === 1) {
    const label = [...free][0]!;
    const p = present[0]!;
    if (at(label, p) >= 0 && !said.get(label)?.has(p)) {
      names.set(label, roster.display(p));
      open.delete(p);
    }
  }
  const named = new Set(names.values());
  const attendees = [...heard]
    .filter(([p, w]) => w >= STRONG || named.has(roster.display(p)))
    .map(([p]) => roster.display(p));
  return { names, attendees };
}

/** "Stefan, Aisha, Owen, Ravi, you're all here" / "Maya, Henri, Patricia and Sam": three or more names in a row. */
function rollCall(sentence: string): string[] | null {
  const m = new RegExp(`(${NAME_WORD})((?:,\\s*${NAME_WORD}){1,}(?:,?\\s+and\\s+${NAME_WORD})?)`, "u").exec(sentence);
  if (!m) return null;
  const names = m[0].split(/,\s*|\s+and\s+/).map((w) => w.trim());
  if (names.length < 3 || !names.every((w) => isNameWord(w) && !NOT_ADDRESSED.has(w.toLowerCase()))) return null;
  return names;
}

/** Anonymous label → name, where the conversation makes it clear (see `speakerNaming`). */
export function nameSpeakers(segments: readonly Segment[]): Map<string, string> {
  return speakerNaming(segments).names;
}

/** The segments with anonymous labels replaced by the names found; a label with no clear name stays. */
export function withSpeakerNames(segments: readonly Segment[], names: ReadonlyMap<string, string>): Segment[] {
  return segments.map((s) => (s.speaker && names.has(s.speaker) ? { ...s, speaker: names.get(s.speaker)! } : s));
}
