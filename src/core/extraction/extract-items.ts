import type { Item, MetricRow } from "../item.js";
import type { Segment } from "../segment.js";
import { createExtractor, type ExtractorOptions, MIN_CONFIDENCE } from "./extractor.js";

export interface Extraction {
  items: Item[];
  metrics: MetricRow[];
}

/**
 * The whole meeting at once: the streaming extractor fed every segment, then finished. Items the engine is
 * unsure of (below MIN_CONFIDENCE) are suggestions for the live room, not notes, so they are left out here.
 */
export function extractItems(segments: readonly Segment[], options: ExtractorOptions = {}): Extraction {
  const extractor = createExtractor(options);
  for (const segment of segments) extractor.push(segment);
  extractor.finish();
  return { items: extractor.items().filter((i) => i.confidence >= MIN_CONFIDENCE), metrics: extractor.metrics() };
}

/** One item as `docket extract --json` prints it (the contract in PRODUCT.md). */
export interface ContractItem {
  kind: "decision" | "action" | "risk" | "question" | "escalation";
  text: string;
  owner: string | null;
  due: string | null;
  status: string | null;
  rag: string | null;
  likelihood: string | null;
  impact: string | null;
  speaker: string | null;
  quote: string | null;
  start: number | null;
}

export interface ContractOutput {
  items: ContractItem[];
  metrics: ({ team: string } & Record<string, number | string>)[];
}

/** Section updates are notes rows, not contract items: the contract lists the five scored kinds only. */
export function toContract(extraction: Extraction): ContractOutput {
  const items: ContractItem[] = [];
  for (const item of extraction.items) {
    if (item.kind === "update") continue;
    const first = item.evidence[0];
    items.push({
      kind: item.kind,
      text: item.text,
      // A decision's owner is who carries it out when the meeting names them, else who made the call.
      owner: item.owner ?? (item.kind === "decision" ? item.decidedBy : null),
      due: item.due,
      status: item.status === "done" ? "done" : item.status,
      rag: item.rag,
      likelihood: item.likelihood,
      impact: item.impact,
      speaker: first?.speaker ?? null,
      quote: first?.quote ?? null,
      start: first?.start ?? null,
    });
  }
  return { items, metrics: extraction.metrics.map((row) => ({ team: row.team, ...row.values })) };
}
