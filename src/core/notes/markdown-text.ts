// What people said goes into the Markdown notes as text, never as markup: a Markdown viewer passes raw HTML
// through (`<img onerror=…>`, `</script>`) and makes links of `[x](javascript:…)`, so user text is escaped here.

/** ASCII punctuation that starts markup inside a line: emphasis, code, links and images, raw HTML, entities
 * (not "~": a strikethrough is harmless, and "~40%" is common). */
const INLINE_MARKUP = /[\\`*_[\]<>&]/g;

/** User text as literal Markdown: every markup character backslash-escaped (CommonMark shows it as it is). */
export function escapeMarkdown(text: string): string {
  // A "#" opening a line of a multi-line text would make a heading.
  return text.replace(INLINE_MARKUP, "\\$&").replace(/^([ \t]*)#/gm, "$1\\#");
}
