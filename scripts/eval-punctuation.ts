/**
 * Scores punctuation restoration (src/core/transcript/restore-punctuation.ts) without hand labels: punctuated
 * meetings are stripped to what raw speech recognition gives (lower case, no punctuation), restored, and the
 * restored sentence ends compared with the writer's.
 *
 *   npx tsx scripts/eval-punctuation.ts [--set devset|heldout|written|corpus-dev|corpus-test] [--verbose]
 *
 * A break where the writer put a comma is counted apart: it falls on a clause boundary the writer chose not to
 * end a sentence at ("I can't promise a date, it's not committed yet"). Segments whose words differ after
 * restoration (a restart dropped) are skipped, so word positions line up.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseTranscript } from "../src/core/transcript/parse-transcript.js";
import { isUnpunctuated, restorePunctuation } from "../src/core/transcript/restore-punctuation.js";
import { corpusHalf } from "./corpus-split.js";

const ROOT = new URL("..", import.meta.url).pathname;
const FILLER = /^(?:u+m+|u+h+m*|e+r+m*|h+m+|m{2,})$/;

function meetings(set: string): string[] {
  const [folder, half] = {
    devset: ["eval/devset"],
    heldout: ["eval/heldout"],
    written: ["../shared/corpus/written"],
    "corpus-dev": ["eval/corpus", "dev"],
    "corpus-test": ["eval/corpus", "test"],
  }[set] ?? [set];
  const dir = join(ROOT, folder as string);
  const files: string[] = [];
  for (const id of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!existsSync(join(dir, id, "gold.json")) || (half && corpusHalf(id) !== half)) continue;
    const file = readdirSync(join(dir, id))
      .filter((f) => f.startsWith("transcript"))
      .sort()[0];
    if (file) files.push(join(dir, id, file));
  }
  return files;
}

/** Words (lower case, fillers and doubled words out) and the mark after each: ".", "?", "," or "". */
function marked(text: string): { words: string[]; marks: string[] } {
  const words: string[] = [];
  const marks: string[] = [];
  for (const token of text.replace(/[—–]/g, " ").split(/\s+/)) {
    const word = token.toLowerCase().replace(/[^a-z0-9'’-]/g, "");
    if (!word || FILLER.test(word)) continue;
    const mark = /\?["')\]]*$/.test(token)
      ? "?"
      : /[.!]["')\]]*$/.test(token) && !/\d\.\d/.test(token)
        ? "."
        : /[,;:]$/.test(token)
          ? ","
          : "";
    if (words.at(-1) === word && mark === "") continue;
    words.push(word);
    marks.push(mark);
  }
  return { words, marks };
}

const stripped = (text: string) =>
  text
    .toLowerCase()
    .replace(/[.,?!;:"“”…—–]+(?!\d)/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function main(): void {
  const { values } = parseArgs({ options: { set: { type: "string" }, verbose: { type: "boolean" } } });
  const set = values.set ?? "devset";
  let found = 0;
  let falseBreak = 0;
  let onComma = 0;
  let missed = 0;
  let asComma = 0;
  let questionRight = 0;
  let questionWrong = 0;
  let questionMissed = 0;
  let segments = 0;
  let skipped = 0;
  for (const file of meetings(set)) {
    const transcript = parseTranscript(readFileSync(file, "utf8"), file);
    if (isUnpunctuated(transcript.segments)) continue; // nothing to compare with
    const names = [...new Set(transcript.segments.flatMap((s) => (s.speaker === null ? [] : [s.speaker])))];
    for (const segment of transcript.segments) {
      const gold = marked(segment.text);
      const ours = marked(restorePunctuation(stripped(segment.text), names));
      segments++;
      if (gold.words.join(" ") !== ours.words.join(" ")) {
        skipped++;
        continue;
      }
      for (let i = 0; i < gold.words.length; i++) {
        const g = gold.marks[i] ?? "";
        const o = ours.marks[i] ?? "";
        const last = i === gold.words.length - 1; // a segment's end is a break either way; only its "?" counts
        const gEnd = g === "." || g === "?";
        const oEnd = o === "." || o === "?";
        if (!last && gEnd && oEnd) found++;
        else if (!last && oEnd) {
          falseBreak++;
          if (g === ",") onComma++;
        } else if (!last && gEnd) {
          missed++;
          if (o === ",") asComma++;
        }
        if (g === "?" && o === "?") questionRight++;
        else if (o === "?") questionWrong++;
        else if (g === "?") questionMissed++;
        if (values.verbose && !last && gEnd !== oEnd) {
          const before = gold.words.slice(Math.max(0, i - 5), i + 1).join(" ");
          console.log(`${gEnd ? "missed" : "extra "} ${before} | ${gold.words.slice(i + 1, i + 5).join(" ")}`);
        }
      }
    }
  }
  const f1 = (right: number, wrong: number, miss: number) => ((2 * right) / (2 * right + wrong + miss || 1)).toFixed(3);
  console.log(`${set}: ${segments} segments, ${skipped} skipped (words differ after restoration)`);
  console.log(
    `sentence ends inside segments: found ${found}, extra ${falseBreak} (${onComma} where the writer put a comma), missed ${missed} (${asComma} restored as a comma); F1 ${f1(found, falseBreak, missed)}`,
  );
  console.log(
    `question marks: right ${questionRight}, wrong ${questionWrong}, missed ${questionMissed}; F1 ${f1(questionRight, questionWrong, questionMissed)}`,
  );
}

main();
