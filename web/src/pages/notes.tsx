import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DropdownMenu } from "radix-ui";
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { Link } from "wouter";
import { type BulletPart, columnBulletParts, itemBulletParts } from "../../../src/core/notes/item-bullets.js";
import { capitalize } from "../../../src/core/text.js";
import {
  ApiFailure,
  type Artifact,
  type ArtifactKind,
  api,
  type ColumnJson,
  describeError,
  type Item,
  type ItemView,
  type Meeting,
  type NotesJson,
  type SectionJson,
  type Space,
} from "../api";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ColumnHeadings } from "../components/column-headings";
import { CloseButton, ModalDialog } from "../components/dialog";
import { ErrorMessage, Loading } from "../components/feedback";
import { canRun, canWrite, formatDay, plural, slug, withUnit } from "../components/format";
import {
  type CardItem,
  ItemLinksNote,
  type OnReview,
  ReviewArea,
  ReviewBadge,
  ReviewButtons,
  reviewItem,
  useItemReview,
} from "../components/item-card";
import { ItemEditor } from "../components/item-editor";
import { useTitle } from "../components/layout";
import { meetingQuery, spaceQuery } from "../components/queries";
import { RagBadge } from "../components/rag";
import { WhatChanged } from "../components/what-changed";
import { ARTIFACT_WORDS, ITEM_STATUS_WORDS, KIND_WORDS } from "../components/words";
import "./notes.css";

/** What every item of the notes needs for its review controls. */
interface Reviewing {
  /** The item with its review state, which notes.json leaves out. */
  withReview: (item: Item) => CardItem;
  canReview: boolean;
  onReview: OnReview;
  /** Drafts a communication from an item; null when the person may not. */
  onDraft: ((kind: ArtifactKind, item: Item) => void) | null;
}

/** The drafts a person may make from an item, in the order of their words. */
const ARTIFACT_KINDS = Object.keys(ARTIFACT_WORDS) as ArtifactKind[];
/** The items a person drafts a communication from. */
const DRAFTABLE: ReadonlySet<Item["kind"]> = new Set(["escalation", "risk", "action"]);

/** The meeting's notes: the filled template, editable by members, exported, distributed, and drafts made from it. */
export default function NotesPage({ meetingId }: { meetingId: string }) {
  const queryClient = useQueryClient();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const meeting = useQuery(meetingQuery(meetingId));
  const space = useQuery(spaceQuery(meeting.data?.spaceId));
  const notes = useQuery({ queryKey: ["notes", meetingId], queryFn: () => api<NotesJson>(`${base}/notes.json`) });
  // notes.json has the items as the notes print them; the review state comes from the items list.
  const items = useQuery({
    queryKey: ["items", meetingId],
    queryFn: () => api<{ items: ItemView[] }>(`${base}/items`),
  });
  const reviews = useMemo(
    () =>
      new Map(
        (items.data?.items ?? []).map((item) => [
          item.id,
          { review: item.review, edited: item.edited, links: item.links },
        ]),
      ),
    [items.data],
  );
  useTitle(notes.data ? `Notes: ${notes.data.meeting.title}` : "Meeting notes");

  const onReview = useCallback<OnReview>(
    async (itemId, review) => {
      await reviewItem(meetingId, itemId, review);
      // Read the notes again: an edit can move an item, a rejection takes it out.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["notes", meetingId] }),
        queryClient.invalidateQueries({ queryKey: ["items", meetingId] }),
      ]);
    },
    [meetingId, queryClient],
  );

  const [draftFocus, setDraftFocus] = useState<string | null>(null);
  const draft = useMutation({
    mutationFn: (body: { kind: ArtifactKind; itemId: string | null }) =>
      api<Artifact>(`${base}/artifacts`, { method: "POST", body }),
    onSuccess: async (artifact) => {
      await queryClient.invalidateQueries({ queryKey: ["artifacts", meetingId] });
      setDraftFocus(artifact.id);
    },
  });

  if (notes.isPending || meeting.isPending) return <Loading label="Gathering the notes" />;
  if (meeting.error) return <ErrorMessage error={meeting.error} title="This meeting could not be opened" />;
  if (notes.error) return <ErrorMessage error={notes.error} title="The notes could not be read" />;
  const role = space.data?.role;
  const data = notes.data;
  const reviewing: Reviewing = {
    withReview: (item) => ({ ...item, ...reviews.get(item.id) }),
    canReview: canWrite(role),
    onReview,
    onDraft: canWrite(role) ? (kind, item) => draft.mutate({ kind, itemId: item.id }) : null,
  };

  return (
    <div className="notes-page">
      <div className="no-print">
        <Breadcrumbs
          trail={[
            { label: "Spaces", href: "/" },
            { label: space.data?.name ?? "Space", href: `/spaces/${meeting.data.spaceId}` },
            { label: "Notes" },
          ]}
        />
        <NotesToolbar notes={data} meeting={meeting.data} space={space.data} base={base} />
        {meeting.data.status !== "ended" ? (
          <p className="notice">
            {meeting.data.status === "live" ? "The meeting is still live: " : "The meeting has not started: "}
            these are the notes so far. <Link href={`/meetings/${meetingId}/live`}>Open the live view</Link>.
          </p>
        ) : null}
        <p className="muted notes-scope">
          The notes hold confirmed items and the agent's confident suggestions; rejected items are left out.{" "}
          <Link href={`/meetings/${meetingId}/live`}>Review every item with its quote</Link> in the live view.
          {role === "viewer" ? " You are a viewer: you can read and export the notes, not change them." : ""}
        </p>
        <ErrorMessage error={items.error} title="Review state could not be read" />
        <ErrorMessage error={space.error} title="The Space could not be read" />
        <WhatChanged meetingId={meetingId} className="panel notes-changes" />
      </div>
      <NotesDocument notes={data} reviewing={reviewing} />
      <DraftsSection
        meetingId={meetingId}
        notes={data}
        canWrite={canWrite(role)}
        onDraft={(kind) => draft.mutate({ kind, itemId: null })}
        drafting={draft.isPending}
        draftError={draft.error}
        focus={draftFocus}
        onFocused={() => setDraftFocus(null)}
      />
    </div>
  );
}

// ---- the document ----

function NotesDocument({ notes, reviewing }: { notes: NotesJson; reviewing: Reviewing }) {
  const { template, meeting } = notes;
  const hasDetails = notes.sections.some((section) => section.kind === "details");
  return (
    <article className="notes-document" aria-labelledby="notes-title">
      <h1 id="notes-title">{meeting.title || template.name}</h1>
      <p>
        <strong>Purpose:</strong> {template.purpose}
      </p>
      {hasDetails ? null : <DetailsSection notes={notes} title="Meeting Details" description="" />}
      {notes.sections.map((section) => {
        if (section.kind === "details") {
          return (
            <DetailsSection key={section.id} notes={notes} title={section.title} description={section.description} />
          );
        }
        return <NotesSection key={section.id} section={section} metrics={notes.metrics} reviewing={reviewing} />;
      })}
      {notes.unfiled.length > 0 ? (
        <NotesSection section={otherSection(notes.unfiled)} metrics={notes.metrics} reviewing={reviewing} />
      ) : null}
      <section aria-labelledby="notes-section-follow-up" className="notes-section">
        <h2 id="notes-section-follow-up">Follow-up</h2>
        {notes.followUp.text ? <p>{notes.followUp.text}</p> : <p className="muted">No follow-up rules.</p>}
      </section>
    </article>
  );
}

/** Items filed under sections the template does not have, as a section of their own. */
function otherSection(items: Item[]): SectionJson {
  return {
    id: "other",
    title: "Other items",
    kind: "notes",
    description: "Captured under sections this template does not have.",
    strategic: null,
    layout: "bullets",
    ratingGuide: null,
    columns: null,
    rows: null,
    items,
  };
}

function DetailsSection({ notes, title, description }: { notes: NotesJson; title: string; description: string }) {
  const { meeting, template } = notes;
  const duration =
    meeting.durationMinutes === null
      ? `${template.durationMinutes} minutes (${template.cadence} recommended)`
      : `${meeting.durationMinutes} minutes`;
  return (
    <section aria-labelledby="notes-section-details" className="notes-section">
      <h2 id="notes-section-details">{title}</h2>
      {description ? <p className="notes-description">{description}</p> : null}
      <ul className="notes-details">
        <li>
          <strong>Date:</strong> {meeting.date ? formatDay(meeting.date, "long") : "—"}
        </li>
        <li>
          <strong>Facilitator:</strong> {meeting.facilitator ?? "—"}
        </li>
        <li>
          <strong>Attendees:</strong> {meeting.attendees.length > 0 ? meeting.attendees.join(", ") : "—"}
        </li>
        <li>
          <strong>Duration:</strong> {duration}
        </li>
      </ul>
    </section>
  );
}

function NotesSection({
  section,
  metrics,
  reviewing,
}: {
  section: SectionJson;
  metrics: NotesJson["metrics"];
  reviewing: Reviewing;
}) {
  const headingId = `notes-section-${section.id}`;
  const columns = section.columns ?? [];
  let body: ReactNode;
  if (section.kind === "metrics") {
    body =
      metrics.length === 0 ? (
        <Nothing />
      ) : (
        <MetricsTable columns={columns} rows={section.rows ?? []} labelledBy={headingId} />
      );
  } else if (section.items.length === 0) {
    body = <Nothing />;
  } else if (section.layout === "table" && columns.length > 0) {
    body = <ItemTable section={section} labelledBy={headingId} reviewing={reviewing} />;
  } else {
    body = <ItemBullets section={section} reviewing={reviewing} />;
  }
  return (
    <section aria-labelledby={headingId} className="notes-section">
      <h2 id={headingId}>{section.title}</h2>
      {section.description ? <p className="notes-description">{section.description}</p> : null}
      {body}
    </section>
  );
}

function Nothing() {
  return <p className="notes-nothing">Nothing recorded.</p>;
}

/** A cell as the notes show it: ratings with colour and word, people, dates, statuses, numbers with units. */
function Cell({ value, column, item }: { value: string | number | null | undefined; column: ColumnJson; item?: Item }) {
  if (value === null || value === undefined || value === "") {
    if (column.type === "status" && item?.rag) return <RagBadge rag={item.rag} />;
    return <span className="muted">—</span>;
  }
  switch (column.type) {
    case "rag":
      return value === "red" || value === "yellow" || value === "green" ? <RagBadge rag={value} /> : String(value);
    case "date":
      return <time dateTime={String(value)}>{formatDay(String(value), "long")}</time>;
    case "status":
      return (
        <>
          {item?.rag ? <RagBadge rag={item.rag} /> : null}{" "}
          {ITEM_STATUS_WORDS[String(value)] ?? capitalize(String(value))}
        </>
      );
    case "level":
      return <>{capitalize(String(value))}</>;
    case "number":
      return <>{withUnit(value, column)}</>;
    default:
      return <>{value}</>;
  }
}

function MetricsTable({
  columns,
  rows,
  labelledBy,
}: {
  columns: ColumnJson[];
  rows: NonNullable<SectionJson["rows"]>;
  labelledBy: string;
}) {
  return (
    <div className="table-wrap">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <ColumnHeadings columns={columns} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one row per team, in the notes' order
            <tr key={index}>
              {columns.map((column) =>
                column.id === "team" ? (
                  <th key={column.id} scope="row">
                    {row[column.id] ?? "—"}
                  </th>
                ) : (
                  <td key={column.id} className="numeric">
                    <Cell value={row[column.id]} column={column} />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ItemTable({
  section,
  labelledBy,
  reviewing,
}: {
  section: SectionJson;
  labelledBy: string;
  reviewing: Reviewing;
}) {
  const columns = section.columns ?? [];
  return (
    <div className="table-wrap">
      <table aria-labelledby={labelledBy} className="notes-table">
        <thead>
          <tr>
            <ColumnHeadings columns={columns} />
            <th scope="col" className="no-print">
              Review
            </th>
          </tr>
        </thead>
        <tbody>
          {section.items.map((item, index) => (
            <ItemTableRow
              key={item.id}
              item={reviewing.withReview(item)}
              row={section.rows?.[index] ?? {}}
              columns={columns}
              canReview={reviewing.canReview}
              onReview={reviewing.onReview}
              onDraft={reviewing.onDraft}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ItemTableRow({
  item,
  row,
  columns,
  canReview,
  onReview,
  onDraft,
}: {
  item: CardItem;
  row: Record<string, string | number | null>;
  columns: ColumnJson[];
  canReview: boolean;
  onReview: OnReview;
  onDraft: Reviewing["onDraft"];
}) {
  const state = useItemReview(item, onReview);
  return (
    <>
      <tr data-item-id={item.id}>
        {columns.map((column) => (
          <td key={column.id} className={column.id === "text" ? "notes-text-cell" : undefined}>
            {column.id === "text" ? (
              <>
                <ItemLinksNote links={item.links} />{" "}
              </>
            ) : null}
            <Cell value={row[column.id]} column={column} item={item} />
          </td>
        ))}
        <td className="no-print notes-review-cell">
          <div className="notes-review-inner">
            {item.review ? <ReviewBadge review={item.review} /> : null}
            <ReviewButtons item={item} canReview={canReview} state={state} />
            <DraftMenu item={item} onDraft={onDraft} />
          </div>
        </td>
      </tr>
      {state.editing ? (
        <tr className="no-print">
          <td colSpan={columns.length + 1}>
            <ItemEditor item={item} focus={state.editing} onSave={state.save} onCancel={state.closeEditor} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ItemBullets({ section, reviewing }: { section: SectionJson; reviewing: Reviewing }) {
  const { columns } = section;
  return (
    <ul className="notes-bullets">
      {section.items.map((item, index) => {
        const reviewed = reviewing.withReview(item);
        return (
          <li key={item.id} className="notes-bullet" data-item-id={item.id}>
            <div className="notes-bullet-text">
              <ItemLinksNote links={reviewed.links} />{" "}
              {columns && columns.length > 0 ? (
                <ColumnBullet item={item} columns={columns} row={section.rows?.[index] ?? {}} />
              ) : (
                <KindBullet item={item} />
              )}
            </div>
            <div className="notes-bullet-review no-print">
              {reviewed.review ? <ReviewBadge review={reviewed.review} /> : null}
              <ReviewArea item={reviewed} canReview={reviewing.canReview} onReview={reviewing.onReview} />
              <DraftMenu item={item} onDraft={reviewing.onDraft} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** "**Decided:** text — Rationale: … — Owner: …": a bullet shaped by the item's kind, in the notes' words. */
function KindBullet({ item }: { item: Item }) {
  return (
    <>
      {itemBulletParts(item).map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed sequence of parts of one bullet
        <span key={index}>
          {index > 0 ? " — " : ""}
          <BulletPartView part={part} />
        </span>
      ))}
    </>
  );
}

function BulletPartView({ part }: { part: BulletPart }) {
  switch (part.type) {
    case "heading":
      return (
        <>
          <strong>{part.heading}</strong> {part.text}
        </>
      );
    case "team":
      return (
        <>
          <strong>{part.team}</strong>: {part.text}
        </>
      );
    case "text":
      return <>{part.text}</>;
    case "rag":
      return <RagBadge rag={part.rag} />;
    case "status":
      return <>{ITEM_STATUS_WORDS[part.status] ?? capitalize(part.status)}</>;
    case "field":
      return <Labelled label={part.label}>{fieldValue(part)}</Labelled>;
  }
}

/** A labelled value as the page shows it: people by name, dates in words. */
function fieldValue(part: Extract<BulletPart, { type: "field" }>): string {
  switch (part.format) {
    case "date":
      return formatDay(part.value, "long");
    case "level":
      return capitalize(part.value);
    default:
      return part.value;
  }
}

/**
 * A row of a bullets-layout section, as the seed writes staffing: leading text columns form the bold head
 * ("Mobile – Senior iOS Engineer"), other columns before the text go in parentheses, later ones follow labelled.
 */
function ColumnBullet({
  item,
  columns,
  row,
}: {
  item: Item;
  columns: ColumnJson[];
  row: Record<string, string | number | null>;
}) {
  const { head, meta, text, after } = columnBulletParts(item, columns);
  return (
    <>
      {head.length > 0 ? <strong>{head.map((column) => String(row[column.id] ?? "")).join(" – ")}</strong> : null}
      {meta.length > 0 ? (
        <>
          {head.length > 0 ? " " : ""}(
          {meta.map((column, index) => (
            <span key={column.id}>
              {index > 0 ? ", " : ""}
              {column.label}: <Cell value={row[column.id]} column={column} item={item} />
            </span>
          ))}
          )
        </>
      ) : null}
      {text ? (
        <>
          {head.length > 0 || meta.length > 0 ? ": " : ""}
          {text}
        </>
      ) : null}
      {after.map((column) => (
        <span key={column.id}>
          {" "}
          <em>{column.label}:</em> <Cell value={row[column.id]} column={column} item={item} />
        </span>
      ))}
    </>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span>
      <span className="notes-label">{label}:</span> {children}
    </span>
  );
}

// ---- drafts ----

/** "Draft…": a customer communication, a Slack summary or a follow-up email made from one item. */
function DraftMenu({ item, onDraft }: { item: Item; onDraft: Reviewing["onDraft"] }) {
  if (!onDraft || !DRAFTABLE.has(item.kind)) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="button button-small button-quiet draft-trigger">
          Draft…
          <span className="visually-hidden">
            {" "}
            from {KIND_WORDS[item.kind].toLowerCase()}: {item.text}
          </span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content" align="end" sideOffset={4}>
          {ARTIFACT_KINDS.map((kind) => (
            <DropdownMenu.Item key={kind} className="menu-item" onSelect={() => onDraft(kind, item)}>
              {ARTIFACT_WORDS[kind]}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** The drafts kept with the meeting: each editable, saved on request; Docket never rewrites an edited one. */
function DraftsSection({
  meetingId,
  notes,
  canWrite: editable,
  onDraft,
  drafting,
  draftError,
  focus,
  onFocused,
}: {
  meetingId: string;
  notes: NotesJson;
  canWrite: boolean;
  onDraft: (kind: ArtifactKind) => void;
  drafting: boolean;
  draftError: unknown;
  focus: string | null;
  onFocused: () => void;
}) {
  const artifacts = useQuery({
    queryKey: ["artifacts", meetingId],
    queryFn: () => api<{ artifacts: Artifact[] }>(`/api/meetings/${encodeURIComponent(meetingId)}/artifacts`),
  });
  const texts = useMemo(() => {
    const all = [...notes.sections.flatMap((section) => section.items), ...notes.unfiled];
    return new Map(all.map((item) => [item.id, `${KIND_WORDS[item.kind]}: ${item.text}`]));
  }, [notes]);
  const list = artifacts.data?.artifacts ?? [];
  return (
    <section className="section drafts no-print" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Drafts</h2>
      <p className="muted">
        Communications drafted from the notes, to edit and send yourself. Draft one from an escalation, risk or action
        item with its “Draft…” button, or for the whole meeting here.
      </p>
      {editable ? (
        <div className="page-actions drafts-actions">
          <button type="button" className="button" disabled={drafting} onClick={() => onDraft("slack-summary")}>
            Draft a Slack summary
          </button>
          <button type="button" className="button" disabled={drafting} onClick={() => onDraft("follow-up-email")}>
            Draft a follow-up email
          </button>
          <span role="status" className="muted">
            {drafting ? "Drafting…" : ""}
          </span>
        </div>
      ) : null}
      <ErrorMessage error={draftError} title="The draft could not be made" />
      {artifacts.isPending ? <Loading label="Loading the drafts" /> : null}
      <ErrorMessage error={artifacts.error} title="The drafts could not be loaded" />
      {artifacts.data && list.length === 0 ? (
        <p className="muted">No drafts yet.</p>
      ) : (
        <ul className="draft-list" aria-label="Drafts">
          {list.map((artifact) => (
            <li key={artifact.id}>
              <DraftEditor
                artifact={artifact}
                about={
                  artifact.itemId ? (texts.get(artifact.itemId) ?? "An item of this meeting") : "The whole meeting"
                }
                editable={editable}
                focus={focus === artifact.id}
                onFocused={onFocused}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DraftEditor({
  artifact,
  about,
  editable,
  focus,
  onFocused,
}: {
  artifact: Artifact;
  about: string;
  editable: boolean;
  focus: boolean;
  onFocused: () => void;
}) {
  const queryClient = useQueryClient();
  const ids = { title: useId(), body: useId(), heading: useId() };
  const [title, setTitle] = useState(artifact.title);
  const [body, setBody] = useState(artifact.body);
  const bodyField = useRef<HTMLTextAreaElement>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!focus) return;
    bodyField.current?.focus();
    bodyField.current?.scrollIntoView({ block: "center" });
    onFocused();
  }, [focus, onFocused]);
  const save = useMutation({
    mutationFn: () =>
      api<Artifact>(
        `/api/meetings/${encodeURIComponent(artifact.meetingId)}/artifacts/${encodeURIComponent(artifact.id)}`,
        { method: "PATCH", body: { title, body } },
      ),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["artifacts", artifact.meetingId] });
    },
  });
  const changed = title !== artifact.title || body !== artifact.body;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }
  return (
    <form className="card draft" onSubmit={onSubmit} aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="draft-heading">
        {ARTIFACT_WORDS[artifact.kind]}
        {artifact.edited ? <span className="badge badge-neutral">Edited</span> : null}
      </h3>
      <p className="muted draft-about">From: {about}</p>
      <div className="field">
        <label htmlFor={ids.title}>Title</label>
        <input
          id={ids.title}
          value={title}
          maxLength={300}
          readOnly={!editable}
          onChange={(event) => {
            setTitle(event.target.value);
            setSaved(false);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.body}>Text</label>
        <textarea
          id={ids.body}
          ref={bodyField}
          value={body}
          rows={Math.min(16, Math.max(5, body.split("\n").length + 1))}
          readOnly={!editable}
          onChange={(event) => {
            setBody(event.target.value);
            setSaved(false);
          }}
        />
      </div>
      <ErrorMessage error={save.error} title="The draft was not saved" />
      {editable ? (
        <div className="dialog-actions draft-actions">
          <span role="status" className="muted">
            {save.isPending ? "Saving…" : saved && !changed ? "✓ Saved" : changed ? "Not saved yet" : ""}
          </span>
          <button type="submit" className="button button-primary" disabled={!changed || save.isPending}>
            Save<span className="visually-hidden"> {ARTIFACT_WORDS[artifact.kind].toLowerCase()}</span>
          </button>
        </div>
      ) : null}
    </form>
  );
}

// ---- export and distribution ----

function NotesToolbar({
  notes,
  meeting,
  space,
  base,
}: {
  notes: NotesJson;
  meeting: Meeting;
  space: Space | undefined;
  base: string;
}) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const fileName = slug(notes.meeting.title || notes.template.name) || "meeting-notes";

  async function markdown(): Promise<string> {
    return api<string>(`${base}/notes.md`, { text: true });
  }

  async function copy() {
    setBusy("Copying");
    setMessage(null);
    try {
      const text = await markdown();
      await navigator.clipboard.writeText(text);
      setMessage({ text: "Copied", error: false });
    } catch (error) {
      setMessage({ text: `Not copied: ${describeError(error)}`, error: true });
    } finally {
      setBusy(null);
    }
  }

  async function downloadMarkdown() {
    setBusy("Preparing the Markdown");
    setMessage(null);
    try {
      download(new Blob([await markdown()], { type: "text/markdown;charset=utf-8" }), `${fileName}.md`);
      setMessage({ text: `Downloaded ${fileName}.md`, error: false });
    } catch (error) {
      setMessage({ text: `Not downloaded: ${describeError(error)}`, error: true });
    } finally {
      setBusy(null);
    }
  }

  function downloadHtml() {
    const html = standaloneHtml(notes.meeting.title || notes.template.name);
    if (!html) {
      setMessage({ text: "Not downloaded: the notes are not on the page yet.", error: true });
      return;
    }
    download(new Blob([html], { type: "text/html;charset=utf-8" }), `${fileName}.html`);
    setMessage({ text: `Downloaded ${fileName}.html`, error: false });
  }

  return (
    <div className="notes-toolbar" role="toolbar" aria-label="Share the notes">
      <button type="button" className="button" onClick={copy} disabled={busy !== null}>
        Copy as Markdown
      </button>
      <button type="button" className="button" onClick={downloadMarkdown} disabled={busy !== null}>
        Download Markdown
      </button>
      <button type="button" className="button" onClick={downloadHtml}>
        Download HTML
      </button>
      <button
        type="button"
        className="button"
        onClick={() => window.print()}
        title="Opens the print dialog: choose “Save as PDF” as the printer"
      >
        Download PDF
      </button>
      <DistributeDialog notes={notes} meeting={meeting} space={space} />
      <span role="status" className={message?.error ? "notes-message field-error" : "notes-message muted"}>
        {busy ? `${busy}…` : (message?.text ?? "")}
      </span>
    </div>
  );
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const EXPORT_CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#17212b;max-width:60rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.75rem 0 .25rem}
table{width:100%;border-collapse:collapse;margin:.5rem 0}th,td{text-align:left;padding:.4rem .55rem;border-bottom:1px solid #d9dee5;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:#4a5663}tbody th{font-size:inherit;text-transform:none;letter-spacing:normal;color:inherit}
.notes-description{color:#4a5663;font-style:italic;margin:0 0 .5rem}.notes-nothing{color:#4a5663;font-style:italic}
.badge{display:inline-flex;align-items:center;gap:.3rem;padding:0 .45rem;border-radius:999px;font-size:.8rem;font-weight:600;border:1px solid transparent}
.badge .dot{width:.55rem;height:.55rem;border-radius:50%;background:currentColor}
.badge-red{color:#b42318;background:#fdecea}.badge-yellow{color:#8a5a00;background:#fdf3d8}.badge-green{color:#146c2e;background:#e6f4ea}.badge-none{color:#4a5663;background:#edf0f3}
.notes-bullets{padding-left:1.25rem}.notes-bullets li{margin:.3rem 0}.notes-label{color:#4a5663}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{body{margin:0;max-width:none}tr{break-inside:avoid}h2{break-after:avoid}}
`;

/** The rendered notes as one standalone HTML file: the document's DOM without controls, and minimal inline CSS. */
function standaloneHtml(title: string): string | null {
  const source = document.querySelector(".notes-document");
  if (!source) return null;
  const copy = source.cloneNode(true) as HTMLElement;
  for (const element of copy.querySelectorAll(".no-print, button, form, [aria-hidden='true']:not(.dot)"))
    element.remove();
  for (const element of copy.querySelectorAll("[id], [aria-labelledby], [aria-describedby], [aria-label]")) {
    element.removeAttribute("aria-labelledby");
    element.removeAttribute("aria-describedby");
    element.removeAttribute("aria-label");
  }
  const escaped = title.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
  return `<!doctype html>
<html lang="${document.documentElement.lang || "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escaped}</title>
<style>${EXPORT_CSS}</style>
</head>
<body>
<article>${copy.innerHTML}</article>
<p style="color:#4a5663;font-size:.8rem;margin-top:2rem">Exported from Docket on ${new Date().toISOString().slice(0, 10)}.</p>
</body>
</html>
`;
}

function DistributeDialog({ notes, meeting, space }: { notes: NotesJson; meeting: Meeting; space: Space | undefined }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const send = useMutation({
    mutationFn: () =>
      api<{ queued: number }>(`/api/meetings/${encodeURIComponent(meeting.id)}/distribute`, { method: "POST" }),
  });
  const mayRun = canRun(space?.role);
  const ended = meeting.status === "ended";
  const all = [...notes.sections.flatMap((section) => section.items), ...notes.unfiled];
  const count = (kind: Item["kind"]) => all.filter((item) => item.kind === kind).length;
  const rules = notes.followUp.rules;
  const slackRule = rules.find((rule) => rule.kind === "slack-summary");
  const distributeRule = rules.find((rule) => rule.kind === "distribute-notes");
  const slackKinds = slackRule?.kind === "slack-summary" ? slackRule.include : (["decision", "escalation"] as const);
  const channel = space?.distribution.slackChannel ?? null;
  const suggested = slackRule?.kind === "slack-summary" ? slackRule.channel : null;
  const hours =
    space?.distribution.followUpHours ??
    (distributeRule?.kind === "distribute-notes" ? distributeRule.withinMinutes / 60 : 2);
  // Only owners see the Space's list; the others see how many addresses it has.
  const listed = space?.distribution.emails ?? [];
  const hiddenCount = listed.length === 0 ? (space?.distribution.emailCount ?? 0) : 0;
  const recipients = [
    ...meeting.attendees.map((attendee) => attendee.name),
    ...listed,
    ...(hiddenCount > 0 ? [`${plural(hiddenCount, "address", "addresses")} on the Space's list`] : []),
  ];
  const deadline = meeting.endedAt ? new Date(Date.parse(meeting.endedAt) + hours * 3_600_000) : null;
  const redRisks = all.filter(
    (item) => item.kind === "risk" && item.rag === "red" && item.status !== "resolved",
  ).length;
  const openActions = all.filter((item) => item.kind === "action" && item.status !== "done").length;
  const slackWhat = slackKinds.map((kind) => KIND_PLURALS[kind]).join(" and ");
  const slackCounts = slackKinds.map((kind) => plural(count(kind), kind, KIND_PLURALS[kind])).join(", ");

  return (
    <ModalDialog
      trigger={
        <button type="button" className="button button-primary">
          Distribute
        </button>
      }
      title="Distribute the notes"
      description="Docket sends the notes to the people and channels below, and records each delivery in the Space's delivery log."
      descriptionClassName="muted"
      initialFocus={closeButton}
    >
      <ul className="distribute-list">
        <li>
          {recipients.length > 0 ? (
            <>
              <strong>Email to {recipients.join(", ")}:</strong> full notes
              {distributeRule?.kind === "distribute-notes" ? ` (the template says: ${distributeRule.audience})` : ""}.
            </>
          ) : (
            <>
              <strong>Email:</strong> nobody yet. Add attendees to the meeting, or an email list in the Space's
              settings.
            </>
          )}
        </li>
        <li>
          {channel ? (
            <>
              <strong>Slack {channel}:</strong> {slackWhat} ({slackCounts}).
            </>
          ) : (
            <>
              <strong>Slack:</strong> no channel is set for this Space
              {suggested ? ` (the template suggests ${suggested})` : ""}; {slackWhat} would go there ({slackCounts}
              ).
            </>
          )}
        </li>
        <li>
          <strong>Due within {plural(hours, "hour")} of the meeting's end</strong>
          {deadline
            ? `: by ${deadline.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}.`
            : " (the meeting has not ended yet)."}
        </li>
        {rules.some((rule) => rule.kind === "red-risk-to-next-agenda") ? (
          <li>
            <strong>Carried into the next meeting:</strong> {openActions} open{" "}
            {openActions === 1 ? "action" : "actions"}; {redRisks} red {redRisks === 1 ? "risk goes" : "risks go"} onto
            its agenda unless resolved first.
          </li>
        ) : null}
      </ul>
      {send.data ? (
        <p className="notice" role="status">
          ✓ {plural(send.data.queued, "delivery", "deliveries")} queued: they go out in a moment.{" "}
          <Link href={`/spaces/${meeting.spaceId}?tab=follow-up`}>See the delivery log</Link>.
        </p>
      ) : null}
      {send.error ? (
        send.error instanceof ApiFailure && send.error.status === 409 ? (
          <p className="notice" role="alert">
            Not sent again: {send.error.message}.{" "}
            <Link href={`/spaces/${meeting.spaceId}?tab=follow-up`}>See the delivery log</Link>.
          </p>
        ) : (
          <ErrorMessage error={send.error} title="The notes were not sent" />
        )
      ) : null}
      {!ended ? (
        <p className="hint">The notes can be sent once the meeting has ended.</p>
      ) : !mayRun ? (
        <p className="hint">A facilitator or owner of this Space sends the notes.</p>
      ) : null}
      <div className="dialog-actions">
        <CloseButton buttonRef={closeButton}>Close</CloseButton>
        {mayRun && ended ? (
          <button
            type="button"
            className="button button-primary"
            disabled={send.isPending || send.data !== undefined}
            onClick={() => send.mutate()}
          >
            {send.isPending ? "Sending…" : "Send the notes now"}
          </button>
        ) : null}
      </div>
    </ModalDialog>
  );
}

const KIND_PLURALS: Record<Item["kind"], string> = {
  decision: "decisions",
  action: "action items",
  risk: "risks",
  question: "open questions",
  escalation: "escalations",
  update: "updates",
};
