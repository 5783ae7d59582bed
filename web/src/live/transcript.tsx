import { memo, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { SegmentView } from "../api";
import { EmptyState } from "../components/feedback";
import { clockTime, durationAttr } from "../components/format";
import type { LiveRoom } from "./room";
import { useRoom } from "./use-room";

/** The DOM id of a segment's row, for evidence links. */
export function segmentDomId(segmentId: string): string {
  return `segment-${segmentId}`;
}

/** Within this many pixels of the end, the reader is "at the bottom" and the transcript follows new segments. */
const BOTTOM_SLACK = 48;

/**
 * The transcript as it arrives: speaker, time and words per segment. Rendered in chunks, each memoised, so a new
 * segment re-renders its chunk only; it follows new segments while the reader is at the bottom, and offers a jump
 * back when they scrolled up to read.
 */
export function Transcript({ room, emptyHint }: { room: LiveRoom; emptyHint: string }) {
  const chunks = useRoom(room, (state) => state.segmentChunks);
  const count = useRoom(room, (state) => state.segmentCount);
  const highlight = useRoom(room, (state) => state.highlight);
  const scroller = useRef<HTMLElement>(null);
  const atBottom = useRef(true);
  /** The segment count when the reader scrolled away from the bottom; null while following. */
  const [awayAt, setAwayAt] = useState<number | null>(null);
  const highlightChunk = highlight ? room.chunkOf(highlight.id) : -1;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current && count > 0) element.scrollTop = element.scrollHeight;
  }, [count]);

  useEffect(() => {
    if (!highlight) return;
    const row = document.getElementById(segmentDomId(highlight.id));
    if (!row) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    row.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    row.focus({ preventScroll: true });
  }, [highlight]);

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    const bottom = element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK;
    if (bottom === atBottom.current) return;
    atBottom.current = bottom;
    setAwayAt(bottom ? null : count);
  }

  function jumpToLatest() {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = true;
    setAwayAt(null);
    element.scrollTop = element.scrollHeight;
  }

  const unseen = awayAt === null ? 0 : count - awayAt;
  return (
    <div className="transcript">
      <section
        ref={scroller}
        className="transcript-scroller"
        aria-label="Transcript"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
        tabIndex={0}
        data-segment-count={count}
        onScroll={onScroll}
      >
        {count === 0 ? (
          <EmptyState title="No transcript yet">{emptyHint}</EmptyState>
        ) : (
          chunks.map((chunk, index) => (
            <TranscriptChunk
              // biome-ignore lint/suspicious/noArrayIndexKey: chunks only ever grow at the end; the index is the chunk
              key={index}
              segments={chunk}
              highlightId={index === highlightChunk && highlight ? highlight.id : null}
            />
          ))
        )}
      </section>
      {unseen > 0 ? (
        <button type="button" className="button button-small transcript-jump" onClick={jumpToLatest}>
          Jump to the latest ({unseen} new)
        </button>
      ) : null}
    </div>
  );
}

const TranscriptChunk = memo(function TranscriptChunk({
  segments,
  highlightId,
}: {
  segments: readonly SegmentView[];
  highlightId: string | null;
}) {
  return (
    <div className="transcript-chunk">
      {segments.map((segment) => (
        <SegmentRow key={segment.id} segment={segment} highlighted={segment.id === highlightId} />
      ))}
    </div>
  );
});

const SegmentRow = memo(function SegmentRow({ segment, highlighted }: { segment: SegmentView; highlighted: boolean }) {
  return (
    <p id={segmentDomId(segment.id)} className={highlighted ? "segment is-highlighted" : "segment"} tabIndex={-1}>
      <span className="segment-meta">
        <span className="segment-speaker">{segment.speaker ?? "Unknown speaker"}</span>{" "}
        {segment.start === null ? null : (
          <time className="segment-time" dateTime={durationAttr(segment.start)}>
            {clockTime(segment.start)}
          </time>
        )}
      </span>{" "}
      <span className="segment-text">{segment.text}</span>
    </p>
  );
});
