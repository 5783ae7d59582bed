/**
 * The real-meeting corpus in two halves, by FNV-1a of the meeting id (stable whatever the file order):
 * "dev" is what the engine and the learned line scorer are tuned on, "test" is never looked at.
 */
export function corpusHalf(meetingId: string): "dev" | "test" {
  let h = 2166136261;
  for (const c of meetingId) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h % 2 === 0 ? "dev" : "test";
}
