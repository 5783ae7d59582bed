import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FocusEvent, type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import type { Triage, TriageEntry, TriageReason } from "../../../src/api/space-views.js";
import { capitalize } from "../../../src/core/text.js";
import { api, type Meeting, type Member, type PreRead, type PreReadRow, type Rag, type Space } from "../api";
import { Breadcrumbs } from "../components/breadcrumbs";
import { EmptyState, ErrorMessage, Loading, Progress } from "../components/feedback";
import { canRun, canWrite, formatDay, formatWhen, plural } from "../components/format";
import { useTitle } from "../components/layout";
import { MeetingStatusBadge } from "../components/meeting-status";
import { PageError } from "../components/page-error";
import { meetingQuery, moveMeeting, type QueryState, spaceQuery, startMeeting } from "../components/queries";
import { RagBadge, RagOptions } from "../components/rag";
import { WhatChanged } from "../components/what-changed";
import { useMe } from "../session";
import "./prepare.css";

type Column = PreRead["sections"][number]["columns"][number];

/** Why an entry is on a list, when the rating and the section do not already say it. */
const REASON_WORDS: Record<TriageReason, string | null> = {
  "red risk": "Risk",
  "yellow risk": "Risk",
  "green risk": "Risk",
  "unrated risk": "Risk not rated",
  red: null,
  yellow: null,
  green: null,
  "metric out of range": "Outside its usual range",
  escalation: "Escalation",
  "carried over": "Carried over",
  metrics: "Metrics as usual",
  update: "Update",
};

/** A rating as people type it ("Red", "🟡 amber", "g"), as the server reads it. */
function parseRag(cell: string | undefined): Rag | null {
  const text = (cell ?? "").trim().toLowerCase();
  if (text.startsWith("🔴") || /^(?:red|r)\b/.test(text)) return "red";
  if (text.startsWith("🟡") || text.startsWith("🟠") || /^(?:yellow|amber|y)\b/.test(text)) return "yellow";
  if (text.startsWith("🟢") || /^(?:green|g)\b/.test(text)) return "green";
  return null;
}

function sameCells(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? "") !== (b[key] ?? "")) return false;
  return true;
}

/** "Before the meeting": the pre-read people fill in, the facilitator's triage, and the button that starts it. */
export default function PreparePage({ meetingId }: { meetingId: string }) {
  const meeting = useQuery(meetingQuery(meetingId));
  useTitle(meeting.data ? `Prepare: ${meeting.data.title}` : "Before the meeting");
  if (meeting.isPending) return <Loading label="Opening the meeting" />;
  if (meeting.error) return <PageError title="This meeting could not be opened" error={meeting.error} />;
  return <Prepare meeting={meeting.data} />;
}

function Prepare({ meeting }: { meeting: Meeting }) {
  const me = useMe();
  const space = useQuery(spaceQuery(meeting.spaceId));
  const members = useQuery({
    queryKey: ["members", meeting.spaceId],
    queryFn: () => api<Member[]>(`/api/spaces/${meeting.spaceId}/members`),
  });
  const open = meeting.status === "scheduled" || meeting.status === "pre-read";
  // Others fill in their rows at the same time: refresh now and then while the pre-read is open.
  const preRead = useQuery({
    queryKey: ["pre-read", meeting.id],
    queryFn: () => api<PreRead>(`/api/meetings/${meeting.id}/pre-read`),
    refetchInterval: open ? 30_000 : false,
  });
  const triage = useQuery({
    queryKey: ["triage", meeting.id],
    queryFn: () => api<Triage>(`/api/meetings/${meeting.id}/triage`),
    refetchInterval: open ? 30_000 : false,
  });
  const role = space.data?.role;
  const myId = me.data?.user.id;
  const timezone = space.data?.timezone ?? "UTC";
  const mine = triage.data?.checklist.people.find((person) => person.userId === myId);

  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Your Spaces", href: "/" },
          { label: space.data?.name ?? "Space", href: `/spaces/${meeting.spaceId}` },
          { label: "Before the meeting" },
        ]}
      />
      <div className="page-heading prepare-heading">
        <div>
          <p className="eyebrow">Before the meeting</p>
          <h1>{meeting.title}</h1>
          <p className="prepare-meta">
            <MeetingStatusBadge status={meeting.status} />
            <span>{formatWhen(meeting.scheduledAt, timezone)}</span>
            <span>{space.data ? `${space.data.durationMinutes} min` : null}</span>
            {meeting.attendees.length > 0 ? <span>{plural(meeting.attendees.length, "attendee")}</span> : null}
          </p>
        </div>
        <StartControl meeting={meeting} role={role} />
      </div>
      <ErrorMessage error={space.error} title="The Space could not be loaded" />

      {open && canWrite(role) && mine ? (
        <p className={`notice your-part${mine.done ? " is-done" : ""}`}>
          {mine.done
            ? `✓ Your part is done: you updated ${mine.rows === 1 ? "your row" : `all ${mine.rows} rows you own`}. You can still change ${mine.rows === 1 ? "it" : "them"} until the meeting starts.`
            : `Your part: ${mine.updated} of the ${plural(mine.rows, "row")} you own updated. Fill in the rest below before the meeting.`}
        </p>
      ) : null}

      <div className="prepare-top">
        <TriagePanel triage={triage} />
        <Checklist meeting={meeting} triage={triage.data} myId={myId} />
      </div>
      <WhatChanged meetingId={meeting.id} className="panel prepare-changes" />

      <section className="section" aria-labelledby="pre-read-heading" id="pre-read">
        <h2 id="pre-read-heading">Pre-read</h2>
        <p className="muted prepare-intro">
          {canRun(role)
            ? "Add a row for each owner and assign it; each owner fills in their own rows. Changes save as you type."
            : canWrite(role)
              ? "Fill in the rows you own. Changes save as you type."
              : "Owners fill in these rows before the meeting."}
        </p>
        {preRead.isPending ? <Loading label="Loading the pre-read" /> : null}
        <ErrorMessage error={preRead.error} title="The pre-read could not be loaded" />
        <ErrorMessage error={members.error} title="The members could not be loaded" />
        {preRead.data && preRead.data.sections.length === 0 ? (
          <EmptyState title="This template has no tables to fill in">
            Its sections are filled during the meeting from what people say.
          </EmptyState>
        ) : null}
        {preRead.data && !canWrite(role) && preRead.data.sections.every((section) => section.rows.length === 0) ? (
          <EmptyState title="The pre-read is empty">
            Owners fill in their rows before the meeting — metrics, risks, updates — and they appear here.
          </EmptyState>
        ) : null}
        {preRead.data?.sections.map((section) => (
          <PreReadSection
            key={section.sectionId}
            meeting={meeting}
            section={section}
            members={members.data ?? []}
            myId={myId}
            role={role}
            open={meeting.status !== "ended"}
          />
        ))}
      </section>
    </>
  );
}

// ——— Start ———

function StartControl({ meeting, role }: { meeting: Meeting; role: Space["role"] | undefined }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const facilitator = canRun(role);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["meeting", meeting.id] }),
      queryClient.invalidateQueries({ queryKey: ["meetings", meeting.spaceId] }),
    ]);
  const start = useMutation({
    mutationFn: () => startMeeting(meeting.id),
    onSuccess: async () => {
      await refresh();
      navigate(`/meetings/${meeting.id}/live`);
    },
  });
  const openPreRead = useMutation({ mutationFn: () => moveMeeting(meeting.id, "pre-read"), onSuccess: refresh });

  // Everyone else waits; the page notices when the facilitator starts.
  const waiting = !facilitator && (meeting.status === "scheduled" || meeting.status === "pre-read");
  useQuery({ ...meetingQuery(meeting.id), enabled: waiting, refetchInterval: waiting ? 15_000 : false });

  if (meeting.status === "live") {
    return (
      <div className="start-control">
        <p className="start-note" role="status">
          The meeting has started.
        </p>
        <Link href={`/meetings/${meeting.id}/live`} className="button button-primary">
          Join the live meeting
        </Link>
      </div>
    );
  }
  if (meeting.status === "ended") {
    return (
      <div className="start-control">
        <p className="start-note">This meeting has ended.</p>
        <Link href={`/meetings/${meeting.id}/notes`} className="button button-primary">
          Read the notes
        </Link>
      </div>
    );
  }
  if (role === undefined) return null;
  if (!facilitator) {
    return (
      <div className="start-control">
        <p className="waiting" role="status">
          <span className="waiting-dot" aria-hidden="true" />
          Waiting for the facilitator to start
        </p>
      </div>
    );
  }
  return (
    <div className="start-control">
      <div className="page-actions">
        {meeting.status === "scheduled" ? (
          <button
            type="button"
            className="button"
            disabled={openPreRead.isPending || start.isPending}
            onClick={() => openPreRead.mutate()}
          >
            {openPreRead.isPending ? "Opening…" : "Open the pre-read"}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-primary"
          disabled={start.isPending}
          onClick={() => start.mutate()}
        >
          Start the meeting
        </button>
      </div>
      {start.isPending ? <Progress label="Starting the meeting" /> : null}
      <ErrorMessage error={start.error ?? openPreRead.error} title="The meeting could not be started" />
    </div>
  );
}

// ——— Checklist ———

function Checklist({
  meeting,
  triage,
  myId,
}: {
  meeting: Meeting;
  triage: Triage | undefined;
  myId: string | undefined;
}) {
  const steps = triage?.checklist.steps ?? meeting.template.beforeMeeting;
  const people = triage?.checklist.people ?? [];
  const done = people.filter((person) => person.done).length;
  return (
    <section className="panel checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Before the meeting</h2>
      {steps.length > 0 ? (
        <ol className="checklist-steps" aria-label="Steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : (
        <p className="muted">This template has no preparation steps.</p>
      )}
      <h3 id="people-heading" className="checklist-people-heading">
        Who has done their part
        {people.length > 0 ? (
          <span className="muted">
            {" "}
            · {done} of {people.length}
          </span>
        ) : null}
      </h3>
      {triage && people.length === 0 ? (
        <EmptyState title="Nobody has pre-read rows yet">
          A facilitator adds rows in the pre-read below and assigns each to its owner.
        </EmptyState>
      ) : null}
      {people.length > 0 ? (
        <ul className="people" aria-labelledby="people-heading">
          {people.map((person) => (
            <li key={person.userId} className={person.done ? "is-done" : undefined}>
              <span className="person-name">
                {person.name}
                {person.userId === myId ? <span className="muted"> (you)</span> : null}
              </span>
              <span className="muted person-rows">
                {person.updated} of {plural(person.rows, "row")} updated
              </span>
              <span className={person.done ? "person-done" : "person-pending"}>
                {person.done ? "✓ Done" : "Not yet"}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

// ——— Triage ———

function TriagePanel({ triage }: { triage: QueryState<Triage> }) {
  return (
    <section className="panel triage" aria-labelledby="triage-heading">
      <h2 id="triage-heading">Triage</h2>
      <p className="muted triage-intro">
        Red and yellow items get the airtime, red first. Green items are in the notes for visibility, not discussion.
      </p>
      {triage.isPending ? <Loading label="Reading the pre-read" /> : null}
      <ErrorMessage error={triage.error} title="The triage could not be loaded" />
      {triage.data ? (
        <div className="triage-lists">
          <div>
            <h3 id="discuss-heading">
              To discuss <span className="count-pill">{triage.data.toDiscuss.length}</span>
            </h3>
            {triage.data.toDiscuss.length === 0 ? (
              <EmptyState title="Nothing to discuss yet">
                Red and yellow risks, metrics outside their usual range, escalations and unfinished business from the
                last meeting appear here as owners fill in the pre-read.
              </EmptyState>
            ) : (
              <TriageList entries={triage.data.toDiscuss} labelledBy="discuss-heading" />
            )}
          </div>
          <div>
            <h3 id="acknowledge-heading">
              To acknowledge <span className="count-pill">{triage.data.toAcknowledge.length}</span>
            </h3>
            {triage.data.toAcknowledge.length === 0 ? (
              <EmptyState title="Nothing to acknowledge yet">
                Green items and metrics within their usual range are listed here: read, not discussed.
              </EmptyState>
            ) : (
              <TriageList entries={triage.data.toAcknowledge} labelledBy="acknowledge-heading" />
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function TriageList({ entries, labelledBy }: { entries: TriageEntry[]; labelledBy: string }) {
  return (
    <ol className="triage-list" aria-labelledby={labelledBy}>
      {entries.map((entry) => {
        const reason = REASON_WORDS[entry.reason];
        return (
          <li key={entry.id} className={`triage-entry triage-${entry.rag ?? "none"}`}>
            <div className="triage-head">
              {entry.rag ? <RagBadge rag={entry.rag} /> : null}
              {reason ? <span className="badge badge-neutral">{reason}</span> : null}
              <span className="muted triage-section">{entry.sectionTitle}</span>
            </div>
            <p className="triage-text">{entry.text}</p>
            {entry.detail ? <p className="triage-detail">{entry.detail}</p> : null}
            <p className="triage-foot muted">
              {entry.owner ? entry.owner : <span className="unowned">No owner</span>} ·{" "}
              {entry.source.kind === "pre-read" ? (
                "from this pre-read"
              ) : (
                <>
                  from{" "}
                  <Link href={`/meetings/${entry.source.meetingId}`} title={entry.source.meetingTitle}>
                    the meeting of {formatDay(entry.source.meetingDate)}
                  </Link>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

// ——— Pre-read tables ———

function PreReadSection({
  meeting,
  section,
  members,
  myId,
  role,
  open,
}: {
  meeting: Meeting;
  section: PreRead["sections"][number];
  members: Member[];
  myId: string | undefined;
  role: Space["role"] | undefined;
  open: boolean;
}) {
  const headingId = useId();
  const facilitator = canRun(role);
  const description = meeting.template.sections.find((candidate) => candidate.id === section.sectionId)?.description;
  const rows = [...section.rows].sort((a, b) => a.position - b.position);
  const canEditRow = (row: PreReadRow) => open && (facilitator || (canWrite(role) && row.ownerId === myId));
  // Someone who cannot add rows learns nothing from an empty section: the page says so once instead.
  if (rows.length === 0 && !canWrite(role)) return null;
  return (
    <section className="preread-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{section.title}</h3>
      {description ? <p className="hint section-description">{description}</p> : null}
      {rows.length === 0 ? (
        <EmptyState title={`No rows in ${section.title} yet`}>
          {!open
            ? "Nobody filled in this section."
            : facilitator
              ? "Add a row for each owner — one per team, say — and they fill in their own."
              : canWrite(role)
                ? "Add your own row, or ask the facilitator to assign you one."
                : "Owners fill in this section before the meeting."}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="preread-table">
            <thead>
              <tr>
                {section.columns.map((column) => (
                  <th key={column.id} scope="col" className={`col-${column.type}`}>
                    {column.label}
                  </th>
                ))}
                <th scope="col" className="col-owner">
                  Assigned to
                </th>
                <th scope="col">
                  <span className="visually-hidden">Saved</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <RowEditor
                  key={row.id}
                  meetingId={meeting.id}
                  row={row}
                  index={index}
                  columns={section.columns}
                  members={members}
                  editable={canEditRow(row)}
                  canAssign={open && facilitator}
                  mine={row.ownerId === myId}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && canWrite(role) ? (
        <AddRow
          meetingId={meeting.id}
          sectionId={section.sectionId}
          members={members}
          myId={myId}
          facilitator={facilitator}
        />
      ) : null}
    </section>
  );
}

type SaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "error"; error: unknown };

function RowEditor({
  meetingId,
  row,
  index,
  columns,
  members,
  editable,
  canAssign,
  mine,
}: {
  meetingId: string;
  row: PreReadRow;
  index: number;
  columns: Column[];
  members: Member[];
  editable: boolean;
  canAssign: boolean;
  mine: boolean;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(row.cells);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const saved = useRef(row.cells);
  const latest = useRef(draft);
  latest.current = draft;
  const inFlight = useRef(false);
  const again = useRef(false);
  const listId = useId();

  const store = (changed: PreReadRow) => {
    queryClient.setQueryData<PreRead>(["pre-read", meetingId], (old) =>
      old
        ? {
            sections: old.sections.map((section) => ({
              ...section,
              rows: section.rows.map((candidate) => (candidate.id === changed.id ? changed : candidate)),
            })),
          }
        : old,
    );
    void queryClient.invalidateQueries({ queryKey: ["triage", meetingId] });
  };

  async function flush(): Promise<void> {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const cells = latest.current;
    if (sameCells(cells, saved.current)) return;
    inFlight.current = true;
    setState({ kind: "saving" });
    try {
      const changed = await api<PreReadRow>(`/api/meetings/${meetingId}/pre-read/${row.id}`, {
        method: "PATCH",
        body: { cells },
      });
      saved.current = cells;
      store(changed);
      setState(sameCells(latest.current, cells) ? { kind: "saved" } : { kind: "dirty" });
    } catch (error) {
      setState({ kind: "error", error });
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        void flush();
      }
    }
  }
  const flushRef = useRef(flush);
  flushRef.current = flush;

  // Saves a moment after the last keystroke, and at once when focus leaves the row.
  useEffect(() => {
    if (sameCells(draft, saved.current)) return;
    setState((current) => (current.kind === "saving" ? current : { kind: "dirty" }));
    const timer = setTimeout(() => void flushRef.current(), 800);
    return () => clearTimeout(timer);
  }, [draft]);

  // What others saved shows up, unless this person is in the middle of changing the row.
  useEffect(() => {
    if (inFlight.current || !sameCells(latest.current, saved.current)) return;
    saved.current = row.cells;
    setDraft(row.cells);
  }, [row.cells]);

  const assign = useMutation({
    mutationFn: (ownerId: string) =>
      api<PreReadRow>(`/api/meetings/${meetingId}/pre-read/${row.id}`, { method: "PATCH", body: { ownerId } }),
    onSuccess: store,
  });

  function onBlur(event: FocusEvent<HTMLTableRowElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) void flush();
  }
  const set = (columnId: string, value: string) => setDraft((current) => ({ ...current, [columnId]: value }));
  const label = (column: Column) => `${column.label}, row ${index + 1}`;
  const owners = members.filter((member) => member.role !== "viewer" || member.userId === row.ownerId);

  return (
    <tr className={`${mine ? "is-mine" : ""}${state.kind === "error" ? " has-error" : ""}`} onBlur={onBlur}>
      {columns.map((column) => (
        <td key={column.id} className={`col-${column.type}`}>
          {editable ? (
            <CellInput
              column={column}
              value={draft[column.id] ?? ""}
              label={label(column)}
              onChange={(value) => set(column.id, value)}
              onCommit={() => void flush()}
              listId={column.type === "person" ? listId : undefined}
            />
          ) : (
            <CellText column={column} value={row.cells[column.id] ?? ""} />
          )}
        </td>
      ))}
      <td className="col-owner">
        {canAssign ? (
          <select
            aria-label={`Assigned to, row ${index + 1}`}
            value={row.ownerId ?? ""}
            disabled={assign.isPending}
            onChange={(event) => event.target.value && assign.mutate(event.target.value)}
          >
            {row.ownerId === null ? <option value="">No owner</option> : null}
            {row.ownerId !== null && !owners.some((member) => member.userId === row.ownerId) ? (
              <option value={row.ownerId}>{row.ownerName ?? "Unknown"}</option>
            ) : null}
            {owners.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name}
              </option>
            ))}
          </select>
        ) : (
          <span className={row.ownerId ? undefined : "unowned"}>
            {row.ownerName ?? "No owner"}
            {mine ? <span className="muted"> (you)</span> : null}
          </span>
        )}
        {assign.error ? <ErrorMessage error={assign.error} title="Not reassigned" /> : null}
      </td>
      <td className="col-state">
        <div className={`save-state save-${state.kind}`} aria-live="polite">
          <SaveStateText state={state} row={row} editable={editable} />
        </div>
        {editable ? (
          <datalist id={listId}>
            {members.map((member) => (
              <option key={member.userId} value={member.name} />
            ))}
          </datalist>
        ) : null}
      </td>
    </tr>
  );
}

function SaveStateText({ state, row, editable }: { state: SaveState; row: PreReadRow; editable: boolean }) {
  switch (state.kind) {
    case "dirty":
      return <>Not saved yet</>;
    case "saving":
      return <>Saving…</>;
    case "saved":
      return <>✓ Saved</>;
    case "error":
      return <ErrorMessage error={state.error} title="Not saved" />;
    case "idle":
      if (!editable) return null;
      if (Object.values(row.cells).every((cell) => cell.trim() === "")) return <span className="muted">Empty</span>;
      return row.updatedAt ? (
        <span className="muted">
          Updated {new Date(row.updatedAt).toLocaleDateString(undefined, { day: "numeric", month: "short" })}
        </span>
      ) : (
        <span className="muted">Not updated yet</span>
      );
  }
}

const LEVELS = ["low", "medium", "high"];

function CellInput({
  column,
  value,
  label,
  onChange,
  onCommit,
  listId,
}: {
  column: Column;
  value: string;
  label: string;
  onChange: (value: string) => void;
  onCommit: () => void;
  listId: string | undefined;
}) {
  if (column.type === "rag") {
    const rag = parseRag(value);
    return (
      <select
        aria-label={label}
        className={`rag-select rag-select-${rag ?? "none"}`}
        value={rag ?? ""}
        onChange={(event) => onChange(event.target.value)}
      >
        <RagOptions />
      </select>
    );
  }
  if (column.type === "level") {
    const level = value.trim().toLowerCase();
    const known = LEVELS.includes(level);
    return (
      <select aria-label={label} value={known ? level : value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Not set</option>
        {!known && value ? <option value={value}>{value}</option> : null}
        {LEVELS.map((option) => (
          <option key={option} value={option}>
            {capitalize(option)}
          </option>
        ))}
      </select>
    );
  }
  if (column.type === "text") {
    return (
      <textarea
        aria-label={label}
        value={value}
        rows={1}
        maxLength={5000}
        className="cell-textarea"
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // One line per cell, as in the template's tables: Enter saves instead of starting a new line.
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            onCommit();
          }
        }}
      />
    );
  }
  return (
    <input
      aria-label={label}
      value={value}
      maxLength={5000}
      inputMode={column.type === "number" ? "decimal" : undefined}
      placeholder={column.type === "date" ? "YYYY-MM-DD" : undefined}
      list={listId}
      autoComplete="off"
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          onCommit();
        }
      }}
    />
  );
}

function CellText({ column, value }: { column: Column; value: string }) {
  if (!value.trim()) return <span className="muted">—</span>;
  return column.type === "rag" ? <RagBadge rag={parseRag(value)} /> : <span className="cell-text">{value}</span>;
}

function AddRow({
  meetingId,
  sectionId,
  members,
  myId,
  facilitator,
}: {
  meetingId: string;
  sectionId: string;
  members: Member[];
  myId: string | undefined;
  facilitator: boolean;
}) {
  const queryClient = useQueryClient();
  const ownerField = useId();
  const candidates = members.filter((member) => member.role !== "viewer");
  const [ownerId, setOwnerId] = useState<string>("");
  const chosen = ownerId || myId || "";
  const add = useMutation({
    mutationFn: () =>
      api<PreReadRow>(`/api/meetings/${meetingId}/pre-read`, {
        method: "POST",
        body: { sectionId, cells: {}, ...(facilitator && chosen ? { ownerId: chosen } : {}) },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["pre-read", meetingId] }),
        queryClient.invalidateQueries({ queryKey: ["triage", meetingId] }),
        queryClient.invalidateQueries({ queryKey: ["meeting", meetingId] }),
      ]),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form className="add-row" onSubmit={onSubmit}>
      {facilitator ? (
        <>
          <label htmlFor={ownerField}>New row for</label>
          <select id={ownerField} value={chosen} onChange={(event) => setOwnerId(event.target.value)}>
            {candidates.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name}
                {member.userId === myId ? " (you)" : ""}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button type="submit" className="button button-small" disabled={add.isPending}>
        {add.isPending ? "Adding…" : facilitator ? "Add a row" : "Add my row"}
      </button>
      <ErrorMessage error={add.error} title="The row could not be added" />
    </form>
  );
}
