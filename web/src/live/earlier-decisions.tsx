import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "wouter";
import type { DecisionLog } from "../../../src/api/space-views.js";
import { relatedDecisions } from "../../../src/core/series/related-decisions.js";
import { api, type ItemView, type SeriesItem } from "../api";
import { CloseButton, ModalDialog } from "../components/dialog";
import { ErrorMessage } from "../components/feedback";
import { formatDay } from "../components/format";
import type { LiveRoom } from "./room";
import { useRoom } from "./use-room";

/** How many of the latest segments are read together: a subject is often spread over a few lines. */
const RECENT_SEGMENTS = 3;
/** Notices kept on screen; older ones give way. */
const MAX_NOTICES = 4;

interface Notice {
  earlier: SeriesItem;
  /** This meeting's decision that touches the same subject; null when it came up in the transcript. */
  decision: ItemView | null;
  /** What was said or decided now, for context. */
  heard: string;
}

const keyOf = (entry: { meetingId: string; item: { id: string } }) => `${entry.meetingId}:${entry.item.id}`;
/** A decision carried along the series is one decision: its copies share a thread. */
const threadOf = (entry: SeriesItem) => entry.links.carriedFrom?.thread ?? `${entry.meetingId}/${entry.item.id}`;

/**
 * "Earlier decision" notices: when the room talks about, or decides on, the subject of a decision an earlier
 * meeting of the Space made, the room sees that decision — and for a new decision of its own, may record that it
 * supersedes the earlier one.
 */
export function EarlierDecisions({
  room,
  meetingId,
  spaceId,
  canReview,
}: {
  room: LiveRoom;
  meetingId: string;
  spaceId: string;
  canReview: boolean;
}) {
  // The decision log once: earlier decisions do not change during the meeting, except by this panel.
  const log = useQuery({
    queryKey: ["decisions", spaceId, ""],
    queryFn: () => api<DecisionLog>(`/api/spaces/${encodeURIComponent(spaceId)}/decisions`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const earlier = useMemo<SeriesItem[]>(
    () =>
      (log.data?.decisions ?? [])
        .filter((decision) => decision.meetingId !== meetingId)
        .map(({ meetingId: id, meetingTitle, meetingDate, headline: _headline, links, ...item }) => ({
          meetingId: id,
          meetingTitle,
          meetingDate,
          // The log has no start time; the date orders meetings and ties are rare across a series.
          scheduledAt: `${meetingDate}T00:00:00Z`,
          item,
          links,
          changedAt: "",
        })),
    [log.data, meetingId],
  );
  const chunks = useRoom(room, (state) => state.segmentChunks);
  const items = useRoom(room, (state) => state.items);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const seenDecisions = useRef(new Set<string>());

  // The last few segments, as one text.
  const recent = useMemo(() => {
    const last: string[] = [];
    for (let c = chunks.length - 1; c >= 0 && last.length < RECENT_SEGMENTS; c--) {
      const chunk = chunks[c] ?? [];
      for (let s = chunk.length - 1; s >= 0 && last.length < RECENT_SEGMENTS; s--) last.unshift(chunk[s]?.text ?? "");
    }
    return last.join(" ");
  }, [chunks]);

  useEffect(() => {
    if (earlier.length === 0 || !recent) return;
    const found = relatedDecisions(earlier, recent, { limit: 2 }).map((match) => ({
      earlier: match.decision,
      decision: null,
      heard: recent,
    }));
    if (found.length > 0) setNotices((current) => merge(current, found));
  }, [earlier, recent]);

  useEffect(() => {
    if (earlier.length === 0) return;
    const found: Notice[] = [];
    for (const item of Object.values(items)) {
      if (item.kind !== "decision" || item.review === "rejected" || seenDecisions.current.has(item.id)) continue;
      seenDecisions.current.add(item.id);
      // A pending decision carried into this meeting is not news about itself.
      const own = item.links.carriedFrom?.thread;
      const others = own ? earlier.filter((entry) => threadOf(entry) !== own) : earlier;
      for (const match of relatedDecisions(others, item.text, { limit: 1 })) {
        found.push({ earlier: match.decision, decision: item, heard: item.text });
      }
    }
    if (found.length > 0) setNotices((current) => merge(current, found));
  }, [earlier, items]);

  const shown = notices.filter((notice) => !dismissed.has(keyOf(notice.earlier)));
  return (
    <section className="panel earlier-decisions" aria-labelledby="earlier-heading" hidden={shown.length === 0}>
      <h2 id="earlier-heading">Earlier decisions on this subject</h2>
      <ErrorMessage error={log.error} title="Earlier decisions could not be read" />
      <ul className="earlier-list" aria-live="polite">
        {shown.map((notice) => (
          <li key={keyOf(notice.earlier)}>
            <EarlierNotice
              notice={notice}
              current={notice.decision ? (items[notice.decision.id] ?? notice.decision) : null}
              meetingId={meetingId}
              spaceId={spaceId}
              canReview={canReview}
              onDismiss={() => setDismissed((old) => new Set([...old, keyOf(notice.earlier)]))}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** New notices first; one per earlier decision, a decision's notice winning over the transcript's. */
function merge(current: Notice[], found: Notice[]): Notice[] {
  const out = [...found];
  for (const notice of current) {
    const same = out.findIndex((candidate) => keyOf(candidate.earlier) === keyOf(notice.earlier));
    if (same === -1) out.push(notice);
    else if (notice.decision && !out[same]?.decision) out[same] = notice;
  }
  return out.slice(0, MAX_NOTICES);
}

function EarlierNotice({
  notice,
  current,
  meetingId,
  spaceId,
  canReview,
  onDismiss,
}: {
  notice: Notice;
  current: ItemView | null;
  meetingId: string;
  spaceId: string;
  canReview: boolean;
  onDismiss: () => void;
}) {
  const { earlier } = notice;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const supersede = useMutation({
    mutationFn: (decision: ItemView) =>
      api<{ item: ItemView; superseded: ItemView }>(
        `/api/meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(decision.id)}/supersede`,
        { method: "POST", body: { meetingId: earlier.meetingId, itemId: earlier.item.id } },
      ),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ["decisions", spaceId] });
    },
  });
  const alreadySuperseded =
    supersede.isSuccess ||
    earlier.links.supersededBy !== undefined ||
    (current?.links.supersedes ?? []).some(
      (ref) => ref.meetingId === earlier.meetingId && ref.itemId === earlier.item.id,
    );
  return (
    <div className="notice earlier-notice">
      <p className="earlier-label">
        <strong>Earlier decision</strong> · <Link href={`/meetings/${earlier.meetingId}`}>{earlier.meetingTitle}</Link>,{" "}
        {formatDay(earlier.meetingDate)}
        {alreadySuperseded ? <span className="badge badge-neutral">Superseded</span> : null}
      </p>
      <p className="earlier-text">{earlier.item.text}</p>
      <p className="muted earlier-why">
        {notice.decision
          ? `This meeting decided: “${notice.decision.text}”`
          : `Heard just now: “${clip(notice.heard)}”`}
      </p>
      <div className="page-actions">
        {notice.decision && canReview && !alreadySuperseded ? (
          <ModalDialog
            open={open}
            onOpenChange={(next) => (supersede.isPending ? null : setOpen(next))}
            trigger={
              <button type="button" className="button button-small">
                Supersede<span className="visually-hidden"> the earlier decision: {earlier.item.text}</span>
              </button>
            }
            title="Supersede the earlier decision?"
            description={
              <>
                “{notice.decision.text}” replaces “{earlier.item.text}” from {earlier.meetingTitle} (
                {formatDay(earlier.meetingDate)}). The decision log marks the earlier one superseded.
              </>
            }
            initialFocus={keep}
            confirmation
          >
            <ErrorMessage error={supersede.error} title="Not superseded" />
            <div className="dialog-actions">
              <CloseButton buttonRef={keep} disabled={supersede.isPending}>
                Keep both
              </CloseButton>
              <button
                type="button"
                className="button button-primary"
                disabled={supersede.isPending}
                onClick={() => notice.decision && supersede.mutate(notice.decision)}
              >
                {supersede.isPending ? "Superseding…" : "Supersede it"}
              </button>
            </div>
          </ModalDialog>
        ) : null}
        <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
          Dismiss<span className="visually-hidden"> the notice about: {earlier.item.text}</span>
        </button>
      </div>
    </div>
  );
}

function clip(text: string): string {
  return text.length > 160 ? `…${text.slice(-160)}` : text;
}
