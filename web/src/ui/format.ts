import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

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
    return { dateTime: safe(dateTime), date: safe(date) };
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
