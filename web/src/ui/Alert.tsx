import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/types';
import { useProblemText } from './problemText';

type AlertKind = 'success' | 'info' | 'error';

/** A message box. Errors are announced at once (role=alert), everything else politely (role=status). */
export function Alert({ kind, children }: { kind: AlertKind; children: ReactNode }) {
  return (
    <div className={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * A live region that is always in the page, so screen readers announce a message that appears later
 * (a region inserted together with its text is often missed).
 */
export function StatusRegion({ message, focus = false }: { message: string | null; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // After an action that removes the control that had the focus (a button that is no longer offered),
  // the message takes the focus, so keyboard users are not thrown back to the top of the page.
  useEffect(() => {
    if (focus && message) ref.current?.focus();
  }, [focus, message]);
  return (
    <div
      ref={ref}
      role="status"
      tabIndex={focus ? -1 : undefined}
      className={message ? 'alert alert--success' : 'status-empty'}
    >
      {message}
    </div>
  );
}

/** A problem that is not about a form: the data of a page could not be loaded, an action failed. */
export function ProblemAlert({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  return (
    <Alert kind="error">
      <p>{text.message(problem)}</p>
      {problem.requestId && problem.status >= 500 ? (
        <p className="alert__meta">{t('common.requestId', { id: problem.requestId })}</p>
      ) : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </Alert>
  );
}
