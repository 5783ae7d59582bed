import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { STATUSES_BY_KIND as CORE_STATUSES } from "../../../src/core/item.js";
import type { Item, ItemChanges, ItemKind, Rag } from "../api";
import { ErrorMessage } from "./feedback";
import { RagOptions } from "./rag";
import { ITEM_STATUS_WORDS, KIND_WORDS } from "./words";

export type EditorFocus = "text" | "owner" | "due";

type EditableItem = Pick<Item, "id" | "kind" | "text" | "owner" | "due" | "rag" | "status">;

/** The statuses a person may set for an item of each kind: the core's, where the form offers a status at all. */
const STATUSES_BY_KIND: { [K in ItemKind]: readonly (typeof CORE_STATUSES)[K][number][] } = {
  decision: ["decided", "pending", "superseded"],
  action: ["open", "done"],
  question: ["open", "answered"],
  risk: ["open", "resolved"],
  escalation: [],
  update: [],
};

/**
 * The inline form that corrects an item: its text, owner, due date, rating and status, whichever the kind has.
 * Sends only the fields that changed; Escape or Cancel closes it without saving.
 */
export function ItemEditor({
  item,
  focus = "text",
  onSave,
  onCancel,
}: {
  item: EditableItem;
  focus?: EditorFocus;
  onSave: (changes: ItemChanges) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(item.text);
  const [owner, setOwner] = useState(item.owner ?? "");
  const [due, setDue] = useState(item.due ?? "");
  const [rag, setRag] = useState<Rag | "">(item.rag ?? "");
  const [status, setStatus] = useState(item.status ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const first = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const statuses = STATUSES_BY_KIND[item.kind];
  const showDue = item.kind === "action" || item.due !== null;
  const showRag = item.kind === "risk" || item.rag !== null;

  useEffect(() => {
    first.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    const trimmed = text.trim();
    if (trimmed === "") {
      setError(new Error("The text cannot be empty."));
      return;
    }
    if (trimmed !== item.text) changes.text = trimmed;
    if ((owner.trim() || null) !== item.owner) changes.owner = owner.trim() || null;
    if (showDue && (due || null) !== item.due) changes.due = due || null;
    if (showRag && (rag || null) !== item.rag) changes.rag = rag || null;
    if (statuses.length > 0 && (status || null) !== item.status) changes.status = status || null;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSave(changes as ItemChanges);
    } catch (failure) {
      setError(failure);
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCancel();
    }
  }

  return (
    <form
      className="item-editor no-print"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label={`Edit ${KIND_WORDS[item.kind].toLowerCase()}`}
    >
      <div className="field">
        <label htmlFor={`${id}-text`}>Text</label>
        <textarea
          id={`${id}-text`}
          ref={focus === "text" ? first : undefined}
          value={text}
          rows={2}
          maxLength={2000}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="item-editor-row">
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <input
            id={`${id}-owner`}
            ref={focus === "owner" ? first : undefined}
            value={owner}
            maxLength={200}
            autoComplete="off"
            placeholder="Name"
            onChange={(event) => setOwner(event.target.value)}
          />
        </div>
        {showDue ? (
          <div className="field">
            <label htmlFor={`${id}-due`}>Due date</label>
            <input
              id={`${id}-due`}
              ref={focus === "due" ? first : undefined}
              type="date"
              value={due}
              onChange={(event) => setDue(event.target.value)}
            />
          </div>
        ) : null}
        {showRag ? (
          <div className="field">
            <label htmlFor={`${id}-rag`}>Rating</label>
            <select id={`${id}-rag`} value={rag} onChange={(event) => setRag(event.target.value as Rag | "")}>
              <RagOptions />
            </select>
          </div>
        ) : null}
        {statuses.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select id={`${id}-status`} value={status} onChange={(event) => setStatus(event.target.value)}>
              <option value="">No status</option>
              {statuses.map((value) => (
                <option key={value} value={value}>
                  {ITEM_STATUS_WORDS[value] ?? value}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <ErrorMessage error={error} title="Not saved" />
      <div className="item-editor-actions">
        <button type="submit" className="button button-primary button-small" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" className="button button-small" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
