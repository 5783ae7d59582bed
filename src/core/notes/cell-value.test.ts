import { describe, expect, it } from "vitest";
import { createItem, type Item } from "../item.js";
import type { Column, Section } from "../template/template.js";
import { columnNote, columnValue, formatCell, formatMetric, formatPerson, formatRag } from "./cell-value.js";

const base = createItem({ id: "i1", kind: "update", section: "roadmap", text: "Enterprise SSO" });

const section = (columns: Column[]): Section => ({ id: "s", title: "S", kind: "roadmap", description: "", columns });

describe("formatPerson", () => {
  it.each([
    ["Priya", "@priya"],
    ["Priya Shah", "@priya"],
    ["@darius", "@darius"],
    ["  Wen  ", "@wen"],
    ["", ""],
  ])("%j → %j", (name, expected) => {
    expect(formatPerson(name)).toBe(expected);
  });
});

describe("formatRag", () => {
  it.each([
    ["red", "🔴 Red"],
    ["yellow", "🟡 Yellow"],
    ["green", "🟢 Green"],
    ["amber", "Amber"],
    ["toString", "ToString"],
  ])("%s → %s", (rag, expected) => {
    expect(formatRag(rag)).toBe(expected);
  });
});

describe("formatMetric", () => {
  const column = (label: string, unit?: string): Column => ({ id: "x", label, type: "number", unit });
  it.each([
    [42, column("P1 MTTR", "min"), "42 min"],
    [84, column("Velocity (pts)", "pts"), "84"],
    [3, column("Open Reqs"), "3"],
    [0, column("Attrition (90d)"), "0"],
    [undefined, column("P1 MTTR", "min"), ""],
  ])("%s in %o → %j", (value, col, expected) => {
    expect(formatMetric(value, col)).toBe(expected);
  });
});

describe("columnValue", () => {
  it("reads the Item field a column is named after, else the item's fields", () => {
    const item = { ...base, owner: "Priya", fields: { feature: "SSO", owner: "ignored" } };
    expect(columnValue(item, "owner")).toBe("Priya");
    expect(columnValue(item, "feature")).toBe("SSO");
    expect(columnValue(item, "notes")).toBeNull();
    expect(columnValue({ ...item, decidedBy: "Maya" }, "decided_by")).toBe("Maya");
  });

  it("treats fields of the same name as an Item field as a note beside it", () => {
    const item = { ...base, likelihood: "high" as const, fields: { likelihood: "6 weeks" } };
    expect(columnNote(item, "likelihood")).toBe("6 weeks");
    expect(columnNote(item, "feature")).toBeNull();
    const likelihood: Column = { id: "likelihood", label: "Likelihood", type: "level" };
    expect(formatCell(item, likelihood, section([likelihood]))).toBe("High (6 weeks)");
  });
});

describe("formatCell for a status column", () => {
  const status: Column = { id: "progress", label: "Status", type: "status" };
  const cell = (item: Item, columns: Column[] = [status]) => formatCell(item, status, section(columns));

  it.each([
    [{ rag: "yellow" as const, fields: { progress: "in progress — delayed" } }, "🟡 In progress — delayed"],
    [{ rag: "green" as const, fields: { progress: "Shipped" } }, "✅ Shipped"],
    [{ rag: "red" as const, fields: {} }, "🔴 Red"],
    [{ fields: { progress: "Not started" } }, "Not started"],
  ])("%o → %j", (fields, expected) => {
    expect(cell({ ...base, ...fields })).toBe(expected);
  });

  it("leaves the colour to the rag column when the section has one", () => {
    const rag: Column = { id: "rag", label: "RAG", type: "rag" };
    expect(cell({ ...base, rag: "red", fields: { progress: "Blocked" } }, [rag, status])).toBe("Blocked");
  });
});
