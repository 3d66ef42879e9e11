import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, call } from '../../api/client';
import type { Notification, Notifications } from '../../api/types';
import { StatusRegion } from '../../ui/Alert';
import { useFormat } from '../../ui/format';

const KINDS = [
  'case_handed_over',
  'case_assigned',
  'case_delegated',
  'follow_up_assigned',
  'case_opened_with_reason',
] as const;

/**
 * "Benachrichtigungen (n)" in the header: a disclosure button that opens the list below it. The list is
 * loaded when the app opens a page and when it is opened — not by polling, which would keep an idle
 * session alive for ever.
 */
export function NotificationsMenu() {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<Notifications | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let active = true;
    void call(api.GET('/api/notifications')).then((result) => {
      if (active && result.ok) setData(result.data);
    });
    return () => {
      active = false;
    };
  }, [location.pathname, generation]);

  function label(notification: Notification): string {
    const kind = KINDS.find((k) => k === notification.kind);
    return kind ? t(`codes.notification.${kind}`) : t('codes.notification.other');
  }

  async function markRead(notification: Notification, announce: boolean) {
    const result = await call(
      api.POST('/api/notifications/{id}/read', { params: { path: { id: notification.id } } }),
    );
    if (!result.ok) return;
    if (announce) setMessage(t('notifications.marked'));
    setGeneration((g) => g + 1);
  }

  function toggle() {
    setMessage(null);
    if (!open) setGeneration((g) => g + 1);
    setOpen(!open);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return;
    setOpen(false);
    buttonRef.current?.focus();
  }

  const unread = data?.unread ?? 0;
  return (
    // The Escape key closes the list wherever the focus is inside it.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- Escape must close the list from any focused item inside it
    <div className="notifications" onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="button button--header"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        {t('notifications.button')}
        {unread > 0 ? (
          <>
            <span aria-hidden="true"> ({unread})</span>
            <span className="visually-hidden">, {t('notifications.unread', { count: unread })}</span>
          </>
        ) : null}
      </button>
      <div id={panelId} className="notifications__panel" hidden={!open}>
        <h2 className="notifications__title">{t('notifications.heading')}</h2>
        <StatusRegion message={message} />
        {data === null || data.items.length === 0 ? (
          <p>{t('notifications.empty')}</p>
        ) : (
          <ul className="notifications__list">
            {data.items.map((n) => (
              <li key={n.id} className={n.read ? 'notification' : 'notification notification--unread'}>
                <p className="notification__text">
                  {n.read ? null : <span className="tag">{t('notifications.new')}</span>} {label(n)}
                  {n.case ? (
                    <>
                      {': '}
                      <Link
                        to={`/cases/${encodeURIComponent(n.case.id)}`}
                        onClick={() => {
                          setOpen(false);
                          if (!n.read) void markRead(n, false);
                        }}
                      >
                        {n.case.caseNumber}
                      </Link>
                    </>
                  ) : null}
                </p>
                <p className="notification__meta">
                  <time dateTime={n.createdAt}>{format.dateTime(n.createdAt)}</time>
                  {n.read ? ` · ${t('notifications.read')}` : null}
                </p>
                {n.read ? null : (
                  <button
                    type="button"
                    className="button button--link"
                    onClick={() => void markRead(n, true)}
                  >
                    {t('notifications.markRead')}
                    <span className="visually-hidden">
                      : {label(n)} {n.case?.caseNumber}
                    </span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        >
          {t('notifications.close')}
        </button>
      </div>
    </div>
  );
}
