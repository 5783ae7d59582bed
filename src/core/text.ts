// Small text helpers the notes, the messages and the web app share.

/** "Sentence case" for a word or a code: "ad-hoc" → "Ad-hoc", "open" → "Open". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text on one line: line breaks and the spaces around them become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").trim();
}

/** "20,000": a count as people read it in a message. */
export function formatCount(n: number): string {
  return n.toLocaleString("en");
}
