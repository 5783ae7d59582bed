import { describe, expect, it } from "vitest";
import { seedNotes } from "../../../test/helpers/meeting.js";
import { createItem, type Item } from "../item.js";
import { type DraftContext, draftArtifact, mentionsCustomers } from "./drafts.js";

let ids = 0;
function item(fields: Partial<Item> & Pick<Item, "kind" | "text">): Item {
  ids += 1;
  return createItem({ id: `d${ids}`, section: `${fields.kind}s`, ...fields });
}

const seed = seedNotes("engineering-leadership-sync").items.map((seedItem, index) => ({
  ...seedItem,
  id: `s${index}`,
}));
const context: DraftContext = {
  spaceName: "Eng Leads",
  meetingTitle: "Engineering Leadership Sync",
  meetingDate: "2025-03-17",
  items: seed,
};
const byText = (start: string): Item => {
  const found = seed.find((candidate) => candidate.text.startsWith(start));
  if (!found) throw new Error(`no seed item ${start}`);
  return found;
};
const authEscalation = byText("Auth latency:");
const capacityEscalation = byText("Q2 mobile capacity");

describe("mentionsCustomers", () => {
  it.each([
    ["escalation", "May need to communicate to enterprise customers if SLA is breached", true],
    ["escalation", "Tell the client before Friday", true],
    ["risk", "Users on iOS 15 lose push notifications", true],
    ["risk", "Three enterprise accounts may churn", true],
    ["escalation", "Post on the status page", true],
    ["escalation", "Needs an announcement in the release notes", true],
    ["risk", "We may have to notify affected partners", true],
    ["escalation", "Q2 mobile capacity: may need contractor budget", false],
    ["risk", "The user service is slow", false],
    ["risk", "Push notification service refactor late", false],
    ["risk", "The service account key expires in May", false],
    ["risk", "The public API rate limit is too low", false],
    ["escalation", "Two enterprise accounts asked for credits", true],
    ["risk", "We may breach the SLA this month", true],
    ["decision", "Tell customers about the new pricing", false],
    ["action", "Email customers about the outage", false],
  ] as const)("%s %j → %s", (kind, text, mentions) => {
    expect(mentionsCustomers(item({ kind, text }))).toBe(mentions);
  });

  it("reads what is needed and the mitigation too", () => {
    expect(
      mentionsCustomers(item({ kind: "escalation", text: "Auth outage", needed: "Approval to notify customers" })),
    ).toBe(true);
    expect(
      mentionsCustomers(item({ kind: "risk", text: "Auth outage", mitigation: "Status page updated hourly" })),
    ).toBe(true);
  });

  it("finds the seed's escalation that calls for customer comms, and only it", () => {
    expect(seed.filter(mentionsCustomers).map((found) => found.text)).toEqual([authEscalation.text]);
  });
});

describe("draftArtifact: customer communication", () => {
  const draft = draftArtifact("customer-communication", context, authEscalation);

  it("says what happened, from the risk behind the escalation", () => {
    expect(draft.title).toBe("Customer update: Auth latency");
    expect(draft.body).toMatch(/^Subject: Update on auth latency\n\nHi \[Customer name\],\n/);
    expect(draft.body).toContain(
      "We want to let you know about an issue that may affect you: auth service latency degraded 40% after last deploy; root cause unclear.",
    );
  });

  it("says what we are doing: the mitigation and the related action with its due date", () => {
    expect(draft.body).toContain(
      "What we are doing:\n- War room opened; rollback plan ready if no fix by EOD\n- Resolve auth latency or execute rollback, by Friday 21 March 2025\n",
    );
    expect(draft.body).not.toContain("Post Staff Engineer role JD");
    expect(draft.body).not.toContain("mobile reprioritization");
  });

  it("leaves what Docket cannot know as placeholders", () => {
    expect(draft.body).toContain("[date and time of the next update]");
    expect(draft.body).toContain("[Your name]\n[Your role], [Company]\n");
  });

  it("keeps internal fields and colleagues' names out", () => {
    for (const internal of [
      "VP Eng",
      "awareness",
      "Escalat",
      "SLA",
      "comms draft",
      "Priya",
      "priya",
      "Darius",
      "Wen",
      "Red",
      "🔴",
    ]) {
      expect(draft.body).not.toContain(internal);
    }
  });

  it("replaces colleagues' names and handles inside the texts it uses", () => {
    const risk = item({
      kind: "risk",
      text: "Priya Raman's team found the billing export drops rows for customers",
      owner: "Priya Raman",
      mitigation: "@marcus re-runs the billing export nightly; Will said it will hold",
      rag: "red",
      likelihood: "high",
      impact: "high",
    });
    const action = item({
      kind: "action",
      text: "Ask Marcus to patch the billing export",
      owner: "Marcus",
      due: "2025-04-02",
    });
    const speaker = item({ kind: "question", text: "Is the billing export fixed?", askedBy: "Will" });
    const out = draftArtifact("customer-communication", { ...context, items: [risk, action, speaker] }, risk).body;
    expect(out).toContain("may affect you: our team found the billing export drops rows for customers.");
    expect(out).toContain("- Our team re-runs the billing export nightly; our team said it will hold");
    expect(out).toContain("- Ask our team to patch the billing export, by Wednesday 2 April 2025");
    expect(out).toMatch(/^Subject: Update on our team found the billing export drops rows for customers\n/);
    expect(out).not.toMatch(/Priya|priya|Raman|Marcus|marcus|Will said|high|Red/);
  });

  it("drafts from the meeting's customer-facing item when given none, and with placeholders when there is none", () => {
    expect(draftArtifact("customer-communication", context, null)).toEqual(draft);
    const blank = draftArtifact("customer-communication", { ...context, items: [] }, null);
    expect(blank.title).toBe("Customer update: [the issue]");
    expect(blank.body).toContain("may affect you: [what happened, in a sentence].");
    expect(blank.body).toContain("- [What we are doing about it]");
  });
});

describe("draftArtifact: Slack summary", () => {
  it("summarises an item with what matters for it and its follow-up actions", () => {
    const draft = draftArtifact("slack-summary", context, capacityEscalation);
    expect(draft.title).toBe("Slack summary: Q2 mobile capacity: If reprioritization doesn't resolve the…");
    expect(draft.body.split("\n")).toEqual([
      "*Escalation* from Engineering Leadership Sync on Monday 17 March 2025",
      `• ${capacityEscalation.text} — _Needed:_ Contractor budget — owner: Darius`,
      "",
      "*Follow-up*",
      "• Align with PM on mobile reprioritization — Darius — due Wednesday 19 March 2025",
      "",
    ]);
  });

  it("summarises the meeting's decisions and escalations when given no item", () => {
    const draft = draftArtifact("slack-summary", context, null);
    expect(draft.title).toBe("Slack summary: Engineering Leadership Sync on Monday 17 March 2025");
    const lines = draft.body.split("\n");
    expect(lines[0]).toBe("*Engineering Leadership Sync on Monday 17 March 2025*");
    expect(lines.filter((line) => line.startsWith("*"))).toEqual([
      "*Engineering Leadership Sync on Monday 17 March 2025*",
      "*Decisions*",
      "*Escalations*",
    ]);
    expect(lines.filter((line) => line.startsWith("• "))).toHaveLength(4);
    expect(draft.body).not.toContain("Post Staff Engineer");
    const empty = draftArtifact("slack-summary", { ...context, items: [] }, null);
    expect(empty.body).toContain("No decisions or escalations in this meeting.");
  });

  it("escapes Slack's control characters", () => {
    const draft = draftArtifact(
      "slack-summary",
      { ...context, meetingTitle: "R&D <sync>" },
      item({ kind: "decision", text: "Ping <!channel>" }),
    );
    expect(draft.body).toContain(
      "*Decision* from R&amp;D &lt;sync&gt; on Monday 17 March 2025\n• Ping &lt;!channel&gt;",
    );
  });
});

describe("draftArtifact: follow-up email", () => {
  it("writes to the item's owner with the item, what was agreed, the actions and the open questions", () => {
    const decision = item({
      kind: "decision",
      text: "Roll back the auth service if latency persists past Friday",
      status: "decided",
      decidedBy: "Ana",
      rationale: "Customers feel it",
    });
    const question = item({
      kind: "question",
      text: "Is the auth latency regression in the new cache?",
      askedBy: "Lee",
    });
    const answered = item({ kind: "question", text: "Is auth latency measured at p99?", status: "answered" });
    const draft = draftArtifact(
      "follow-up-email",
      { ...context, items: [...seed, decision, question, answered] },
      authEscalation,
    );
    expect(draft.title).toBe("Follow-up: Auth latency: Escalating to VP Eng for awareness; may need…");
    expect(draft.body).toBe(
      [
        "Hi Priya,",
        "",
        "Following up on Engineering Leadership Sync on Monday 17 March 2025 about this escalation:",
        "",
        `  ${authEscalation.text}`,
        "  Needed: VP Eng awareness",
        "  Owner: Priya",
        "",
        "What was agreed:",
        "- Decided: Approved rolling back auth service if latency issue persists past 5pm Friday — owner: Priya",
        "- Decided: Roll back the auth service if latency persists past Friday — decided by Ana — why: Customers feel it",
        "",
        "Action items:",
        "- Resolve auth latency or execute rollback — Priya — due Friday 21 March 2025",
        "",
        "Open questions:",
        "- Is the auth latency regression in the new cache? — asked by Lee",
        "",
        "Thanks,",
        "[Your name]",
        "",
      ].join("\n"),
    );
  });

  it("lists the owner's other actions and says when there are none", () => {
    const action = byText("Post Staff Engineer");
    const draft = draftArtifact("follow-up-email", context, action);
    expect(draft.body).toContain("Hi Wen,");
    expect(draft.body).toContain("  Post Staff Engineer role JD\n  Owner: Wen\n  Due Friday 28 March 2025\n");
    expect(draft.body).toContain("Action items:\n- Post Staff Engineer role JD — Wen — due Friday 28 March 2025\n");
    const lonely = item({ kind: "risk", text: "Office move may disrupt the on-call rota", rag: "yellow" });
    const out = draftArtifact("follow-up-email", { ...context, items: [lonely] }, lonely).body;
    expect(out).toMatch(/^Hi \[Name\],/);
    expect(out).toContain("  Yellow risk: Office move may disrupt the on-call rota\n  No owner yet\n");
    expect(out).toContain("Action items: none were recorded.");
  });

  it("writes to the attendees about the whole meeting when given no item", () => {
    const done = item({ kind: "action", text: "Already done thing", status: "done", owner: "Ana" });
    const open = item({ kind: "question", text: "Graceful degradation or minimum version bump?", askedBy: "Rosa" });
    const draft = draftArtifact("follow-up-email", { ...context, items: [...seed, done, open] }, null);
    expect(draft.title).toBe("Follow-up: Engineering Leadership Sync on Monday 17 March 2025");
    expect(draft.body.startsWith("Hi all,\n\nThank you for Engineering Leadership Sync on Monday 17 March 2025.")).toBe(
      true,
    );
    expect(draft.body).toContain(
      "- Decided: Agreed to deprioritize the analytics dashboard feature to protect mobile team's core commitments — owner: Darius",
    );
    expect(draft.body).toContain("Escalations:\n- Auth latency:");
    expect(draft.body).toContain("— needed: Contractor budget — owner: Darius");
    expect(draft.body).toContain(
      [
        "Action items:",
        "- Resolve auth latency or execute rollback — Priya — due Friday 21 March 2025",
        "- Align with PM on mobile reprioritization — Darius — due Wednesday 19 March 2025",
        "- Post Staff Engineer role JD — Wen — due Friday 28 March 2025",
      ].join("\n"),
    );
    expect(draft.body).toContain("Open questions:\n- Graceful degradation or minimum version bump? — asked by Rosa\n");
    expect(draft.body).not.toContain("Already done thing");
    expect(draft.body).toContain("The full notes are in Eng Leads in Docket.");
  });
});
