import type { FieldProblem } from "../errors.js";
import type { Section, SectionKind, Template } from "./template.js";

/** Kinds the engine files items into by kind alone, so a second section of the kind would be ambiguous. */
const SINGLE_KINDS: readonly SectionKind[] = ["details", "metrics", "decisions", "actions", "escalations"];

/** Columns named after an Item field hold that field, so their type must match what the field holds. */
const FIELD_COLUMN_TYPES: Record<string, string> = {
  owner: "person",
  due: "date",
  rag: "rag",
  likelihood: "level",
  impact: "level",
};

/** What the schema cannot express: the first problem in document order, or null. */
export function findTemplateProblem(template: Template): FieldProblem | null {
  const sectionIds = new Map<string, number>();
  const kinds = new Map<SectionKind, number>();
  for (const [index, section] of template.sections.entries()) {
    const at = `sections[${index}]`;
    const sameId = sectionIds.get(section.id);
    if (sameId !== undefined) {
      return { path: `${at}.id`, message: `"${section.id}" is already the id of sections[${sameId}]` };
    }
    sectionIds.set(section.id, index);
    const sameKind = kinds.get(section.kind);
    if (sameKind !== undefined && SINGLE_KINDS.includes(section.kind)) {
      return {
        path: `${at}.kind`,
        message: `a template may have only one "${section.kind}" section; sections[${sameKind}] is one already`,
      };
    }
    kinds.set(section.kind, index);
    const problem = findColumnProblem(section, at);
    if (problem) return problem;
  }
  return null;
}

function findColumnProblem(section: Section, at: string): FieldProblem | null {
  const columns = section.columns ?? [];
  const columnIds = new Map<string, number>();
  for (const [index, column] of columns.entries()) {
    const same = columnIds.get(column.id);
    if (same !== undefined) {
      return { path: `${at}.columns[${index}].id`, message: `"${column.id}" is already the id of columns[${same}]` };
    }
    columnIds.set(column.id, index);
    const fieldType = FIELD_COLUMN_TYPES[column.id];
    if (fieldType && column.type !== fieldType) {
      return {
        path: `${at}.columns[${index}].type`,
        message: `the "${column.id}" column must be of type ${fieldType}; got "${column.type}"`,
      };
    }
  }
  if (section.kind === "metrics") return findMetricsProblem(section, at);
  return null;
}

function findMetricsProblem(section: Section, at: string): FieldProblem | null {
  const columns = section.columns ?? [];
  if (!columns.some((column) => column.id === "team")) {
    return { path: `${at}.columns`, message: 'a metrics section needs a "team" column (one row per team)' };
  }
  for (const [index, column] of columns.entries()) {
    if (column.id !== "team" && column.type !== "number") {
      return {
        path: `${at}.columns[${index}].type`,
        message: `a metrics column other than "team" must be of type number; got "${column.type}"`,
      };
    }
  }
  if (columns.length < 2) {
    return { path: `${at}.columns`, message: 'a metrics section needs at least one number column besides "team"' };
  }
  return null;
}
