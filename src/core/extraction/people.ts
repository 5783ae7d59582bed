/**
 * Who is in the meeting, so that "Priya, can you…" and "as the industrial designer, you'll…" resolve to a
 * person. Names come from the transcript's speaker labels and from the attendee list when one is given;
 * a capitalised word is only taken for a new name where the grammar leaves no doubt ("Kenji, could you…").
 */

/** Capitalised words that open sentences or name things, never people addressed in a meeting. */
const NOT_NAMES = new Set(
  (
    "i okay ok so yes yeah yep no right well sure great cool good thanks thank sorry hey hi hello alright also and but " +
    "then now please maybe actually honestly look listen wait guys everyone everybody team folks all someone somebody " +
    "anyone anybody nobody we you they it this that there here what who why how when where which monday tuesday " +
    "wednesday thursday friday saturday sunday january february march april may june july august september october " +
    "november december product engineering sales marketing legal finance design security support data platform mobile " +
    "infra ops devops qa eng exec leadership customer customers google slack salesforce zoom teams jira github aws " +
    "azure gcp ios android api sdk sso saml q1 q2 q3 q4 vp cto ceo cfo pm em mr ms mrs dr mm mmm um uh er erm hmm ah " +
    "oh uhm huh wow yay oops whoa ooh"
  ).split(" "),
);

/** Nouns every role label ends in: they do not tell one role from another. */
const GENERIC_ROLE_NOUNS = new Set([
  "designer",
  "manager",
  "expert",
  "engineer",
  "lead",
  "owner",
  "director",
  "officer",
  "head",
  "member",
]);

/** Speaker labels that say nothing of who is speaking ("Speaker 1", "Unknown"). */
const ANONYMOUS = /^(?:speaker|spk|participant|unknown|guest|user)\b/i;

/**
 * Whether a speaker label is a diarization number or letter ("Speaker A", "Speaker 0", "spk_1", "Unknown"):
 * stricter than `ANONYMOUS`, so a role label ("User Interface Designer") is never renamed.
 */
export function isAnonymousSpeaker(label: string): boolean {
  return /^(?:speaker|spk|participant|unknown|guest|user)(?:[\s_#-]*(?:\d+|[a-z]))?$/i.test(label.trim());
}

/**
 * Roles said as letters ("the AE", "our CFO"): too short for the distinctive-word rule, and matched as whole
 * words so "ae" never matches "aerial". Not "am", "pm", "em": they are "I am", "3 pm" and a hesitation.
 */
const ROLE_ACRONYMS = new Set("ae se sdr bdr csm tpm cfo ceo cto coo cmo cro cpo ciso vp qa hr".split(" "));

/** An attendee's role given beside the name: "Tobias Wren (CFO)". */
const WITH_ROLE = /^(.+?)\s*\(([^()]+)\)\s*$/;

export class People {
  private readonly byFirstName = new Map<string, string>();
  private readonly roles: { words: string[]; label: string }[] = [];
  private compiled: RolePatterns[] = [];
  private compiledFor = -1;
  private readonly labels = new Set<string>();

  /** Attendees by name, each with a role in brackets where one is known ("Tobias Wren (CFO)"). */
  constructor(attendees: readonly string[] = []) {
    for (const a of attendees) {
      const withRole = WITH_ROLE.exec(a);
      if (!withRole?.[1] || !withRole[2]) {
        this.addName(a);
        continue;
      }
      // The role names the person, not the "Name (Role)" string: owners stay names.
      const name = withRole[1].trim();
      this.addName(name);
      this.roles.push({ words: roleWords(withRole[2]), label: name });
    }
  }

  /** Records a speaker label the first time it is heard. */
  addSpeaker(label: string | null): void {
    if (!label || this.labels.has(label)) return;
    this.labels.add(label);
    if (ANONYMOUS.test(label)) return;
    this.addName(label);
    const words = roleWords(label);
    // Multi-word labels may be roles ("Industrial Designer", "Project Manager"), addressed by role.
    if (words.length >= 2) this.roles.push({ words, label });
  }

  private addName(name: string): void {
    const first = name.trim().split(/\s+/)[0]?.replace(/^@/, "");
    if (!first) return;
    const key = first.toLowerCase();
    if (!this.byFirstName.has(key)) this.byFirstName.set(key, name.trim());
  }

  /**
   * The known person a word names, as the transcript labels them. Speech recognition spells a name two ways
   * ("Sinead", "Shinade"): a capitalised word that sounds like, or is one letter off, exactly one known
   * name is that person.
   */
  lookup(word: string): string | null {
    const bare = word.replace(/^@/, "").replace(/['’]s$/, "");
    return this.byFirstName.get(bare.toLowerCase()) ?? this.alike(bare);
  }

  private alike(word: string): string | null {
    if (word.length < 4 || !isNameWord(word)) return null;
    const key = soundKey(word);
    const lower = word.toLowerCase();
    const hits = new Set<string>();
    for (const [first, name] of this.byFirstName) {
      if (first.length < 4 || first[0] !== lower[0]) continue;
      const sounds = key.length >= 3 && soundKey(first) === key;
      const typo = Math.min(first.length, lower.length) >= 5 && editDistance(first, lower) <= 1;
      if (sounds || typo) hits.add(name);
    }
    return hits.size === 1 ? [...hits][0]! : null;
  }

  /** A known name, or a capitalised word the grammar marks as a person (see `isNameCandidate`). */
  resolveName(word: string, grammarSaysPerson: boolean): string | null {
    const known = this.lookup(word);
    if (known) return known;
    if (grammarSaysPerson && isNameCandidate(word)) {
      this.addName(word);
      return word;
    }
    return null;
  }

  /** Words of a role label that no other role shares ("industrial", not "designer"; "cfo"). */
  private distinctive(role: { words: string[] }): string[] {
    return role.words.filter(
      (w) =>
        (w.length > 3 || ROLE_ACRONYMS.has(w)) &&
        !GENERIC_ROLE_NOUNS.has(w) &&
        !this.roles.some((r) => r !== role && r.words.includes(w)),
    );
  }

  /** "the industrial designer", "marketing", "user interface", "our CFO" → the person holding that role. */
  findRole(lowerText: string): string | null {
    let best: { label: string; hits: number } | null = null;
    for (const { label, words } of this.rolePatterns()) {
      const hits = words.filter((w) => w.test(lowerText)).length;
      if (hits > 0 && (!best || hits > best.hits)) best = { label, hits };
    }
    return best?.label ?? null;
  }

  /** "User Interface Designer gonna be thinking about…": a task handed to a role. Returns the role and the task. */
  findRoleAssignment(lowerText: string): { label: string; task: string } | null {
    for (const { label, assignment } of this.rolePatterns()) {
      const m = assignment?.exec(lowerText);
      if (m?.[1]) return { label, task: m[1] };
    }
    return null;
  }

  /** Each role's patterns, compiled once for the roles known so far (every sentence is read against them). */
  private rolePatterns(): RolePatterns[] {
    if (this.compiledFor === this.roles.length) return this.compiled;
    this.compiled = this.roles.map((role) => {
      const distinctive = this.distinctive(role);
      const words = distinctive.map((w) => new RegExp(`\\b${w}${ROLE_ACRONYMS.has(w) ? "\\b" : ""}`));
      if (distinctive.length === 0) return { label: role.label, words, assignment: null };
      const assignment = new RegExp(
        `\\b(?:${distinctive.join("|")})\\b[^.?!]{0,25}?\\b(?:you're gonna|you are gonna|you're going to|you'll|you will|is gonna|gonna|is going to|going to|will|has to|needs to|should)\\s+(?:be\\s+)?(.*)$`,
      );
      return { label: role.label, words, assignment };
    });
    this.compiledFor = this.roles.length;
    return this.compiled;
  }

  /** "Priya" and "Priya Shah" are one person: labels and attendee names are compared by first name. */
  same(a: string | null, b: string | null): boolean {
    if (!a || !b) return false;
    return firstNameOf(a) === firstNameOf(b);
  }

  get speakers(): readonly string[] {
    return [...this.labels];
  }
}

/** A role's patterns: each distinctive word of its label, and its label followed by a task ("marketing will…"). */
interface RolePatterns {
  label: string;
  words: RegExp[];
  assignment: RegExp | null;
}

/** "@Priya Shah " → "priya". */
function firstNameOf(label: string): string {
  const first = /^\s*@?(\S*)/.exec(label)?.[1] ?? "";
  return first.toLowerCase();
}

export function isNameCandidate(word: string): boolean {
  return (
    /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(word) && /[aeiouyà-ÿ]/i.test(word) && !NOT_NAMES.has(word.toLowerCase())
  );
}

/** A capitalised word that may be a name, accents and "O'Rourke" included: not a common word or month. */
export function isNameWord(word: string): boolean {
  return (
    /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u.test(word) &&
    /[aeiouyà-ÿ]/i.test(word) &&
    !NOT_NAMES.has(word.toLowerCase())
  );
}

/**
 * How a name sounds, roughly: speech recognition writes "Sinead" as "Shinade" and "Meilin" as "May Lynn".
 * The first letter and the consonants, spellings of one sound made one ("sh"→"s", "ph"→"f"), doubles
 * collapsed; vowels dropped after the first letter.
 */
export function soundKey(name: string): string {
  const plain = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  const folded = plain
    .replace(/sh|sch/g, "s")
    .replace(/ph/g, "f")
    .replace(/ck|q/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/z/g, "s")
    .replace(/(?<=.)h/g, "")
    .replace(/(.)\1+/g, "$1");
  return (folded[0] ?? "") + folded.slice(1).replace(/[aeiouy]/g, "");
}

/** Only letters count as role words: "Ana (Eng Lead)" must not put "(eng" into a pattern. */
function roleWords(label: string): string[] {
  return label
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** Levenshtein distance, for names one letter apart ("Katarina", "Katharina"). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
