import { describe, expect, it } from "vitest";
import type { Segment } from "../segment.js";
import { rolesHeard } from "./roles-heard.js";

function talk(...lines: string[]): Segment[] {
  return lines.map((line, i) => {
    const at = line.indexOf(": ");
    return { id: String(i + 1), speaker: line.slice(0, at), text: line.slice(at + 2), start: null, end: null };
  });
}

describe("rolesHeard", () => {
  it.each([
    {
      why: "a speaker's own role",
      lines: ["Odile Marsh: Hi, I'm the AE on this account."],
      want: ["Odile Marsh (AE)"],
    },
    { why: "'here as' a role", lines: ["Kwesi: I'm here as general counsel."], want: ["Kwesi (Counsel)"] },
    { why: "'as the role, I'", lines: ["Rhea: As the controller, I need the accruals."], want: ["Rhea (Controller)"] },
    {
      why: "a named person 'as' a role, matched to their speaker label",
      lines: ["Lior: Benno, as CFO, what do you think?", "Benno Ruiz: Fine."],
      want: ["Benno Ruiz (CFO)"],
    },
    {
      why: "attending as a role",
      lines: ["Clerk: All present. Ismay is attending as CFO."],
      want: ["Ismay (CFO)"],
    },
    { why: "'our CFO, name'", lines: ["Lior: Over to our CFO, Benno."], want: ["Benno (CFO)"] },
    { why: "an anonymous speaker's own role is not kept", lines: ["Speaker A: I'm the AE here."], want: [] },
    { why: "a role no one holds is no one's", lines: ["Lior: The AE will send it."], want: [] },
    { why: "'the company' is no role", lines: ["Lior: Benno is the company founder."], want: [] },
  ])("$why", ({ lines, want }) => {
    expect(rolesHeard(talk(...lines))).toEqual(want);
  });
});
