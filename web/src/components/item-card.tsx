import { memo, type ReactNode, useId, useRef, useState } from "react";
import { capitalize } from "../../../src/core/text.js";
import {
  api,
  describeError,
  type Evidence,
  type Item,
  type ItemChanges,
  type ItemLinks,
  type ItemReview,
  type ItemView,
} from "../api";
import { clockTime, formatDay } from "./format";
import { type EditorFocus, ItemEditor } from "./item-editor";
import { RagBadge } from "./rag";
import { ITEM_STATUS_WORDS, KIND_WORDS, REVIEW_WORDS } from "./words";

/** An item as the live room or the notes have it: review state and series links where known. */
export type CardItem = Item & { review?: ItemReview; edited?: readonly string[]; links?: ItemLinks };

const RULE_WORDS: Record<NonNullable<ItemLinks["raisedBy"]>["rule"], string> = {
  "red-risk-to-next-agenda": "red risk not resolved",
  "unowned-risk-escalate": "risk with no owner",
};

/** What the series knows of an item, in words: carried over, raised by a rule, superseded. */
export function ItemLinksNote({ links }: { links: ItemLinks | undefined }) {
  if (!links) return null;
  const notes: { key: string; text: string; className: string }[] = [];
  if (links.carriedFrom) {
    const count = links.carriedFrom.meetings;
    notes.push({
      key: "carried",
      text: `Carried over · open for ${count} ${count === 1 ? "meeting" : "meetings"}`,
      className: count >= 3 ? "badge badge-yellow" : "badge badge-neutral",
    });
  }
  if (links.raisedBy) {
    notes.push({
      key: "rule",
      text: `Raised by rule: ${RULE_WORDS[links.raisedBy.rule]}`,
      className: "badge badge-accent",
    });
  }
  if (links.supersededBy) notes.push({ key: "superseded", text: "Superseded", className: "badge badge-neutral" });
  if (links.supersedes && links.supersedes.length > 0) {
    notes.push({ key: "supersedes", text: "Replaces an earlier decision", className: "badge badge-neutral" });
  }
  if (notes.length === 0) return null;
  return (
    <span className="item-links">
      {notes.map((note) => (
        <span key={note.key} className={`${note.className} item-link-${note.key}`}>
          {note.text}
        </span>
      ))}
    </span>
  );
}

/** What a person does to an item. */
export type Review = { type: "confirm" } | { type: "reject" } | { type: "edit"; changes: ItemChanges };
export type OnReview = (itemId: string, review: Review) => Promise<void>;

/** A review through the REST route (the live room sends it over its socket when it can). */
export function reviewItem(meetingId: string, itemId: string, review: Review) {
  const body = review.type === "edit" ? { action: "edit", changes: review.changes } : { action: review.type };
  return api<{ item: ItemView; seq: number }>(
    `/api/meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(itemId)}/review`,
    { method: "POST", body },
  );
}

/** The review state in words, coloured but never by colour alone. */
export function ReviewBadge({ review }: { review: ItemReview }) {
  return <span className={`badge review-badge review-${review}`}>{REVIEW_WORDS[review]}</span>;
}

/** How an item reads in the live view: kind, rating, review state, its fields, the gaps, its evidence, the controls. */
export const ItemCard = memo(function ItemCard({
  item,
  fresh = false,
  canReview,
  onReview,
  onQuote,
  columnLabels,
}: {
  item: CardItem;
  /** Arrived while the page was open: highlighted once. */
  fresh?: boolean;
  canReview: boolean;
  onReview: OnReview;
  /** Scrolls the transcript to the quote's segment; without it quotes are plain text. */
  onQuote?: (segmentId: string) => void;
  /** Labels for `item.fields` keys (the section's columns). */
  columnLabels?: Readonly<Record<string, string>>;
}) {
  const textId = useId();
  const review = item.review ?? "confirmed";
  const classes = ["item-card", `item-${item.kind}`, `review-${review}`];
  if (fresh) classes.push("is-new");
  const [first, ...more] = item.evidence;
  return (
    <article
      className={classes.join(" ")}
      aria-label={`${KIND_WORDS[item.kind]}: ${item.text}`}
      aria-describedby={textId}
      data-item-id={item.id}
    >
      <div className="item-head">
        <span className="item-kind">{KIND_WORDS[item.kind]}</span>
        {item.rag || item.kind === "risk" ? <RagBadge rag={item.rag} /> : null}
        {item.review ? <ReviewBadge review={item.review} /> : null}
        <span className="item-confidence muted" title="How sure the agent is that this is a real item">
          {confidenceWords(item.confidence)}
        </span>
      </div>
      <ItemLinksNote links={item.links} />
      <p className={item.links?.supersededBy ? "item-text is-superseded" : "item-text"} id={textId}>
        {item.text}
      </p>
      <ItemFields item={item} columnLabels={columnLabels} />
      {item.edited && item.edited.length > 0 ? (
        <p className="item-edited muted">Corrected by people: {item.edited.map(fieldWord).join(", ")}</p>
      ) : null}
      {first ? (
        <div className="item-evidence">
          <Quote evidence={first} onQuote={onQuote} />
          {more.length > 0 ? (
            <details className="item-more-quotes">
              <summary>
                {more.length} more {more.length === 1 ? "quote" : "quotes"}
              </summary>
              {more.map((evidence) => (
                <Quote key={`${evidence.segmentId}:${evidence.quote}`} evidence={evidence} onQuote={onQuote} />
              ))}
            </details>
          ) : null}
        </div>
      ) : null}
      <ReviewArea item={item} canReview={canReview} onReview={onReview} />
    </article>
  );
});

function confidenceWords(confidence: number): string {
  const percent = Math.round(confidence * 100);
  return confidence < 0.5 ? `Low confidence (${percent}%)` : `Confidence ${percent}%`;
}

const FIELD_WORDS: Record<string, string> = {
  text: "text",
  owner: "owner",
  due: "due date",
  rag: "rating",
  status: "status",
};

function fieldWord(field: string): string {
  return FIELD_WORDS[field] ?? field;
}

/** The item's fields that have a value, as a definition list. */
function ItemFields({
  item,
  columnLabels,
}: {
  item: Item;
  columnLabels?: Readonly<Record<string, string>> | undefined;
}) {
  const rows: [string, ReactNode][] = [];
  if (item.owner) rows.push(["Owner", item.owner]);
  if (item.due)
    rows.push([
      "Due",
      <time key="due" dateTime={item.due}>
        {formatDay(item.due, "long")}
      </time>,
    ]);
  if (item.status) rows.push(["Status", ITEM_STATUS_WORDS[item.status] ?? capitalize(item.status)]);
  if (item.likelihood) rows.push(["Likelihood", capitalize(item.likelihood)]);
  if (item.impact) rows.push(["Impact", capitalize(item.impact)]);
  if (item.mitigation) rows.push(["Mitigation", item.mitigation]);
  if (item.rationale) rows.push(["Rationale", item.rationale]);
  if (item.decidedBy) rows.push(["Decided by", item.decidedBy]);
  if (item.askedBy) rows.push(["Asked by", item.askedBy]);
  if (item.needed) rows.push(["Needed", item.needed]);
  if (item.team) rows.push(["Team", item.team]);
  for (const [key, value] of Object.entries(item.fields)) {
    if (value) rows.push([columnLabels?.[key] ?? capitalize(key.replace(/[_-]+/g, " ")), value]);
  }
  if (rows.length === 0) return null;
  return (
    <dl className="item-fields">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Quote({ evidence, onQuote }: { evidence: Evidence; onQuote?: ((segmentId: string) => void) | undefined }) {
  const who = evidence.speaker ?? "Unknown speaker";
  const said = evidence.start === null ? who : `${who}, ${clockTime(evidence.start)}`;
  if (!onQuote) {
    return (
      <blockquote className="item-quote">
        “{evidence.quote}” <cite>— {said}</cite>
      </blockquote>
    );
  }
  return (
    <button type="button" className="item-quote item-quote-button" onClick={() => onQuote(evidence.segmentId)}>
      “{evidence.quote}” <cite>— {said}</cite>
      <span className="visually-hidden"> (show in the transcript)</span>
    </button>
  );
}

const PENDING_WORDS: Record<Review["type"], string> = {
  confirm: "Confirming…",
  reject: "Rejecting…",
  edit: "Saving…",
};

/** The state of reviewing one item: which request is on its way, its error, and whether the editor is open. */
export function useItemReview(item: CardItem, onReview: OnReview) {
  const [editing, setEditing] = useState<EditorFocus | null>(null);
  const [pending, setPending] = useState<Review["type"] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  async function act(next: Review) {
    setPending(next.type);
    setError(null);
    try {
      await onReview(item.id, next);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(null);
    }
  }

  function closeEditor() {
    setEditing(null);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  async function save(changes: ItemChanges) {
    // An error stays in the form (onReview rejects); success closes it.
    await onReview(item.id, { type: "edit", changes });
    closeEditor();
  }

  return { editing, setEditing, pending, error, act, save, closeEditor, editButton };
}

type ItemReviewState = ReturnType<typeof useItemReview>;

/**
 * What is missing from the item (the completeness prompts) and, for members, Confirm / Edit / Reject with the
 * inline editor below. Errors come back in words on the item.
 */
export function ReviewArea({ item, canReview, onReview }: { item: CardItem; canReview: boolean; onReview: OnReview }) {
  const state = useItemReview(item, onReview);
  return (
    <>
      <ReviewButtons item={item} canReview={canReview} state={state} />
      {state.editing ? (
        <ItemEditor item={item} focus={state.editing} onSave={state.save} onCancel={state.closeEditor} />
      ) : null}
    </>
  );
}

/** The completeness prompts, the Confirm / Edit / Reject buttons and the last error (the editor goes elsewhere). */
export function ReviewButtons({
  item,
  canReview,
  state,
}: {
  item: CardItem;
  canReview: boolean;
  state: ItemReviewState;
}) {
  const describedBy = useId();
  const { editing, setEditing, pending, error, act, editButton } = state;
  const gaps = completenessGaps(item);
  const review = item.review ?? "confirmed";
  return (
    <>
      {gaps.length > 0 ? (
        <ul className="item-gaps" aria-label="Missing details">
          {gaps.map((gap) => (
            <li key={gap.text}>
              <span className="item-gap-icon" aria-hidden="true">
                !
              </span>
              {gap.text}
              {canReview && gap.field !== "rationale" ? (
                <button
                  type="button"
                  className="button button-quiet button-small no-print"
                  onClick={() => setEditing(gap.field === "due" ? "due" : "owner")}
                >
                  {gap.field === "due" ? "Add due date" : "Add owner"}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canReview ? (
        <div className="item-actions no-print">
          <span id={describedBy} className="visually-hidden">
            {KIND_WORDS[item.kind]}: {item.text}
          </span>
          <button
            type="button"
            className="button button-small item-confirm"
            aria-pressed={review === "confirmed"}
            aria-describedby={describedBy}
            disabled={pending !== null}
            onClick={() => act({ type: "confirm" })}
          >
            Confirm
          </button>
          <button
            type="button"
            ref={editButton}
            className="button button-small"
            aria-expanded={editing !== null}
            aria-describedby={describedBy}
            onClick={() => setEditing(editing ? null : "text")}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-small button-danger item-reject"
            aria-pressed={review === "rejected"}
            aria-describedby={describedBy}
            disabled={pending !== null}
            onClick={() => act({ type: "reject" })}
          >
            Reject
          </button>
          {pending ? (
            <span className="muted" role="status">
              {PENDING_WORDS[pending]}
            </span>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="field-error no-print" role="alert">
          Not saved: {describeError(error)}
        </p>
      ) : null}
    </>
  );
}

/** What the item still lacks, as the sentences shown on it (nothing for a rejected item). */
function completenessGaps(item: CardItem): { field: "owner" | "due" | "rationale"; text: string }[] {
  if (item.review === "rejected") return [];
  const gaps: { field: "owner" | "due" | "rationale"; text: string }[] = [];
  if (item.kind === "risk" && !item.owner) gaps.push({ field: "owner", text: "This risk has no owner" });
  if (item.kind === "action" && !item.due) gaps.push({ field: "due", text: "This action has no due date" });
  if (item.kind === "action" && !item.owner) gaps.push({ field: "owner", text: "This action has no owner" });
  if (item.kind === "decision" && !item.rationale) {
    gaps.push({ field: "rationale", text: "This decision has no rationale" });
  }
  return gaps;
}
