/**
 * Trains the learned line scorers for every kind (src/core/extraction/line-kinds.ts) on everything it may
 * learn from: the four outside writers, the development set and the corpus-dev half (never eval/heldout,
 * never corpus-test). `npm run eval:folds` measures the same training writer by writer.
 *
 *   npx tsx scripts/train-line-kinds.ts      # writes src/core/extraction/line-kinds.json
 *
 * Deterministic: the same meetings give the same weights.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDevMeetings, devsetMeetings, trainLineKinds, writtenMeetings } from "./line-kinds-data.js";

const OUT = join(new URL("..", import.meta.url).pathname, "src/core/extraction/line-kinds.json");
const model = trainLineKinds([...writtenMeetings(), ...devsetMeetings(), ...corpusDevMeetings()]);
// Only the kinds the engine acts on ship: the others' weights would be dead weight in every bundle.
for (const [kind, k] of Object.entries(model.kinds))
  if (k.addFrom === undefined && k.dropBelow === undefined && k.relabelFrom === undefined)
    delete model.kinds[kind as keyof typeof model.kinds];
// The list of sources on one line, as the repository's formatter (biome) writes short arrays.
const json = JSON.stringify(model, null, 2).replace(
  /"trainedOn": \[[^\]]*\]/,
  `"trainedOn": ${JSON.stringify(model.trainedOn).replaceAll(",", ", ")}`,
);
writeFileSync(OUT, `${json}\n`);
for (const [kind, k] of Object.entries(model.kinds)) console.log(`${kind}: ${Object.keys(k.weights).length} weights`);
console.log(`wrote ${OUT}`);
