/** Where a meeting is: scheduled, its pre-read open, live, or ended (forward only; see src/live/lifecycle.ts). */
export const MEETING_STATUSES = ["scheduled", "pre-read", "live", "ended"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** How often a series of meetings is held: a template's recommendation, then a Space's choice. */
export const CADENCES = ["weekly", "biweekly", "monthly", "ad-hoc"] as const;
export type Cadence = (typeof CADENCES)[number];
