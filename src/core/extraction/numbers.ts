/**
 * Spelled-out numbers as speech-to-text writes them ("eighty-four", "a hundred and twenty", "twenty-eighth")
 * turned into digits, so every later rule deals with one spelling. Small and allocation-light on purpose:
 * it runs on every segment of a live meeting.
 */
const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINAL_UNITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const ORDINAL_TENS: Record<string, number> = { twentieth: 20, thirtieth: 30 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000 };

const NUMBER_WORDS = [
  ...Object.keys(UNITS),
  ...Object.keys(TENS),
  ...Object.keys(ORDINAL_UNITS),
  ...Object.keys(ORDINAL_TENS),
  ...Object.keys(SCALES),
].join("|");
/** Whether the text may hold a spelled number, or a decimal said aloud ("1 point 5"), at all. */
const NUMBER_HINT = new RegExp(`${NUMBER_WORDS}|\\d point `, "i");
const NUMBER_WORD = new RegExp(`\\b(?:a |an )?(?:${NUMBER_WORDS})(?:(?:[- ]|,? and )(?:${NUMBER_WORDS}))*\\b`, "gi");

function suffixOf(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}

/** Parses a run of number words; returns null when the words do not form one number. */
export function parseNumberWords(phrase: string): { value: number; ordinal: boolean } | null {
  const words = phrase
    .toLowerCase()
    .replace(/,/g, " ")
    .split(/[\s-]+/)
    .filter((w) => w && w !== "and");
  if (words[0] === "a" || words[0] === "an") words[0] = "one";
  let total = 0;
  let current = 0;
  let ordinal = false;
  let last: "unit" | "ten" | "scale" | null = null;
  for (const w of words) {
    if (ordinal) return null; // an ordinal ends a number
    const unit = UNITS[w] ?? ORDINAL_UNITS[w];
    const ten = TENS[w] ?? ORDINAL_TENS[w];
    if (unit !== undefined) {
      if (last === "unit") return null; // "two three" is two numbers
      current += unit;
      last = "unit";
      ordinal = w in ORDINAL_UNITS;
    } else if (ten !== undefined) {
      if (last === "unit" || last === "ten") return null;
      current += ten;
      last = "ten";
      ordinal = w in ORDINAL_TENS;
    } else {
      const scale = SCALES[w];
      if (scale === undefined) return null;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      last = "scale";
    }
  }
  return { value: total + current, ordinal };
}

/**
 * Rewrites spelled numbers as digits: "eighty-four points" → "84 points", "the twenty-eighth" → "the 28th".
 * Lone "one"/"a"/"first"/"second" stay words: they are far more often pronouns, articles or adverbs.
 */
export function digitizeNumbers(text: string): string {
  // Most sentences have no number word: one quick look spares them the full pattern below.
  if (!NUMBER_HINT.test(text)) return text;
  return digitizeWords(text).replace(
    DECIMAL,
    (_, whole: string, tenths: string) => `${whole.toLowerCase() === "one" ? "1" : whole}.${tenths}`,
  );
}

/** "1 point 5", "one point 5" (a lone "one" stays a word until here): a decimal said aloud. */
const DECIMAL = /\b(\d+|one) point (\d)\b/gi;

function digitizeWords(text: string): string {
  return text.replace(NUMBER_WORD, (match) => {
    const lower = match.toLowerCase().trim();
    if (/^(?:a|an)\s/.test(lower) && !/hundred|thousand/.test(lower)) return match;
    if (/^(?:one|first|second)$/.test(lower)) return match;
    const parsed = parseNumberWords(lower);
    if (!parsed) {
      // "ten and twelve" is two numbers joined by "and": write each one.
      const parts = match.split(/(,? and )/i);
      return parts.length > 1 ? parts.map((p, i) => (i % 2 ? p : digitizeWords(p))).join("") : match;
    }
    return parsed.ordinal ? `${parsed.value}${suffixOf(parsed.value)}` : String(parsed.value);
  });
}
