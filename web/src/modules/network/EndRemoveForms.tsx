import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { today } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import type { NetworkContact } from './model';

interface ActionFormProps {
  contact: NetworkContact;
  /** Called with the status message to show. */
  onDone: (message: string) => void;
  onCancel: () => void;
  /** The contact changed meanwhile: reload the map. */
  onConflict: () => void;
}

function Conflict({ onConflict }: { onConflict: () => void }) {
  const { t } = useTranslation();
  return (
    <ConflictNotice
      heading={t('network.conflict.heading')}
      text={t('network.conflict.text')}
      hint={t('network.conflict.hint')}
      action={t('network.conflict.reload')}
      onAction={onConflict}
    />
  );
}

/** Ends a contact: it stays on record with its end date (the map over time), it is not removed. */
export function EndContactForm({ contact, onDone, onCancel, onConflict }: ActionFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [endedOn, setEndedOn] = useState(today);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const field = { id: 'network-end-date', label: t('network.end.date') };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checks: FieldProblem[] = [];
    if (endedOn === '') checks.push({ pointer: '/endedOn', code: 'required', message: '' });
    else if (endedOn > today()) checks.push({ pointer: '/endedOn', code: 'in-future', message: '' });
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setBusy(true);
    const result = await call(
      api.PATCH('/api/network-contacts/{id}', {
        params: { path: { id: contact.id } },
        body: { version: contact.version, endedOn },
      }),
    );
    setBusy(false);
    if (result.ok) onDone(t('network.end.done', { name: contact.name }));
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <Conflict onConflict={onConflict} />
      ) : (
        <ErrorSummary problem={problem} fields={{ endedOn: field }} />
      )}
      <p>{t('network.end.intro', { name: contact.name })}</p>
      <TextField
        id={field.id}
        type="date"
        label={field.label}
        max={today()}
        value={endedOn}
        onValueChange={setEndedOn}
        error={text.fieldErrors(problem).endedOn}
      />
      <div className="actions">
        <Button type="submit" busy={busy}>
          {t('network.end.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Removes an entry made by mistake, after asking. */
export function RemoveContactForm({ contact, onDone, onCancel, onConflict }: ActionFormProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await call(
      api.POST('/api/network-contacts/{id}/remove', {
        params: { path: { id: contact.id } },
        body: { version: contact.version },
      }),
    );
    setBusy(false);
    if (result.ok) onDone(t('network.remove.done', { name: contact.name }));
    else setProblem(result.problem);
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <Conflict onConflict={onConflict} />
      ) : (
        <ErrorSummary problem={problem} />
      )}
      <p>{t('network.remove.intro')}</p>
      <div className="actions">
        <Button type="submit" variant="danger" busy={busy}>
          {t('network.remove.confirm', { name: contact.name })}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
