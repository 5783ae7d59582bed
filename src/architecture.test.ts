// The dependency rule (docs/architecture.md): src/core is pure. It imports nothing from the edges, no
// Node built-in and only packages known to be pure; it reads no clock, no randomness, no environment.
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
