/**
 * Scores the extraction engine on the labelled development set with the team's scorer (eval/score.mjs).
 *
 *   npm run eval [-- --set seed|own|heldout|written|written-w1|corpus-dev|corpus-test] [--meeting ID] [--verbose]
 *
 * Sets: "seed" — the two seed meetings, each in two file formats; "own" — meetings written for Docket in
 * other styles; "heldout" — more meetings written for Docket without looking at the engine, never tuned on;
 * "hard" — held out too: deliberately hard cases (reversals, reassignments, hypotheticals, owners by role);
 * "written-w1"…"written-w4" — meetings by four outside writers (../shared/corpus/written), each writer a set and
 * "written" all four; "corpus-dev" / "corpus-test" — the real AMI and ICSI meetings, split in two by a hash of their id. The
 * engine is tuned on corpus-dev only; corpus-test stays unseen. The corpus annotates only decisions and
 * actions (ICSI only decisions), so only those kinds are scored there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type ScoreResult, score } from "../eval/score.mjs";
import { extractItems, toContract } from "../src/core/extraction/extract-items.js";
import type { Template } from "../src/core/template/template.js";
import { parseTranscript, rolesHeard, segmentsForExtraction } from "../src/core/transcript/parse-transcript.js";
import { builtinTemplatesDir, loadTemplates } from "../src/files/templates.js";
import { corpusHalf } from "./corpus-split.js";

const ROOT = new URL("..", import.meta.url).pathname;
const KINDS = ["decision", "action", "risk", "question", "escalation"] as const;
const CORPUS_KINDS = new Set(["decision", "action"]);

interface Case {
  set: string;
  id: string;
  transcriptPath: string;
  goldPath: string;
  date: string | null;
  template: string | null;
  speakers: Record<string, string>;
}

interface Meta {
  date?: string;
  template?: string;
  speakers?: Record<string, string>;
}

/** Meetings written for Docket: the development set (tuned on) and the held-out set (never tuned on). */
function writtenCases(which: "devset" | "heldout" | "hard"): Case[] {
  const dir = join(ROOT, "eval", which);
  if (!existsSync(dir)) return [];
  const cases: Case[] = [];
  for (const id of readdirSync(dir).sort()) {
    const folder = join(dir, id);
    if (!existsSync(join(folder, "gold.json"))) continue;
    const meta = JSON.parse(readFileSync(join(folder, "meta.json"), "utf8")) as Meta;
    const set =
      which !== "devset" ? which : /^(?:eng-leadership-sync|product-engineering-sync)$/.test(id) ? "seed" : "own";
    for (const file of readdirSync(folder)
      .filter((f) => f.startsWith("transcript"))
      .sort()) {
      cases.push({
        set,
        id: `${id}/${file}`,
        transcriptPath: join(folder, file),
        goldPath: join(folder, "gold.json"),
        date: meta.date ?? null,
        template: meta.template ?? null,
        speakers: meta.speakers ?? {},
      });
    }
  }
  return cases;
}

function corpusCases(): Case[] {
  const dir = join(ROOT, "eval/corpus");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((id) => existsSync(join(dir, id, "gold.json")))
    .sort()
    .map((id) => ({
      set: `corpus-${corpusHalf(id)}`,
      id,
      transcriptPath: join(dir, id, "transcript.txt"),
      goldPath: join(dir, id, "gold.json"),
      date: null,
      template: null,
      speakers: {},
    }));
}

/**
 * Meetings by outside writers who never saw the engine (../shared/corpus/written, beside the repo): one set
 * per writer ("written-w1"…) and all of them together ("written"). Date and template come from the gold.
 */
function outsideCases(): Case[] {
  const dir = join(ROOT, "../shared/corpus/written");
  if (!existsSync(dir)) return [];
  const cases: Case[] = [];
  for (const id of readdirSync(dir).sort()) {
    const goldPath = join(dir, id, "gold.json");
    if (!existsSync(goldPath)) continue;
    const meeting = (JSON.parse(readFileSync(goldPath, "utf8")) as { meeting?: { date?: string; template?: string } })
      .meeting;
    const file = readdirSync(join(dir, id)).find((f) => f.startsWith("transcript"));
    if (!file) continue;
    cases.push({
      set: `written-${id.split("-")[0]}`,
      id,
      transcriptPath: join(dir, id, file),
      goldPath,
      date: meeting?.date ?? null,
      template: meeting?.template ?? null,
      speakers: {},
    });
  }
  return cases;
}

function runCase(c: Case, templates: Map<string, Template>): ScoreResult {
  const transcript = parseTranscript(readFileSync(c.transcriptPath, "utf8"), c.transcriptPath);
  const segments = transcript.segments.map((s) => ({
    ...s,
    speaker:
      s.speaker === null
        ? null
        : (c.speakers[s.speaker] ?? c.speakers[s.speaker.replace(/^Speaker /, "")] ?? s.speaker),
  }));
  const template = templates.get(c.template ?? "team-sync") ?? null;
  // A meta.json speakers map wins: the labels it names are no longer anonymous, so only the rest are named.
  const forExtraction = segmentsForExtraction(segments);
  const extraction = extractItems(forExtraction, {
    template,
    meetingDate: c.date ?? transcript.date,
    attendees: rolesHeard(forExtraction),
  });
  const output = toContract(extraction);
  const gold = JSON.parse(readFileSync(c.goldPath, "utf8"));
  // The corpus annotates decisions and actions only, and ICSI's annotators marked no actions at all.
  if (c.set.startsWith("corpus")) {
    const annotated = gold.meeting?.corpus === "ICSI" ? new Set(["decision"]) : CORPUS_KINDS;
    output.items = output.items.filter((i) => annotated.has(i.kind));
  }
  return score(output, gold);
}

function pct(x: number): string {
  return x.toFixed(3);
}

interface SetScore {
  rows: Record<string, { g: number; p: number; m: number; e: number }>;
  cells: number;
  right: number;
  n: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { set: { type: "string" }, meeting: { type: "string" }, verbose: { type: "boolean" } },
  });
  const templates = await loadTemplates({ builtinDir: builtinTemplatesDir() });
  let cases = [
    ...writtenCases("devset"),
    ...writtenCases("heldout"),
    ...writtenCases("hard"),
    ...outsideCases(),
    ...corpusCases(),
  ];
  if (values.set) cases = cases.filter((c) => c.set === values.set || c.set.startsWith(`${values.set}-`));
  if (values.meeting) cases = cases.filter((c) => c.id.startsWith(values.meeting ?? ""));
  if (cases.length === 0) throw new Error("no meetings matched");

  const sets = new Map<string, SetScore>();
  for (const c of cases) {
    const r = runCase(c, templates);
    const acc = sets.get(c.set) ?? { rows: {}, cells: 0, right: 0, n: 0 };
    acc.n++;
    for (const kind of KINDS) {
      const row = r.rows[kind];
      if (!row) continue;
      const t = acc.rows[kind] ?? { g: 0, p: 0, m: 0, e: 0 };
      acc.rows[kind] = t;
      t.g += row.gold;
      t.p += row.predicted;
      t.m += row.matched;
      t.e += row.exact;
    }
    if (r.metrics) {
      acc.cells += r.metrics.cells;
      acc.right += r.metrics.right;
    }
    sets.set(c.set, acc);
    if (values.verbose || values.meeting) {
      console.log(`${c.id.padEnd(48)} F1 text=${pct(r.f1Text)} exact=${pct(r.f1Exact)}`);
      if (values.meeting) {
        for (const [kind, row] of Object.entries(r.rows)) {
          for (const m of row.missed) console.log(`   ${kind} missed: ${m}`);
          for (const e of row.extra) console.log(`   ${kind} extra:  ${e}`);
        }
        for (const p of r.pairs) {
          if (p.wrong.length)
            console.log(
              `   ${p.kind} "${String(p.gold.text)}": wrong ${p.wrong.map((k) => `${k}=${JSON.stringify(p.predicted[k] ?? null)} (gold ${JSON.stringify(p.gold[k])})`).join(", ")}`,
            );
        }
      }
    }
  }

  // Totals over sets: the seed meetings with our own, and the outside writers together.
  mergeSets(sets, "seed+own", ["seed", "own"]);
  mergeSets(
    sets,
    "written",
    [...sets.keys()].filter((name) => name.startsWith("written-")),
  );

  for (const [set, acc] of sets) {
    console.log(`\n${set} (${acc.n} transcripts)`);
    console.log("kind        gold  pred match exact  precision recall  F1 text  F1 exact");
    let G = 0;
    let P = 0;
    let M = 0;
    let E = 0;
    for (const [kind, t] of Object.entries(acc.rows)) {
      if (set.startsWith("corpus") && !CORPUS_KINDS.has(kind)) continue;
      G += t.g;
      P += t.p;
      M += t.m;
      E += t.e;
      const prec = t.p ? t.m / t.p : t.g ? 0 : 1;
      const rec = t.g ? t.m / t.g : t.p ? 0 : 1;
      const f1 = t.g + t.p ? (2 * t.m) / (t.g + t.p) : 1;
      const f1e = t.g + t.p ? (2 * t.e) / (t.g + t.p) : 1;
      console.log(
        `${kind.padEnd(10)} ${String(t.g).padStart(5)} ${String(t.p).padStart(5)} ${String(t.m).padStart(5)} ${String(t.e).padStart(5)}  ${pct(prec).padStart(9)} ${pct(rec).padStart(6)}  ${pct(f1).padStart(7)}  ${pct(f1e).padStart(8)}`,
      );
    }
    console.log(
      `${"all".padEnd(10)} ${String(G).padStart(5)} ${String(P).padStart(5)} ${String(M).padStart(5)} ${String(E).padStart(5)}  ${pct(P ? M / P : 0).padStart(9)} ${pct(G ? M / G : 0).padStart(6)}  ${pct((2 * M) / (G + P || 1)).padStart(7)}  ${pct((2 * E) / (G + P || 1)).padStart(8)}`,
    );
    if (acc.cells) console.log(`metrics cells right: ${acc.right}/${acc.cells}`);
  }
}

function mergeSets(sets: Map<string, SetScore>, name: string, parts: string[]): void {
  const found = parts.map((part) => sets.get(part)).filter((x) => x !== undefined);
  if (found.length < 2) return;
  const merged: SetScore = { rows: {}, cells: 0, right: 0, n: 0 };
  for (const acc of found) {
    merged.n += acc.n;
    merged.cells += acc.cells;
    merged.right += acc.right;
    for (const [kind, t] of Object.entries(acc.rows)) {
      const m = merged.rows[kind] ?? { g: 0, p: 0, m: 0, e: 0 };
      m.g += t.g;
      m.p += t.p;
      m.m += t.m;
      m.e += t.e;
      merged.rows[kind] = m;
    }
  }
  sets.set(name, merged);
}

main().catch((error: unknown) => {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
