import { TemplateError } from "../errors.js";
import { findTemplateProblem } from "./check-template.js";
import { type Template, templateSchema } from "./template.js";
import { parseWithSchema } from "./zod-issue.js";

/** Validates a parsed template file; throws a TemplateError naming the file and the first bad field. */
export function parseTemplate(json: unknown, file: string): Template {
  const parsed = parseWithSchema(templateSchema, json);
  if (!parsed.ok) throw new TemplateError(file, parsed.problem);
  const problem = findTemplateProblem(parsed.value);
  if (problem) throw new TemplateError(file, problem);
  return parsed.value;
}
