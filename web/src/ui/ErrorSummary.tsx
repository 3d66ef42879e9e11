import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/types';
import { useProblemText } from './problemText';

export interface FieldRef {
  id: string;
  label: string;
}

interface ErrorSummaryProps {
  problem: Problem | null;
  /** Field path (as in the problem's pointers, dotted) → control id and label. */
  fields?: Record<string, FieldRef>;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const element = document.getElementById(id);
  if (element === null) return;
  event.preventDefault();
  const target =
    element instanceof HTMLFieldSetElement ? element.querySelector('input, select, textarea') : element;
  if (target instanceof HTMLElement) {
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  }
}

/**
 * The error summary at the top of a form: receives focus when a submit fails, lists every field error with a
 * link to the field, or states the problem in one sentence when it concerns the form as a whole.
 */
export function ErrorSummary({ problem, fields = {} }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem !== null) ref.current?.focus();
  }, [problem]);

  if (problem === null) return null;
  const errors = Object.entries(text.fieldErrors(problem));
  return (
    // No aria-labelledby: a name made of the problem text would compete with the fields' labels
    // (e.g. "Passwort") for label-based lookups; the alert is read out in full anyway.
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">
        {errors.length > 0 ? t('form.summaryTitle') : text.message(problem)}
      </h2>
      {errors.length > 0 ? (
        <ul className="error-summary__list">
          {errors.map(([field, message]) => {
            const target = fields[field];
            return (
              <li key={field}>
                {target ? (
                  <a href={`#${target.id}`} onClick={(event) => focusField(event, target.id)}>
                    {target.label}: {message}
                  </a>
                ) : (
                  message
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      {problem.requestId && problem.status >= 500 ? (
        <p className="error-summary__meta">{t('common.requestId', { id: problem.requestId })}</p>
      ) : null}
    </div>
  );
}
