/**
 * Dates as the office sees them: the app counts days in Berlin (docs/api.md), so a journey that sends "today" or
 * "in three days" must count in Berlin too. Between 22:00 and 24:00 UTC the UTC date is still the day before.
 */
const officeDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The office's calendar day `days` from today (negative: in the past), as YYYY-MM-DD. */
export function officeDay(days = 0): string {
  const [year, month, day] = officeDate.format(new Date()).split('-').map(Number);
  // Calendar arithmetic on the date alone, at noon UTC, so no clock change can move it to another day.
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days, 12));
  return date.toISOString().slice(0, 10);
}
