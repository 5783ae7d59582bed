import type { Rag } from "../api";
import { RAG_WORDS } from "./words";

/** A rating shown with its colour and its word, never colour alone. */
export function RagBadge({ rag }: { rag: Rag | null | undefined }) {
  if (!rag) return <span className="badge badge-none">Not rated</span>;
  return (
    <span className={`badge badge-${rag}`}>
      <span className="dot" aria-hidden="true" />
      {RAG_WORDS[rag]}
    </span>
  );
}

/** A rating picker's options: none, then each rating in words. */
export function RagOptions() {
  return (
    <>
      <option value="">Not rated</option>
      {Object.entries(RAG_WORDS).map(([value, word]) => (
        <option key={value} value={value}>
          {word}
        </option>
      ))}
    </>
  );
}
