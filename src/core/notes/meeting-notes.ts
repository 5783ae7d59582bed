import type { Item, MetricRow } from "../item.js";
import type { Template } from "../template/template.js";

/** What the notes say about the meeting itself (the template's Meeting Details section). */
export interface MeetingDetails {
  title: string;
  /** ISO date (YYYY-MM-DD). */
  date: string | null;
  facilitator: string | null;
  attendees: string[];
  /** How long the meeting actually ran; the template's planned duration is shown when absent. */
  durationMinutes?: number;
}

/** A filled template: the form, the meeting, and what was captured into it. */
export interface MeetingNotes {
  template: Template;
  meeting: MeetingDetails;
  items: Item[];
  metrics: MetricRow[];
}

/** Items filed under one section, in the order they were captured. */
export function itemsInSection(notes: MeetingNotes, sectionId: string): Item[] {
  return notes.items.filter((item) => item.section === sectionId);
}

/** Items filed under a section the template does not have; shown apart so nothing captured is lost. */
export function unfiledItems(notes: MeetingNotes): Item[] {
  const ids = new Set(notes.template.sections.map((section) => section.id));
  return notes.items.filter((item) => !ids.has(item.section));
}

/**
 * The notes of a meeting from what the engine captured. A question the meeting answered is not an open
 * question, so it is not written into the notes (it stays in the extraction, with its answer's evidence).
 */
export function notesFromItems(
  template: Template,
  meeting: MeetingDetails,
  captured: { items: Item[]; metrics: MetricRow[] },
): MeetingNotes {
  return {
    template,
    meeting,
    items: captured.items.filter((item) => !(item.kind === "question" && item.status === "answered")),
    metrics: captured.metrics,
  };
}

/** What a cell with nothing in it shows. */
export const EMPTY_CELL = "—";

/** The Meeting Details lines, as label and value: date, facilitator, attendees, duration. */
export function meetingDetailLines(notes: MeetingNotes): [label: string, value: string][] {
  const { template, meeting } = notes;
  const duration =
    meeting.durationMinutes === undefined
      ? `${template.durationMinutes} minutes (${template.cadence} recommended)`
      : `${meeting.durationMinutes} minutes`;
  return [
    ["Date", meeting.date ?? EMPTY_CELL],
    ["Facilitator", meeting.facilitator ?? EMPTY_CELL],
    ["Attendees", meeting.attendees.length > 0 ? meeting.attendees.join(", ") : EMPTY_CELL],
    ["Duration", duration],
  ];
}

/** Metrics rows when the template has no metrics section to put them in: team, and its values in words. */
export function unplacedMetrics(notes: MeetingNotes): [team: string, values: string][] {
  if (notes.template.sections.some((section) => section.kind === "metrics")) return [];
  return notes.metrics.map((row) => [
    row.team,
    Object.entries(row.values)
      .map(([id, value]) => `${id} ${value}`)
      .join(", "),
  ]);
}
