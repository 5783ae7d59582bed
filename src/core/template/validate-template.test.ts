import { describe, expect, it } from "vitest";
import { TemplateError } from "../errors.js";
import { parseTemplate } from "./validate-template.js";

type Json = Record<string, unknown>;

/** A small valid template; each case below breaks one thing in a copy of it. */
function baseTemplate(): Json {
  return {
    id: "my-sync",
    name: "My sync",
    purpose: "Test the validator",
    durationMinutes: 30,
    cadence: "weekly",
    howToRun: ["Keep it short."],
    beforeMeeting: ["Read the notes"],
    sections: [
      { id: "details", title: "Meeting Details", kind: "details", description: "" },
      {
        id: "metrics",
        title: "Key Metrics",
        kind: "metrics",
        description: "Numbers",
        columns: [
          { id: "team", label: "Team", type: "text" },
          { id: "velocity", label: "Velocity", type: "number", unit: "pts" },
        ],
      },
      {
        id: "risks",
        title: "Risks",
        kind: "risks",
        description: "Rate them",
        ratingGuide: { red: "Act now", yellow: "Watch", green: "Fine" },
        columns: [
          { id: "rag", label: "Status", type: "rag" },
          { id: "text", label: "Risk", type: "text" },
          { id: "owner", label: "Owner", type: "person" },
        ],
      },
      { id: "decisions", title: "Decisions", kind: "decisions", description: "" },
      { id: "actions", title: "Action Items", kind: "actions", description: "" },
    ],
    followUp: {
      text: "Send the notes.",
      rules: [
        { kind: "distribute-notes", withinMinutes: 120, audience: "everyone" },
        { kind: "slack-summary", channel: "#team", include: ["decision"] },
      ],
    },
  };
}

function changed(edit: (template: Json) => void): Json {
  const template = baseTemplate();
  edit(template);
  return template;
}

// Paths into the base template, typed loosely because the cases deliberately make it invalid.
const sections = (t: Json): Json[] => t.sections as Json[];
const section = (t: Json, i: number): Json => sections(t)[i] as Json;
const columns = (t: Json, i: number): Json[] => section(t, i).columns as Json[];
const rules = (t: Json): Json[] => (t.followUp as Json).rules as Json[];

function messageOf(json: unknown): string {
  try {
    parseTemplate(json, "my-sync.json");
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  return "(valid)";
}

describe("parseTemplate", () => {
  it("accepts a valid template and fills in defaults", () => {
    const template = parseTemplate(baseTemplate(), "my-sync.json");
    expect(template.id).toBe("my-sync");
    expect(template.preReadHours).toBe(24);
  });

  it("throws a TemplateError that names the file, the field and the problem", () => {
    const json = changed((t) => {
      section(t, 2).kind = "risk";
    });
    expect(() => parseTemplate(json, "my-sync.json")).toThrow(TemplateError);
    try {
      parseTemplate(json, "my-sync.json");
    } catch (error) {
      expect(error).toMatchObject({ file: "my-sync.json", problem: { path: "sections[2].kind" }, code: "bad_input" });
    }
  });

  const schemaCases: [string, unknown, string][] = [
    [
      "an unknown section kind",
      changed((t) => {
        section(t, 2).kind = "risk";
      }),
      'sections[2].kind: must be one of details, metrics, staffing, risks, initiatives, roadmap, upcoming, constraints, decisions, escalations, actions, questions, notes; got "risk"',
    ],
    [
      "a missing field",
      changed((t) => {
        delete t.name;
      }),
      "name: is required",
    ],
    [
      "an empty name",
      changed((t) => {
        t.name = "";
      }),
      "name: must not be empty",
    ],
    [
      "a duration written as text",
      changed((t) => {
        t.durationMinutes = "60";
      }),
      'durationMinutes: must be a number; got "60"',
    ],
    [
      "a fractional duration",
      changed((t) => {
        t.durationMinutes = 1.5;
      }),
      "durationMinutes: must be a whole number; got 1.5",
    ],
    [
      "a zero duration",
      changed((t) => {
        t.durationMinutes = 0;
      }),
      "durationMinutes: must be greater than 0; got 0",
    ],
    [
      "a negative pre-read",
      changed((t) => {
        t.preReadHours = -1;
      }),
      "preReadHours: must be at least 0; got -1",
    ],
    [
      "an unknown cadence",
      changed((t) => {
        t.cadence = "daily";
      }),
      'cadence: must be one of weekly, biweekly, monthly, ad-hoc; got "daily"',
    ],
    [
      "an id with capitals and spaces",
      changed((t) => {
        t.id = "My Sync";
      }),
      'id: must be lower-case letters, digits, - or _, starting with a letter; got "My Sync"',
    ],
    [
      "a misspelt section field",
      changed((t) => {
        section(t, 1).colums = [];
      }),
      'sections[1].colums: is not a known field; did you mean "columns"?',
    ],
    [
      "an unknown top-level field",
      changed((t) => {
        t.owner = "me";
      }),
      "owner: is not a known field; known fields are id, name, category, purpose, durationMinutes, cadence, howToRun, beforeMeeting, preReadHours, sections, followUp",
    ],
    [
      "no sections",
      changed((t) => {
        t.sections = [];
      }),
      "sections: must have at least 1 entry",
    ],
    [
      "sections written as an object",
      changed((t) => {
        t.sections = {};
      }),
      "sections: must be a list; got an object",
    ],
    [
      "an unknown column type",
      changed((t) => {
        (columns(t, 1)[1] as Json).type = "num";
      }),
      'sections[1].columns[1].type: must be one of text, number, person, date, rag, level, status; got "num"',
    ],
    [
      "a rating guide without yellow",
      changed((t) => {
        section(t, 2).ratingGuide = { red: "Act now", green: "Fine" };
      }),
      "sections[2].ratingGuide.yellow: is required",
    ],
    [
      "an unknown layout",
      changed((t) => {
        section(t, 2).layout = "list";
      }),
      'sections[2].layout: must be one of table, bullets; got "list"',
    ],
    [
      "an unknown follow-up rule",
      changed((t) => {
        rules(t)[0] = { kind: "email" };
      }),
      'followUp.rules[0].kind: must be one of distribute-notes, slack-summary, red-risk-to-next-agenda, unowned-risk-escalate, communicate-before; got "email"',
    ],
    [
      "a follow-up rule missing its deadline",
      changed((t) => {
        delete (rules(t)[0] as Json).withinMinutes;
      }),
      "followUp.rules[0].withinMinutes: is required",
    ],
    [
      "a follow-up rule with a field of another rule",
      changed((t) => {
        (rules(t)[0] as Json).channel = "#team";
      }),
      "followUp.rules[0].channel: is not a known field; known fields are kind, withinMinutes, audience",
    ],
    [
      "a Slack summary of an unknown item kind",
      changed((t) => {
        (rules(t)[1] as Json).include = ["decisions"];
      }),
      'followUp.rules[1].include[0]: must be one of decision, escalation, action, risk, question; got "decisions"',
    ],
    ["a list instead of a template", [], "must be an object; got a list"],
    ["nothing at all", null, "must be an object; got null"],
  ];

  it.each(schemaCases)("reports %s", (_name, json, expected) => {
    expect(messageOf(json)).toBe(`my-sync.json: ${expected}`);
  });

  const ruleCases: [string, Json, string][] = [
    [
      "a repeated section id",
      changed((t) => {
        section(t, 4).id = "risks";
      }),
      'sections[4].id: "risks" is already the id of sections[2]',
    ],
    [
      "a repeated column id",
      changed((t) => {
        columns(t, 2).push({ id: "text", label: "Again", type: "text" });
      }),
      'sections[2].columns[3].id: "text" is already the id of columns[1]',
    ],
    [
      "a metrics section without a team column",
      changed((t) => {
        columns(t, 1).shift();
      }),
      'sections[1].columns: a metrics section needs a "team" column (one row per team)',
    ],
    [
      "a metrics section without columns",
      changed((t) => {
        delete section(t, 1).columns;
      }),
      'sections[1].columns: a metrics section needs a "team" column (one row per team)',
    ],
    [
      "a metrics column that is not a number",
      changed((t) => {
        columns(t, 1).push({ id: "notes", label: "Notes", type: "text" });
      }),
      'sections[1].columns[2].type: a metrics column other than "team" must be of type number; got "text"',
    ],
    [
      "a metrics section with only a team column",
      changed((t) => {
        columns(t, 1).pop();
      }),
      'sections[1].columns: a metrics section needs at least one number column besides "team"',
    ],
    [
      "a second decisions section",
      changed((t) => {
        sections(t).push({ id: "more-decisions", title: "More", kind: "decisions", description: "" });
      }),
      'sections[5].kind: a template may have only one "decisions" section; sections[3] is one already',
    ],
    [
      "a second metrics section",
      changed((t) => {
        sections(t).push({ ...section(t, 1), id: "more-metrics" });
      }),
      'sections[5].kind: a template may have only one "metrics" section; sections[1] is one already',
    ],
    [
      "an owner column that is not a person",
      changed((t) => {
        (columns(t, 2)[2] as Json).type = "text";
      }),
      'sections[2].columns[2].type: the "owner" column must be of type person; got "text"',
    ],
    [
      "a due column that is not a date",
      changed((t) => {
        section(t, 4).columns = [{ id: "due", label: "Due", type: "text" }];
      }),
      'sections[4].columns[0].type: the "due" column must be of type date; got "text"',
    ],
  ];

  it.each(ruleCases)("reports %s", (_name, json, expected) => {
    expect(messageOf(json)).toBe(`my-sync.json: ${expected}`);
  });

  it("allows two sections of a kind that may repeat, such as risks", () => {
    const json = changed((t) => {
      sections(t).push({ ...section(t, 2), id: "more-risks" });
    });
    expect(messageOf(json)).toBe("(valid)");
  });

  it("reports only the first problem, in document order", () => {
    const json = changed((t) => {
      t.cadence = "daily";
      section(t, 2).kind = "risk";
    });
    expect(messageOf(json)).toBe(
      'my-sync.json: cadence: must be one of weekly, biweekly, monthly, ad-hoc; got "daily"',
    );
  });

  it("checks the schema before the rules the schema cannot express", () => {
    const json = changed((t) => {
      section(t, 4).id = "risks";
      t.durationMinutes = 0;
    });
    expect(messageOf(json)).toBe("my-sync.json: durationMinutes: must be greater than 0; got 0");
  });

  it("shortens a long value it quotes", () => {
    const json = changed((t) => {
      t.cadence = "x".repeat(100);
    });
    expect(messageOf(json)).toContain(`got "${"x".repeat(37)}..."`);
  });
});
