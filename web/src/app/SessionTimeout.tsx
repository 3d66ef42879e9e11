import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, onSessionDeadline } from '../api/client';
import { useSession } from './session';

/** How long before the end the warning comes: WCAG 2.2.1 asks for at least 20 seconds to react. */
export const WARN_BEFORE_MS = 2 * 60_000;
/** The end is checked a moment after the deadline, when the server has surely let the session go. */
const END_GRACE_MS = 1_000;

type Phase = 'quiet' | 'warning' | 'final' | 'dismissed';

/**
 * The warning before the session ends for inactivity (WCAG 2.2.1 "timing adjustable"). Every signed-in answer
 * carries the seconds left (api/client.ts); shortly before the end an alert dialog offers to stay signed in.
 * Before warning and at the end it asks the server — without counting as activity — because work in another
 * tab keeps the session alive too. When the session is gone the app shows the sign-in page with a message.
 */
export function SessionTimeout() {
  const { t, i18n } = useTranslation();
  const { signOut } = useSession();
  const [deadline, setDeadline] = useState<number | null>(null);
  const [phase, setPhase] = useState<Phase>('quiet');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    let known = false;
    const unsubscribe = onSessionDeadline((next) => {
      known = true;
      setDeadline(next);
      if (next - Date.now() > WARN_BEFORE_MS) {
        setPhase('quiet');
        setFailed(false);
      }
    });
    // Right after signing in no answer has told the deadline yet.
    if (!known) void call(api.GET('/api/auth/session/expiry'));
    return unsubscribe;
  }, []);

  /** Asks how long is left; the answer's header moves the deadline, a 401 signs the user out (api/client.ts). */
  const check = useCallback(async () => {
    const result = await call(api.GET('/api/auth/session/expiry'));
    if (result.ok && result.data.expiresInSeconds * 1000 <= WARN_BEFORE_MS) {
      setPhase((previous) => (previous === 'quiet' ? 'warning' : previous));
    }
  }, []);

  useEffect(() => {
    if (deadline === null) return undefined;
    const left = deadline - Date.now();
    const warn = window.setTimeout(() => void check(), Math.max(0, left - WARN_BEFORE_MS));
    const end = window.setTimeout(() => void check(), Math.max(0, left + END_GRACE_MS));
    return () => {
      window.clearTimeout(warn);
      window.clearTimeout(end);
    };
  }, [deadline, check]);

  const open = phase === 'warning' || phase === 'final';
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', ''); // environments without <dialog> support (jsdom)
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
    if (open) actionRef.current?.focus();
  }, [open, phase]);

  async function stay() {
    setBusy(true);
    const result = await call(api.POST('/api/auth/session/extend'));
    setBusy(false);
    if (!result.ok) {
      setFailed(true);
      return;
    }
    // The absolute limit cannot be moved: then say so instead of offering the button again.
    if (result.data.expiresInSeconds * 1000 <= WARN_BEFORE_MS) setPhase('final');
  }

  const time =
    deadline === null
      ? ''
      : new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(deadline);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={() => setPhase('dismissed')}
    >
      <h2 id={titleId} className="dialog__title">
        {t('sessionTimeout.title')}
      </h2>
      {open ? (
        <>
          <p id={messageId}>
            {t(phase === 'final' ? 'sessionTimeout.final' : 'sessionTimeout.message', { time })}
          </p>
          {failed ? (
            <p className="field__error" role="alert">
              {t('sessionTimeout.extendFailed')}
            </p>
          ) : null}
          <div className="actions">
            {phase === 'final' ? (
              <button ref={actionRef} type="button" className="button" onClick={() => setPhase('dismissed')}>
                {t('sessionTimeout.understood')}
              </button>
            ) : (
              <button
                ref={actionRef}
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void stay()}
              >
                {t('sessionTimeout.stay')}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={() => void signOut()}>
              {t('sessionTimeout.signOut')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
