/**
 * Trains the line scorer the engine falls back on for meetings that decide and assign without saying so
 * (see docs/extraction.md): a logistic regression over line-features.ts, learned from the corpus-dev half of
 * the real AMI and ICSI meetings and checked on the corpus-test half it never sees.
 *
 *   npx tsx scripts/train-line-model.ts      # writes src/core/extraction/line-model.json
 *
 * Deterministic: the same corpus gives the same weights.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contentWords, dice } from "../eval/score.mjs";
import { lineFeatures } from "../src/core/extraction/line-features.js";
import { type LineKind, lineContexts } from "../src/core/extraction/line-model.js";
import { parseTranscript } from "../src/core/transcript/parse-transcript.js";
import { corpusHalf } from "./corpus-split.js";

const ROOT = new URL("..", import.meta.url).pathname;
const CORPUS = join(ROOT, "eval/corpus");
const OUT = join(ROOT, "src/core/extraction/line-model.json");
const EPOCHS = 25;
const L2 = 1e-4;

interface Example {
  features: string[];
  label: number;
}

function examples(kind: LineKind): { train: Example[]; test: Example[] } {
  const train: Example[] = [];
  const test: Example[] = [];
  for (const id of readdirSync(CORPUS).sort()) {
    if (!existsSync(join(CORPUS, id, "gold.json"))) continue;
    const gold = JSON.parse(readFileSync(join(CORPUS, id, "gold.json"), "utf8"));
    // ICSI's annotators marked no actions: its meetings teach nothing about them.
    if (kind === "action" && gold.meeting?.corpus === "ICSI") continue;
    const evidence = (gold.items as { kind: string; evidence?: string[] }[])
      .filter((i) => i.kind === kind)
      .flatMap((i) => i.evidence ?? [])
      .map(contentWords)
      .filter((w) => w.size >= 3);
    const segments = parseTranscript(readFileSync(join(CORPUS, id, "transcript.txt"), "utf8"), `${id}.txt`).segments;
    const into = corpusHalf(id) === "test" ? test : train;
    for (const line of lineContexts(segments)) {
      const words = contentWords(line.text);
      if (words.size < 3) continue;
      into.push({ features: lineFeatures(line), label: evidence.some((e) => dice(e, words) >= 0.6) ? 1 : 0 });
    }
  }
  return { train, test };
}

function train(data: Example[]): Map<string, number> {
  const weights = new Map<string, number>();
  const positives = data.filter((e) => e.label).length;
  // Positives are rare (about 3%): weigh them up so the model does not learn to say no.
  const positiveWeight = (data.length - positives) / positives / 4;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = 0.05 / (1 + epoch * 0.2);
    for (let k = 0; k < data.length; k++) {
      const e = data[(k * 7919 + epoch * 104729) % data.length]!; // a fixed shuffle
      let z = 0;
      for (const f of e.features) z += weights.get(f) ?? 0;
      const gradient = (1 / (1 + Math.exp(-z)) - e.label) * (e.label ? positiveWeight : 1);
      for (const f of e.features) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w - rate * (gradient + L2 * w));
      }
    }
  }
  return weights;
}

function logLoss(weights: Map<string, number>, data: Example[]): number {
  let loss = 0;
  for (const e of data) {
    let z = 0;
    for (const f of e.features) z += weights.get(f) ?? 0;
    const p = Math.min(1 - 1e-9, Math.max(1e-9, 1 / (1 + Math.exp(-z))));
    loss -= e.label ? Math.log(p) : Math.log(1 - p);
  }
  return loss / data.length;
}

const model: Record<string, Record<string, number>> = {};
for (const kind of ["decision", "action"] as const) {
  const { train: trainSet, test } = examples(kind);
  const weights = train(trainSet);
  console.log(
    `${kind}: ${trainSet.length} training lines (${trainSet.filter((e) => e.label).length} evidence), log loss train ${logLoss(weights, trainSet).toFixed(3)}, test ${logLoss(weights, test).toFixed(3)}`,
  );
  model[kind] = Object.fromEntries(
    [...weights.entries()].filter(([, w]) => Math.abs(w) >= 0.01).map(([f, w]) => [f, Math.round(w * 1000) / 1000]),
  );
}
writeFileSync(OUT, `${JSON.stringify(model, null, 2)}\n`);
console.log(`wrote ${OUT}`);
