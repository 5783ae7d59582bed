import { useMutation } from "@tanstack/react-query";
import { Tabs } from "radix-ui";
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { api, describeError, type Meeting, type NewApiToken, type UploadResult } from "../api";
import { DismissableError } from "../components/dismissable-error";
import { ErrorMessage, Progress } from "../components/feedback";
import { plural } from "../components/format";
import type { LiveRoom } from "./room";
import { useSpeechCapture } from "./speech";
import { useRoom } from "./use-room";

/**
 * Where the transcript comes from: this browser's microphone, a pasted or uploaded transcript, or an external
 * sender (`docket live`).
 */
export function CapturePanel({
  room,
  meeting,
  speaker,
  canSend,
}: {
  room: LiveRoom;
  meeting: Meeting;
  speaker: string;
  /** Member or above: viewers only watch. */
  canSend: boolean;
}) {
  const status = useRoom(room, (state) => state.status) ?? meeting.status;
  const ended = status === "ended";
  // Kept here: an upload into a meeting that had not started ends it, and the tabs give way to that news.
  const [uploaded, setUploaded] = useState<UploadResult | null>(null);
  return (
    <section className="panel capture-panel no-print" aria-labelledby="capture-heading">
      <h2 id="capture-heading">Capture sources</h2>
      {uploaded ? (
        <p className="notice" role="status">
          Stored {plural(uploaded.segments, "segment")}
          {uploaded.duplicates > 0 ? ` (${uploaded.duplicates} were already in the meeting)` : ""}; the agent touched{" "}
          {plural(uploaded.items, "item")}.
          {uploaded.status === "ended"
            ? " The meeting had not started, so it was kept as a recording and has ended."
            : ""}
          {uploaded.warnings.length > 0 ? ` Skipped ${plural(uploaded.warnings.length, "part")} of the file:` : ""}
        </p>
      ) : null}
      {uploaded && uploaded.warnings.length > 0 ? (
        <ul className="notice">
          {uploaded.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      {!canSend ? (
        <p className="muted">You are a viewer in this Space: you can watch the meeting, not add to its transcript.</p>
      ) : ended ? (
        <p className="muted">The meeting has ended: it takes no more transcript.</p>
      ) : (
        <Tabs.Root defaultValue="microphone">
          <Tabs.List className="tabs-list" aria-label="Capture sources">
            <Tabs.Trigger className="tabs-trigger" value="microphone">
              Microphone
            </Tabs.Trigger>
            <Tabs.Trigger className="tabs-trigger" value="upload">
              Paste or upload
            </Tabs.Trigger>
            <Tabs.Trigger className="tabs-trigger" value="sender">
              External sender
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="microphone" className="capture-tab">
            <MicrophoneCapture room={room} meeting={meeting} speaker={speaker} />
          </Tabs.Content>
          <Tabs.Content value="upload" className="capture-tab">
            <UploadCapture meetingId={meeting.id} notStarted={status !== "live"} onUploaded={setUploaded} />
          </Tabs.Content>
          <Tabs.Content value="sender" className="capture-tab">
            <SenderCapture meeting={meeting} />
          </Tabs.Content>
        </Tabs.Root>
      )}
    </section>
  );
}

function MicrophoneCapture({ room, meeting, speaker }: { room: LiveRoom; meeting: Meeting; speaker: string }) {
  const unsent = useRoom(room, (state) => state.unsentSegments);
  const captureError = useRoom(room, (state) => state.captureError);
  const skew = useRoom(room, (state) => state.clockSkewMs);
  const speech = useSpeechCapture((text, heardAt) => {
    // Seconds since the meeting started, on the server's clock; 0 for the segment that starts it.
    const startedAt = meeting.startedAt ? Date.parse(meeting.startedAt) : null;
    const start = startedAt === null ? 0 : Math.max(0, (heardAt - skew - startedAt) / 1000);
    room.sendSegment({ speaker, text, start: Math.round(start * 1000) / 1000 });
  });
  if (!speech.supported) {
    return (
      <p className="notice">This browser does not offer speech recognition; use paste/upload or an external sender.</p>
    );
  }
  return (
    <div className="microphone">
      <p className="hint">
        The browser turns what this microphone hears into text; each finished sentence goes into the transcript as said
        by <strong>{speaker}</strong>. Some browsers send the audio to their own speech service.
      </p>
      <div className="page-actions">
        {speech.listening ? (
          <button type="button" className="button button-danger" onClick={speech.stop}>
            Stop the microphone
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={speech.start}>
            Start the microphone
          </button>
        )}
        <span role="status" className="muted">
          {speech.listening ? "Listening…" : "The microphone is off."}
        </span>
      </div>
      {speech.listening ? (
        <p className="interim" aria-live="off">
          {speech.interim ? speech.interim : <span className="muted">Waiting for speech…</span>}
        </p>
      ) : null}
      {unsent > 0 ? (
        <p className="muted">
          {plural(unsent, "segment")} waiting for the server to store {unsent === 1 ? "it" : "them"}…
        </p>
      ) : null}
      {speech.error ? (
        <p className="error-message" role="alert">
          {speech.error}
        </p>
      ) : null}
      {captureError ? (
        <DismissableError onDismiss={room.clearCaptureError}>A segment was refused: {captureError}</DismissableError>
      ) : null}
    </div>
  );
}

function UploadCapture({
  meetingId,
  notStarted,
  onUploaded,
}: {
  meetingId: string;
  notStarted: boolean;
  onUploaded: (result: UploadResult | null) => void;
}) {
  const id = useId();
  const [pasted, setPasted] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (): Promise<UploadResult> => {
      const text = file ? await file.text() : pasted;
      const name = file ? file.name : "pasted-transcript.txt";
      if (text.trim() === "") throw new Error("Paste a transcript or choose a file first.");
      return api<UploadResult>(
        `/api/meetings/${encodeURIComponent(meetingId)}/transcript?filename=${encodeURIComponent(name)}`,
        { method: "POST", body: text },
      );
    },
    onMutate: () => onUploaded(null),
    onSuccess: onUploaded,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    upload.mutate();
  }

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null);
    upload.reset();
  }

  return (
    <form onSubmit={submit} className="upload-form">
      <p className="hint">
        WebVTT, SRT, <code>Name: text</code> lines, Otter text, or Whisper, Deepgram or AssemblyAI JSON. Uploading the
        same file again adds nothing twice.
      </p>
      {notStarted ? (
        <p className="hint">
          <strong>This meeting has not started:</strong> an uploaded transcript is kept as the recording of the whole
          meeting, which then ends.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-paste`}>Paste a transcript</label>
        <textarea
          id={`${id}-paste`}
          rows={4}
          value={pasted}
          disabled={file !== null}
          placeholder={
            "Priya Raman: Auth latency is red this week.\nElena Sokolova: Priya, can you own the rollback plan by Friday?"
          }
          onChange={(event) => setPasted(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>Or choose a file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".vtt,.srt,.txt,.json,text/vtt,text/plain,application/json"
          onChange={chooseFile}
        />
        {file ? (
          <p className="hint">
            {file.name}, {Math.max(1, Math.round(file.size / 1024))} KB — the pasted text is ignored while a file is
            chosen.
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary" disabled={upload.isPending}>
        Upload transcript
      </button>
      {upload.isPending ? <Progress label="Uploading the transcript and filing its items" /> : null}
      <ErrorMessage error={upload.error} title="The transcript was not stored" />
    </form>
  );
}

function SenderCapture({ meeting }: { meeting: Meeting }) {
  const [copied, setCopied] = useState<string | null>(null);
  const token = useMutation({
    mutationFn: () =>
      api<NewApiToken>("/api/tokens", {
        method: "POST",
        body: { name: `docket live: ${meeting.title}`.slice(0, 100) },
      }),
  });
  const secret = token.data?.token ?? "TOKEN";
  const command = `npx docket live FILE --server ${location.origin} --meeting ${meeting.id} --token ${secret}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(command);
      setCopied("Copied");
    } catch (error) {
      setCopied(`Could not copy: ${describeError(error)}`);
    }
  }

  return (
    <div className="sender">
      <p className="hint">
        Any app that can write a transcript file can stream it: <code>docket live</code> replays it into this meeting at
        the pace it was spoken (add <code>--speed 0</code> to send at once). Live captions and speech-to-text services
        can send segments over the same WebSocket (see <a href="/api/openapi.json">the API</a>).
      </p>
      <pre className="command">
        <code>{command}</code>
      </pre>
      <div className="page-actions">
        <button type="button" className="button button-small" onClick={copy}>
          Copy the command
        </button>
        <button type="button" className="button button-small" onClick={() => token.mutate()} disabled={token.isPending}>
          {token.data ? "Make another token" : "Make a token"}
        </button>
        <span role="status" className="muted">
          {token.isPending ? "Making a token…" : copied}
        </span>
      </div>
      <ErrorMessage error={token.error} title="No token was made" />
      {token.data ? (
        <p className="notice">
          The command now holds a new token named “{token.data.name}”. Copy it now: Docket shows a token only once.
          Revoke it with <code>DELETE /api/tokens/{token.data.id}</code>.
        </p>
      ) : (
        <p className="hint">
          A token is made here with “Make a token”, or by <code>POST /api/tokens</code> with{" "}
          <code>{'{"name": "captions"}'}</code> while signed in; it acts as you.
        </p>
      )}
    </div>
  );
}
