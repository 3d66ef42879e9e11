import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { CaseView } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { CheckboxField } from '../../ui/fields';
import { useResource } from '../../ui/useResource';
import { ContactForm } from './ContactForm';
import { ContactTable, type ContactAction } from './ContactTable';
import { EndContactForm, RemoveContactForm } from './EndRemoveForms';
import type { NetworkContact } from './model';
import { NetworkMap } from './NetworkMap';

/**
 * Netzwerkkarte: the client's personal network as an eco-map, the contacts as a table, and the forms to keep
 * it up to date. Ended contacts are fetched only when asked for (need-to-know; every read is audited).
 */
export function NetworkPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const [showEnded, setShowEnded] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [acting, setActing] = useState<{ action: ContactAction; contact: NetworkContact } | null>(null);
  const canWrite = view.permissions.write && view.phase !== 'closed' && !view.anonymised;
  const network = useResource(`${view.id}:${showEnded}:${generation}`, () =>
    call(
      api.GET('/api/cases/{id}/network', {
        params: { path: { id: view.id }, query: { includeEnded: showEnded } },
      }),
    ),
  );
  const items = network.data?.items;
  const { current, ended } = useMemo(
    () => ({
      current: (items ?? []).filter((c) => c.endedOn === null),
      ended: (items ?? []).filter((c) => c.endedOn !== null),
    }),
    [items],
  );
  const drawn = useMemo(() => (showEnded ? [...current, ...ended] : current), [showEnded, current, ended]);
  const clientName = `${view.client.givenNames} ${view.client.familyName}`.trim();
  const centreLabel = view.client.givenNames.trim().split(/\s+/)[0] ?? '';

  function changed(note: string) {
    setActing(null);
    setMessage(note);
    setGeneration((g) => g + 1);
  }

  const close = () => setActing(null);
  const reloadAfterConflict = () => changed(t('network.conflict.reloaded'));

  return (
    <div className="network-panel">
      <h2>{t('network.heading')}</h2>
      <p>{t('network.intro')}</p>
      <StatusRegion message={message} focus />
      {canWrite && !view.processing.allowed ? <Alert kind="info">{t('network.noBasis')}</Alert> : null}
      <div className="network-toolbar no-print">
        <CheckboxField
          id="network-show-ended"
          label={t('network.showEnded')}
          checked={showEnded}
          onCheckedChange={setShowEnded}
        />
        <Button variant="secondary" onClick={() => window.print()}>
          {t('network.print')}
        </Button>
      </div>
      {network.result && !network.result.ok ? (
        <ProblemAlert problem={network.result.problem} onRetry={network.reload} />
      ) : null}
      {network.data ? (
        <>
          {drawn.length > 0 ? (
            <NetworkMap contacts={drawn} clientName={clientName} centreLabel={centreLabel} />
          ) : null}
          <ContactTable
            caption={t('network.table.caption')}
            empty={t('network.table.empty')}
            contacts={current}
            busy={network.loading}
            canWrite={canWrite}
            onAction={(action, contact) => setActing({ action, contact })}
          />
          {showEnded ? (
            <ContactTable
              caption={t('network.table.endedCaption')}
              empty={t('network.table.endedEmpty')}
              contacts={ended}
              ended
              busy={network.loading}
              canWrite={canWrite}
              onAction={(action, contact) => setActing({ action, contact })}
            />
          ) : null}
        </>
      ) : network.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      {canWrite ? (
        <section aria-labelledby="network-new-heading" className="panel no-print">
          <h3 id="network-new-heading">{t('network.form.addHeading')}</h3>
          <ContactForm prefix="network-new" caseId={view.id} onSaved={changed} />
        </section>
      ) : null}
      <Dialog open={acting?.action === 'edit'} title={t('network.form.editTitle')} onClose={close}>
        {acting?.action === 'edit' ? (
          <ContactForm
            key={`${acting.contact.id}:${acting.contact.version}`}
            prefix="network-edit"
            caseId={view.id}
            contact={acting.contact}
            onSaved={changed}
            onCancel={close}
            onConflict={reloadAfterConflict}
          />
        ) : null}
      </Dialog>
      <Dialog open={acting?.action === 'end'} title={t('network.end.title')} onClose={close}>
        {acting?.action === 'end' ? (
          <EndContactForm
            contact={acting.contact}
            onDone={changed}
            onCancel={close}
            onConflict={reloadAfterConflict}
          />
        ) : null}
      </Dialog>
      <Dialog open={acting?.action === 'remove'} title={t('network.remove.title')} onClose={close}>
        {acting?.action === 'remove' ? (
          <RemoveContactForm
            contact={acting.contact}
            onDone={changed}
            onCancel={close}
            onConflict={reloadAfterConflict}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
