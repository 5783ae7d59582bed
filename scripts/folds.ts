/**
 * Leave-one-writer-out for the learned line scorers: for each outside writer, a model trained on the other
 * three writers (with the development set and corpus-dev) runs in the full engine on the held-out writer's
 * meetings, beside the rules-only engine on the same meetings. The shipped model (scripts/train-line-kinds.ts)
 * is trained on all four; these folds are how we know it carries to a writer it has never read.
 *
 *   npm run eval:folds [-- --verbose]
 */
import { parseArgs } from "node:util";
import { score } from "../eval/score.mjs";
import { extractItems, toContract } from "../src/core/extraction/extract-items.js";
import type { LineKindModel } from "../src/core/extraction/line-kinds.js";
import { builtinTemplatesDir, loadTemplates } from "../src/files/templates.js";
import {
  corpusDevMeetings,
  devsetMeetings,
  type Meeting,
  meetingSegments,
  trainLineKinds,
  writtenMeetings,
} from "./line-kinds-data.js";

const KINDS = ["decision", "action", "risk", "question", "escalation"] as const;

interface Tally {
  gold: number;
  predicted: number;
  matched: number;
  exact: number;
  kinds: Record<string, { gold: number; predicted: number; matched: number }>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { verbose: { type: "boolean" } } });
  const templates = await loadTemplates({ builtinDir: builtinTemplatesDir() });
  const written = writtenMeetings();
  const others = [...devsetMeetings(), ...corpusDevMeetings()];
  const writers = [...new Set(written.map((m) => m.group))].sort();

  function run(meetings: readonly Meeting[], lineModel: LineKindModel | null): Tally {
    const t: Tally = { gold: 0, predicted: 0, matched: 0, exact: 0, kinds: {} };
    for (const m of meetings) {
      const { segments, date } = meetingSegments(m);
      const template = templates.get(m.template ?? "team-sync") ?? null;
      const r = score(toContract(extractItems(segments, { template, meetingDate: date, lineModel })), m.gold);
      for (const kind of KINDS) {
        const row = r.rows[kind];
        if (!row) continue;
        t.gold += row.gold;
        t.predicted += row.predicted;
        t.matched += row.matched;
        t.exact += row.exact;
        const k = t.kinds[kind] ?? { gold: 0, predicted: 0, matched: 0 };
        k.gold += row.gold;
        k.predicted += row.predicted;
        k.matched += row.matched;
        t.kinds[kind] = k;
      }
    }
    return t;
  }
  const f1 = (m: number, t: Tally) => (t.gold + t.predicted ? (2 * m) / (t.gold + t.predicted) : 1);
  const fmt = (x: number) => x.toFixed(3);

  console.log("fold  meetings  rules text/exact   learned text/exact   Δ text   Δ exact");
  const sums = { rulesText: 0, rulesExact: 0, learnedText: 0, learnedExact: 0 };
  for (const w of writers) {
    const heldOut = written.filter((m) => m.group === w);
    const model = trainLineKinds([...written.filter((m) => m.group !== w), ...others]);
    const rules = run(heldOut, null);
    const learned = run(heldOut, model);
    const row = {
      rulesText: f1(rules.matched, rules),
      rulesExact: f1(rules.exact, rules),
      learnedText: f1(learned.matched, learned),
      learnedExact: f1(learned.exact, learned),
    };
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += row[k];
    console.log(
      `${w.padEnd(5)} ${String(heldOut.length).padStart(8)}  ${fmt(row.rulesText)} / ${fmt(row.rulesExact)}      ${fmt(row.learnedText)} / ${fmt(row.learnedExact)}      ${(row.learnedText - row.rulesText >= 0 ? "+" : "") + fmt(row.learnedText - row.rulesText)}   ${(row.learnedExact - row.rulesExact >= 0 ? "+" : "") + fmt(row.learnedExact - row.rulesExact)}`,
    );
    if (values.verbose)
      for (const kind of KINDS) {
        const a = rules.kinds[kind];
        const b = learned.kinds[kind];
        if (a && b)
          console.log(
            `        ${kind.padEnd(10)} gold ${a.gold}: rules ${a.matched}/${a.predicted}, learned ${b.matched}/${b.predicted}`,
          );
      }
  }
  const n = writers.length;
  console.log(
    `mean  ${"".padStart(8)}  ${fmt(sums.rulesText / n)} / ${fmt(sums.rulesExact / n)}      ${fmt(sums.learnedText / n)} / ${fmt(sums.learnedExact / n)}      ${(sums.learnedText - sums.rulesText >= 0 ? "+" : "") + fmt((sums.learnedText - sums.rulesText) / n)}   ${(sums.learnedExact - sums.rulesExact >= 0 ? "+" : "") + fmt((sums.learnedExact - sums.rulesExact) / n)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`folds: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
