import { useEffect, useRef } from 'react';
import { Button } from './Button';

interface ConflictNoticeProps {
  heading: string;
  text: string;
  hint: string;
  action: string;
  onAction: () => void;
}

/**
 * Optimistic locking lost: the record changed meanwhile and nothing was overwritten. Takes the focus like an
 * error summary and offers to continue from the current state.
 */
export function ConflictNotice({ heading, text, hint, action, onAction }: ConflictNoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <p className="error-summary__title">{heading}</p>
      <p>{text}</p>
      <p className="field__hint">{hint}</p>
      <Button variant="secondary" onClick={onAction}>
        {action}
      </Button>
    </div>
  );
}
