// End-to-end: the real CLI in a child process, as a user (or an outside tool) runs it.
// Each spawn costs about half a second, so tests run concurrently and a test's own runs go in parallel.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, it } from "vitest";
import { z } from "zod";
import { score } from "../eval/score.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "src", "cli", "docket.ts");
const ELS_VTT = "eval/devset/eng-leadership-sync/transcript.zoom.vtt";
const STACK_LINE = "    at ";
// Spawns share two or so cores with the rest of the suite: give a test room beyond the default timeout.
const SPAWNING = { timeout: 60_000 };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `docket ARGS` from the repository root with TZ=UTC and no DOCKET_TEMPLATES from the caller's shell. */
function docket(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { DOCKET_TEMPLATES: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
      cwd: ROOT,
      env: { ...inherited, TZ: "UTC", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(join(ROOT, path), "utf8"));
}

const templateFileSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  sections: z.array(z.looseObject({ id: z.string(), title: z.string() })),
});

async function readTemplate(id: string): Promise<z.infer<typeof templateFileSchema>> {
  return templateFileSchema.parse(await readJson(`templates/${id}.json`));
}

// The `docket extract --json` contract from PRODUCT.md: these keys and no others; unknown fields are null.
const isoDate = z.iso.date();
const level = z.enum(["low", "medium", "high"]).nullable();
const itemFields = {
  text: z.string().min(1),
  owner: z.string().min(1).nullable(),
  due: isoDate.nullable(),
  rag: z.enum(["red", "yellow", "green"]).nullable(),
  likelihood: level,
  impact: level,
  speaker: z.string().min(1).nullable(),
  quote: z.string().min(1).nullable(),
  start: z.number().nonnegative().nullable(),
};
const contractItem = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("decision"), status: z.enum(["decided", "pending"]), ...itemFields }),
  z.strictObject({ kind: z.literal("question"), status: z.enum(["open", "answered"]), ...itemFields }),
  z.strictObject({
    kind: z.enum(["action", "risk", "escalation"]),
    status: z.string().min(1).nullable(),
    ...itemFields,
  }),
]);
const CONTRACT_KEYS = [
  "kind",
  "text",
  "owner",
  "due",
  "status",
  "rag",
  "likelihood",
  "impact",
  "speaker",
  "quote",
  "start",
];

/** Parses `extract --json` output against the contract; metric rows may use only the template's column ids. */
function parseContract(stdout: string, metricColumns: string[]) {
  const metricValue = z.number().finite();
  const metricRow = z.strictObject({
    team: z.string().min(1),
    ...Object.fromEntries(metricColumns.map((id) => [id, metricValue.optional()])),
  });
  return z.strictObject({ items: z.array(contractItem), metrics: z.array(metricRow) }).parse(JSON.parse(stdout));
}

const ELS_METRIC_COLUMNS = ["velocity", "incidents", "p1_mttr_min", "open_reqs", "attrition_90d"];

/** The gold items the prediction misses, and the matched pairs with a wrong attribute, in words. */
function seedGaps(predicted: unknown, gold: unknown): string[] {
  const result = score(predicted, gold);
  const missed = Object.entries(result.rows).flatMap(([kind, row]) =>
    row.missed.map((text) => `missed ${kind}: ${text}`),
  );
  const wrong = result.pairs
    .filter((pair) => pair.wrong.length > 0)
    .map((pair) => {
      const fields = pair.wrong.map(
        (k) => `${k}=${JSON.stringify(pair.predicted[k] ?? null)} (gold ${JSON.stringify(pair.gold[k])})`,
      );
      return `wrong ${pair.kind} "${String(pair.gold.text)}": ${fields.join(", ")}`;
    });
  const metrics =
    result.metrics && result.metrics.right < result.metrics.cells
      ? [`metrics ${result.metrics.right}/${result.metrics.cells} cells right`]
      : [];
  return [...missed, ...wrong, ...metrics];
}

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

function headingPositions(markdown: string, titles: string[]): number[] {
  return titles.map((title) => markdown.split("\n").indexOf(`## ${title}`));
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "docket-cli-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.concurrent("docket extract --json (the contract outside tools rely on)", SPAWNING, () => {
  it("prints the contract's shape and reproduces the Engineering Leadership Sync seed", async ({ expect }) => {
    const run = await docket([
      "extract",
      ELS_VTT,
      "--json",
      "--date",
      "2025-03-17",
      "--template",
      "engineering-leadership-sync",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const output = parseContract(run.stdout, ELS_METRIC_COLUMNS);
    expect(output.items.length).toBeGreaterThan(0);
    for (const item of JSON.parse(run.stdout).items as Record<string, unknown>[]) {
      expect(Object.keys(item).sort()).toEqual([...CONTRACT_KEYS].sort());
    }
    expect(seedGaps(output, await readJson("eval/devset/eng-leadership-sync/gold.json"))).toEqual([]);
  });

  it("reproduces the Product + Engineering Sync seed from both transcript files", async ({ expect }) => {
    const gold = await readJson("eval/devset/product-engineering-sync/gold.json");
    const files = ["transcript.teams.vtt", "transcript.named.srt"];
    const runs = await Promise.all(
      files.map((file) =>
        docket([
          "extract",
          `eval/devset/product-engineering-sync/${file}`,
          "--json",
          "--date",
          "2025-03-17",
          "--template",
          "product-engineering-sync",
        ]),
      ),
    );
    for (const [i, run] of runs.entries()) {
      expect({ file: files[i], code: run.code, stderr: run.stderr }).toEqual({ file: files[i], code: 0, stderr: "" });
      const output = parseContract(run.stdout, []);
      expect({ file: files[i], gaps: seedGaps(output, gold) }).toEqual({ file: files[i], gaps: [] });
    }
  });
});

describe.concurrent("docket extract (notes)", SPAWNING, () => {
  it("prints Markdown notes: the template's sections in order, a red risk row, dated action rows", async ({
    expect,
  }) => {
    const [run, template] = await Promise.all([
      docket(["extract", ELS_VTT, "--date", "2025-03-17", "--template", "engineering-leadership-sync"]),
      readTemplate("engineering-leadership-sync"),
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const md = run.stdout;
    expect(md.startsWith("# Engineering Leadership Sync\n")).toBe(true);
    expect(md).toContain("- **Date:** 2025-03-17");

    const positions = headingPositions(
      md,
      template.sections.map((s) => s.title),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md.indexOf("## Key Metrics")).toBeLessThan(md.indexOf("## Major Risks"));

    const lines = md.split("\n");
    expect(lines.some((l) => l.startsWith("| 🔴 Red | Auth service latency") && l.includes("@priya"))).toBe(true);
    expect(lines.some((l) => l.startsWith("| Platform | 84 | 2 | 42 min | 3 | 0 |"))).toBe(true);
    expect(lines.some((l) => l.startsWith("| @priya |") && l.includes("| 2025-03-21 |"))).toBe(true);
    expect(lines.some((l) => l.startsWith("| @darius |") && l.includes("| 2025-03-19 |"))).toBe(true);
  });

  it("--notes-json prints the filled template as JSON, section by section", async ({ expect }) => {
    const [run, template] = await Promise.all([
      docket(["extract", ELS_VTT, "--notes-json", "--date", "2025-03-17", "--template", "engineering-leadership-sync"]),
      readTemplate("engineering-leadership-sync"),
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const notes = z
      .looseObject({
        template: z.looseObject({ id: z.string() }),
        meeting: z.looseObject({ date: z.string().nullable(), attendees: z.array(z.string()) }),
        sections: z.array(
          z.looseObject({
            id: z.string(),
            title: z.string(),
            rows: z.array(z.record(z.string(), z.unknown())).nullable(),
            items: z.array(z.looseObject({ kind: z.string(), rag: z.string().nullable(), due: z.string().nullable() })),
          }),
        ),
      })
      .parse(JSON.parse(run.stdout));
    expect(notes.template.id).toBe("engineering-leadership-sync");
    expect(notes.meeting.date).toBe("2025-03-17");
    expect(notes.meeting.attendees).toContain("Priya Raman");
    expect(notes.sections.map((s) => [s.id, s.title])).toEqual(template.sections.map((s) => [s.id, s.title]));

    const section = (id: string) => notes.sections.find((s) => s.id === id);
    expect(section("metrics")?.rows).toContainEqual(expect.objectContaining({ team: "Platform", velocity: 84 }));
    expect(section("risks")?.items.map((i) => i.rag)).toEqual(expect.arrayContaining(["red", "yellow", "green"]));
    expect(section("actions")?.items.map((i) => i.due)).toEqual(
      expect.arrayContaining(["2025-03-19", "2025-03-21", "2025-03-28"]),
    );
  });

  it("takes the meeting date from the file when --date is absent, else today", async ({ expect }) => {
    const before = utcToday();
    const [dated, undated] = await Promise.all([
      docket(["extract", "test/fixtures/transcripts/docket/plain_with_header.txt"]),
      docket(["extract", "test/fixtures/transcripts/docket/plain_timestamped.txt"]),
    ]);
    const after = utcToday();
    expect(dated.code).toBe(0);
    // With no --template the CLI says which one it chose, on stderr, so stdout stays the notes.
    expect(dated.stderr).toMatch(/^docket: using template "[a-z0-9_-]+" \(choose one with --template\)\n$/);
    expect(dated.stdout).toContain("- **Date:** 2025-03-17\n");

    expect(undated.code).toBe(0);
    const date = /- \*\*Date:\*\* (\S+)\n/.exec(undated.stdout)?.[1];
    expect([before, after]).toContain(date);
  });

  it("demo prints the bundled recording's notes, dated as the meeting was", async ({ expect }) => {
    const run = await docket(["demo"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.startsWith("# Engineering Leadership Sync\n")).toBe(true);
    expect(run.stdout).toContain("- **Date:** 2025-03-17");
    expect(run.stdout.split("\n").some((l) => l.startsWith("| @priya |") && l.includes("| 2025-03-21 |"))).toBe(true);
  });
});

describe.concurrent("docket templates", SPAWNING, () => {
  it("lists the three built-in templates", async ({ expect }) => {
    const run = await docket(["templates"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const ids = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual(["engineering-leadership-sync", "product-engineering-sync", "team-sync"]);
  });

  it("shows one template as Markdown with its sections", async ({ expect }) => {
    const [run, template] = await Promise.all([
      docket(["templates", "show", "engineering-leadership-sync"]),
      readTemplate("engineering-leadership-sync"),
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.startsWith(`# ${template.name}\n`)).toBe(true);
    const positions = headingPositions(
      run.stdout,
      template.sections.map((s) => s.title),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("an unknown id is a usage error naming it", async ({ expect }) => {
    const run = await docket(["templates", "show", "nope"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^docket: no template "nope"/);
    expect(run.stderr).not.toContain(STACK_LINE);
  });

  it("--templates DIR adds the user's templates, usable by extract", async ({ expect }) => {
    const dir = join(scratch, "user-templates");
    await mkdir(dir);
    await writeFile(join(dir, "incident-review.json"), JSON.stringify(incidentReviewTemplate(), null, 2));
    const [list, notes] = await Promise.all([
      docket(["templates", "--templates", dir]),
      docket(["extract", ELS_VTT, "--templates", dir, "--template", "incident-review", "--date", "2025-03-17"]),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^incident-review +Incident review — 45 min, ad-hoc$/m);
    expect(list.stdout).toMatch(/^engineering-leadership-sync /m);

    expect(notes.code).toBe(0);
    expect(notes.stderr).toBe("");
    expect(notes.stdout.startsWith("# Incident review\n")).toBe(true);
    expect(notes.stdout).toContain("| Owner | Follow-up | Due |");
    expect(notes.stdout).toMatch(/^\| @priya \| .* \| 2025-03-21 \|$/m);
  });

  it("a broken user template is an error naming the file and the field", async ({ expect }) => {
    const dir = join(scratch, "broken-templates");
    await mkdir(dir);
    const file = join(dir, "incident-review.json");
    await writeFile(file, JSON.stringify({ ...incidentReviewTemplate(), cadence: "daily" }, null, 2));
    // The folder given by the environment instead of --templates: the other way a user points at it.
    const run = await docket(["templates"], { DOCKET_TEMPLATES: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `docket: ${file}: cadence: must be one of weekly, biweekly, monthly, ad-hoc; got "daily"\n`,
    );
  });
});

describe.concurrent("errors and help", SPAWNING, () => {
  it("a missing file: exit 1, the file named, no stack trace", async ({ expect }) => {
    const run = await docket(["extract", "eval/devset/no-such-meeting.vtt"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("docket: eval/devset/no-such-meeting.vtt: no such file\n");
  });

  it("a truncated VTT: the cues before the cut, and a warning naming file:line (exit 0)", async ({ expect }) => {
    // A download cut off inside cue 3's timing line.
    const lines = (await readFile(join(ROOT, ELS_VTT), "utf8")).split("\n");
    const timing = lines.indexOf("00:00:12.538 --> 00:00:23.098");
    expect(timing).toBeGreaterThan(0);
    const file = join(scratch, "cut-off.vtt");
    await writeFile(file, [...lines.slice(0, timing), "00:00:12.5"].join("\n"));

    const run = await docket(["extract", file, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty("items");
    expect(run.stderr).toBe(
      `docket: warning: ${file}:${timing + 1}: cue skipped: cue timing "00:00:12.5" is incomplete (expected "start --> end")\n`,
    );
  });

  it("a VTT with nothing readable: exit 1 naming the first problem with file:line", async ({ expect }) => {
    const file = join(scratch, "only-bad.vtt");
    await writeFile(file, "WEBVTT\n\n1\n00:00:00.000 --> 00:00:60.000\nPriya: hello\n");
    const run = await docket(["extract", file, "--json"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`docket: ${file}:4: timestamp "00:00:60.000" is not a valid time\n`);
  });

  it("bad dates, unknown options and missing values are usage errors (exit 2)", async ({ expect }) => {
    const [month13, feb30, unknown, noValue] = await Promise.all([
      docket(["extract", ELS_VTT, "--date", "2025-13-45"]),
      docket(["extract", ELS_VTT, "--date", "2025-02-30"]),
      docket(["extract", ELS_VTT, "--frobnicate"]),
      docket(["extract", ELS_VTT, "--date"]),
    ]);
    for (const run of [month13, feb30, unknown, noValue]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^docket: /);
      expect(run.stderr).toContain('Run "docket --help" for usage.');
      expect(run.stderr).not.toContain(STACK_LINE);
    }
    expect(month13.stderr).toContain('--date must be YYYY-MM-DD; got "2025-13-45"');
    expect(feb30.stderr).toContain('--date must be YYYY-MM-DD; got "2025-02-30"');
    expect(unknown.stderr).toContain("--frobnicate");
    expect(noValue.stderr).toContain("--date");
  });

  it("--help prints usage on stdout and exits 0, for the program and each command", async ({ expect }) => {
    const cases = [["--help"], ["extract", "--help"], ["templates", "--help"], ["demo", "-h"]];
    const runs = await Promise.all(cases.map((args) => docket(args)));
    for (const [i, run] of runs.entries()) {
      expect({ args: cases[i], code: run.code, stderr: run.stderr }).toEqual({ args: cases[i], code: 0, stderr: "" });
    }
    const [main, extract, templates, demo] = runs.map((run) => run.stdout);
    expect(main).toMatch(/^Usage: docket <command>/);
    for (const command of ["extract FILE", "templates", "demo"]) expect(main).toContain(command);
    expect(extract).toMatch(/^Usage: docket extract FILE/);
    for (const option of ["--date", "--template", "--json", "--notes-json", "--templates"])
      expect(extract).toContain(option);
    expect(templates).toMatch(/^Usage: docket templates/);
    expect(demo).toMatch(/^Usage: docket demo/);
  });

  it("no command prints usage on stderr and exits 2", async ({ expect }) => {
    const run = await docket([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Usage: docket <command>/);
  });

  it("a malformed setting stops `docket serve` before it starts, naming the variable (exit 2)", async ({ expect }) => {
    const data = join(scratch, "never-created");
    const settings = { DOCKET_WORKER_INTERVAL_MS: "abc", DOCKET_DEMO: "off", DOCKET_PUBLIC_URL: "docket.example.com" };
    const [serve, templates] = await Promise.all([
      docket(["serve", "--port", "0", "--data", data], settings),
      // A command that does not read a setting is not stopped by it.
      docket(["templates"], settings),
    ]);
    expect(serve.code).toBe(2);
    expect(serve.stdout).toBe("");
    expect(serve.stderr).toBe(
      [
        'docket: DOCKET_PUBLIC_URL must be an http:// or https:// URL, got "docket.example.com"',
        'docket: DOCKET_WORKER_INTERVAL_MS must be a whole number of milliseconds, got "abc"',
        "",
      ].join("\n"),
    );
    await expect(readFile(join(data, "pglite", "PG_VERSION"))).rejects.toThrow(); // no database was opened
    expect(templates.code).toBe(0);
  });

  it("`docket serve` with a PostgreSQL server nobody answers at exits 1 naming the problem", async ({ expect }) => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const run = await docket(["serve", "--port", "0"], { DATABASE_URL: `postgres://docket@127.0.0.1:${port}/docket` });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`docket: cannot reach the database: connection refused at 127.0.0.1:${port}\n`);
  });
});

function incidentReviewTemplate(): Record<string, unknown> {
  return {
    id: "incident-review",
    name: "Incident review",
    purpose: "Learn from an incident and leave with owned follow-ups",
    durationMinutes: 45,
    cadence: "ad-hoc",
    howToRun: [],
    beforeMeeting: [],
    sections: [
      { id: "details", title: "Meeting Details", kind: "details", description: "" },
      { id: "decisions", title: "What we decided", kind: "decisions", description: "" },
      {
        id: "actions",
        title: "Follow-ups",
        kind: "actions",
        description: "",
        columns: [
          { id: "owner", label: "Owner", type: "person" },
          { id: "text", label: "Follow-up", type: "text" },
          { id: "due", label: "Due", type: "date" },
        ],
      },
    ],
    followUp: { text: "", rules: [] },
  };
}
