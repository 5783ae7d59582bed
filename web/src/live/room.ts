import {
  type EventCursor,
  liveRoomPath,
  startCursor,
  stepCursor,
  welcomeCursor,
} from "../../../src/api/event-cursor.js";
import {
  ApiFailure,
  api,
  type CaptureHealth,
  describeError,
  type ItemView,
  type LiveEvent,
  type MeetingStatus,
  type MetricRow,
  type SegmentView,
  type ServerMessage,
} from "../api";
import { type Review, reviewItem } from "../components/item-card";
import { KIND_WORDS } from "../components/words";

/**
 * The live room's client: one WebSocket to `/api/meetings/{id}/live`, and the meeting as the room has told it so
 * far, kept outside React in an immutable state that changes only where an event touched it (a new segment
 * replaces one chunk of the transcript, a changed item one entry), so that components subscribed to a part
 * re-render only when that part changed.
 *
 * Messages that arrive back to back are applied together, in one state change and one React commit. Events are
 * applied in `seq` order exactly once (src/api/event-cursor.ts): a reconnect resumes with `after=` the last seq
 * seen, a repeat is skipped and a gap makes the client reconnect to fill it.
 */

/** Segments per transcript chunk: a new segment re-renders one chunk, not the whole transcript. */
const CHUNK_SIZE = 50;
/** The performance measure a new segment's render records (read by the performance script). */
const SEGMENT_RENDER_MEASURE = "docket:segment-render";
/** The same for the stored events a connection replays on joining (not news, so measured apart). */
const BACKLOG_RENDER_MEASURE = "docket:backlog-render";
const MAX_MEASURES = 5000;
const REVIEW_TIMEOUT_MS = 10_000;
const PING_EVERY_MS = 10_000;
/** The longest pause after the server says it is busy, whatever it asks. */
const MAX_SLOW_DOWN_MS = 10_000;
/** No message at all for this long (health comes every 5 s while live, pongs every 10 s) means the link is dead. */
const SILENT_LINK_MS = 30_000;

type ConnectionPhase = "connecting" | "open" | "waiting" | "stopped";

interface ConnectionState {
  phase: ConnectionPhase;
  /** Failed attempts in a row. */
  attempt: number;
  /** When the next attempt starts (Date.now() clock), while waiting. */
  retryAt: number | null;
  /** Why the last connection ended, or why the client stopped, in words. */
  reason: string | null;
  /** Whether a connection has ever been open (the first connection vs a reconnection). */
  reconnecting: boolean;
}

export interface RoomState {
  connection: ConnectionState;
  status: MeetingStatus | null;
  /** The server lets this person send segments and reviews (member or above). */
  canSend: boolean;
  /** The transcript in chunks of CHUNK_SIZE segments, in order. */
  segmentChunks: readonly (readonly SegmentView[])[];
  segmentCount: number;
  items: Readonly<Record<string, ItemView>>;
  /** Item ids by section id, in the order they were captured. */
  sectionItems: Readonly<Record<string, readonly string[]>>;
  /** Items that arrived while the page was open (highlighted), as opposed to the stored ones replayed on joining. */
  fresh: Readonly<Record<string, true>>;
  metrics: readonly MetricRow[];
  health: CaptureHealth | null;
  /** Date.now() minus the server's clock, estimated from live events (for "last heard 3 s ago"). */
  clockSkewMs: number;
  /** The segment an evidence quote pointed at; `nonce` changes on every click so the same quote scrolls again. */
  highlight: { id: string; nonce: number } | null;
  /** Segments from this browser not yet stored by the server. */
  unsentSegments: number;
  /** The server refused a segment from this browser. */
  captureError: string | null;
  /** A server error not tied to something the page sent. */
  serverError: string | null;
  /** Changes with each commit that shows a new segment, so the meter can measure it. */
  renderTick: number;
}

type Listener = () => void;
type EventMessage = Extract<ServerMessage, { type: "event" }>;
type SegmentOut = { type: "segment"; id: string; seq: number; speaker: string | null; text: string; start: number };
interface PendingReview {
  itemId: string;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const INITIAL: RoomState = {
  connection: { phase: "connecting", attempt: 0, retryAt: null, reason: null, reconnecting: false },
  status: null,
  canSend: false,
  segmentChunks: [],
  segmentCount: 0,
  items: {},
  sectionItems: {},
  fresh: {},
  metrics: [],
  health: null,
  clockSkewMs: 0,
  highlight: null,
  unsentSegments: 0,
  captureError: null,
  serverError: null,
  renderTick: 0,
};

export class LiveRoom {
  private state: RoomState = INITIAL;
  private readonly listeners = new Set<Listener>();
  private socket: WebSocket | null = null;
  /** Bumped per connection: messages and closes from an older socket are ignored. */
  private generation = 0;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastMessageAt = 0;

  /** Messages received and not yet applied, with when the first of them arrived. */
  private queue: ServerMessage[] = [];
  private queueStart = 0;
  private flushScheduled = false;
  private readonly channel = new MessageChannel();

  /** The last event accepted into the queue: the next connection resumes after it. From 0: the page replays all. */
  private cursor: EventCursor = startCursor(0);
  /** Events after the first welcome's lastSeq happened while the page was open. */
  private newsFrom = Number.POSITIVE_INFINITY;
  /** Events up to this connection's welcome lastSeq are its replayed backlog. */
  private backlogUntil = 0;
  private readonly segmentIndex = new Map<string, number>();

  private readonly unacked = new Map<string, SegmentOut>();
  /** Unacknowledged segments held back while the server is busy; sent again, in order, when `resumeTimer` fires. */
  private readonly held = new Set<string>();
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;
  private segmentSeq = 0;
  private readonly reviews = new Map<string, PendingReview>();

  private measures: { name: string; start: number }[] = [];
  private measureCount = 0;

  /** Called with a sentence for each item that arrives while the page is open (for the aria-live announcer). */
  announce: ((text: string) => void) | null = null;

  constructor(readonly meetingId: string) {
    this.channel.port1.onmessage = () => this.flush();
  }

  // ---- the store (useSyncExternalStore) ----

  getState = (): RoomState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: RoomState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private patch(changes: Partial<RoomState>): void {
    this.set({ ...this.state, ...changes });
  }

  // ---- connection ----

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
    this.pingTimer = setInterval(() => this.keepAlive(), PING_EVERY_MS);
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.retryTimer = null;
    this.pingTimer = null;
    this.resumeTimer = null;
    this.socket?.close(1000, "page closed");
    this.socket = null;
  }

  /** Connect again at once (the "Reconnect now" button, or a gap in the events). */
  reconnect = (): void => {
    if (this.stopped) return;
    this.generation++;
    this.socket?.close(1000, "reconnecting");
    this.socket = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  };

  private connect(): void {
    const generation = ++this.generation;
    const { connection } = this.state;
    this.patch({ connection: { ...connection, phase: "connecting", retryAt: null } });
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const url = `${scheme}://${location.host}${liveRoomPath(this.meetingId, this.cursor, "web")}`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      this.retryLater(describeError(error));
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (generation !== this.generation) return;
      opened = true;
      this.lastMessageAt = Date.now();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (generation !== this.generation || typeof event.data !== "string") return;
      this.receive(event.data, event.timeStamp);
    };
    socket.onclose = (event: CloseEvent) => {
      if (generation !== this.generation) return;
      this.socket = null;
      this.closed(event, opened);
    };
  }

  private closed(event: CloseEvent, opened: boolean): void {
    if (this.stopped) return;
    if (event.code === 4404) {
      this.halt("This meeting no longer exists.");
      return;
    }
    // Signed out elsewhere, or no longer a member: reconnecting would be refused, so say why and stop.
    if (event.code === 4401 || event.code === 4403) {
      this.halt(event.reason ? `The live room closed: ${event.reason}.` : "You no longer have access to this meeting.");
      return;
    }
    if (!opened) {
      // The handshake was refused or the server is down: the REST API says which, in words.
      api(`/api/meetings/${encodeURIComponent(this.meetingId)}`).then(
        () => this.retryLater("The live room did not answer."),
        (error: unknown) => {
          if (error instanceof ApiFailure && [401, 403, 404].includes(error.status)) this.halt(describeError(error));
          else this.retryLater(describeError(error));
        },
      );
      return;
    }
    const why =
      event.code === 1013
        ? "The connection fell behind."
        : event.reason
          ? `The connection closed: ${event.reason}.`
          : "The connection dropped.";
    this.retryLater(why, event.code === 1013 || this.state.connection.attempt === 0);
  }

  private retryLater(reason: string, soon = false): void {
    if (this.stopped) return;
    const attempt = this.state.connection.attempt + 1;
    const base = soon ? 250 : Math.min(15_000, 500 * 2 ** (attempt - 1));
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.patch({
      connection: { ...this.state.connection, phase: "waiting", attempt, retryAt: Date.now() + delay, reason },
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private halt(reason: string): void {
    this.stop();
    this.patch({ connection: { ...this.state.connection, phase: "stopped", retryAt: null, reason } });
    for (const [ref, pending] of this.reviews) this.settleReview(ref, new Error(reason), pending);
  }

  private keepAlive(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastMessageAt > SILENT_LINK_MS) {
      this.patch({ connection: { ...this.state.connection, reason: "No word from the server for 30 s." } });
      this.reconnect();
      return;
    }
    socket.send(JSON.stringify({ type: "ping" }));
  }

  // ---- receiving ----

  private receive(data: string, timeStamp: number): void {
    const now = performance.now();
    this.lastMessageAt = Date.now();
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === "welcome") this.cursor = welcomeCursor(this.cursor, message.lastSeq);
    if (message.type === "event") {
      const step = stepCursor(this.cursor, message.seq);
      if (step.verdict === "repeat") return;
      if (step.verdict === "gap") {
        // Connect again after the last seq seen, and the server sends what fell in between.
        this.reconnect();
        return;
      }
      this.cursor = step.cursor;
    }
    if (this.queue.length === 0) this.queueStart = timeStamp > 0 && timeStamp <= now ? timeStamp : now;
    this.queue.push(message);
    if (!this.flushScheduled) {
      // A task after the messages already queued: those that arrived together are applied together.
      this.flushScheduled = true;
      this.channel.port2.postMessage(null);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    const start = this.queueStart;
    this.queue = [];
    if (batch.length === 0) return;
    const draft = new Draft(this.state);
    let newSegment = false;
    let backlogSegment = false;
    const announcements: string[] = [];
    for (const message of batch) {
      switch (message.type) {
        case "welcome":
          this.welcome(draft, message);
          break;
        case "event": {
          const news = message.seq > this.newsFrom;
          this.applyEvent(draft, message, news, announcements);
          if (message.event.kind === "segment") {
            if (message.seq > this.backlogUntil) newSegment = true;
            else backlogSegment = true;
          }
          if (news) draft.next.clockSkewMs = Date.now() - Date.parse(message.at);
          break;
        }
        case "health":
          draft.next.health = message.health;
          break;
        case "ack":
          this.unacked.delete(message.id);
          draft.next.unsentSegments = this.unacked.size;
          break;
        case "error":
          this.serverError(draft, message);
          break;
        case "pong":
          break;
      }
    }
    if (newSegment || backlogSegment) {
      this.measures.push({ name: newSegment ? SEGMENT_RENDER_MEASURE : BACKLOG_RENDER_MEASURE, start });
      draft.next.renderTick++;
    }
    this.set(draft.next);
    if (this.announce) for (const text of announcements) this.announce(text);
  }

  private welcome(draft: Draft, message: Extract<ServerMessage, { type: "welcome" }>): void {
    if (this.newsFrom === Number.POSITIVE_INFINITY) this.newsFrom = message.lastSeq;
    this.backlogUntil = message.lastSeq;
    draft.next.status = message.status;
    draft.next.canSend = message.canSend;
    draft.next.connection = { phase: "open", attempt: 0, retryAt: null, reason: null, reconnecting: true };
    // Segments this browser sent that were not acknowledged go again; the server knows them by id. While the server
    // is busy they wait for the pause to end.
    if (!message.canSend || !this.socket) return;
    if (this.resumeTimer) for (const id of this.unacked.keys()) this.held.add(id);
    else for (const segment of this.unacked.values()) this.send(segment);
  }

  private applyEvent(draft: Draft, message: EventMessage, news: boolean, announcements: string[]): void {
    const event: LiveEvent = message.event;
    switch (event.kind) {
      case "segment":
        draft.addSegment(event.segment, this.segmentIndex);
        break;
      case "item.added":
        draft.putItem(event.item);
        if (news) {
          draft.fresh()[event.item.id] = true;
          announcements.push(`New ${KIND_WORDS[event.item.kind].toLowerCase()}: ${event.item.text}`);
        }
        break;
      case "item.updated":
        draft.putItem(event.item);
        break;
      case "item.reviewed":
        draft.putItem(event.item);
        for (const [ref, pending] of this.reviews) if (pending.itemId === event.item.id) this.settleReview(ref, null);
        break;
      case "item.removed":
        draft.removeItem(event.itemId);
        break;
      case "metrics": {
        const rows = draft.next.metrics.slice();
        const at = rows.findIndex((row) => row.team === event.row.team);
        if (at === -1) rows.push(event.row);
        else rows[at] = event.row;
        draft.next.metrics = rows;
        break;
      }
      case "meeting.status":
        draft.next.status = event.status;
        if (draft.next.health) draft.next.health = { ...draft.next.health, status: event.status };
        break;
    }
  }

  private serverError(draft: Draft, message: Extract<ServerMessage, { type: "error" }>): void {
    const pending = message.ref ? this.reviews.get(message.ref) : undefined;
    if (message.ref && pending) {
      this.settleReview(message.ref, new Error(message.message));
      return;
    }
    if (message.id && message.code === "rate_limited" && this.unacked.has(message.id)) {
      this.slowDown(message.id, message.retryAfterMs);
      return;
    }
    if (message.id && this.unacked.has(message.id)) {
      this.unacked.delete(message.id);
      draft.next.unsentSegments = this.unacked.size;
      draft.next.captureError = message.message;
      return;
    }
    draft.next.serverError = message.message;
  }

  /**
   * The server is busy and did not store segment `id`: it and every later segment wait for the time the server asks
   * (plus jitter, so that browsers do not all come back at once), then go again in order. The server refuses the later
   * ones until this one is back, so they are stored in the order they were said.
   */
  private slowDown(id: string, retryAfterMs: number | undefined): void {
    // Already held: the refusal of a segment sent before the pause began.
    if (this.held.has(id)) return;
    let from = false;
    for (const key of this.unacked.keys()) {
      if (key === id) from = true;
      if (from) this.held.add(key);
    }
    const delay = Math.min(MAX_SLOW_DOWN_MS, (retryAfterMs ?? 1000) * (1 + Math.random() * 0.5));
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      for (const segment of this.unacked.values()) if (this.held.has(segment.id)) this.send(segment);
      this.held.clear();
    }, delay);
  }

  // ---- sending ----

  private send(message: object): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  /** A transcript segment from this browser (the microphone); resent after a reconnect until the server stores it. */
  sendSegment(segment: { speaker: string | null; text: string; start: number }): void {
    const message: SegmentOut = { type: "segment", id: uuid(), seq: ++this.segmentSeq, ...segment };
    this.unacked.set(message.id, message);
    if (this.resumeTimer) this.held.add(message.id);
    else this.send(message);
    this.patch({ unsentSegments: this.unacked.size, captureError: null });
  }

  /**
   * Confirm, reject or correct an item. Over the socket when it is open (settled when the `item.reviewed` event
   * comes back, or by the server's error), else through the REST route.
   */
  review = (itemId: string, review: Review): Promise<void> => {
    const ref = uuid();
    const message =
      review.type === "edit"
        ? { type: "edit", itemId, changes: review.changes, ref }
        : { type: review.type, itemId, ref };
    if (this.state.connection.phase === "open" && this.send(message)) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            this.settleReview(ref, new Error("Docket did not answer within 10 s; the change may not have been saved.")),
          REVIEW_TIMEOUT_MS,
        );
        this.reviews.set(ref, { itemId, resolve, reject, timer });
      });
    }
    return reviewItem(this.meetingId, itemId, review).then(({ item }) => {
      const draft = new Draft(this.state);
      draft.putItem(item);
      this.set(draft.next);
    });
  };

  private settleReview(ref: string, error: Error | null, pending = this.reviews.get(ref)): void {
    if (!pending) return;
    clearTimeout(pending.timer);
    this.reviews.delete(ref);
    if (error) pending.reject(error);
    else pending.resolve();
  }

  // ---- the page ----

  /** Scroll the transcript to a segment and mark it (an evidence quote was clicked). */
  highlightSegment = (segmentId: string): void => {
    this.patch({ highlight: { id: segmentId, nonce: (this.state.highlight?.nonce ?? 0) + 1 } });
  };

  /** The chunk a segment is in, or -1 when the transcript does not have it. */
  chunkOf(segmentId: string): number {
    const index = this.segmentIndex.get(segmentId);
    return index === undefined ? -1 : Math.floor(index / CHUNK_SIZE);
  }

  clearCaptureError = (): void => this.patch({ captureError: null });
  clearServerError = (): void => this.patch({ serverError: null });

  /** Called after the React commit that shows new segments: records how long they took from arrival. */
  measureRendered(): void {
    if (this.measures.length === 0) return;
    const end = performance.now();
    for (const { name, start } of this.measures) {
      try {
        performance.measure(name, { start, end });
      } catch {
        // A start before the time origin (a clock oddity) is not worth failing the page for.
      }
      this.measureCount++;
    }
    this.measures = [];
    if (this.measureCount > MAX_MEASURES) {
      performance.clearMeasures(SEGMENT_RENDER_MEASURE);
      performance.clearMeasures(BACKLOG_RENDER_MEASURE);
      this.measureCount = 0;
    }
  }
}

/** One batch's changes to the state: containers are copied the first time the batch changes them, not per event. */
class Draft {
  readonly next: RoomState;
  private items: Record<string, ItemView> | null = null;
  private sections: Record<string, string[]> | null = null;
  private copiedSections = new Set<string>();
  private chunks: SegmentView[][] | null = null;
  private copiedChunks = new Set<number>();
  private freshCopy: Record<string, true> | null = null;

  constructor(state: RoomState) {
    this.next = { ...state };
  }

  fresh(): Record<string, true> {
    if (!this.freshCopy) {
      this.freshCopy = { ...this.next.fresh };
      this.next.fresh = this.freshCopy;
    }
    return this.freshCopy;
  }

  addSegment(segment: SegmentView, index: Map<string, number>): void {
    if (!this.chunks) {
      this.chunks = this.next.segmentChunks.slice() as SegmentView[][];
      this.next.segmentChunks = this.chunks;
    }
    const known = index.get(segment.id);
    const at = known ?? this.next.segmentCount;
    const chunkAt = Math.floor(at / CHUNK_SIZE);
    if (chunkAt === this.chunks.length) {
      this.chunks.push([]);
      this.copiedChunks.add(chunkAt);
    } else if (!this.copiedChunks.has(chunkAt)) {
      this.chunks[chunkAt] = (this.chunks[chunkAt] ?? []).slice();
      this.copiedChunks.add(chunkAt);
    }
    const chunk = this.chunks[chunkAt]!;
    if (known !== undefined) {
      chunk[at % CHUNK_SIZE] = segment;
      return;
    }
    chunk.push(segment);
    index.set(segment.id, at);
    this.next.segmentCount = at + 1;
  }

  private itemMap(): Record<string, ItemView> {
    if (!this.items) {
      this.items = { ...this.next.items };
      this.next.items = this.items;
    }
    return this.items;
  }

  private sectionList(sectionId: string): string[] {
    if (!this.sections) {
      this.sections = { ...this.next.sectionItems } as Record<string, string[]>;
      this.next.sectionItems = this.sections;
    }
    if (!this.copiedSections.has(sectionId)) {
      this.sections[sectionId] = (this.sections[sectionId] ?? []).slice();
      this.copiedSections.add(sectionId);
    }
    return this.sections[sectionId]!;
  }

  putItem(item: ItemView): void {
    const items = this.itemMap();
    const before = items[item.id];
    items[item.id] = item;
    if (before && before.section === item.section) return;
    if (before) this.unlist(before);
    this.sectionList(item.section).push(item.id);
  }

  removeItem(itemId: string): void {
    const items = this.itemMap();
    const before = items[itemId];
    if (!before) return;
    delete items[itemId];
    this.unlist(before);
  }

  private unlist(item: ItemView): void {
    const list = this.sectionList(item.section);
    const at = list.indexOf(item.id);
    if (at !== -1) list.splice(at, 1);
  }
}

/** A random id: a UUID where the browser offers one (secure contexts), else 128 random bits in the same shape. */
function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
