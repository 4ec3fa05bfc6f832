import { parisToday } from './dates/calendar-date.js';

/**
 * The one clock of the server, built in the composition root and passed to every service that
 * reads the date, so that tests (and, later, reminders) can move time.
 */
export interface Clock {
  /** Today in Paris, where CN2R works: `YYYY-MM-DD`. */
  today(): string;
  /** This instant (timestamps written into documents and snapshots). */
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { today: () => parisToday(), now: () => new Date() };

/** A clock whose day is `today()` (tests fix it); the instant stays the real one. */
export function clockWithToday(today: () => string): Clock {
  return { today, now: () => new Date() };
}
