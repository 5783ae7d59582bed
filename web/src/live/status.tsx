import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { CaptureHealth } from "../api";
import { ago, clientWords, plural } from "../components/format";
import type { LiveRoom } from "./room";
import { useNow, useRoom } from "./use-room";

/** The live room's connection, in words, with a way to retry at once. */
export function ConnectionStatus({ room }: { room: LiveRoom }) {
  const connection = useRoom(room, (state) => state.connection);
  let words: string;
  switch (connection.phase) {
    case "connecting":
      words = connection.reconnecting ? "Reconnecting to the live room…" : "Connecting to the live room…";
      break;
    case "open":
      words = "Connected: updates arrive as they happen";
      break;
    case "waiting":
      words = `Connection lost. ${connection.reason ?? ""}`.trim();
      break;
    case "stopped":
      words = `Disconnected. ${connection.reason ?? ""}`.trim();
      break;
  }
  return (
    <div className={`connection connection-${connection.phase}`}>
      <span className="connection-dot" aria-hidden="true" />
      <span role="status">{words}</span>
      {connection.phase === "waiting" && connection.retryAt ? (
        <>
          <RetryCountdown at={connection.retryAt} attempt={connection.attempt} />
          <button type="button" className="button button-small" onClick={room.reconnect}>
            Reconnect now
          </button>
        </>
      ) : null}
    </div>
  );
}

function RetryCountdown({ at, attempt }: { at: number; attempt: number }) {
  const now = useNow(500);
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return (
    <span className="muted">
      Trying again in {seconds} s (attempt {attempt}).
    </span>
  );
}

/** Capture health: who is sending, when the last segment was heard, and a warning when the transcript went quiet. */
export function CaptureHealthBar({ room, fallback }: { room: LiveRoom; fallback: CaptureHealth | null }) {
  const health = useRoom(room, (state) => state.health) ?? fallback;
  const status = useRoom(room, (state) => state.status);
  const skew = useRoom(room, (state) => state.clockSkewMs);
  const now = useNow(1000);
  if (!health) return <p className="health muted">Checking capture health…</p>;
  const names = [...new Set(health.senders.map((sender) => clientWords(sender.client)))];
  const count = health.senders.length;
  const heard = health.lastSegmentAt ? now - skew - Date.parse(health.lastSegmentAt) : null;
  return (
    <div className="health">
      <p className="health-line">
        <span
          className={`health-dot ${health.warning ? "health-bad" : count > 0 ? "health-good" : ""}`}
          aria-hidden="true"
        />
        {count > 0 ? (
          <span
            title={health.senders.map((s) => `${clientWords(s.client)} — ${s.user}: ${s.segments} segments`).join("\n")}
          >
            Sending: {names.join(", ")} ({plural(count, "sender")})
          </span>
        ) : (
          <span>Nobody is sending yet</span>
        )}
        <span className="health-sep" aria-hidden="true">
          ·
        </span>
        <span>{heard === null ? "No segment heard yet" : `Last segment heard ${ago(heard)}`}</span>
      </p>
      {health.warning && status === "live" ? (
        <p className="notice notice-warning" role="alert">
          {health.warning}
        </p>
      ) : null}
    </div>
  );
}

/** The announcer speaks at most once per interval; what arrives in between is summed up in the next sentence. */
const ANNOUNCE_EVERY_MS = 3000;

/** A polite, rate-limited live region that says "New decision: …" as items arrive. */
export function Announcer({ room }: { room: LiveRoom }) {
  const [text, setText] = useState("");
  const queue = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    function speak() {
      const pending = queue.current;
      queue.current = [];
      if (pending.length === 0) {
        timer.current = null;
        return;
      }
      const [first] = pending;
      setText(
        pending.length === 1
          ? (first ?? "")
          : `${pending.length} new items. ${first} — and ${pending.length - 1} more.`,
      );
      timer.current = setTimeout(speak, ANNOUNCE_EVERY_MS);
    }
    room.announce = (sentence) => {
      queue.current.push(sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence);
      if (!timer.current) speak();
    };
    return () => {
      room.announce = null;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [room]);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

/**
 * Records `docket:segment-render` for each batch of messages with a new segment: from the first message's arrival
 * to the end of the React commit that shows it. Rendered after the transcript, so its layout effect runs last.
 */
export function RenderMeter({ room }: { room: LiveRoom }) {
  const tick = useRoom(room, (state) => state.renderTick);
  useLayoutEffect(() => {
    if (tick > 0) room.measureRendered();
  }, [room, tick]);
  return null;
}
