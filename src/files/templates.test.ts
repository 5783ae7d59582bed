import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TemplateError } from "../core/errors.js";
import { renderNotesMarkdown } from "../core/notes/render-markdown.js";
import { builtinTemplatesDir, loadTemplateExample, loadTemplates } from "./templates.js";

function template(id: string, name = "A sync"): Record<string, unknown> {
  return {
    id,
    name,
    purpose: "Testing",
    durationMinutes: 30,
    cadence: "weekly",
    howToRun: [],
    beforeMeeting: [],
    sections: [{ id: "decisions", title: "Decisions", kind: "decisions", description: "" }],
    followUp: { text: "", rules: [] },
  };
}

let root: string;
let builtinDir: string;
let userDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "docket-templates-"));
  builtinDir = join(root, "builtin");
  userDir = join(root, "user");
  await mkdir(builtinDir);
  await mkdir(userDir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(dir: string, name: string, content: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

async function failure(promise: Promise<unknown>): Promise<TemplateError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TemplateError)) throw new Error(`expected a TemplateError, got ${String(error)}`);
  return error;
}

describe("loadTemplates", () => {
  it("loads every *.json in the folders, keyed by id, built-in ones first", async () => {
    await write(builtinDir, "b.json", template("beta"));
    await write(builtinDir, "a.json", template("alpha"));
    await write(builtinDir, "notes.txt", "not a template");
    await mkdir(join(builtinDir, "examples"));
    await write(join(builtinDir, "examples"), "alpha.example.json", { not: "a template" });
    await write(userDir, "mine.json", template("mine"));
    const templates = await loadTemplates({ builtinDir, userDir });
    expect([...templates.keys()]).toEqual(["alpha", "beta", "mine"]);
    expect(templates.get("mine")?.preReadHours).toBe(24);
  });

  it("names the file and the line of a JSON syntax error", async () => {
    const file = await write(builtinDir, "broken.json", '{\n  "id": "broken",\n  "name": "x"\n  "purpose": "y"\n}');
    const error = await failure(loadTemplates({ builtinDir }));
    expect(error.message).toBe(
      `${file}: invalid JSON at line 4, column 3: expected "," or "}" after a value, found "\\""`,
    );
  });

  it("names the file and the field of a template that does not validate", async () => {
    const file = await write(userDir, "mine.json", { ...template("mine"), cadence: "daily" });
    const error = await failure(loadTemplates({ builtinDir, userDir }));
    expect(error).toMatchObject({ file, problem: { path: "cadence" } });
    expect(error.message).toBe(`${file}: cadence: must be one of weekly, biweekly, monthly, ad-hoc; got "daily"`);
  });

  it("rejects two files with the same id, naming both", async () => {
    const first = await write(builtinDir, "one.json", template("same"));
    const second = await write(builtinDir, "two.json", template("same"));
    const error = await failure(loadTemplates({ builtinDir }));
    expect(error.message).toBe(`${second}: id: "same" is also the id of ${first}; template ids must be unique`);
  });

  it("does not let a user template replace a built-in one", async () => {
    const builtin = await write(builtinDir, "team-sync.json", template("team-sync"));
    const mine = await write(userDir, "my-team.json", template("team-sync", "My own team sync"));
    const error = await failure(loadTemplates({ builtinDir, userDir }));
    expect(error.message).toBe(
      `${mine}: id: "team-sync" is the id of a built-in template (${builtin}); give your template another id`,
    );
  });

  it("rejects a user folder that does not exist", async () => {
    const missing = join(root, "nowhere");
    const error = await failure(loadTemplates({ builtinDir, userDir: missing }));
    expect(error.message).toBe(`${missing}: no such folder`);
  });

  it("loads an empty user folder", async () => {
    await write(builtinDir, "a.json", template("alpha"));
    expect([...(await loadTemplates({ builtinDir, userDir })).keys()]).toEqual(["alpha"]);
  });
});

describe("the built-in templates", () => {
  it("are found at the package root and all load", async () => {
    const dir = builtinTemplatesDir();
    expect(JSON.parse(await readFile(join(dir, "team-sync.json"), "utf8")).id).toBe("team-sync");
    const templates = await loadTemplates({ builtinDir: dir });
    expect([...templates.keys()]).toEqual(["engineering-leadership-sync", "product-engineering-sync", "team-sync"]);
  });

  it("come with the seeds' examples, which render", async () => {
    const templates = await loadTemplates({ builtinDir: builtinTemplatesDir() });
    for (const id of ["engineering-leadership-sync", "product-engineering-sync"]) {
      const template = templates.get(id);
      if (!template) throw new Error(`missing ${id}`);
      const notes = await loadTemplateExample(template);
      expect(notes?.items.length).toBeGreaterThan(0);
      expect(renderNotesMarkdown(notes!)).toContain("| Owner | Action | Due Date | Status |");
    }
  });

  it("have no example for a template without one", async () => {
    const templates = await loadTemplates({ builtinDir: builtinTemplatesDir() });
    expect(await loadTemplateExample(templates.get("team-sync")!)).toBeNull();
  });
});
