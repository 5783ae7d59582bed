import { ApiFailure, api, type Meeting, type Space, type StatusChange } from "../api";

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

/** Moves a meeting on (`POST /api/meetings/{id}/status`); the server refuses a move backwards with a 409. */
export function moveMeeting(meetingId: string, status: "pre-read" | "live" | "ended"): Promise<StatusChange> {
  return api<StatusChange>(`/api/meetings/${encodeURIComponent(meetingId)}/status`, {
    method: "POST",
    body: { status },
  });
}

/**
 * Starts a meeting: the server lets it go live from scheduled or pre-read alike. A 409 because someone else
 * started it a moment ago is what was wanted, so it counts as started.
 */
export async function startMeeting(meetingId: string): Promise<void> {
  try {
    await moveMeeting(meetingId, "live");
  } catch (error) {
    const now = error instanceof ApiFailure && error.status === 409 ? await meetingQuery(meetingId).queryFn() : null;
    if (now?.status !== "live") throw error;
  }
}
