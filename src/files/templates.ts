import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { TemplateError } from "../core/errors.js";
import type { MeetingNotes } from "../core/notes/meeting-notes.js";
import { parseNotesExample } from "../core/notes/parse-notes-example.js";
import { parseJsonText } from "../core/template/parse-json-text.js";
import type { Template } from "../core/template/template.js";
import { parseTemplate } from "../core/template/validate-template.js";
import { packageRoot } from "./package-root.js";

export interface LoadTemplatesOptions {
  /** The templates that ship with Docket: `builtinTemplatesDir()`. */
  builtinDir: string;
  /** A folder of the user's own templates; it must exist when given. */
  userDir?: string;
}

/** `templates/` at the package root. */
export function builtinTemplatesDir(): string {
  return join(packageRoot(), "templates");
}

/**
 * Every `*.json` template in the built-in folder, then in the user's folder, keyed by id.
 * A duplicate id is an error naming both files: a user template may not replace a built-in one silently.
 */
export async function loadTemplates(options: LoadTemplatesOptions): Promise<Map<string, Template>> {
  const templates = new Map<string, Template>();
  const files = new Map<string, string>();
  const folders: { dir: string; builtin: boolean }[] = [{ dir: options.builtinDir, builtin: true }];
  if (options.userDir !== undefined) folders.push({ dir: options.userDir, builtin: false });
  for (const { dir, builtin } of folders) {
    for (const file of await listJsonFiles(dir)) {
      const template = parseTemplate(parseJsonText(await readFile(file, "utf8"), file), file);
      const earlier = files.get(template.id);
      if (earlier !== undefined) {
        const problem = builtin
          ? `"${template.id}" is also the id of ${earlier}; template ids must be unique`
          : `"${template.id}" is the id of a built-in template (${earlier}); give your template another id`;
        throw new TemplateError(file, { path: "id", message: problem });
      }
      templates.set(template.id, template);
      files.set(template.id, file);
    }
  }
  return templates;
}

/** The filled-in example of a template (`examples/<id>.example.json` beside the templates), or null if none. */
export async function loadTemplateExample(
  template: Template,
  dir: string = builtinTemplatesDir(),
): Promise<MeetingNotes | null> {
  const file = join(dir, "examples", `${template.id}.example.json`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isErrorCode(error, "ENOENT")) return null;
    throw error;
  }
  return parseNotesExample(parseJsonText(text, file), template, file);
}

/** The folder's `*.json` files in name order, so loading is the same on every machine. */
async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
      .map((entry) => entry.name)
      .sort()
      .map((name) => join(dir, name));
  } catch (error) {
    if (isErrorCode(error, "ENOENT")) throw new TemplateError(dir, { path: "", message: "no such folder" });
    if (isErrorCode(error, "ENOTDIR"))
      throw new TemplateError(dir, { path: "", message: "is a file, not a folder of templates" });
    throw error;
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
