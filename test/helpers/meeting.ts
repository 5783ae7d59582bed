// Factories the tests share: the built-in templates, their seed examples, and short conversations as segments.
import { readFileSync } from "node:fs";
import type { MeetingNotes } from "../../src/core/notes/meeting-notes.js";
import { parseNotesExample } from "../../src/core/notes/parse-notes-example.js";
import type { Segment } from "../../src/core/segment.js";
import type { Template } from "../../src/core/template/template.js";
import { parseTemplate } from "../../src/core/template/validate-template.js";

const templatesUrl = new URL("../../templates/", import.meta.url);

/** A built-in template, read and validated as the CLI does. */
export function builtinTemplate(id: string): Template {
  return parseTemplate(JSON.parse(readFileSync(new URL(`${id}.json`, templatesUrl), "utf8")), `${id}.json`);
}

/** The seed's filled-in example of a built-in template, as notes. */
export function seedNotes(id: string): MeetingNotes {
  const file = new URL(`examples/${id}.example.json`, templatesUrl);
  return parseNotesExample(JSON.parse(readFileSync(file, "utf8")), builtinTemplate(id), `${id}.example.json`);
}

/** One line of a conversation: who said it (null when the transcript does not say) and what. */
export type Line = [speaker: string | null, text: string];

/** A conversation as segments, ten seconds apart. */
export function segmentsOf(lines: readonly Line[]): Segment[] {
  return lines.map(([speaker, text], i) => ({ id: `s${i + 1}`, speaker, text, start: i * 10, end: i * 10 + 8 }));
}
