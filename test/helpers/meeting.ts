// Factories the tests share: the built-in templates, their seed examples, and short conversations as segments.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { extractItems } from "../../src/core/extraction/extract-items.js";
import type { ExtractorOptions } from "../../src/core/extraction/extractor.js";
import type { Item, ItemKind } from "../../src/core/item.js";
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

/**
 * Reading short conversations with one test file's defaults (template, meeting date, attendees); each call may
 * override them. `single` asserts that exactly one item of the kind came out.
 */
export function conversationReader(defaults: ExtractorOptions) {
  const extract = (lines: Line[], options: ExtractorOptions = {}) =>
    extractItems(segmentsOf(lines), { ...defaults, ...options });
  const ofKind = (lines: Line[], kind: ItemKind, options: ExtractorOptions = {}): Item[] =>
    extract(lines, options).items.filter((i) => i.kind === kind);
  const single = (lines: Line[], kind: ItemKind, options: ExtractorOptions = {}): Item => {
    const items = ofKind(lines, kind, options);
    expect(items.map((i) => i.text)).toHaveLength(1);
    return items[0] as Item;
  };
  return { extract, ofKind, single };
}
