import { describe, expect, it } from "vitest";
import { createItem, type Item } from "../item.js";
import type { Column } from "../template/template.js";
import { columnBulletParts, itemBulletParts, renderColumnBullet, renderItemBullet } from "./item-bullets.js";

function item(fields: Partial<Item> & Pick<Item, "kind" | "text">): Item {
  return createItem({ id: "i1", section: "s", ...fields });
}

describe("an item's bullet, as parts", () => {
  it("opens a decision with its status and names why, who owns it and who decided", () => {
    const decision = item({
      kind: "decision",
      text: "Roll back auth",
      status: "pending",
      rationale: "Latency",
      owner: "Priya Shah",
      decidedBy: "Ana",
    });
    expect(itemBulletParts(decision)).toEqual([
      { type: "heading", heading: "Pending:", text: "Roll back auth" },
      { type: "field", label: "Rationale", value: "Latency", format: "text" },
      { type: "field", label: "Owner", value: "Priya Shah", format: "person" },
      { type: "field", label: "Decided by", value: "Ana", format: "text" },
    ]);
    expect(renderItemBullet(decision)).toBe(
      "- **Pending:** Roll back auth — Rationale: Latency — Owner: @priya — Decided by: Ana",
    );
    expect(itemBulletParts({ ...decision, status: null })[0]).toEqual({
      type: "heading",
      heading: "Decision:",
      text: "Roll back auth",
    });
  });

  it.each([
    [
      item({ kind: "question", text: "Which region?", askedBy: "Ben", status: "answered" }),
      "- **Answered:** Which region? — Asked by: Ben",
    ],
    [item({ kind: "question", text: "Which region?" }), "- **Open:** Which region?"],
    [
      item({ kind: "escalation", text: "SRE reqs", needed: "Budget", owner: "darius" }),
      "- SRE reqs — Needed: Budget — Owner: @darius",
    ],
    [
      item({ kind: "action", text: "Post the JD", owner: "Wen Li", due: "2025-03-28", status: "open" }),
      "- Post the JD — Owner: @wen — Due: 2025-03-28 — Open",
    ],
    [
      item({
        kind: "risk",
        text: "Auth latency",
        rag: "red",
        likelihood: "high",
        impact: "medium",
        mitigation: "Roll back",
      }),
      "- 🔴 Red — Auth latency — Likelihood: High — Impact: Medium — Mitigation: Roll back",
    ],
    [item({ kind: "update", text: "Two start Monday", team: "Platform" }), "- **Platform**: Two start Monday"],
    [item({ kind: "update", text: "Two start Monday\nand one later" }), "- Two start Monday\n  and one later"],
  ])("%# writes the parts in the notes' words", (given, markdown) => {
    expect(renderItemBullet(given)).toBe(markdown);
  });

  it("names only what the item has", () => {
    expect(itemBulletParts(item({ kind: "action", text: "Post the JD" }))).toEqual([
      { type: "text", text: "Post the JD" },
    ]);
    expect(itemBulletParts(item({ kind: "risk", text: "", rag: "yellow" }))).toEqual([{ type: "rag", rag: "yellow" }]);
  });
});

describe("a row's bullet in a section written as bullets, as parts", () => {
  const columns: Column[] = [
    { id: "team", label: "Team", type: "text" },
    { id: "role", label: "Role", type: "text" },
    { id: "rag", label: "Status", type: "rag" },
    { id: "target", label: "Target", type: "text" },
    { id: "text", label: "Update", type: "text" },
    { id: "flag", label: "Flag", type: "text" },
    { id: "owner", label: "Owner", type: "person" },
  ];

  it("splits the columns into the bold head, the parenthesis and the labelled tail, leaving out empty ones", () => {
    const row = item({
      kind: "update",
      text: "Offer accepted",
      team: "Mobile",
      rag: "green",
      owner: "Priya Shah",
      fields: { role: "Senior iOS Engineer", flag: "" },
    });
    const parts = columnBulletParts(row, columns);
    expect({
      head: parts.head.map((column) => column.id),
      meta: parts.meta.map((column) => column.id),
      text: parts.text,
      after: parts.after.map((column) => column.id),
    }).toEqual({ head: ["team", "role"], meta: ["rag"], text: "Offer accepted", after: ["owner"] });
    expect(renderColumnBullet(row, { columns })).toBe(
      "- **Mobile – Senior iOS Engineer** (Status: 🟢 Green): Offer accepted _Owner:_ @priya",
    );
  });

  it("writes a section without a text column as its cells alone", () => {
    const cells = columns.filter((column) => column.id === "team" || column.id === "target");
    const row = item({ kind: "update", text: "ignored", team: "Data", fields: { target: "Q3" } });
    expect(columnBulletParts(row, cells).text).toBeNull();
    expect(renderColumnBullet(row, { columns: cells })).toBe("- **Data – Q3**");
  });
});
