import type { Segment } from "../segment.js";
import type { Template } from "../template/template.js";

/**
 * Picks the template a transcript most likely follows when the user did not say: each template scores the
 * distinctive words of its sections (column labels and aliases, section titles) that the meeting uses.
 * Ties and silence go to the fallback.
 */
export function suggestTemplate(
  segments: readonly Segment[],
  templates: readonly Template[],
  fallback: string,
): string {
  const text = segments
    .map((s) => s.text)
    .join(" ")
    .toLowerCase();
  let best = { id: fallback, score: 0 };
  for (const template of templates) {
    const phrases = new Set<string>();
    for (const section of template.sections) {
      if (["decisions", "actions", "details", "notes", "questions"].includes(section.kind)) continue;
      phrases.add(section.title.toLowerCase());
      for (const c of section.columns ?? []) {
        if (["owner", "text", "status", "team", "due", "mitigation"].includes(c.id)) continue;
        phrases.add(
          c.label
            .toLowerCase()
            .replace(/\(.*?\)/g, "")
            .trim(),
        );
        for (const a of c.aliases ?? []) phrases.add(a.toLowerCase());
      }
    }
    let score = 0;
    for (const phrase of phrases) {
      if (phrase.length < 4) continue;
      const hits = text.split(phrase).length - 1;
      score += Math.min(hits, 5);
    }
    if (score > best.score + 2) best = { id: template.id, score };
  }
  return best.id;
}
