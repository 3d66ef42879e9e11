/** Time comes from here so tests can move it (session timeouts, lockouts, retention). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

/** Lotse's offices are in Germany: "today" for due dates and deadlines is the date in Berlin. */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

/** Formatters made once: building an Intl.DateTimeFormat costs far more than formatting with it. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string, kind: 'date' | 'minute'): Intl.DateTimeFormat {
  const key = `${kind}:${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
          });
    formats.set(key, format);
  }
  return format;
}

/** The calendar day (YYYY-MM-DD) of an instant in the time zone. */
export function localDate(at: Date, timeZone = OFFICE_TIME_ZONE): string {
  return formatIn(timeZone, 'date').format(at);
}

/** How many minutes the time zone's wall clock is ahead of UTC at that instant (Berlin: 60 or 120). */
function offsetMinutes(at: Date, timeZone: string): number {
  const format = formatIn(timeZone, 'minute');
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day, parts.hour, parts.minute);
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant (ISO, UTC) at which a calendar day begins in the office's time zone: the bound of a "from … to"
 * filter over timestamps, so a day means the day the office lived (an entry at 00:30 in Berlin is on that
 * day, not the one before, as UTC would have it).
 */
export function startOfLocalDay(date: string, timeZone = OFFICE_TIME_ZONE): string {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  // The offset at UTC midnight, then once more at the instant found: right also when the offset changes
  // between the two (a daylight-saving change in the night).
  const first = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  return new Date(utcMidnight - offsetMinutes(new Date(first), timeZone) * 60_000).toISOString();
}

/**
 * The instant (ISO, UTC) at which the day after `date` begins in the office's time zone: the exclusive upper
 * bound of a "from … to" filter over timestamps whose `to` is a calendar day.
 */
export function endOfLocalDay(date: string, timeZone = OFFICE_TIME_ZONE): string {
  return startOfLocalDay(addDays(date, 1), timeZone);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
