import type { ServerMessage } from "../api/live-protocol.js";
import { type AccessChange, decodeAccessChange } from "../store/access.js";
import { type Database, EVENTS_CHANNEL } from "../store/database.js";
import { describeFailure } from "../store/failure.js";
import { readLastSeqs } from "../store/meeting-log.js";
import { applyToHealth, captureHealth, type HealthState, readHealthState, silenceWarning } from "./capture-health.js";
import { readEvents, type StoredEvent } from "./events.js";
import { decodeNotice } from "./fan-out.js";

/** One connection, as the hub sees it: somewhere to send text frames. */
export interface Peer {
  send(data: Buffer | string): void;
  /** Bytes queued for the connection and not yet written. */
  bufferedAmount(): number;
  close(code: number, reason: string): void;
}

export interface HubOptions {
  database: Database;
  /** This process's id, as the pipeline puts it in notifications. */
  origin: string;
  now: () => Date;
  /** How often rooms of live meetings hear their capture health; default 5 s. */
  healthIntervalMs?: number;
  /** A connection this far behind is closed (it reconnects with `after` and catches up from the database). */
  maxBufferedBytes?: number;
  /**
   * A change of someone's rights, from any process, heard on the same channel as the events (so in commit order
   * with them): open connections follow it before any later event reaches them.
   */
  onAccessChange?: (change: AccessChange) => void;
  /**
   * The open connections' rights are read again every `accessCheckIntervalMs` (default 60 s), in case a notification
   * of a change was lost. Notifications are the primary path, so this is rare: it costs a statement over every open
   * connection.
   */
  checkAccess?: () => Promise<void>;
  accessCheckIntervalMs?: number;
}

/** How often the open connections' rights are read again by default (a lost notification is caught by then). */
export const ACCESS_CHECK_INTERVAL_MS = 60_000;

export interface Membership {
  /** Resolves once the welcome and the backlog are sent; rejects when the room could not be opened. */
  ready: Promise<void>;
  leave(): void;
}

interface Member {
  peer: Peer;
  /** The last seq this connection was sent. */
  lastSeq: number;
  /** Welcome and backlog sent: live events go straight to it. */
  joined: boolean;
  left: boolean;
}

interface Room {
  meetingId: string;
  members: Set<Member>;
  /** The last seq broadcast from this room, in order and without gaps. */
  lastSeq: number;
  health: HealthState | null;
  /** Everything that sends happens in this chain, one task at a time: events go out in seq order. */
  chain: Promise<void>;
  closed: boolean;
  broken: unknown;
  lastHealth: string | null;
  lastWarning: string | null;
}

const BACKLOG_PAGE = 1000;

/**
 * The rooms of one process: the connections per meeting and the order in which events reach them. Events come
 * from this process's commits (`deliver`, at once) and from other processes' commits (a notification, then
 * a read of the events after the last one broadcast). Either way a room sends every seq once, in order: on a
 * gap it reads the missing events from the database first. A joining connection gets its welcome and the
 * stored events after its `after` inside the same chain, so nothing falls between the backlog and live events.
 */
export class LiveHub {
  readonly #options: HubOptions;
  readonly #rooms = new Map<string, Room>();
  #listening: Promise<() => Promise<void>> | null = null;
  #ticker: NodeJS.Timeout | null = null;
  #accessTicker: NodeJS.Timeout | null = null;
  #sweeping = false;
  #checkingAccess = false;

  constructor(options: HubOptions) {
    this.#options = options;
  }

  /** `after`: the last seq the connection has seen; null to start at the meeting's present (no backlog). */
  join(meetingId: string, peer: Peer, options: { after: number | null; canSend: boolean }): Membership {
    const room = this.#room(meetingId);
    const member: Member = { peer, lastSeq: options.after ?? 0, joined: false, left: false };
    room.members.add(member);
    const ready = this.#enqueue(room, async () => {
      if (room.broken) throw room.broken;
      if (member.left || !room.health) return;
      const welcome: ServerMessage = {
        type: "welcome",
        meetingId,
        status: room.health.status,
        lastSeq: room.lastSeq,
        canSend: options.canSend,
      };
      peer.send(JSON.stringify(welcome));
      const after = options.after ?? room.lastSeq;
      let cursor = after;
      while (cursor < room.lastSeq && !member.left) {
        const page = await readEvents(this.#options.database.db, meetingId, cursor, BACKLOG_PAGE, room.lastSeq);
        for (const event of page) if (this.#send(member, event.wire)) member.lastSeq = event.seq;
        const last = page[page.length - 1];
        if (!last || page.length < BACKLOG_PAGE) break;
        cursor = last.seq;
      }
      member.lastSeq = Math.max(after, room.lastSeq);
      member.joined = true;
      // The health ends the backlog. A warning that appeared since the room last spoke goes to everyone.
      if (warningChanged(room.health, room.lastWarning, this.#options.now())) this.#sendHealth(room);
      else this.#send(member, this.#healthMessage(room));
    });
    return { ready, leave: () => this.#leave(room, member) };
  }

  /** Events this process just committed. */
  deliver(meetingId: string, events: StoredEvent[]): void {
    const room = this.#rooms.get(meetingId);
    if (!room || events.length === 0) return;
    void this.#enqueue(room, async () => {
      if (room.closed || room.broken) return;
      const fresh = events.filter((event) => event.seq > room.lastSeq);
      const first = fresh[0];
      if (!first) return;
      // Another process committed in between and its notification has not arrived yet: read those first.
      if (first.seq !== room.lastSeq + 1) return this.#catchUp(room);
      this.#broadcast(room, fresh);
    });
  }

  /** Meetings with a room open in this process. */
  get roomCount(): number {
    return this.#rooms.size;
  }

  async close(): Promise<void> {
    for (const room of this.#rooms.values()) room.closed = true;
    this.#rooms.clear();
    this.#stop();
  }

  #room(meetingId: string): Room {
    const existing = this.#rooms.get(meetingId);
    if (existing) return existing;
    const room: Room = {
      meetingId,
      members: new Set(),
      lastSeq: 0,
      health: null,
      chain: Promise.resolve(),
      closed: false,
      broken: null,
      lastHealth: null,
      lastWarning: null,
    };
    this.#rooms.set(meetingId, room);
    this.#start();
    // Listening starts before the room reads where the meeting is: whatever commits after that read is
    // announced to it, and whatever committed before is in the backlog a joining connection reads.
    room.chain = (async () => {
      try {
        await this.#listen();
        const state = await readHealthState(this.#options.database.db, meetingId);
        room.lastSeq = state.lastSeq;
        room.health = state;
        room.lastWarning = silenceWarning(state, this.#options.now());
      } catch (error) {
        // The database is away: the connection is told "unavailable" and tries again.
        room.broken = this.#options.database.availability.recognise(error) ?? error;
        if (this.#rooms.get(meetingId) === room) this.#rooms.delete(meetingId);
      }
    })();
    return room;
  }

  #leave(room: Room, member: Member): void {
    member.left = true;
    if (!room.members.delete(member) || room.members.size > 0) return;
    room.closed = true;
    if (this.#rooms.get(room.meetingId) === room) this.#rooms.delete(room.meetingId);
    if (this.#rooms.size === 0) this.#stop();
  }

  #enqueue<T>(room: Room, task: () => Promise<T>): Promise<T> {
    const result = room.chain.then(task);
    room.chain = result.then(
      () => {},
      (error: unknown) => {
        if (!room.broken) this.#report(`room ${room.meetingId}`, error);
      },
    );
    return result;
  }

  #onNotice(payload: string): void {
    const change = decodeAccessChange(payload);
    if (change) {
      this.#options.onAccessChange?.(change);
      return;
    }
    const notice = decodeNotice(payload);
    if (!notice || notice.origin === this.#options.origin) return;
    this.#onBehind(notice.meetingId, notice.seq);
  }

  /** The meeting has events up to `seq`: a room that has not broadcast them yet reads them. */
  #onBehind(meetingId: string, seq: number): void {
    const room = this.#rooms.get(meetingId);
    // Before the room has read where the meeting is, lastSeq is 0: the task waits for that read in the chain.
    if (!room || seq <= room.lastSeq) return;
    void this.#enqueue(room, async () => {
      if (!room.closed && !room.broken && seq > room.lastSeq) await this.#catchUp(room);
    });
  }

  /** Reads and broadcasts every stored event after the room's last one. */
  async #catchUp(room: Room): Promise<void> {
    for (;;) {
      const page = await readEvents(this.#options.database.db, room.meetingId, room.lastSeq, BACKLOG_PAGE);
      if (room.closed) return;
      this.#broadcast(room, page);
      if (page.length < BACKLOG_PAGE) return;
    }
  }

  #broadcast(room: Room, events: StoredEvent[]): void {
    if (events.length === 0 || !room.health) return;
    let announce = false;
    for (const event of events) {
      room.lastSeq = event.seq;
      if (applyToHealth(room.health, event)) announce = true;
      for (const member of room.members) {
        if (!member.joined || event.seq <= member.lastSeq) continue;
        if (this.#send(member, event.wire)) member.lastSeq = event.seq;
      }
    }
    if (announce || warningChanged(room.health, room.lastWarning, this.#options.now())) this.#sendHealth(room);
  }

  #healthMessage(room: Room): string {
    if (!room.health) return "";
    const message: ServerMessage = { type: "health", health: captureHealth(room.health, this.#options.now()) };
    return JSON.stringify(message);
  }

  #sendHealth(room: Room): void {
    if (!room.health) return;
    const message = this.#healthMessage(room);
    room.lastHealth = message;
    room.lastWarning = silenceWarning(room.health, this.#options.now());
    const data = Buffer.from(message);
    for (const member of room.members) if (member.joined) this.#send(member, data);
  }

  /** False when the connection is gone, or was just closed for falling too far behind. */
  #send(member: Member, data: Buffer | string): boolean {
    if (member.left || data.length === 0) return false;
    if (member.peer.bufferedAmount() > (this.#options.maxBufferedBytes ?? 8 * 1024 * 1024)) {
      member.left = true;
      member.peer.close(1013, `falling behind: reconnect with after=${member.lastSeq}`);
      return false;
    }
    member.peer.send(data);
    return true;
  }

  /** Every few seconds: live rooms hear their health (the silence warning grows); others when it changed. */
  #tick(): void {
    for (const room of this.#rooms.values()) {
      if (!room.health || room.closed) continue;
      if (room.health.status === "live" || this.#healthMessage(room) !== room.lastHealth) this.#sendHealth(room);
    }
    void this.#sweep();
  }

  /**
   * A notification can be lost (the LISTEN connection dropped and came back): one small query per tick finds the
   * rooms that are behind the database, and they catch up.
   */
  async #sweep(): Promise<void> {
    if (this.#sweeping || this.#rooms.size === 0) return;
    this.#sweeping = true;
    try {
      const ids = [...this.#rooms.keys()];
      for (const row of await readLastSeqs(this.#options.database.db, ids)) this.#onBehind(row.id, row.lastSeq);
    } catch (error) {
      this.#report("sweep", error);
    } finally {
      this.#sweeping = false;
    }
  }

  /** An outage is logged once, by the database's availability; anything else as it happens. */
  #report(where: string, error: unknown): void {
    if (!this.#options.database.availability.recognise(error)) reportLiveError(where, error);
  }

  /** On its own, slower cadence: a rights change whose notification was lost still lands within an interval. */
  async #checkAccess(): Promise<void> {
    const check = this.#options.checkAccess;
    if (!check || this.#checkingAccess || this.#rooms.size === 0) return;
    this.#checkingAccess = true;
    try {
      await check();
    } catch (error) {
      this.#report("access check", error);
    } finally {
      this.#checkingAccess = false;
    }
  }

  #listen(): Promise<unknown> {
    // Notifications sent while the LISTEN connection was being opened again are lost: the sweep finds those events.
    this.#listening ??= this.#options.database.listen(
      EVENTS_CHANNEL,
      (payload) => this.#onNotice(payload),
      () => void this.#sweep(),
    );
    const listening = this.#listening;
    return listening.catch((error: unknown) => {
      if (this.#listening === listening) this.#listening = null;
      throw error;
    });
  }

  #start(): void {
    if (this.#ticker) return;
    this.#ticker = setInterval(() => this.#tick(), this.#options.healthIntervalMs ?? 5000);
    this.#ticker.unref();
    if (this.#options.checkAccess) {
      const every = this.#options.accessCheckIntervalMs ?? ACCESS_CHECK_INTERVAL_MS;
      this.#accessTicker = setInterval(() => void this.#checkAccess(), every);
      this.#accessTicker.unref();
    }
  }

  /** No rooms left: stop the ticker and the LISTEN connection (the next room starts them again). */
  #stop(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    if (this.#accessTicker) clearInterval(this.#accessTicker);
    this.#ticker = null;
    this.#accessTicker = null;
    const listening = this.#listening;
    this.#listening = null;
    if (listening) {
      void listening.then(
        (unlisten) => unlisten().catch(() => {}),
        () => {},
      );
    }
  }
}

/** The silence warning came or went since the room last sent its health. */
function warningChanged(health: HealthState, lastWarning: string | null, now: Date): boolean {
  return (silenceWarning(health, now) === null) !== (lastWarning === null);
}

/** A bug or an outage, not the user's doing: logged, and the room goes on. */
export function reportLiveError(where: string, error: unknown): void {
  process.stderr.write(`docket: live ${where}: ${describeFailure(error)}\n`);
}
