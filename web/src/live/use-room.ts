import { useEffect, useState, useSyncExternalStore } from "react";
import { LiveRoom, type RoomState } from "./room";

/** The live room of a meeting, connected while the component is mounted. */
export function useLiveRoom(meetingId: string): LiveRoom {
  const [room] = useState(() => new LiveRoom(meetingId));
  useEffect(() => {
    room.start();
    return () => room.stop();
  }, [room]);
  return room;
}

/**
 * One part of the room's state. `select` must return a part of the state as it is (not a new object), so the
 * component re-renders only when that part changed.
 */
export function useRoom<T>(room: LiveRoom, select: (state: RoomState) => T): T {
  return useSyncExternalStore(room.subscribe, () => select(room.getState()));
}

/** Date.now(), refreshed every `ms` while mounted: for "3 s ago" without re-rendering anything else. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
