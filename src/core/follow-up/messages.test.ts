import { describe, expect, it } from "vitest";
import { seedNotes } from "../../../test/helpers/meeting.js";
import { createItem, type Item } from "../item.js";
import type { MeetingNotes } from "../notes/meeting-notes.js";
import { renderNotesMarkdown } from "../notes/render-markdown.js";
import {
  absoluteUrl,
  digestMessage,
  type EmailMessage,
  escapeSlack,
  notesEmail,
  reminderMessage,
  renderNotesHtml,
  SLACK_LIMITS,
  type SlackMessage,
  slackSummary,
  truncate,
} from "./messages.js";

let ids = 0;
function item(fields: Partial<Item> & Pick<Item, "kind" | "text">): Item {
  ids += 1;
  return createItem({ id: `i${ids}`, section: `${fields.kind}s`, ...fields });
}

const engineering = seedNotes("engineering-leadership-sync");

/** The text of every h1 and h2, in order. */
function htmlHeadings(html: string): string[] {
  return [...html.matchAll(/<h([12])[^>]*>(.*?)<\/h\1>/g)].map(
    (match) => `${"#".repeat(Number(match[1]))} ${match[2]}`,
  );
}

/** The cells of each table row, tags inside cells left as they are. */
function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((cell) => cell[1] ?? ""),
  );
}

describe("renderNotesHtml", () => {
  const html = renderNotesHtml(engineering);

  it("is a complete, self-contained HTML document", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Engineering Leadership Sync</title>");
    expect(html).not.toMatch(/<style|<link|<script|src=/);
    expect(html).not.toMatch(/class=/);
  });

  it("has the same headings in the same order as the Markdown notes", () => {
    const markdownHeadings = renderNotesMarkdown(engineering).match(/^#{1,2} .*$/gm);
    expect(htmlHeadings(html)).toEqual(markdownHeadings);
  });

  it("opens with the purpose and the meeting details", () => {
    expect(html).toContain(
      "<strong>Purpose:</strong> Align engineering leaders on team health, risks, and strategic direction</p>",
    );
    expect(html).toMatch(/<li[^>]*><strong>Duration:<\/strong> 60 minutes \(biweekly recommended\)<\/li>/);
    expect(html).toMatch(/<li[^>]*><strong>Attendees:<\/strong> —<\/li>/);
  });

  it("writes table sections as tables with the Markdown's cells", () => {
    const rows = tableRows(html);
    expect(rows).toContainEqual(["Owner", "Action", "Due Date", "Status"]);
    expect(rows).toContainEqual(["@priya", "Resolve auth latency or execute rollback", "2025-03-21", "Open"]);
    expect(rows).toContainEqual(["Platform", "84", "2", "42 min", "3", "0"]);
    expect(rows).toContainEqual(["Mobile", "61", "0", "—", "1", "1"]);
  });

  it("shows a rating as its word in its colour", () => {
    const risk = tableRows(html).find((row) => row[1]?.startsWith("Auth service latency"));
    expect(risk).toEqual([
      '<span style="color:#b42318;font-weight:600;">🔴 Red</span>',
      "Auth service latency degraded 40% after last deploy; root cause unclear",
      "@priya",
      "War room opened; rollback plan ready if no fix by EOD",
    ]);
    expect(html).toContain('<span style="color:#1a7f37;font-weight:600;">🟢 Green</span>');
    expect(html).toContain('<span style="color:#8a5a00;font-weight:600;">🟡 Yellow</span>');
  });

  it("writes bullet sections with the bullets' bold heads and labels", () => {
    expect(html).toContain(
      "<strong>Mobile – Senior iOS Engineer</strong>: Offer accepted by candidate from Spotify, start date April 7.",
    );
    expect(html).toContain(
      '<strong>Multi-region failover</strong> (Status: <span style="color:#1a7f37;font-weight:600;">🟢 Green</span>, Target: Q3): On track.',
    );
    expect(html).toContain(
      "<strong>Decided:</strong> Approved rolling back auth service if latency issue persists past 5pm Friday — Owner: @priya",
    );
    expect(html).toContain("— Needed: Contractor budget — Owner: @darius");
  });

  it("ends with the follow-up text", () => {
    expect(html).toMatch(
      /<h2[^>]*>Follow-up<\/h2>\n<p[^>]*>Distribute notes to all engineering leadership within 2 hours of the meeting\./,
    );
  });

  it("says when a section has nothing and keeps items filed under unknown sections", () => {
    const notes: MeetingNotes = {
      ...engineering,
      items: [item({ kind: "decision", section: "elsewhere", text: "Ship on Friday", status: "decided" })],
      metrics: [],
    };
    const out = renderNotesHtml(notes);
    expect(out).toMatch(
      /<h2[^>]*>Decisions<\/h2>\n<p[^>]*>Record decisions[^<]*<\/p>\n<p[^>]*>Nothing recorded\.<\/p>/,
    );
    expect(htmlHeadings(out)).toContain("## Other items");
    expect(out).toContain("<strong>Decided:</strong> Ship on Friday");
  });

  it("escapes every text from the notes", () => {
    const attack = '<script>alert("x")</script> & <b>co</b>';
    const notes: MeetingNotes = {
      ...engineering,
      meeting: { ...engineering.meeting, title: "Sync <img src=x onerror=alert(1)>", attendees: ["<i>Eve</i>"] },
      items: [
        item({ kind: "decision", section: "decisions", text: attack, status: "decided", rationale: "because <3" }),
        item({ kind: "action", section: "actions", text: attack, owner: "Priya", due: "2025-03-21" }),
        item({ kind: "update", section: "staffing", text: attack, team: "<Ops>", fields: { role: "SRE" } }),
        item({ kind: "risk", section: "nowhere", text: attack, rag: "red" }),
      ],
      metrics: [{ team: "<Platform>", values: { velocity: 1 }, evidence: [] }],
    };
    const out = renderNotesHtml(notes);
    expect(out).not.toMatch(/<script|<img|<b>|<i>|<Ops>|<Platform>|onerror=alert\(1\)>/);
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;");
    expect(out).toContain("<title>Sync &lt;img src=x onerror=alert(1)&gt;</title>");
    expect(out).toContain("&lt;i&gt;Eve&lt;/i&gt;");
    expect(out).toContain("Rationale: because &lt;3");
    expect(out).toContain("<strong>&lt;Ops&gt; – SRE</strong>");
    expect(out).toContain("<td");
    expect(tableRows(out)).toContainEqual(["&lt;Platform&gt;", "1", "—", "—", "—", "—"]);
  });

  it("writes what people said as they said it: their asterisks and underscores are not markup", () => {
    const said = "Ship **all** of it_now:_ 🔴 Red, say";
    const notes: MeetingNotes = {
      ...engineering,
      items: [
        item({ kind: "decision", section: "decisions", text: said, status: "decided" }),
        item({ kind: "update", section: "staffing", text: said, team: "Ops", fields: { role: "SRE" } }),
      ],
    };
    const out = renderNotesHtml(notes);
    expect(out).toContain(`<strong>Decided:</strong> Ship **all** of it_now:_ 🔴 Red, say`);
    expect(out).toContain(`<strong>Ops – SRE</strong>: Ship **all** of it_now:_ 🔴 Red, say`);
  });
});

describe("notesEmail", () => {
  const url = "https://docket.example/meetings/m1?tab=notes&from=email";
  const notes: MeetingNotes = { ...engineering, meeting: { ...engineering.meeting, date: "2025-03-17" } };
  const email: EmailMessage = notesEmail({ notes, spaceName: "Eng Leads", url, to: ["a@example.com"] });

  it("is addressed and titled by the meeting and its date", () => {
    expect(email.to).toEqual(["a@example.com"]);
    expect(email.subject).toBe("Notes: Engineering Leadership Sync (2025-03-17)");
    const undated = notesEmail({ notes: engineering, spaceName: "Eng Leads", url, to: [] });
    expect(undated.subject).toBe("Notes: Engineering Leadership Sync");
  });

  it("keeps the subject on one line", () => {
    const titled: MeetingNotes = { ...notes, meeting: { ...notes.meeting, title: "Sync\nBcc: x@evil.example" } };
    expect(notesEmail({ notes: titled, spaceName: "S", url, to: [] }).subject).toBe(
      "Notes: Sync Bcc: x@evil.example (2025-03-17)",
    );
  });

  it("sends the Markdown notes as text and the HTML notes as the rich part, both with the link", () => {
    expect(email.text.startsWith(renderNotesMarkdown(notes))).toBe(true);
    expect(email.text.endsWith(`These notes are from Eng Leads in Docket: ${url}\n`)).toBe(true);
    const withoutFooter = renderNotesHtml(notes);
    const footerAt = email.html.indexOf('<p style="margin:24px 0 0;');
    expect(footerAt).toBeGreaterThan(0);
    expect(withoutFooter).toContain(email.html.slice(0, footerAt));
    expect(email.html).toContain(
      'href="https://docket.example/meetings/m1?tab=notes&amp;from=email" style="color:#0b57d0;">Open them in Docket</a>',
    );
  });
});

describe("slackSummary", () => {
  const base = {
    spaceName: "Eng Leads",
    meetingTitle: "Engineering Leadership Sync",
    meetingDate: "2025-03-17",
    url: "https://docket.example/meetings/m1",
    channel: "#eng-leadership",
  };
  const sectionTexts = (message: SlackMessage): string[] =>
    (message.blocks as { type: string; text?: { text: string } }[])
      .filter((block) => block.type === "section")
      .map((block) => block.text?.text ?? "");

  it("posts decisions and escalations with a header, a section per kind and a link", () => {
    const message = slackSummary({ ...base, items: engineering.items, include: ["decision", "escalation"] });
    expect(message.channel).toBe("#eng-leadership");
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Engineering Leadership Sync — 2025-03-17", emoji: true },
    });
    const [decisions, escalations] = sectionTexts(message);
    expect(decisions?.split("\n")).toEqual([
      "*Decisions*",
      "• Approved rolling back auth service if latency issue persists past 5pm Friday",
      "• Agreed to deprioritize the analytics dashboard feature to protect mobile team's core commitments",
    ]);
    expect(escalations).toMatch(/^\*Escalations\*\n• Auth latency: .* — _Needed:_ VP Eng awareness — owner: Priya\n/);
    expect(message.blocks.at(-1)).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "<https://docket.example/meetings/m1|Open the notes in Docket> · Eng Leads" }],
    });
    expect(message.text).toBe(
      "Engineering Leadership Sync (2025-03-17): 2 decisions and 2 escalations. https://docket.example/meetings/m1",
    );
    expect(JSON.stringify(message)).not.toContain("Resolve auth latency");
  });

  it("writes who decided and why, what an escalation needs, an action's owner and due date, a risk's rating", () => {
    const items = [
      item({ kind: "decision", text: "Ship v1 one-way", status: "pending", decidedBy: "Ana", rationale: "Less risk" }),
      item({ kind: "action", text: "Post the JD", owner: "Wen", due: "2025-03-28" }),
      item({ kind: "action", text: "Book the room" }),
      item({ kind: "risk", text: "Auth latency", rag: "red", owner: "Priya", mitigation: "War room" }),
      item({ kind: "risk", text: "Unowned thing", rag: "yellow" }),
      item({ kind: "question", text: "Degrade or bump?", askedBy: "Lee" }),
    ];
    const message = slackSummary({ ...base, items, include: ["question", "action", "risk", "decision"] });
    expect(sectionTexts(message)).toEqual([
      "*Open questions*\n• Degrade or bump? — asked by Lee",
      "*Action items*\n• Post the JD — Wen — due Friday 28 March 2025\n• Book the room — _no owner_ — _no due date_",
      "*Risks*\n• 🔴 Red: Auth latency — owner: Priya — _Mitigation:_ War room\n• 🟡 Yellow: Unowned thing — _no owner_",
      "*Decisions*\n• Ship v1 one-way _(pending)_ — decided by Ana — _Rationale:_ Less risk",
    ]);
    expect(message.text).toContain("1 open question, 2 action items, 2 risks and 1 decision");
  });

  it("leaves out what is already closed", () => {
    const items = [
      item({ kind: "decision", text: "Old call", status: "superseded" }),
      item({ kind: "action", text: "Done thing", status: "done" }),
      item({ kind: "risk", text: "Gone risk", status: "resolved", rag: "green" }),
      item({ kind: "question", text: "Answered?", status: "answered" }),
      item({ kind: "action", text: "Open thing", status: "open" }),
    ];
    const message = slackSummary({ ...base, items, include: ["decision", "action", "risk", "question"] });
    expect(sectionTexts(message)).toEqual(["*Action items*\n• Open thing — _no owner_ — _no due date_"]);
  });

  it("says so when there is nothing to post", () => {
    const message = slackSummary({ ...base, items: [], include: ["decision", "escalation"] });
    expect(sectionTexts(message)).toEqual(["No decisions or escalations in this meeting."]);
    expect(message.text).toBe(
      "Engineering Leadership Sync (2025-03-17): No decisions or escalations in this meeting. https://docket.example/meetings/m1",
    );
    expect(message.blocks).toHaveLength(3);
  });

  it("escapes Slack's control characters in everything people said", () => {
    const items = [
      item({ kind: "decision", text: "Tell <!channel> & <@U123> about <https://evil.example|this>", decidedBy: "A>B" }),
    ];
    const message = slackSummary({
      ...base,
      spaceName: "R&D <ops>",
      meetingTitle: "Sync & <b>",
      items,
      include: ["decision"],
    });
    const json = JSON.stringify(message);
    expect(json).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
    expect(sectionTexts(message)[0]).toContain(
      "Tell &lt;!channel&gt; &amp; &lt;@U123&gt; about &lt;https://evil.example|this&gt; — decided by A&gt;B",
    );
    expect(json).toContain("· R&amp;D &lt;ops&gt;");
    expect(message.text.startsWith("Sync &amp; &lt;b&gt; (2025-03-17)")).toBe(true);
    // The header is plain text: Slack shows it as it is, so it is not escaped.
    expect(message.blocks[0]).toMatchObject({ text: { text: "Sync & <b> — 2025-03-17" } });
  });

  it("keeps within Block Kit's limits and counts what it leaves out", () => {
    const long = "Word ".repeat(400);
    const items = Array.from({ length: 30 }, (_, i) =>
      item({ kind: "decision", text: `${i} ${long}`, rationale: long, decidedBy: "Ana" }),
    );
    const kinds = ["decision", "escalation", "action", "risk", "question"] as const;
    for (const kind of kinds.slice(1)) items.push(...Array.from({ length: 20 }, () => item({ kind, text: "x & y" })));
    const message = slackSummary({ ...base, meetingTitle: "T".repeat(300), items, include: [...kinds] });
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(header.text.text.endsWith("…")).toBe(true);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const sections = sectionTexts(message);
    expect(sections).toHaveLength(5);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const decisions = sections[0] ?? "";
    const shown = decisions.split("\n").filter((line) => line.startsWith("• ")).length;
    expect(shown).toBeGreaterThan(0);
    expect(decisions.endsWith(`_…and ${30 - shown} more in the notes_`)).toBe(true);
    expect(sections[1]?.endsWith("_…and 10 more in the notes_")).toBe(true);
  });
});

describe("reminderMessage", () => {
  const notification = {
    title: "Prepare for Sync <1>",
    body: "Sync starts Tuesday.\nTwo of your rows & more are not updated yet.",
    link: "/meetings/m1/prepare",
  };
  const message = reminderMessage(notification, "https://docket.example/");

  it("links to the page on the server's address", () => {
    expect(message.subject).toBe("Prepare for Sync <1>");
    expect(message.text).toBe(`${notification.body}\n\nOpen in Docket: https://docket.example/meetings/m1/prepare\n`);
    expect(message.html).toContain('href="https://docket.example/meetings/m1/prepare"');
    expect(message.slackText).toBe(
      "*Prepare for Sync &lt;1&gt;*\nSync starts Tuesday.\nTwo of your rows &amp; more are not updated yet.\n<https://docket.example/meetings/m1/prepare|Open in Docket>",
    );
  });

  it("escapes the texts in the HTML", () => {
    expect(message.html).toContain("<title>Prepare for Sync &lt;1&gt;</title>");
    expect(message.html).toContain("Sync starts Tuesday.<br>Two of your rows &amp; more are not updated yet.");
    expect(message.html).not.toContain("<1>");
  });
});

describe("digestMessage", () => {
  const entries = [
    { title: "Overdue: Post the JD", body: "Due Friday.", link: "/spaces/s2?tab=actions", spaceName: "Platform" },
    { title: "Prepare for Sync", body: "Starts Tuesday.", link: "/meetings/m1/prepare", spaceName: "Eng <Leads>" },
    { title: "Due tomorrow: Fix", body: "Tomorrow & after.", link: "/spaces/s1?tab=actions", spaceName: "Eng <Leads>" },
  ];
  const digest = digestMessage("Ana María López", entries, "https://docket.example", "2025-03-17");

  it("greets the person and groups their notifications by Space, Spaces by name", () => {
    expect(digest.subject).toBe("Your Docket digest for Monday 17 March 2025");
    expect(digest.text).toBe(
      [
        "Hi Ana,",
        "3 things in Docket need you:",
        "Eng <Leads>\n- Prepare for Sync: Starts Tuesday.\n  https://docket.example/meetings/m1/prepare\n- Due tomorrow: Fix: Tomorrow & after.\n  https://docket.example/spaces/s1?tab=actions",
        "Platform\n- Overdue: Post the JD: Due Friday.\n  https://docket.example/spaces/s2?tab=actions\n",
      ].join("\n\n"),
    );
    expect(digest.slackText).toContain(
      "*Eng &lt;Leads&gt;*\n• <https://docket.example/meetings/m1/prepare|Prepare for Sync>: Starts Tuesday.\n• <https://docket.example/spaces/s1?tab=actions|Due tomorrow: Fix>: Tomorrow &amp; after.",
    );
    expect(digest.html.indexOf("Eng &lt;Leads&gt;")).toBeLessThan(digest.html.indexOf(">Platform<"));
    expect(digest.html).toContain('href="https://docket.example/spaces/s1?tab=actions"');
    expect(digest.html).not.toContain("<Leads>");
  });

  it("says when nothing needs the person", () => {
    const empty = digestMessage("Wen", [], "https://docket.example", "2025-03-17");
    expect(empty.text).toBe("Hi Wen,\n\nNothing in Docket needs you today.\n");
    const one = digestMessage("", entries.slice(0, 1), "https://docket.example", "2025-03-17");
    expect(one.text.startsWith("Hi there,\n\nOne thing in Docket needs you:")).toBe(true);
  });
});

describe("helpers", () => {
  it.each([
    ["https://d.example", "/meetings/1", "https://d.example/meetings/1"],
    ["https://d.example/", "meetings/1", "https://d.example/meetings/1"],
    ["https://d.example/app/", "/meetings/1", "https://d.example/app/meetings/1"],
    ["https://d.example", "https://other.example/x", "https://other.example/x"],
  ])("absoluteUrl(%s, %s) → %s", (baseUrl, link, url) => {
    expect(absoluteUrl(baseUrl, link)).toBe(url);
  });

  it("escapes Slack text and truncates without splitting an emoji", () => {
    expect(escapeSlack("a & <b> > c")).toBe("a &amp; &lt;b&gt; &gt; c");
    expect(truncate("abcdef", 10)).toBe("abcdef");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("ab🔴cd", 4)).toBe("ab…");
  });
});
