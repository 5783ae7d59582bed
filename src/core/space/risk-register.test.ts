import { describe, expect, it } from "vitest";
import { createItem, type Item } from "../item.js";
import type { RecordedItem } from "./recorded-item.js";
import { buildRiskRegister, ragRank } from "./risk-register.js";

const meeting = (n: number, date: string, time = "15:00") => ({
  meetingId: `m${n}`,
  meetingTitle: `Sync ${n}`,
  meetingDate: date,
  scheduledAt: `${date}T${time}:00Z`,
});

function risk(at: ReturnType<typeof meeting>, id: string, text: string, fields: Partial<Item> = {}): RecordedItem {
  return { ...at, item: createItem({ id, kind: "risk", section: "risks", text, ...fields }) };
}

describe("buildRiskRegister", () => {
  it("chains one risk across meetings, oldest first, whatever order the items came in", () => {
    const m1 = meeting(1, "2025-03-03");
    const m2 = meeting(2, "2025-03-10");
    const m3 = meeting(3, "2025-03-17");
    const register = buildRiskRegister([
      risk(m3, "risk-1", "Auth latency degraded after the deploy, improving", { rag: "green", status: "resolved" }),
      risk(m1, "risk-2", "Auth service latency degraded after the deploy", { rag: "red" }),
      risk(m2, "risk-1", "Auth latency still degraded after the deploy", { rag: "yellow" }),
    ]);
    expect(register).toHaveLength(1);
    const [entry] = register;
    expect(entry?.key).toBe("m1:risk-2");
    expect(entry?.history.map((r) => [r.meetingId, r.itemId, r.rag, r.status])).toEqual([
      ["m1", "risk-2", "red", null],
      ["m2", "risk-1", "yellow", null],
      ["m3", "risk-1", "green", "resolved"],
    ]);
    expect(entry?.current).toMatchObject({ id: "risk-1", meetingId: "m3", meetingDate: "2025-03-17", rag: "green" });
    expect(entry?.current).not.toHaveProperty("scheduledAt");
  });

  it("orders two meetings on one date by their time", () => {
    const morning = meeting(9, "2025-03-03", "09:00");
    const evening = meeting(1, "2025-03-03", "18:00");
    const [entry] = buildRiskRegister([
      risk(evening, "risk-1", "Vendor renewal at risk", { rag: "red" }),
      risk(morning, "risk-1", "Vendor renewal at risk", { rag: "yellow" }),
    ]);
    expect(entry?.history.map((r) => r.meetingId)).toEqual(["m9", "m1"]);
    expect(entry?.current.rag).toBe("red");
  });

  it("keeps two risks of one meeting apart and follows each into the next meeting", () => {
    const m1 = meeting(1, "2025-03-03");
    const m2 = meeting(2, "2025-03-10");
    const register = buildRiskRegister([
      risk(m1, "risk-1", "Mobile hiring pipeline stalled", { rag: "yellow" }),
      risk(m1, "risk-2", "Mobile hiring budget frozen", { rag: "red" }),
      risk(m2, "risk-1", "Mobile hiring budget still frozen", { rag: "red" }),
      risk(m2, "risk-2", "Mobile hiring pipeline stalled again", { rag: "green" }),
    ]);
    const chains = register.map((entry) => entry.history.map((r) => `${r.meetingId}:${r.itemId}`));
    expect(chains).toEqual([
      ["m1:risk-2", "m2:risk-1"],
      ["m1:risk-1", "m2:risk-2"],
    ]);
  });

  it("joins a risk to the chain it matches best, not the first that matches", () => {
    const m1 = meeting(1, "2025-03-03");
    const m2 = meeting(2, "2025-03-10");
    const register = buildRiskRegister([
      risk(m1, "risk-1", "Auth service latency", { rag: "yellow" }),
      risk(m1, "risk-2", "Auth service latency degraded after the deploy", { rag: "red" }),
      risk(m2, "risk-1", "Auth service latency degraded after the deploy again", { rag: "red" }),
    ]);
    expect(register.map((entry) => entry.history.map((r) => `${r.meetingId}:${r.itemId}`))).toEqual([
      ["m1:risk-2", "m2:risk-1"],
      ["m1:risk-1"],
    ]);
  });

  it("takes one item per meeting into a chain: a second match in that meeting is a risk of its own", () => {
    const m1 = meeting(1, "2025-03-03");
    const m2 = meeting(2, "2025-03-10");
    const register = buildRiskRegister([
      risk(m1, "risk-1", "Vendor renewal at risk", { rag: "red" }),
      risk(m2, "risk-1", "Vendor renewal at risk", { rag: "red" }),
      risk(m2, "risk-2", "Vendor renewal at risk in the EU", { rag: "red" }),
    ]);
    expect(register.map((entry) => entry.history.map((r) => `${r.meetingId}:${r.itemId}`))).toEqual([
      ["m1:risk-1", "m2:risk-1"],
      ["m2:risk-2"],
    ]);
  });

  it("lists red, yellow, green, unrated, then the most recently recorded first", () => {
    const m1 = meeting(1, "2025-03-03");
    const m2 = meeting(2, "2025-03-10");
    const register = buildRiskRegister([
      risk(m1, "risk-1", "Old red vendor renewal", { rag: "red" }),
      risk(m1, "risk-2", "Unrated office move", { rag: null }),
      risk(m1, "risk-3", "Green data migration", { rag: "green" }),
      risk(m2, "risk-1", "New red security audit", { rag: "red" }),
      risk(m2, "risk-2", "Yellow mobile capacity", { rag: "yellow" }),
      { ...m2, item: createItem({ id: "action-1", kind: "action", section: "actions", text: "Not a risk" }) },
    ]);
    expect(register.map((entry) => entry.current.text)).toEqual([
      "New red security audit",
      "Old red vendor renewal",
      "Yellow mobile capacity",
      "Green data migration",
      "Unrated office move",
    ]);
  });

  it("ranks ratings red, yellow, green, none", () => {
    expect([ragRank("red"), ragRank("yellow"), ragRank("green"), ragRank(null)]).toEqual([0, 1, 2, 3]);
  });
});
