// The dependency rules (docs/architecture.md). src/core is pure: it imports nothing from the edges, no Node
// built-in and only packages known to be pure; it reads no clock, no randomness, no environment. Between the
// edges: only src/store talks to the database (drizzle, SQL, the schema's tables); the store is below the live
// room, the follow-up and the server and imports none of them; the live room imports nothing of the server.
// Files are read as syntax trees, so a comment or a string that mentions Date.now() is not a finding.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL(".", import.meta.url));
const CORE = join(SRC, "core");

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

/** Every breach of the dependency rule in one source file, as "line N: what it does". */
function findImpurities(source: string, file: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, problem: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`line ${line + 1}: ${problem}`);
  };
  const checkSpecifier = (node: ts.Node, specifier: ts.Node | undefined) => {
    if (specifier === undefined || !ts.isStringLiteralLike(specifier)) {
      report(node, "imports a computed module name, which cannot be checked");
      return;
    }
    const problem = importProblem(specifier.text, file);
    if (problem) report(node, problem);
  };
  const isGlobal = (node: ts.Node, name: string) => ts.isIdentifier(node) && node.text === name;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || (ts.isExportDeclaration(node) && node.moduleSpecifier)) {
      checkSpecifier(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      checkSpecifier(node, node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      checkSpecifier(node, ts.isLiteralTypeNode(argument) ? argument.literal : undefined);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || isGlobal(callee, "require")) {
        checkSpecifier(node, node.arguments[0]);
      } else if (isGlobal(callee, "Date")) {
        report(node, "Date() reads the clock: take the date as an argument");
      } else if (ts.isIdentifier(callee) && Object.hasOwn(FORBIDDEN_CALLS, callee.text)) {
        report(node, `${callee.text}() ${FORBIDDEN_CALLS[callee.text]}`);
      }
    } else if (ts.isNewExpression(node) && isGlobal(node.expression, "Date") && !node.arguments?.length) {
      report(node, "new Date() reads the clock: take the date as an argument");
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const object = node.expression;
      const key = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
      const property = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : key.getText(sf);
      if (isGlobal(object, "Date") && property === "now") {
        report(node, "Date.now reads the clock: take the time as an argument");
      } else if (isGlobal(object, "Math") && property === "random") {
        report(node, "Math.random reads randomness: take ids or seeds as arguments");
      } else if (ts.isIdentifier(object) && Object.hasOwn(FORBIDDEN_OBJECTS, object.text)) {
        report(node, `${object.text}.${property} ${FORBIDDEN_OBJECTS[object.text]}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The core's source files, tests left out (a test may read fixtures from disk). */
function coreSourceFiles(): string[] {
  return readdirSync(CORE, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.[cm]?ts$/.test(path) && !/\.test\.[cm]?ts$/.test(path))
    .map((path) => join(CORE, path))
    .sort();
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

describe("the checker behind the rules between edges", () => {
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
