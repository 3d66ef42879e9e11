import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { isOneOf, type Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useFocusAfterRender } from '../../ui/focus';
import { useProblemText } from '../../ui/problemText';
import { useReferralLabels } from './labels';
import { BARRIERS, type Barrier, type Referral, type ReferralEvent, type ReferralStatus } from './model';

interface DetailsProps {
  referral: Referral;
  canWrite: boolean;
  onChanged: (next: Referral, message: string) => void;
  onConflict: () => void;
  onClose: () => void;
}

/** One referral: its facts and history, the next status with its day, barriers and the partner's feedback. */
export function ReferralDetails({ referral, canWrite, onChanged, onConflict, onClose }: DetailsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useReferralLabels();
  const [conflict, setConflict] = useState(false);
  const r = referral;
  const historyColumns: Column<ReferralEvent>[] = [
    {
      key: 'status',
      header: t('referrals.details.historyStatus'),
      rowHeader: true,
      cell: (e) => labels.status(e.status),
    },
    { key: 'on', header: t('referrals.details.historyOn'), cell: (e) => format.day(e.on) },
    {
      key: 'note',
      header: t('referrals.details.historyNote'),
      cell: (e) => <span dir="auto">{e.note ?? t('referrals.none')}</span>,
    },
    { key: 'by', header: t('referrals.details.historyBy'), cell: (e) => e.recordedBy.displayName },
  ];
  return (
    <section
      id="referral-details"
      aria-labelledby="referral-details-heading"
      className="panel referral-details"
    >
      <h3 id="referral-details-heading" tabIndex={-1} dir="auto">
        {t('referrals.details.heading', { offer: labels.title(r) })}
      </h3>
      <dl className="facts facts--small">
        <div>
          <dt>{t('referrals.columns.partner')}</dt>
          <dd dir="auto">
            {r.partner.name}
            {r.partner.archived ? ` ${t('referrals.archived')}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('referrals.details.step')}</dt>
          <dd dir="auto">{labels.step(r)}</dd>
        </div>
        <div>
          <dt>{t('referrals.columns.status')}</dt>
          <dd>{labels.statusWithDate(r)}</dd>
        </div>
        <div>
          <dt>{t('referrals.details.requestedOn')}</dt>
          <dd>{format.day(r.requestedOn)}</dd>
        </div>
        {r.acceptedOn ? (
          <div>
            <dt>{t('referrals.details.acceptedOn')}</dt>
            <dd>{format.day(r.acceptedOn)}</dd>
          </div>
        ) : null}
        {r.startedOn ? (
          <div>
            <dt>{t('referrals.details.startedOn')}</dt>
            <dd>{format.day(r.startedOn)}</dd>
          </div>
        ) : null}
        {r.endedOn ? (
          <div>
            <dt>{t('referrals.details.endedOn')}</dt>
            <dd>{format.day(r.endedOn)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('referrals.details.waiting')}</dt>
          <dd>{labels.waiting(r)}</dd>
        </div>
        <div>
          <dt>{t('referrals.details.data')}</dt>
          <dd>{r.categories.length > 0 ? labels.categories(r.categories) : t('referrals.details.noData')}</dd>
        </div>
        {!canWrite ? (
          <>
            <div>
              <dt>{t('referrals.edit.barriers')}</dt>
              <dd>{r.barriers.length > 0 ? labels.barriers(r.barriers) : t('referrals.none')}</dd>
            </div>
            <div>
              <dt>{t('referrals.edit.barrierNote')}</dt>
              <dd dir="auto">{r.barrierNote ?? t('referrals.none')}</dd>
            </div>
            <div>
              <dt>{t('referrals.edit.partnerFeedback')}</dt>
              <dd dir="auto">{r.partnerFeedback ?? t('referrals.none')}</dd>
            </div>
            <div>
              <dt>{t('referrals.details.note')}</dt>
              <dd dir="auto">{r.note ?? t('referrals.none')}</dd>
            </div>
          </>
        ) : null}
      </dl>
      <h4>{t('referrals.details.history')}</h4>
      <DataTable
        caption={t('referrals.details.historyCaption')}
        columns={historyColumns}
        rows={r.events}
        rowKey={(e) => `${e.status}:${e.recordedAt}`}
        empty={t('referrals.none')}
      />
      {canWrite && conflict ? (
        <ConflictNotice
          heading={t('referrals.conflict.heading')}
          text={t('referrals.conflict.text')}
          hint={t('referrals.conflict.hint')}
          action={t('referrals.conflict.action')}
          onAction={onConflict}
        />
      ) : null}
      {canWrite && !conflict ? (
        <>
          <StatusChange referral={r} onChanged={onChanged} onConflict={() => setConflict(true)} />
          <BarriersForm referral={r} onChanged={onChanged} onConflict={() => setConflict(true)} />
        </>
      ) : null}
      <div className="actions">
        <Button variant="secondary" onClick={onClose}>
          {t('referrals.details.close')}
        </Button>
      </div>
    </section>
  );
}

/** Date-order problems name the previous status's day rather than "the start". */
function withStatusMessages(problem: Problem | null, message: (date: string) => string): Problem | null {
  if (!problem?.errors) return problem;
  return {
    ...problem,
    errors: problem.errors.map((e) =>
      e.code === 'date-order' && typeof e.params?.after === 'string'
        ? { ...e, code: 'referral-date-order', message: message(e.params.after) }
        : e,
    ),
  };
}

function StatusChange({
  referral,
  onChanged,
  onConflict,
}: {
  referral: Referral;
  onChanged: (next: Referral, message: string) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useReferralLabels();
  const focus = useFocusAfterRender();
  const [target, setTarget] = useState<ReferralStatus | null>(null);
  const [on, setOn] = useState(today());
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = withStatusMessages(problem, (date) =>
    t('referrals.move.dateOrder', { date: format.day(date) }),
  );
  const errors = useFieldErrors(shown);

  function choose(status: ReferralStatus) {
    setTarget(status);
    setOn(today());
    setNote('');
    setProblem(null);
    focus('referral-move-on');
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || target === null) return;
    setBusy(true);
    const result = await call(
      api.POST('/api/referrals/{id}/status', {
        params: { path: { id: referral.id } },
        body: { status: target, on, note: note.trim() || null, version: referral.version },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setTarget(null);
      setProblem(null);
      onChanged(result.data, t('referrals.move.saved', { status: labels.status(result.data.status) }));
    } else if (result.problem.code === 'version-conflict') onConflict();
    else setProblem(result.problem);
  }

  return (
    <section aria-labelledby="referral-move-heading">
      <h4 id="referral-move-heading">{t('referrals.move.heading')}</h4>
      {referral.allowedNext.length === 0 ? <p>{t('referrals.move.none')}</p> : null}
      <div className="actions">
        {referral.allowedNext.map((status) => (
          <Button
            key={status}
            variant={target === status ? 'primary' : 'secondary'}
            aria-pressed={target === status}
            onClick={() => choose(status)}
          >
            {isOneOf(['accepted', 'started', 'completed', 'declined', 'broken_off'] as const, status)
              ? t(`referrals.move.to.${status}`)
              : labels.status(status)}
          </Button>
        ))}
      </div>
      {target !== null ? (
        <form
          className="form"
          noValidate
          aria-labelledby="referral-move-form-heading"
          onSubmit={(e) => void save(e)}
        >
          <h5 id="referral-move-form-heading">
            {t('referrals.move.formHeading', { status: labels.status(target) })}
          </h5>
          <ErrorSummary
            problem={shown}
            fields={{
              on: { id: 'referral-move-on', label: t('referrals.move.on') },
              note: { id: 'referral-move-note', label: t('referrals.move.note') },
            }}
          />
          <TextField
            id="referral-move-on"
            label={t('referrals.move.on')}
            hint={t('referrals.move.onHint')}
            type="date"
            max={today()}
            value={on}
            onValueChange={setOn}
            error={errors.on}
          />
          <TextArea
            id="referral-move-note"
            label={t('referrals.move.note')}
            optional
            maxLength={2000}
            dir="auto"
            value={note}
            onValueChange={setNote}
            error={errors.note}
          />
          <div className="actions">
            <Button type="submit" busy={busy}>
              {t('referrals.move.save')}
            </Button>
            <Button variant="secondary" onClick={() => setTarget(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function BarriersForm({
  referral,
  onChanged,
  onConflict,
}: {
  referral: Referral;
  onChanged: (next: Referral, message: string) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const [barriers, setBarriers] = useState<Barrier[]>(referral.barriers);
  const [barrierNote, setBarrierNote] = useState(referral.barrierNote ?? '');
  const [partnerFeedback, setPartnerFeedback] = useState(referral.partnerFeedback ?? '');
  const [note, setNote] = useState(referral.note ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors(problem);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await call(
      api.PUT('/api/referrals/{id}', {
        params: { path: { id: referral.id } },
        body: {
          barriers,
          barrierNote: barrierNote.trim() || null,
          partnerFeedback: partnerFeedback.trim() || null,
          note: note.trim() || null,
          version: referral.version,
        },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      onChanged(result.data, t('referrals.edit.saved'));
    } else if (result.problem.code === 'version-conflict') onConflict();
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate aria-labelledby="referral-edit-heading" onSubmit={(e) => void save(e)}>
      <h4 id="referral-edit-heading">{t('referrals.edit.heading')}</h4>
      <ErrorSummary
        problem={problem}
        fields={{
          barriers: { id: 'referral-barriers', label: t('referrals.edit.barriers') },
          barrierNote: { id: 'referral-barrier-note', label: t('referrals.edit.barrierNote') },
          partnerFeedback: { id: 'referral-feedback', label: t('referrals.edit.partnerFeedback') },
          note: { id: 'referral-edit-note', label: t('referrals.edit.note') },
        }}
      />
      <CheckboxGroup
        id="referral-barriers"
        legend={t('referrals.edit.barriers')}
        hint={t('referrals.edit.barriersHint')}
        options={BARRIERS.map((b) => ({ value: b, label: t(`referrals.barriers.${b}`) }))}
        values={barriers}
        onValuesChange={(values) => setBarriers(values.filter((b): b is Barrier => isOneOf(BARRIERS, b)))}
        error={errors.barriers}
      />
      <TextArea
        id="referral-barrier-note"
        label={t('referrals.edit.barrierNote')}
        optional
        maxLength={2000}
        dir="auto"
        value={barrierNote}
        onValueChange={setBarrierNote}
        error={errors.barrierNote}
      />
      <TextArea
        id="referral-feedback"
        label={t('referrals.edit.partnerFeedback')}
        optional
        maxLength={4000}
        dir="auto"
        value={partnerFeedback}
        onValueChange={setPartnerFeedback}
        error={errors.partnerFeedback}
      />
      <TextArea
        id="referral-edit-note"
        label={t('referrals.edit.note')}
        optional
        maxLength={2000}
        dir="auto"
        value={note}
        onValueChange={setNote}
        error={errors.note}
      />
      <Button type="submit" busy={busy}>
        {t('referrals.edit.save')}
      </Button>
    </form>
  );
}

function useFieldErrors(problem: Problem | null): Record<string, string> {
  return useProblemText().fieldErrors(problem);
}
