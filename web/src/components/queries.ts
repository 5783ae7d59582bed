import { api, type Meeting, type Space } from "../api";

/** The part of a query a panel shows: its data, its error, and whether it is still loading. */
export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
}

/** A meeting, for `useQuery`; every page of a meeting shares this cache entry. */
export function meetingQuery(meetingId: string) {
  return {
    queryKey: ["meeting", meetingId],
    queryFn: () => api<Meeting>(`/api/meetings/${encodeURIComponent(meetingId)}`),
  };
}

/** A Space, for `useQuery`; waits while the id is not known yet (read from its meeting). */
export function spaceQuery(spaceId: string | undefined) {
  return {
    queryKey: ["space", spaceId],
    queryFn: () => api<Space>(`/api/spaces/${encodeURIComponent(spaceId ?? "")}`),
    enabled: spaceId !== undefined,
  };
}
