const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The text of HTML-escaped text: "&lt;b&gt; &amp; co" → "<b> & co". */
function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A search headline: escaped text with <mark>…</mark> around the matched words. Rendered as text nodes and
 * <mark> elements, so nothing in it is ever read as HTML.
 */
export function MarkedText({ html }: { html: string }) {
  const parts: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/i)) {
    const tag = piece.toLowerCase();
    if (tag === "<mark>") marked = true;
    else if (tag === "</mark>") marked = false;
    else if (piece) parts.push({ text: unescapeHtml(piece), marked });
  }
  return (
    <>
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts are a fixed split of one string
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

/** The plain text of a headline: the marks taken out and the escapes undone. */
function headlineText(html: string): string {
  return unescapeHtml(html.replace(/<\/?mark>/gi, ""));
}

/**
 * A decision's search headline is its text, then " — " and its rationale when it has one. Splits it back into the
 * two, each keeping its marks; a headline that does not end with the rationale is all text.
 */
export function splitHeadline(html: string, rationale: string | null): { text: string; rationale: string | null } {
  if (!rationale) return { text: html, rationale: null };
  const separator = " — ";
  for (let at = html.lastIndexOf(separator); at >= 0; at = html.lastIndexOf(separator, at - 1)) {
    const tail = html.slice(at + separator.length);
    if (headlineText(tail).trim() === rationale.trim()) return { text: html.slice(0, at), rationale: tail };
    if (at === 0) break;
  }
  return { text: html, rationale: null };
}
