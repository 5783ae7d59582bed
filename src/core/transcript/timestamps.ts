// Anchored and without nested quantifiers, so it runs in linear time on any input.
const CLOCK = /^(?:(\d{1,4}):)?(\d{1,3}):(\d{1,2})(?:[.,](\d{1,9}))?$/;

/**
 * Seconds (rounded to the millisecond) for `HH:MM:SS.mmm`, `MM:SS.mmm`, SRT's `HH:MM:SS,mmm`, Teams'
 * unpadded `0:0:5.320`, Otter's `1:02` / `1:02:03`; null when the text is not such a time.
 */
export function parseClockTime(text: string): number | null {
  const m = CLOCK.exec(text);
  if (m === null) return null;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  // Without an hours field some tools let minutes run past 59 (`75:10.000`); with one, 60+ is a typo.
  if (seconds > 59 || (m[1] !== undefined && minutes > 59)) return null;
  const fraction = m[4];
  const millis = fraction === undefined ? 0 : Math.round((Number(fraction) * 1000) / 10 ** fraction.length);
  return (((hours * 60 + minutes) * 60 + seconds) * 1000 + millis) / 1000;
}

/** Seconds, rounded to the millisecond: JSON sources give floats like 7.585000000001. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
