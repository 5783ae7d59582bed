import { memo, useMemo } from "react";
import type { ItemView, Meeting, MetricRow, Template } from "../api";
import { ColumnHeadings } from "../components/column-headings";
import { formatDay, plural, withUnit } from "../components/format";
import { ItemCard, type OnReview } from "../components/item-card";
import type { LiveRoom } from "./room";
import { useRoom } from "./use-room";

type Section = Template["sections"][number];

const NO_IDS: readonly string[] = [];
const OTHER_SECTION: Section = {
  id: "other",
  title: "Other items",
  kind: "notes",
  description: "Captured under sections this template does not have.",
};

/** What to expect in an empty section, by its kind. */
const EMPTY_WORDS: Partial<Record<Section["kind"], string>> = {
  decisions: "No decisions yet. They appear here, with who decided, as the meeting makes them.",
  actions: "No action items yet. “Priya, can you … by Friday?” becomes one, with its owner and due date.",
  risks: "No risks yet. Name a risk and rate it red, yellow or green.",
  escalations: "No escalations yet. Say what needs executive input and from whom.",
  questions: "No open questions yet. A question nobody answers lands here.",
  staffing: "No staffing updates yet: hires, open roles and pipeline.",
  initiatives: "No initiative updates yet: status, target and blockers.",
};

/** The template filling in: its sections in order, items filed by `item.section`, the metrics table. */
export function TemplatePanel({ room, meeting, canReview }: { room: LiveRoom; meeting: Meeting; canReview: boolean }) {
  const sectionItems = useRoom(room, (state) => state.sectionItems);
  const items = useRoom(room, (state) => state.items);
  const fresh = useRoom(room, (state) => state.fresh);
  const metrics = useRoom(room, (state) => state.metrics);
  const { template } = meeting;
  const known = new Set(template.sections.map((section) => section.id));
  const unfiled = Object.keys(sectionItems)
    .filter((id) => !known.has(id))
    .flatMap((id) => sectionItems[id] ?? []);
  return (
    <section className="template-panel" aria-labelledby="template-heading">
      <h2 id="template-heading">{template.name}</h2>
      <p className="muted template-purpose">{template.purpose}</p>
      {template.sections.map((section) => {
        if (section.kind === "details") return <DetailsBlock key={section.id} section={section} meeting={meeting} />;
        if (section.kind === "metrics") {
          return <MetricsBlock key={section.id} section={section} rows={metrics} onQuote={room.highlightSegment} />;
        }
        return (
          <SectionBlock
            key={section.id}
            section={section}
            ids={sectionItems[section.id] ?? NO_IDS}
            items={items}
            fresh={fresh}
            canReview={canReview}
            onReview={room.review}
            onQuote={room.highlightSegment}
          />
        );
      })}
      {unfiled.length > 0 ? (
        <SectionBlock
          section={OTHER_SECTION}
          ids={unfiled}
          items={items}
          fresh={fresh}
          canReview={canReview}
          onReview={room.review}
          onQuote={room.highlightSegment}
        />
      ) : null}
    </section>
  );
}

function DetailsBlock({ section, meeting }: { section: Section; meeting: Meeting }) {
  const names = meeting.attendees.map((attendee) => attendee.name);
  return (
    <section className="template-section" aria-labelledby={`section-${section.id}`}>
      <h3 id={`section-${section.id}`}>{section.title}</h3>
      <dl className="details-list">
        <div>
          <dt>Date</dt>
          <dd>{formatDay(meeting.meetingDate, "long")}</dd>
        </div>
        <div>
          <dt>Attendees</dt>
          <dd>{names.length > 0 ? names.join(", ") : "None listed yet — add them on the meeting's page."}</dd>
        </div>
        <div>
          <dt>Planned</dt>
          <dd>{meeting.template.durationMinutes} minutes</dd>
        </div>
      </dl>
    </section>
  );
}

const MetricsBlock = memo(function MetricsBlock({
  section,
  rows,
  onQuote,
}: {
  section: Section;
  rows: readonly MetricRow[];
  onQuote: (segmentId: string) => void;
}) {
  const columns = section.columns ?? [];
  const headingId = `section-${section.id}`;
  return (
    <section className="template-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {section.title} <span className="section-count">({rows.length})</span>
      </h3>
      {section.description ? <p className="section-description">{section.description}</p> : null}
      {rows.length === 0 ? (
        <p className="section-empty">No metrics yet. Each team's numbers fill a row as they are read out.</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby={headingId}>
            <thead>
              <tr>
                <ColumnHeadings columns={columns} />
                <th scope="col">
                  <span className="visually-hidden">Source</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const first = row.evidence[0];
                return (
                  <tr key={row.team}>
                    {columns.map((column) =>
                      column.id === "team" ? (
                        <th key={column.id} scope="row">
                          {row.team}
                        </th>
                      ) : (
                        <td key={column.id} className="numeric">
                          {metricCell(row.values[column.id], column)}
                        </td>
                      ),
                    )}
                    <td>
                      {first ? (
                        <button
                          type="button"
                          className="button button-quiet button-small metric-source"
                          onClick={() => onQuote(first.segmentId)}
                        >
                          Heard at {first.start === null ? "?" : formatSeconds(first.start)}
                          <span className="visually-hidden"> (show {row.team} in the transcript)</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
});

/** "84 pts", or "—" for a value not reported. */
function metricCell(value: number | undefined, column: { label: string; unit?: string }): string {
  return value === undefined || !Number.isFinite(value) ? "—" : withUnit(value, column);
}

function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

const SectionBlock = memo(function SectionBlock({
  section,
  ids,
  items,
  fresh,
  canReview,
  onReview,
  onQuote,
}: {
  section: Section;
  ids: readonly string[];
  items: Readonly<Record<string, ItemView>>;
  fresh: Readonly<Record<string, true>>;
  canReview: boolean;
  onReview: OnReview;
  onQuote: (segmentId: string) => void;
}) {
  const headingId = `section-${section.id}`;
  const shown = ids.map((id) => items[id]).filter((item): item is ItemView => item !== undefined);
  // Questions the meeting answered are not open questions: listed apart, folded, so the open ones stand out.
  const open = shown.filter((item) => !isAnswered(item));
  const answered = shown.filter(isAnswered);
  const kept = open.filter((item) => item.review !== "rejected").length;
  const card = (item: ItemView) => (
    <li key={item.id}>
      <ItemCard
        item={item}
        fresh={fresh[item.id] === true}
        canReview={canReview}
        onReview={onReview}
        onQuote={onQuote}
        columnLabels={labels}
      />
    </li>
  );
  const labels = useMemo(
    () => Object.fromEntries((section.columns ?? []).map((column) => [column.id, column.label])),
    [section],
  );
  return (
    <section className="template-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {section.title} <span className="section-count">({kept})</span>
      </h3>
      {section.description ? <p className="section-description">{section.description}</p> : null}
      {open.length === 0 ? (
        <p className="section-empty">
          {EMPTY_WORDS[section.kind] ?? `Nothing yet. ${section.title} appear here as they are said.`}
        </p>
      ) : (
        <ul className="item-list">{open.map(card)}</ul>
      )}
      {answered.length > 0 ? (
        <details className="section-settled">
          <summary>{plural(answered.length, "question")} answered during the meeting</summary>
          <ul className="item-list">{answered.map(card)}</ul>
        </details>
      ) : null}
    </section>
  );
});

function isAnswered(item: ItemView): boolean {
  return item.kind === "question" && item.status === "answered";
}
