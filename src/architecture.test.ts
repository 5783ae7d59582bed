// The dependency rules (docs/architecture.md). src/core is pure: it imports nothing from the edges, no Node
// built-in and only packages known to be pure; it reads no clock, no randomness, no environment. The wire
// (src/api) depends on the core alone, and the web app on the wire and the core alone. Between the other
// edges: only src/store talks to the database (drizzle, SQL, the schema's tables); the store is below the live
// room, the follow-up and the server and imports none of them; the live room imports nothing of the server; an
// integration imports neither the server nor the live room; only the CLI's entry point reads the environment.
// Files are read as syntax trees, so a comment or a string that mentions Date.now() is not a finding.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));
const CORE = join(SRC, "core");
const API = join(SRC, "api");
const WEB = join(SRC, "..", "web", "src");

/** Packages the core may import: they do no I/O and read no clock or randomness when given their inputs. */
const PURE_PACKAGES = new Set(["zod", "chrono-node"]);

/** Globals whose every property is off limits to the core, and why. */
const FORBIDDEN_OBJECTS: Record<string, string> = {
  process: "reads the process (environment, arguments, streams): only entry points do",
  performance: "reads the clock: pass times in",
  crypto: "reads randomness: pass ids in",
};

/** Global functions the core must not call, and why. */
const FORBIDDEN_CALLS: Record<string, string> = {
  fetch: "is network I/O: it belongs in an edge",
  setTimeout: "schedules on the clock: it belongs in an edge",
  setInterval: "schedules on the clock: it belongs in an edge",
};

/** Why the core may not import `specifier` (from `file`), or null if it may. */
function importProblem(specifier: string, file: string): string | null {
  if (specifier.startsWith(".")) {
    const target = resolve(dirname(file), specifier);
    if (target === CORE || target.startsWith(CORE + sep)) return null;
    return `imports "${specifier}" (${relative(SRC, target)}), outside src/core: the core depends on no edge`;
  }
  const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
  if (specifier.startsWith("node:") || builtinModules.includes(name ?? "")) {
    return `imports the Node built-in "${specifier}": I/O belongs in the edges`;
  }
  if (name && PURE_PACKAGES.has(name)) return null;
  return `imports "${specifier}", not a package known to be pure (add it to PURE_PACKAGES only if it does no I/O)`;
}

/** A module reference: an import, `export … from`, `import()`, `require()` or an `import("…")` type. */
interface ModuleReference {
  node: ts.Node;
  /** The module name, or null when it is computed (and cannot be checked). */
  specifier: string | null;
}

function moduleReference(node: ts.Node): ModuleReference | null {
  let name: ts.Node | undefined;
  if (ts.isImportDeclaration(node) || (ts.isExportDeclaration(node) && node.moduleSpecifier)) {
    name = node.moduleSpecifier;
  } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    name = node.moduleReference.expression;
  } else if (ts.isImportTypeNode(node)) {
    name = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
  } else if (
    ts.isCallExpression(node) &&
    (node.expression.kind === ts.SyntaxKind.ImportKeyword || isGlobal(node.expression, "require"))
  ) {
    name = node.arguments[0];
  } else {
    return null;
  }
  return { node, specifier: name !== undefined && ts.isStringLiteralLike(name) ? name.text : null };
}

function isGlobal(node: ts.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

function parse(source: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Calls `visit` on every node of the file; `report` records a finding as "line N: what it does". */
function findings(
  source: string,
  file: string,
  visit: (node: ts.Node, report: (node: ts.Node, problem: string) => void, sf: ts.SourceFile) => void,
): string[] {
  const sf = parse(source, file);
  const found: string[] = [];
  const report = (node: ts.Node, problem: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`line ${line + 1}: ${problem}`);
  };
  const walk = (node: ts.Node): void => {
    visit(node, report, sf);
    ts.forEachChild(node, walk);
  };
  walk(sf);
  return found;
}

/** Every breach of the dependency rule in one source file, as "line N: what it does". */
function findImpurities(source: string, file: string): string[] {
  return findings(source, file, (node, report, sf) => {
    const reference = moduleReference(node);
    if (reference) {
      const problem =
        reference.specifier === null
          ? "imports a computed module name, which cannot be checked"
          : importProblem(reference.specifier, file);
      if (problem) report(node, problem);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (isGlobal(callee, "Date")) {
        report(node, "Date() reads the clock: take the date as an argument");
      } else if (ts.isIdentifier(callee) && Object.hasOwn(FORBIDDEN_CALLS, callee.text)) {
        report(node, `${callee.text}() ${FORBIDDEN_CALLS[callee.text]}`);
      }
    } else if (ts.isNewExpression(node) && isGlobal(node.expression, "Date") && !node.arguments?.length) {
      report(node, "new Date() reads the clock: take the date as an argument");
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const object = node.expression;
      const property = propertyName(node, sf);
      if (isGlobal(object, "Date") && property === "now") {
        report(node, "Date.now reads the clock: take the time as an argument");
      } else if (isGlobal(object, "Math") && property === "random") {
        report(node, "Math.random reads randomness: take ids or seeds as arguments");
      } else if (ts.isIdentifier(object) && Object.hasOwn(FORBIDDEN_OBJECTS, object.text)) {
        report(node, `${object.text}.${property} ${FORBIDDEN_OBJECTS[object.text]}`);
      }
    }
  });
}

function propertyName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, sf: ts.SourceFile): string {
  const key = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
  return ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : key.getText(sf);
}

/** Folders under src that an edge may not import from, and why. */
const EDGE_RULES: { from: string; notFrom: string[]; why: string }[] = [
  {
    from: "integrations",
    notFrom: ["server", "live"],
    why: "an integration sends what it is given; it knows nothing of HTTP routes or live rooms",
  },
];

/** The entry point, the one file that reads the environment and passes the parsed settings down. */
const READS_ENVIRONMENT = join(SRC, "cli", "docket.ts");

/** Breaches of the rules between edges in one file under src: forbidden imports, reading the environment. */
function findEdgeBreaches(source: string, file: string): string[] {
  const folder = relative(SRC, file).split(sep)[0];
  const rules = EDGE_RULES.filter((rule) => rule.from === folder);
  return findings(source, file, (node, report, sf) => {
    const reference = moduleReference(node);
    if (reference?.specifier?.startsWith(".")) {
      const target = relative(SRC, resolve(dirname(file), reference.specifier)).split(sep);
      for (const rule of rules) {
        if (target[0] && rule.notFrom.includes(target[0])) {
          report(node, `imports "${reference.specifier}" (src/${target.join("/")}): ${rule.why}`);
        }
      }
    } else if (
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      isGlobal(node.expression, "process") &&
      propertyName(node, sf) === "env" &&
      file !== READS_ENVIRONMENT
    ) {
      report(node, "reads process.env: only src/cli/docket.ts does; take the parsed setting as an argument");
    }
  });
}

/** Source files under `dir` (TypeScript, TSX for the web app), tests left out (a test may read fixtures from disk). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.(?:[cm]?ts|tsx)$/.test(path) && !/\.test\.(?:[cm]?ts|tsx)$/.test(path))
    .map((path) => join(dir, path))
    .sort();
}

function coreSourceFiles(): string[] {
  return sourceFiles(CORE);
}

describe("the dependency rule: src/core is pure", () => {
  it("finds the core's source files", () => {
    const files = coreSourceFiles().map((file) => relative(CORE, file).split(sep).join("/"));
    expect(files.length).toBeGreaterThan(20);
    for (const folder of ["template/", "transcript/", "extraction/", "notes/"]) {
      expect(files.some((file) => file.startsWith(folder))).toBe(true);
    }
  });

  it("no core file imports an edge, a Node built-in or an impure package, or reads clock, randomness or env", () => {
    const findings = coreSourceFiles().flatMap((file) =>
      findImpurities(readFileSync(file, "utf8"), file).map((finding) => `src/core/${relative(CORE, file)} ${finding}`),
    );
    expect(findings).toEqual([]);
  });
});

describe("the rules between edges", () => {
  it("finds the integrations and the entry point", () => {
    const files = sourceFiles(SRC).map((file) => relative(SRC, file).split(sep).join("/"));
    for (const name of ["email", "slack", "salesforce", "webhook"]) {
      expect(files.some((file) => file.startsWith(`integrations/${name}/`))).toBe(true);
    }
    expect(files).toContain("cli/docket.ts");
  });

  it("no integration imports the server or the live room, and only the entry point reads the environment", () => {
    const found = sourceFiles(SRC).flatMap((file) =>
      findEdgeBreaches(readFileSync(file, "utf8"), file).map((finding) => `src/${relative(SRC, file)} ${finding}`),
    );
    expect(found).toEqual([]);
  });

  it("nor do the integrations' own tests", () => {
    const tests = readdirSync(join(SRC, "integrations"), { recursive: true, encoding: "utf8" })
      .filter((path) => /\.test\.[cm]?ts$/.test(path))
      .map((path) => join(SRC, "integrations", path));
    const found = tests.flatMap((file) =>
      findEdgeBreaches(readFileSync(file, "utf8"), file)
        .filter((finding) => !finding.includes("process.env"))
        .map((finding) => `src/${relative(SRC, file)} ${finding}`),
    );
    expect(found).toEqual([]);
  });
});

describe("the checker behind the integration and environment rules", () => {
  const integration = join(SRC, "integrations", "slack", "example.ts");
  const cases: [file: string, source: string, finding: string | null][] = [
    [
      integration,
      'import { reportLiveError } from "../../live/hub.js";',
      'line 1: imports "../../live/hub.js" (src/live/hub.js): an integration sends what it is given',
    ],
    [integration, 'import type { ServerContext } from "../../server/context.js";', "(src/server/context.js)"],
    [integration, 'export { ApiError } from "../../server/errors.js";', "(src/server/errors.js)"],
    [integration, 'const { createLive } = await import("../../live/create-live.js");', "(src/live/create-live.js)"],
    [integration, 'type Hub = import("../../live/hub.js").LiveHub;', "(src/live/hub.js)"],
    [integration, "const token = process.env.SLACK_TOKEN;", "reads process.env: only src/cli/docket.ts does"],
    [join(SRC, "store", "database.ts"), 'const size = process["env"].POOL;', "reads process.env"],
    [join(SRC, "server", "serve.ts"), "const { PORT } = process.env;", "reads process.env"],
    // What is allowed:
    [integration, 'import type { DeliveryAttempt } from "../types.js";\nimport { z } from "zod";', null],
    [integration, 'import { escapeSlack } from "../../core/follow-up/messages.js";', null],
    [join(SRC, "server", "routes", "live.ts"), 'import { createLive } from "../../live/create-live.js";', null],
    [READS_ENVIRONMENT, "const env = readEnvironment(process.env, names);", null],
    [integration, 'const note = "never read process.env here";\nprocess.stderr.write(note);', null],
  ];

  it.each(cases)("%s: %s", (file, source, finding) => {
    const found = findEdgeBreaches(source, file);
    if (finding === null) expect(found).toEqual([]);
    else expect(found).toEqual([expect.stringContaining(finding)]);
  });
});

describe("the checker behind the rule", () => {
  const file = join(CORE, "extraction", "example.ts");
  const cases: [source: string, finding: string | null][] = [
    ['import { readFile } from "node:fs/promises";', 'line 1: imports the Node built-in "node:fs/promises"'],
    ['import { createServer } from "node:net";', 'imports the Node built-in "node:net"'],
    ['import http from "http";', 'imports the Node built-in "http"'],
    ['import { spawn } from "node:child_process";', 'imports the Node built-in "node:child_process"'],
    [
      'import { readTranscriptFile } from "../../files/transcript-file.js";',
      "(files/transcript-file.js), outside src/core",
    ],
    ['import type { Flags } from "../../cli/docket.js";', "(cli/docket.js), outside src/core"],
    ['export { route } from "../../server/routes.js";', "(server/routes.js), outside src/core"],
    ['const db = await import("../../storage/db.js");', "(storage/db.js), outside src/core"],
    ['const pg = require("pg");', 'imports "pg", not a package known to be pure'],
    ['type Pool = import("pg").Pool;', 'imports "pg", not a package known to be pure'],
    ["const loaded = await import(name);", "imports a computed module name"],
    ["const dir = process.env.DOCKET_TEMPLATES;", "process.env reads the process"],
    ['const dir = process["env"];', "process.env reads the process"],
    ["const now = Date.now();", "Date.now reads the clock"],
    ["const today = new Date();", "new Date() reads the clock"],
    ["const today = new Date;", "new Date() reads the clock"],
    ["const stamp = Date();", "Date() reads the clock"],
    ["const id = Math.random().toString(36);", "Math.random reads randomness"],
    ["const id = crypto.randomUUID();", "crypto.randomUUID reads randomness"],
    ["const t = performance.now();", "performance.now reads the clock"],
    ['const res = await fetch("https://example.com");', "fetch() is network I/O"],
    ["setTimeout(flush, 10);", "setTimeout() schedules on the clock"],
    // What the core may do:
    ['import { z } from "zod";\nimport * as chrono from "chrono-node";', null],
    [
      'import type { Item } from "../item.js";\nexport { parseTemplate } from "../template/validate-template.js";',
      null,
    ],
    ["const day = new Date(iso);\nconst later = new Date(day.getTime() + 86_400_000);", null],
    ["const utc = Date.UTC(2025, 2, 17);\nconst ms = Date.parse(iso);", null],
    ['// Never call Date.now() or Math.random() here.\nconst rule = "no new Date(), no process.env";', null],
    ["const item = { process: 1, random: 2 };\nconst n = item.process + Math.max(1, 2);", null],
  ];

  it.each(cases)("%s", (source, finding) => {
    const findings = findImpurities(source, file);
    if (finding === null) expect(findings).toEqual([]);
    else expect(findings).toEqual([expect.stringContaining(finding)]);
  });
});

// ---- The wire and the web app ----

interface ModuleImport {
  specifier: string;
  /** The file it names, for a relative import; null for a package. */
  target: string | null;
  /** `import type` / `export type`: erased, so nothing of the module reaches a bundle. */
  typeOnly: boolean;
  line: number;
}

/** Every module a source file imports or re-exports, statically or by `import()`. */
function importsOf(source: string, file: string): ModuleImport[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: ModuleImport[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const target = specifier.text.startsWith(".") ? resolveModule(resolve(dirname(file), specifier.text)) : null;
    found.push({ specifier: specifier.text, target, typeOnly, line: line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

// ---- between the edges ----

/** Folders under src whose files may not import these others, and why. */
const LAYER_RULES: { from: string; not: string[]; why: string }[] = [
  {
    from: "store",
    not: ["live", "follow-up", "server", "cli", "client"],
    why: "the store is below the use-cases and the edges that call it",
  },
  { from: "live", not: ["server", "cli"], why: "the live room is the server's to use, not the other way round" },
];

/** Packages that reach the database: only src/store imports them. */
const DATABASE_PACKAGES = new Set(["drizzle-orm", "drizzle-kit", "pg", "@electric-sql/pglite"]);

const SCHEMA = join(SRC, "store", "schema.ts");

/** The schema's tables (`export const x = pgTable(…)`): with one of them, any code could build a statement. */
function schemaTables(source: string): Set<string> {
  const sf = ts.createSourceFile(SCHEMA, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const tables = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "pgTable") {
        if (ts.isIdentifier(declaration.name)) tables.add(declaration.name.text);
      }
    }
  }
  return tables;
}

/** The folder under src a file is in ("store", "live", …), or "" for a file at the top. */
function folderOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? (parts[0] ?? "") : "";
}

/** Every breach of the rules between edges in one source file (not under src/core), as "line N: what it does". */
function findCrossings(source: string, file: string, tables: ReadonlySet<string>): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const from = folderOf(file);
  const inStore = from === "store";
  const rule = LAYER_RULES.find((r) => r.from === from);
  const found: string[] = [];
  const report = (node: ts.Node, problem: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`line ${line + 1}: ${problem}`);
  };
  const checkSpecifier = (node: ts.Node, specifier: ts.Node | undefined, valueNames: string[]) => {
    if (specifier === undefined || !ts.isStringLiteralLike(specifier)) return;
    const text = specifier.text;
    if (text.startsWith(".")) {
      const target = resolve(dirname(file), text);
      const folder = folderOf(target);
      if (rule?.not.includes(folder)) {
        report(node, `imports "${text}" (src/${folder}): ${rule.why}`);
      }
      if (!inStore && target.replace(/\.js$/, ".ts") === SCHEMA) {
        const imported = valueNames.includes("*") ? ["every table"] : valueNames.filter((n) => tables.has(n));
        for (const name of imported) {
          const what = name === "every table" ? name : `the table ${name}`;
          report(node, `imports ${what} from the schema: statements belong in a src/store module`);
        }
      }
      return;
    }
    const name = text.startsWith("@") ? text.split("/").slice(0, 2).join("/") : text.split("/")[0];
    if (!inStore && name && DATABASE_PACKAGES.has(name)) {
      report(node, `imports "${text}": only src/store talks to the database`);
    }
  };
  const isSql = (node: ts.Expression) =>
    (ts.isIdentifier(node) && node.text === "sql") || (ts.isPropertyAccessExpression(node) && node.name.text === "sql");

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const names: string[] = [];
      if (clause && !clause.isTypeOnly) {
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            if (!element.isTypeOnly) names.push((element.propertyName ?? element.name).text);
          }
        } else if (bindings && ts.isNamespaceImport(bindings)) {
          names.push("*");
        }
      }
      checkSpecifier(node, node.moduleSpecifier, names);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      checkSpecifier(node, node.moduleSpecifier, []);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      checkSpecifier(node, ts.isLiteralTypeNode(argument) ? argument.literal : undefined, []);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      checkSpecifier(node, node.arguments[0], ["*"]);
    } else if (!inStore && ts.isTaggedTemplateExpression(node) && isSql(node.tag)) {
      report(node, "writes SQL (sql`…`): statements belong in a src/store module");
      return; // once per statement, not again for the fragments inside it
    } else if (
      !inStore &&
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      isSql(node.expression.expression)
    ) {
      report(node, `writes SQL (sql.${node.expression.name.text}()): statements belong in a src/store module`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The source file an import names: `x.js` is `x.ts`; the web app leaves the extension out. */
function resolveModule(path: string): string {
  const stem = path.replace(/\.js$/, "");
  const candidates = [`${stem}.ts`, `${stem}.tsx`, join(stem, "index.ts"), path];
  return candidates.find((candidate) => existsSync(candidate)) ?? path;
}

const isUnder = (path: string, folder: string) => path === folder || path.startsWith(folder + sep);
const fromSrc = (path: string) => relative(join(SRC, ".."), path).split(sep).join("/");

/** Imports of `files` that leave their own folder for one not `allowed`, or name a package not allowed. */
function importsOutside(
  files: string[],
  own: string,
  allowed: string[],
  isAllowedPackage: (name: string) => boolean,
): string[] {
  return files.flatMap((file) =>
    importsOf(readFileSync(file, "utf8"), file).flatMap(({ specifier, target, line }) => {
      const at = `${fromSrc(file)}:${line}`;
      if (target === null) {
        const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
        return isAllowedPackage(name ?? "") ? [] : [`${at} imports the package "${specifier}"`];
      }
      if (isUnder(target, own) || allowed.some((folder) => isUnder(target, folder))) return [];
      return [`${at} imports ${fromSrc(target)}`];
    }),
  );
}

/**
 * The modules a bundle built from `entries` takes from src/ at run time: type-only imports are erased, every other
 * import is followed. Each with the chain of files that brought it in.
 */
function runtimeModules(entries: string[]): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const queue: [string, string[]][] = entries.map((entry) => [entry, [fromSrc(entry)]]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, chain] = next;
    for (const { target, typeOnly } of importsOf(readFileSync(file, "utf8"), file)) {
      if (typeOnly || target === null || !isUnder(target, SRC) || reached.has(target)) continue;
      const path = [...chain, fromSrc(target)];
      reached.set(target, path);
      queue.push([target, path]);
    }
  }
  return reached;
}

describe("the wire and the web app depend on the core alone", () => {
  it("finds the web app's source files", () => {
    const files = sourceFiles(WEB).map((file) => relative(WEB, file).split(sep).join("/"));
    expect(files).toEqual(expect.arrayContaining(["api.ts", "live/room.ts", "pages/notes.tsx"]));
  });

  it("src/api imports only the core (and zod): the shapes a client shares carry no server, store or live code", () => {
    expect(importsOutside(sourceFiles(API), API, [CORE], (name) => name === "zod")).toEqual([]);
  });

  it("the web app imports from src/ only src/api and src/core: no store, server, live or other edge", () => {
    // Packages are the bundler's business (and the budget's, npm run bench:web).
    expect(importsOutside(sourceFiles(WEB), WEB, [API, CORE], () => true)).toEqual([]);
  });

  it("what the web app bundles from src/ reaches no zod, so the schemas stay on the server's side", () => {
    const heavy = [...runtimeModules(sourceFiles(WEB))].flatMap(([file, chain]) =>
      importsOf(readFileSync(file, "utf8"), file)
        .filter((entry) => !entry.typeOnly && entry.specifier === "zod")
        .map(() => `${chain.join(" → ")} imports zod (import the words from a module without it, or import type)`),
    );
    expect(heavy).toEqual([]);
  });

  it("the checks see through the ways a file can import", () => {
    const file = join(WEB, "pages", "example.tsx");
    const source = [
      'import type { Item } from "../../../src/core/item.js";',
      'import { slug } from "../components/format";',
      'export type { Db } from "../../../src/store/database.js";',
      'export { openDatabase } from "../../../src/store/database.js";',
      'const page = await import("./notes");',
      'type View = import("../../../src/api/live-protocol.js").ItemView;',
      'import "react";',
    ].join("\n");
    expect(
      importsOf(source, file).map(({ specifier, target, typeOnly }) => [
        specifier,
        target && fromSrc(target),
        typeOnly,
      ]),
    ).toEqual([
      ["../../../src/core/item.js", "src/core/item.ts", true],
      ["../components/format", "web/src/components/format.ts", false],
      ["../../../src/store/database.js", "src/store/database.ts", true],
      ["../../../src/store/database.js", "src/store/database.ts", false],
      ["./notes", "web/src/pages/notes.tsx", false],
      ["../../../src/api/live-protocol.js", "src/api/live-protocol.ts", true],
      ["react", null, false],
    ]);
  });
});

/** The source files under src outside src/core, tests left out (a test may set up its data with SQL). */
function edgeSourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.[cm]?ts$/.test(path) && !/\.test\.[cm]?ts$/.test(path))
    .map((path) => join(SRC, path))
    .filter((path) => folderOf(path) !== "core")
    .sort();
}

describe("the dependency rules between edges", () => {
  const tables = schemaTables(readFileSync(SCHEMA, "utf8"));

  it("finds the schema's tables and the edges' source files", () => {
    expect([...tables]).toEqual(expect.arrayContaining(["users", "meetings", "segments", "items", "events"]));
    const folders = new Set(edgeSourceFiles().map(folderOf));
    for (const folder of ["store", "live", "server", "follow-up", "cli"]) expect(folders.has(folder)).toBe(true);
  });

  it("only src/store reaches the database; the store imports no use-case or edge; live imports no server", () => {
    const findings = edgeSourceFiles().flatMap((file) =>
      findCrossings(readFileSync(file, "utf8"), file, tables).map(
        (finding) => `src/${relative(SRC, file).split(sep).join("/")} ${finding}`,
      ),
    );
    expect(findings).toEqual([]);
  });
});

describe("the checker behind the store and layer rules", () => {
  const tables = new Set(["users", "meetings"]);
  const at = (folder: string) => join(SRC, folder, "example.ts");
  const cases: [folder: string, source: string, finding: string | null][] = [
    ["live", 'import { sql } from "drizzle-orm";', 'line 1: imports "drizzle-orm": only src/store'],
    ["server/routes", 'import { and, eq } from "drizzle-orm";', 'imports "drizzle-orm": only src/store'],
    ["follow-up", 'import type { PgDatabase } from "drizzle-orm/pg-core";', 'imports "drizzle-orm/pg-core"'],
    ["server", 'import pg from "pg";', 'imports "pg": only src/store'],
    ["live", 'const { PGlite } = await import("@electric-sql/pglite");', 'imports "@electric-sql/pglite"'],
    ["live", "const rows = await query(db, sql`SELECT 1`);", "writes SQL (sql`…`)"],
    ["follow-up", 'await db.execute(sql.raw("TRUNCATE users"));', "writes SQL (sql.raw())"],
    [
      "server/routes",
      'import { meetings } from "../../store/schema.js";',
      "imports the table meetings from the schema",
    ],
    ["server", 'import { users as people } from "../store/schema.js";', "imports the table users from the schema"],
    ["server", 'import * as schema from "../store/schema.js";', "imports every table from the schema"],
    ["live", 'const { items } = await import("../store/schema.js");', "imports every table from the schema"],
    ["store", 'import { itemView } from "../live/item-view.js";', "(src/live): the store is below the use-cases"],
    ["store", 'import type { Caller } from "../server/context.js";', "(src/server): the store is below"],
    ["store", 'export { outbox } from "../follow-up/outbox.js";', "(src/follow-up): the store is below"],
    ["live", 'import { describeIssues } from "../server/errors.js";', "(src/server): the live room is the server's"],
    ["live", 'type Caller = import("../server/context.js").Caller;', "(src/server): the live room is the server's"],
    // What they may do:
    ["store", 'import { sql } from "drizzle-orm";\nconst rows = await query(db, sql`SELECT 1`);', null],
    ["store", 'import { meetings } from "./schema.js";\nimport { itemView } from "./item-view.js";', null],
    ["server/routes", 'import { type MeetingStatus, MEETING_STATUSES } from "../../store/schema.js";', null],
    [
      "server",
      'import type { meetings } from "../store/schema.js";\nimport { findMeeting } from "../store/meetings.js";',
      null,
    ],
    ["server", 'import { LiveHub } from "../live/hub.js";\nimport { listItems } from "../store/notes.js";', null],
    ["live", 'import { lockMeeting } from "../store/meeting-log.js";\n// sql`SELECT` in a comment is not SQL', null],
    ["live", 'const text = "sql`SELECT 1`";\nconst sqlite = sqlish`x`;', null],
  ];

  it.each(cases)("%s: %s", (folder, source, finding) => {
    const findings = findCrossings(source, at(folder), tables);
    if (finding === null) expect(findings).toEqual([]);
    else expect(findings).toEqual([expect.stringContaining(finding)]);
  });
});
