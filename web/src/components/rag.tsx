import type { Rag } from "../../../src/core/item.js";

const WORDS: Record<Rag, string> = { red: "Red", yellow: "Yellow", green: "Green" };

/** A rating shown with its colour and its word, never colour alone. */
export function RagBadge({ rag }: { rag: Rag | null | undefined }) {
  if (!rag) return <span className="badge badge-none">Not rated</span>;
  return (
    <span className={`badge badge-${rag}`}>
      <span className="dot" aria-hidden="true" />
      {WORDS[rag]}
    </span>
  );
}
