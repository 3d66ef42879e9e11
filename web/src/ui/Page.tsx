import { useEffect, useEffectEvent, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

interface PageProps {
  /** The page's name: the h1 and the first part of the document title. */
  title: string;
  /**
   * Shown as h1 instead of the title, when the heading says more than the document title. Names of clients
   * belong here, never into the title: browsers keep titles in their history.
   */
  heading?: ReactNode;
  children: ReactNode;
}

/**
 * The history entry the document was loaded with. React Router keeps its key in `history.state`, so a reload
 * (or a second load of the same address) comes back with that key instead of "default"; the browser starts
 * at the top of a loaded document by itself, where the skip link is the first stop.
 */
const loadedKey = historyKey(typeof window === 'undefined' ? null : window.history.state);
let leftLoadedEntry = false;

function historyKey(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('key' in state)) return 'default';
  return typeof state.key === 'string' ? state.key : 'default';
}

/**
 * Frame of every page: sets the document title ("<Page> – Lotse") and, after a navigation inside the app,
 * moves the focus to the h1, so screen-reader and keyboard users start reading the new page at its top.
 */
export function Page({ title, heading, children }: PageProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);

  // The first entry of a visit has the key "default", a reloaded one its old key: the browser already starts
  // at the top there. Every later navigation, back to the loaded entry too, moves the focus.
  const focusHeading = useEffectEvent(() => {
    const loaded = location.key === 'default' || (location.key === loadedKey && !leftLoadedEntry);
    if (location.key !== loadedKey) leftLoadedEntry = true;
    if (!loaded) headingRef.current?.focus();
  });
  useEffect(() => {
    focusHeading();
  }, [location.pathname]);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="page-title">
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
