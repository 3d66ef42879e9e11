/**
 * Days as whole numbers (days since 1970-01-01, UTC), so the generator compares and adds dates as integers and
 * turns them into the database's shapes (`YYYY-MM-DD`, ISO timestamps) only when it writes a row.
 */
const MS_PER_DAY = 86_400_000;
const dates = new Map<number, string>();

export function dayOf(date: Date | string): number {
  const ms = typeof date === 'string' ? Date.parse(`${date.slice(0, 10)}T00:00:00Z`) : date.getTime();
  return Math.floor(ms / MS_PER_DAY);
}

/** The day as `YYYY-MM-DD` (cached: the same few thousand days come up millions of times). */
export function isoDate(day: number): string {
  let text = dates.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dates.set(day, text);
  }
  return text;
}

/** A timestamp on the day at the given minute after midnight (UTC), e.g. 9 * 60 + 30 → 09:30. */
export function isoTime(day: number, minute: number): string {
  const m = Math.max(0, Math.min(24 * 60 - 1, Math.floor(minute)));
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${isoDate(day)}T${hh}:${mm}:00.000Z`;
}

export function yearOf(day: number): number {
  return Number(isoDate(day).slice(0, 4));
}

/** The same calendar day some months later (the 31st becomes the last day of a shorter month). */
export function addMonthsDay(day: number, months: number): number {
  const [y, m, d] = isoDate(day).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(year, month, Math.min(d, last))));
}
