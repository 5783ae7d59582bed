import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createExtractor } from "../src/core/extraction/extractor.js";
import { parseTranscript, segmentsForExtraction } from "../src/core/transcript/parse-transcript.js";
import { builtinTemplatesDir, loadTemplates } from "../src/files/templates.js";

const dir = process.argv[2]!;
const kinds = (process.argv[3] ?? "").split(",").filter(Boolean);
const gold = JSON.parse(readFileSync(join(dir, "gold.json"), "utf8"));
const file = readdirSync(dir).find((f) => f.startsWith("transcript"))!;
const templates = await loadTemplates({ builtinDir: builtinTemplatesDir() });
const t = parseTranscript(readFileSync(join(dir, file), "utf8"), file);
const ex = createExtractor({
  template: templates.get(gold.meeting.template ?? "team-sync") ?? null,
  meetingDate: gold.meeting.date,
});
for (const s of segmentsForExtraction(t.segments)) ex.push(s);
ex.finish();
for (const i of ex.items())
  if (!kinds.length || kinds.includes(i.kind))
    console.log(
      i.kind,
      i.status,
      i.confidence.toFixed(2),
      i.owner,
      "|",
      i.text.slice(0, 100),
      "|Q:",
      i.evidence[0]?.quote.slice(0, 80),
    );
