const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  lrm: "",
  rlm: "",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

// Bounded repetition, so a long run of "&" or "#" cannot make this slow.
const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g;

/** Decodes the HTML entities caption files use (`&amp;`, `&nbsp;`, `&#39;`, `&#x2019;`); unknown ones stay. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body.startsWith("#")) {
      const hex = body[1] === "x" || body[1] === "X";
      const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Whitespace other than a single inner space: most caption text has none, and then trim() is all it needs.
const UNTIDY_WHITESPACE = /[^\S ]| {2}/;

/** Trims and turns every run of whitespace (newlines, tabs, no-break spaces) into one space. */
export function collapseWhitespace(text: string): string {
  return UNTIDY_WHITESPACE.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
}
