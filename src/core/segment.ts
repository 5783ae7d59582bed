/** One stretch of speech: what a transcript file, a caption feed or a live sender gives us. */
export interface Segment {
  /** Stable id where the source has one (a VTT cue id, a live sender's id); else assigned by order. */
  id: string;
  /** The speaker's name or label as the transcript gives it; null when the source does not say. */
  speaker: string | null;
  text: string;
  /** Seconds from the start of the meeting; null when the source has no timing. */
  start: number | null;
  end: number | null;
}
