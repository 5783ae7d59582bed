import { describe, expect, it } from "vitest";
import { builtinTemplate, seedNotes } from "../../../test/helpers/meeting.js";
import { createItem, type Item } from "../item.js";
import type { Template } from "../template/template.js";
import type { MeetingNotes } from "./meeting-notes.js";
import { renderNotesMarkdown } from "./render-markdown.js";

function emptyNotes(template: Template): MeetingNotes {
  return {
    template,
    meeting: { title: template.name, date: null, facilitator: null, attendees: [] },
    items: [],
    metrics: [],
  };
}

function item(fields: Partial<Item> & Pick<Item, "kind" | "section" | "text">): Item {
  return createItem({ id: "i1", confidence: 0.9, ...fields });
}

/** The lines after a heading up to the next heading. */
function sectionBody(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`no section ${title}`);
  const rest = markdown.slice(start + title.length + 5);
  const end = rest.indexOf("\n## ");
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

describe("renderNotesMarkdown: the Engineering Leadership Sync example", () => {
  const markdown = renderNotesMarkdown(seedNotes("engineering-leadership-sync"));

  it("follows the seed's order of headings", () => {
    expect(markdown.match(/^#{1,2} .*$/gm)).toEqual([
      "# Engineering Leadership Sync",
      "## Meeting Details",
      "## Key Metrics",
      "## Staffing Updates",
      "## Major Risks",
      "## Strategic Initiatives",
      "## Decisions",
      "## Escalations",
      "## Action Items",
      "## Open Questions",
      "## Follow-up",
    ]);
  });

  it("opens with the purpose and the meeting details", () => {
    expect(markdown).toMatch(
      /^# Engineering Leadership Sync\n\n\*\*Purpose:\*\* Align engineering leaders on team health, risks, and strategic direction\n\n## Meeting Details\n/,
    );
    expect(sectionBody(markdown, "Meeting Details")).toBe(
      "- **Date:** —\n- **Facilitator:** —\n- **Attendees:** —\n- **Duration:** 60 minutes (biweekly recommended)",
    );
  });

  it("prints each section's guidance line in italics under its heading", () => {
    expect(markdown).toContain(
      "## Key Metrics\n\n_Quantitative snapshot of engineering health. Each EM should own a row. Flag anything outside normal range — do not editorialize yet._\n",
    );
  });

  it("prints the metrics table with one row per team and units where the header has none", () => {
    expect(sectionBody(markdown, "Key Metrics")).toContain(
      [
        "| Team | Velocity (pts) | Incident Count | P1 MTTR | Open Reqs | Attrition (90d) |",
        "| --- | --- | --- | --- | --- | --- |",
        "| Platform | 84 | 2 | 42 min | 3 | 0 |",
        "| Mobile | 61 | 0 | — | 1 | 1 |",
        "| Data | 78 | 1 | 18 min | 2 | 0 |",
      ].join("\n"),
    );
  });

  it("prints the risk table with exactly the seed's columns and colour and word for the rating", () => {
    const risks = sectionBody(markdown, "Major Risks").split("\n");
    expect(risks).toContain("| Status | Risk | Owner | Mitigation |");
    expect(risks).toContain(
      "| 🔴 Red | Auth service latency degraded 40% after last deploy; root cause unclear | @priya | War room opened; rollback plan ready if no fix by EOD |",
    );
    expect(risks.some((line) => line.startsWith("| 🟡 Yellow | Mobile team at 60% capacity"))).toBe(true);
    expect(risks).toContain("| 🟢 Green | Data pipeline migration to new infra complete | @wen | — |");
  });

  it("prints the action items as the seed's table", () => {
    const actions = sectionBody(markdown, "Action Items");
    expect(actions).toContain("| Owner | Action | Due Date | Status |");
    expect(actions).toContain("| @priya | Resolve auth latency or execute rollback | 2025-03-21 | Open |");
    expect(actions).toContain("| @darius | Align with PM on mobile reprioritization | 2025-03-19 | Open |");
    expect(actions).toContain("| @wen | Post Staff Engineer role JD | 2025-03-28 | Open |");
  });

  it("writes bullet sections as the seed does", () => {
    expect(sectionBody(markdown, "Staffing Updates")).toContain(
      "- **Mobile – Senior iOS Engineer**: Offer accepted by candidate from Spotify, start date April 7. Backfills the open req from January.",
    );
    expect(sectionBody(markdown, "Strategic Initiatives")).toContain(
      "- **Multi-region failover** (Status: 🟢 Green, Target: Q3): On track.",
    );
    expect(sectionBody(markdown, "Escalations")).toContain("— Needed: Contractor budget — Owner: @darius");
  });

  it("prefixes decisions with Decided: and names the owner", () => {
    expect(sectionBody(markdown, "Decisions").split("\n")).toEqual([
      "_Record decisions made in this meeting. Be explicit about what was decided, not just discussed._",
      "",
      "- **Decided:** Approved rolling back auth service if latency issue persists past 5pm Friday — Owner: @priya",
      "- **Decided:** Agreed to deprioritize the analytics dashboard feature to protect mobile team's core commitments — Owner: @darius",
    ]);
  });

  it("ends with the follow-up text", () => {
    expect(markdown).toMatch(
      /\n## Follow-up\n\nDistribute notes to all engineering leadership within 2 hours of the meeting\.[^\n]*the agenda\.\n$/,
    );
  });
});

describe("renderNotesMarkdown: the Product–Engineering Sync example", () => {
  const markdown = renderNotesMarkdown(seedNotes("product-engineering-sync"));

  it("prints the roadmap with the colour of each status, and a tick for shipped work", () => {
    const roadmap = sectionBody(markdown, "Roadmap Status");
    expect(roadmap).toContain("| Feature | Status | Target Date | Notes |");
    expect(roadmap).toContain("| AI meeting summaries v2 | ✅ Shipped | 2025-03-07 | Monitoring engagement metrics |");
    expect(roadmap).toContain("| Enterprise SSO (SAML) | 🟡 In progress — delayed | 2025-04-14 |");
    expect(roadmap).toContain("| Salesforce integration | 🔴 Not started — reprioritized | 2025-06-30 |");
  });

  it("prints likelihood and impact as words, keeping a qualifier the seed gives", () => {
    const risks = sectionBody(markdown, "Risks");
    expect(risks).toContain("| Risk | Owner | Likelihood | Impact | Mitigation |");
    expect(risks).toContain(
      "| AI rate limit breach | @wen | High (6 weeks) | High | @wen to initiate vendor contract discussion this week |",
    );
  });

  it("prints decided and pending decisions with rationale and owner", () => {
    const decisions = sectionBody(markdown, "Decisions");
    expect(decisions).toContain(
      "- **Decided:** Salesforce integration will prioritize one-way sync (Stoa → Salesforce) for v1. Bidirectional sync moves to v2 scope. — Rationale: Reduces engineering complexity by ~40%; meets the needs of all 4 pipeline deals that require it.",
    );
    expect(decisions).toMatch(/^- \*\*Pending:\*\* Mobile minimum version requirement .* — Owner: @rosa$/m);
  });

  it("prints upcoming work with its intent and the engineering flag", () => {
    expect(sectionBody(markdown, "Upcoming Work")).toMatch(
      /^- \*\*Notification preferences\*\* \(Sprint starting: 2025-03-24\): Let users control .* _Engineering flag:_ There's a dependency .* _Owner:_ @darius$/m,
    );
  });
});

describe("renderNotesMarkdown: edge cases", () => {
  const leadership = builtinTemplate("engineering-leadership-sync");

  it("keeps an empty section and marks it", () => {
    const markdown = renderNotesMarkdown(emptyNotes(leadership));
    for (const title of ["Key Metrics", "Major Risks", "Decisions", "Escalations", "Action Items"]) {
      expect(sectionBody(markdown, title)).toMatch(/_Nothing recorded\._$/);
    }
    expect(markdown).toContain("## Action Items\n\n_Nothing recorded._\n");
    expect(markdown.match(/_Nothing recorded\._/g)).toHaveLength(8);
  });

  it("escapes pipes and joins lines inside table cells", () => {
    const notes = {
      ...emptyNotes(leadership),
      items: [
        item({ kind: "action", section: "actions", text: "Pick A | B\nthen ship", owner: "Priya", status: "open" }),
      ],
    };
    expect(renderNotesMarkdown(notes)).toContain("| @priya | Pick A \\| B then ship | — | Open |");
  });

  it("writes owners as the seed's lower-case first-name handle", () => {
    const notes = {
      ...emptyNotes(leadership),
      items: [
        item({ kind: "action", section: "actions", text: "One", owner: "Priya Shah" }),
        item({ kind: "action", section: "actions", text: "Two", owner: "@Darius" }),
      ],
    };
    const actions = sectionBody(renderNotesMarkdown(notes), "Action Items");
    expect(actions).toContain("| @priya | One | — | — |");
    expect(actions).toContain("| @darius | Two | — | — |");
  });

  it("fills in the meeting details it is given", () => {
    const notes: MeetingNotes = {
      ...emptyNotes(leadership),
      meeting: {
        title: "Eng leadership — March 18",
        date: "2025-03-18",
        facilitator: "Maya",
        attendees: ["Priya", "Darius", "Wen"],
        durationMinutes: 52,
      },
    };
    const markdown = renderNotesMarkdown(notes);
    expect(markdown.startsWith("# Eng leadership — March 18\n")).toBe(true);
    expect(sectionBody(markdown, "Meeting Details")).toBe(
      "- **Date:** 2025-03-18\n- **Facilitator:** Maya\n- **Attendees:** Priya, Darius, Wen\n- **Duration:** 52 minutes",
    );
  });

  it("shows items filed under a section the template lacks instead of dropping them", () => {
    const notes = {
      ...emptyNotes(leadership),
      items: [item({ kind: "question", section: "questions", text: "Graceful degradation or a version bump?" })],
    };
    expect(sectionBody(renderNotesMarkdown(notes), "Other items")).toContain(
      "- **Open:** Graceful degradation or a version bump?",
    );
  });

  it("writes questions, escalations and risks without columns as bullets of their kind", () => {
    const team = builtinTemplate("team-sync");
    const notes = {
      ...emptyNotes(team),
      items: [
        item({ kind: "question", section: "questions", text: "Who owns on-call?", askedBy: "Ana" }),
        item({ kind: "question", section: "questions", text: "Is the API frozen?", status: "answered" }),
        item({ kind: "decision", section: "decisions", text: "Ship Friday", status: "superseded" }),
        item({ kind: "decision", section: "decisions", text: "Use Postgres" }),
      ],
    };
    const markdown = renderNotesMarkdown(notes);
    expect(sectionBody(markdown, "Open Questions")).toContain(
      "- **Open:** Who owns on-call? — Asked by: Ana\n- **Answered:** Is the API frozen?",
    );
    expect(sectionBody(markdown, "Decisions")).toContain("- **Superseded:** Ship Friday\n- **Decision:** Use Postgres");
  });

  it("adds Meeting Details even when a template has no details section", () => {
    const template = { ...leadership, sections: leadership.sections.filter((section) => section.kind !== "details") };
    const headings = renderNotesMarkdown(emptyNotes(template)).match(/^## .*$/gm) ?? [];
    expect(headings.slice(0, 2)).toEqual(["## Meeting Details", "## Key Metrics"]);
  });

  it("is pure: the same notes give the same text and are not changed", () => {
    const notes = seedNotes("engineering-leadership-sync");
    const before = JSON.stringify(notes);
    expect(renderNotesMarkdown(notes)).toBe(renderNotesMarkdown(notes));
    expect(JSON.stringify(notes)).toBe(before);
  });
});

describe("renderNotesMarkdown: what people said is text, never markup", () => {
  const template = builtinTemplate("engineering-leadership-sync");
  const hostile = "<img src=x onerror=alert(1)> </script> [x](javascript:alert(1)) *bold* &amp;";
  const notes: MeetingNotes = {
    ...emptyNotes(template),
    meeting: { title: "Sync </script>", date: null, facilitator: "<b>Mallory</b>", attendees: ["[me](javascript:x)"] },
    items: [
      item({ kind: "action", section: "actions", text: hostile, owner: "Priya" }),
      item({ kind: "decision", section: "decisions", text: hostile, status: "decided", rationale: "<i>why</i>" }),
      item({ kind: "risk", section: "risks", text: hostile, rag: "red", mitigation: "<script>x</script>" }),
      item({ kind: "update", section: "nowhere", text: "line one\n# not a heading", team: "<u>Team</u>" }),
    ],
    metrics: [{ team: "<svg onload=x>", values: { velocity: 3 }, evidence: [] }],
  };
  const markdown = renderNotesMarkdown(notes);

  it("escapes raw HTML, links and emphasis in items, titles, details and metrics", () => {
    expect(markdown).not.toMatch(/(^|[^\\])<(img|\/script|b>|i>|script|u>|svg)/);
    expect(markdown).not.toMatch(/(^|[^\\])\]\(javascript:/);
    expect(markdown).toContain(
      "\\<img src=x onerror=alert(1)\\> \\</script\\> \\[x\\](javascript:alert(1)) \\*bold\\* \\&amp;",
    );
    expect(markdown).toContain("# Sync \\</script\\>");
    expect(markdown).toContain("- **Facilitator:** \\<b\\>Mallory\\</b\\>");
    expect(markdown).toContain("| \\<svg onload=x\\> |");
    expect(markdown).toContain("- **\\<u\\>Team\\</u\\>**: line one\n  \\# not a heading");
  });
});
