import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day as the API sends it ("YYYY-MM-DD") as a local date. `new Date("2026-03-01")` would be
 * midnight UTC, which west of Greenwich is still the previous day.
 */
export function parseDay(iso: string): Date | null {
  const match = DAY.exec(iso);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

/** A local date as "YYYY-MM-DD": the value of an <input type="date"> and of the API's date fields. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today in the browser's time zone, as "YYYY-MM-DD". */
export function today(): string {
  return isoDay(new Date());
}

/** "2026-03-01" → "01.03.2026" in German, "1 Mar 2026" in English; anything unparseable stays as it is. */
export function formatDay(iso: string, language: string): string {
  const date = parseDay(iso);
  if (date === null) return iso;
  const options: Intl.DateTimeFormatOptions =
    language === 'de' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(language, options).format(date);
}

/** Dates and times in the UI language; null/undefined for "no value" renders as the given fallback. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    const safe =
      (format: Intl.DateTimeFormat) =>
      (iso: string | null | undefined, fallback = '–') => {
        if (!iso) return fallback;
        const value = new Date(iso);
        return Number.isNaN(value.getTime()) ? iso : format.format(value);
      };
    return {
      dateTime: safe(dateTime),
      date: safe(date),
      /** A calendar day ("YYYY-MM-DD") from the API. */
      day: (iso: string | null | undefined, fallback = '–') => (iso ? formatDay(iso, language) : fallback),
    };
  }, [language]);
}

/**
 * The time the component first rendered. Render must stay pure, so "is this lock still running?" compares
 * against this rather than calling Date.now() on every render.
 */
export function useMountTime(): number {
  const [now] = useState(Date.now);
  return now;
}

/** Whether an account lock (an ISO timestamp or null) still holds at the given time. */
export function isLockedAt(lockedUntil: string | null, now: number): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now;
}
