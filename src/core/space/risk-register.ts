import type { Item, Rag } from "../item.js";
import { compareMeetings, type ItemSource, type RecordedItem, sourceOf } from "./recorded-item.js";
import { isSameRisk, riskSimilarity } from "./same-risk.js";

/** One rating of a risk in one meeting. */
export interface RiskRating extends ItemSource {
  itemId: string;
  rag: Item["rag"];
  status: Item["status"];
  text: string;
}

export interface RiskEntry<I extends Item> {
  key: string;
  current: I & ItemSource;
  history: RiskRating[];
}

const RAG_ORDER: Record<Rag, number> = { red: 0, yellow: 1, green: 2 };

/** Red first, then yellow, then green, then risks nobody rated. */
export function ragRank(rag: Rag | null): number {
  return rag === null ? 3 : RAG_ORDER[rag];
}

/** An id for an item that is unique in the Space: item ids ("risk-1") are only unique within their meeting. */
export function recordedItemKey(recorded: Pick<RecordedItem, "meetingId" | "item">): string {
  return `${recorded.meetingId}:${recorded.item.id}`;
}

/**
 * The Space's risk register: the risk items of all its meetings, chained into one entry per risk. Meetings are
 * read oldest first; each risk joins the chain whose texts it matches best (`isSameRisk`), or starts a new one.
 * A chain takes at most one item per meeting: two risks recorded in one meeting are two risks. The entries come
 * red, yellow, green, unrated (by their latest rating), then the most recently recorded first.
 */
export function buildRiskRegister<I extends Item>(recorded: RecordedItem<I>[]): RiskEntry<I>[] {
  const chains: RecordedItem<I>[][] = [];
  const risks = recorded.filter((entry) => entry.item.kind === "risk");
  // Stable: items of one meeting keep the order they were given in.
  for (const entry of [...risks].sort(compareMeetings)) {
    let best: { chain: RecordedItem<I>[]; score: number } | null = null;
    for (const chain of chains) {
      if (chain.some((link) => link.meetingId === entry.meetingId)) continue;
      const matching = chain.filter((link) => isSameRisk(link.item.text, entry.item.text));
      if (matching.length === 0) continue;
      const score = Math.max(...matching.map((link) => riskSimilarity(link.item.text, entry.item.text)));
      if (!best || score > best.score) best = { chain, score };
    }
    if (best) best.chain.push(entry);
    else chains.push([entry]);
  }
  return chains
    .map((chain) => {
      const first = chain[0] as RecordedItem<I>;
      const latest = chain[chain.length - 1] as RecordedItem<I>;
      return {
        key: recordedItemKey(first),
        current: { ...latest.item, ...sourceOf(latest) },
        history: chain.map((link) => ({
          ...sourceOf(link),
          itemId: link.item.id,
          rag: link.item.rag,
          status: link.item.status,
          text: link.item.text,
        })),
        latest,
      };
    })
    .sort((a, b) => ragRank(a.current.rag) - ragRank(b.current.rag) || compareMeetings(b.latest, a.latest))
    .map(({ latest: _latest, ...entry }) => entry);
}
