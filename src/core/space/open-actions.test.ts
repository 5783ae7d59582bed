import { describe, expect, it } from "vitest";
import { createItem, type Item } from "../item.js";
import { groupOpenActions, isOverdue } from "./open-actions.js";
import type { RecordedItem } from "./recorded-item.js";

const march3 = {
  meetingId: "m1",
  meetingTitle: "Sync, 3 March",
  meetingDate: "2025-03-03",
  scheduledAt: "2025-03-03T15:00:00Z",
};
const march10 = {
  meetingId: "m2",
  meetingTitle: "Sync, 10 March",
  meetingDate: "2025-03-10",
  scheduledAt: "2025-03-10T15:00:00Z",
};

function action(meeting: typeof march3, id: string, fields: Partial<Item>): RecordedItem {
  return { ...meeting, item: createItem({ id, kind: "action", section: "actions", text: id, ...fields }) };
}

const shown = (result: ReturnType<typeof groupOpenActions>) =>
  result.owners.map((group) => [group.owner, group.actions.map((a) => `${a.item.id}${a.overdue ? "!" : ""}`)]);

describe("isOverdue", () => {
  it.each([
    ["2025-03-18", true],
    ["2025-03-19", false],
    ["2025-03-20", false],
    [null, false],
  ])("due %s on 2025-03-19: %s", (due, overdue) => {
    expect(isOverdue({ due }, "2025-03-19")).toBe(overdue);
  });
});

describe("groupOpenActions", () => {
  it("leaves out what is done and what is not an action", () => {
    const result = groupOpenActions(
      [
        action(march3, "open", { owner: "Wen", status: "open" }),
        action(march3, "no-status", { owner: "Wen", status: null }),
        action(march3, "done", { owner: "Wen", status: "done" }),
        { ...march3, item: createItem({ id: "risk", kind: "risk", section: "risks", text: "A risk", owner: "Wen" }) },
      ],
      "2025-03-19",
    );
    expect(shown(result)).toEqual([["Wen", ["open", "no-status"]]]);
    expect(result.today).toBe("2025-03-19");
  });

  it("groups by owner, whatever the case, by name with the unowned last", () => {
    const result = groupOpenActions(
      [
        action(march3, "a", { owner: null }),
        action(march3, "b", { owner: "wen zhao" }),
        action(march3, "c", { owner: "Ana Lima" }),
        action(march3, "d", { owner: "Wen Zhao " }),
        action(march3, "e", { owner: "  " }),
        action(march3, "f", { owner: "Émile" }),
      ],
      "2025-03-19",
    );
    expect(shown(result)).toEqual([
      ["Ana Lima", ["c"]],
      ["Émile", ["f"]],
      ["wen zhao", ["b", "d"]],
      [null, ["a", "e"]],
    ]);
  });

  it("puts the overdue first, then by due date with the undated last, then the oldest meeting", () => {
    const result = groupOpenActions(
      [
        action(march10, "later-undated", {}),
        action(march3, "undated", {}),
        action(march10, "due-25th", { due: "2025-03-25" }),
        action(march10, "due-20th", { due: "2025-03-20" }),
        action(march10, "overdue-17th", { due: "2025-03-17" }),
        action(march3, "overdue-18th", { due: "2025-03-18" }),
        action(march10, "due-today", { due: "2025-03-19" }),
        action(march3, "overdue-17th-older", { due: "2025-03-17" }),
      ],
      "2025-03-19",
    );
    expect(shown(result)).toEqual([
      [
        null,
        [
          "overdue-17th-older!",
          "overdue-17th!",
          "overdue-18th!",
          "due-today",
          "due-20th",
          "due-25th",
          "undated",
          "later-undated",
        ],
      ],
    ]);
    expect(result.owners[0]?.actions[0]).toMatchObject({
      meetingId: "m1",
      meetingTitle: "Sync, 3 March",
      meetingDate: "2025-03-03",
    });
    expect(result.owners[0]?.actions[0]).not.toHaveProperty("scheduledAt");
  });
});
