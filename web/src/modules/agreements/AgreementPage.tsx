import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import { isOneOf, type Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import { FieldError, RadioGroup, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import { AgreementEditor, useAgreementProblem } from './AgreementEditor';
import {
  checkReview,
  DOCUMENT_TYPES,
  inputOf,
  MAX_DOCUMENT_BYTES,
  readBase64,
  REVIEW_OUTCOMES,
  reviewBodyOf,
  RULE_KEYS,
  valuesOf,
  type Agreement,
  type AgreementReview,
  type ReviewValues,
} from './model';

function wasJustCreated(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'created' in state && state.created === true;
}

/**
 * One cooperation agreement: its partners, form, goals, rules and term; editing (with the version read),
 * the signed document, the yearly reviews with their history, archiving [001 L1930–1990].
 */
export function AgreementPage() {
  const { t } = useTranslation();
  const { agreementId = '' } = useParams();
  const location = useLocation();
  const format = useFormat();
  const loaded = useResource(agreementId, () =>
    call(api.GET('/api/agreements/{id}', { params: { path: { id: agreementId } } })),
  );
  // The view an action answered with, until the next load.
  const [latest, setLatest] = useState<Agreement | null>(null);
  const [message, setMessage] = useState<string | null>(() =>
    wasJustCreated(location.state) ? t('agreements.create.created') : null,
  );
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [archiveProblem, setArchiveProblem] = useState<Problem | null>(null);
  const fromServer = loaded.data?.id === agreementId ? loaded.data : null;
  const agreement = latest?.id === agreementId ? latest : fromServer;

  function changed(view: Agreement, text: string) {
    setLatest(view);
    setMessage(text);
  }

  function reload() {
    setConflict(false);
    setEditing(false);
    setLatest(null);
    setMessage(null);
    loaded.reload();
  }

  if (agreement === null) {
    return (
      <Page title={t('agreements.title')}>
        {loaded.result && !loaded.result.ok ? (
          <ProblemAlert problem={loaded.result.problem} onRetry={loaded.reload} />
        ) : (
          <p role="status">{t('agreements.loading')}</p>
        )}
      </Page>
    );
  }

  const manage = agreement.permissions.manage;

  async function archive(current: Agreement) {
    const result = await call(
      api.POST('/api/agreements/{id}/archive', {
        params: { path: { id: current.id } },
        body: { version: current.version },
      }),
    );
    setArchiving(false);
    if (result.ok) {
      setArchiveProblem(null);
      changed(result.data, t('agreements.detail.archived'));
    } else if (result.problem.code === 'version-conflict') setConflict(true);
    else setArchiveProblem(result.problem);
  }

  return (
    <Page title={agreement.title}>
      <p>
        <Link to="/network/agreements">{t('agreements.detail.back')}</Link>
      </p>
      <StatusRegion message={message} focus />
      {conflict ? (
        <ConflictNotice
          heading={t('agreements.detail.conflictHeading')}
          text={t('agreements.detail.conflictText')}
          hint={t('agreements.detail.conflictHint')}
          action={t('agreements.detail.conflictReload')}
          onAction={reload}
        />
      ) : null}
      {agreement.archivedAt ? (
        <p className="alert alert--info">
          {t('agreements.detail.archivedOn', { at: format.dateTime(agreement.archivedAt) })}
        </p>
      ) : null}

      {editing && !conflict ? (
        <section aria-labelledby="agreement-edit-heading">
          <h2 id="agreement-edit-heading">{t('agreements.detail.editHeading')}</h2>
          <AgreementEditor
            idPrefix="agreement-edit"
            initial={valuesOf(agreement)}
            people={[agreement.responsible]}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              const result = await call(
                api.PUT('/api/agreements/{id}', {
                  params: { path: { id: agreement.id } },
                  body: { version: agreement.version, ...inputOf(values) },
                }),
              );
              if (result.ok) {
                setEditing(false);
                changed(result.data, t('agreements.detail.saved'));
                return null;
              }
              if (result.problem.code === 'version-conflict') {
                setConflict(true);
                return null;
              }
              return result.problem;
            }}
          />
        </section>
      ) : (
        <Facts agreement={agreement} onEdit={manage && !conflict ? () => setEditing(true) : undefined} />
      )}

      <DocumentSection agreement={agreement} onChanged={(view, text) => changed(view, text)} />
      <ReviewSection
        agreement={agreement}
        onReviewed={(view) => changed(view, t('agreements.review.saved'))}
      />

      {manage ? (
        <section aria-labelledby="agreement-archive-heading">
          <h2 id="agreement-archive-heading" className="visually-hidden">
            {t('agreements.detail.archive')}
          </h2>
          {archiveProblem ? <ProblemAlert problem={archiveProblem} /> : null}
          <Button variant="danger" onClick={() => setArchiving(true)}>
            {t('agreements.detail.archive')}
          </Button>
          <Dialog
            open={archiving}
            title={t('agreements.detail.archiveTitle')}
            onClose={() => setArchiving(false)}
          >
            <p>{t('agreements.detail.archiveText')}</p>
            <div className="actions">
              <Button variant="danger" onClick={() => void archive(agreement)}>
                {t('agreements.detail.archiveConfirm')}
              </Button>
              <Button variant="secondary" onClick={() => setArchiving(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          </Dialog>
        </section>
      ) : null}
    </Page>
  );
}

function Facts({ agreement, onEdit }: { agreement: Agreement; onEdit: (() => void) | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="agreement-facts">
      <h2 id="agreement-facts">{t('agreements.detail.facts')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('agreements.fields.partners')}</dt>
          <dd>
            <ul className="plain-list">
              {agreement.partners.map((p) => (
                <li key={p.id}>
                  <Link to={`/network/partners/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                  {p.archived ? (
                    <span className="tag tag--withdrawn"> {t('agreements.partnerPicker.archived')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('agreements.fields.form')}</dt>
          <dd>{t(`agreements.forms.${agreement.form}`)}</dd>
        </div>
        <div>
          <dt>{t('agreements.list.term')}</dt>
          <dd>
            {agreement.endsOn
              ? t('agreements.term.bounded', {
                  from: format.day(agreement.startsOn),
                  to: format.day(agreement.endsOn),
                })
              : t('agreements.term.openEnded', { from: format.day(agreement.startsOn) })}{' '}
            ({t(`agreements.states.${agreement.state}`)})
          </dd>
        </div>
        <div>
          <dt>{t('agreements.list.nextReview')}</dt>
          <dd>
            {format.day(agreement.reviewOn, t('agreements.detail.noReview'))}
            {agreement.reviewDue ? (
              <span className="tag tag--overdue"> {t('agreements.list.due')}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('agreements.fields.responsible')}</dt>
          <dd>
            {agreement.responsible.displayName}
            {agreement.reviewOn && !agreement.archived ? (
              <p className="field__hint">
                {t('agreements.detail.reminder', { name: agreement.responsible.displayName })}
              </p>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('agreements.fields.goals')}</dt>
          <dd className="preserve-lines">{agreement.goals ?? t('agreements.detail.noGoals')}</dd>
        </div>
        {RULE_KEYS.map((key) => (
          <div key={key}>
            <dt>{t(`agreements.rules.${key}`)}</dt>
            <dd className="preserve-lines">{agreement.rules[key] ?? t('common.none')}</dd>
          </div>
        ))}
        <div>
          <dt>{t('agreements.detail.state')}</dt>
          <dd>
            {t('agreements.detail.stand', {
              version: agreement.version,
              at: format.dateTime(agreement.updatedAt),
              by: agreement.updatedBy.displayName,
            })}
          </dd>
        </div>
      </dl>
      {onEdit ? (
        <p>
          <Button variant="secondary" onClick={onEdit}>
            {t('agreements.detail.edit')}
          </Button>
        </p>
      ) : null}
    </section>
  );
}

const FILE_ID = 'agreement-document-file';

function DocumentSection({
  agreement,
  onChanged,
}: {
  agreement: Agreement;
  onChanged: (view: Agreement, message: string) => void;
}) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const manage = agreement.permissions.manage;
  const oral = agreement.form === 'oral';

  function refuse(message: string) {
    setFileError(message);
    fileInput.current?.focus();
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setFileError(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return refuse(t('agreements.document.noFile'));
    if (!isOneOf(DOCUMENT_TYPES, file.type)) return refuse(t('agreements.document.wrongType'));
    if (file.size > MAX_DOCUMENT_BYTES) return refuse(t('agreements.document.tooLarge'));
    setBusy(true);
    const result = await call(
      api.PUT('/api/agreements/{id}/document', {
        params: { path: { id: agreement.id } },
        body: { filename: file.name, contentType: file.type, contentBase64: await readBase64(file) },
      }),
    );
    setBusy(false);
    if (result.ok) {
      if (fileInput.current) fileInput.current.value = '';
      onChanged(
        { ...agreement, document: result.data, hasDocument: true },
        t('agreements.document.uploaded'),
      );
      return;
    }
    const content = result.problem.errors?.find((e) => e.pointer === '/contentBase64');
    if (content?.code === 'format') return refuse(t('agreements.document.notMatching'));
    if (content?.code === 'maxLength') return refuse(t('agreements.document.tooLarge'));
    setProblem(result.problem);
  }

  async function remove() {
    if (busy) return;
    setBusy(true);
    const result = await call(
      api.DELETE('/api/agreements/{id}/document', { params: { path: { id: agreement.id } } }),
    );
    setBusy(false);
    if (result.ok)
      onChanged({ ...agreement, document: null, hasDocument: false }, t('agreements.document.removed'));
    else setProblem(result.problem);
  }

  return (
    <section aria-labelledby="agreement-document">
      <h2 id="agreement-document">{t('agreements.document.heading')}</h2>
      <p>{t('agreements.document.intro')}</p>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {agreement.document ? (
        <p className="row-actions">
          <a
            href={`/api/agreements/${encodeURIComponent(agreement.id)}/document`}
            download={agreement.document.filename}
          >
            {t('agreements.document.download', { filename: agreement.document.filename })}
          </a>
          <span className="muted">
            {t('agreements.document.size', { size: Math.max(1, Math.round(agreement.document.size / 1024)) })}
          </span>
          {manage ? (
            <Button variant="link" busy={busy} onClick={() => void remove()}>
              {t('agreements.document.remove')}
            </Button>
          ) : null}
        </p>
      ) : (
        <p>{oral ? t('agreements.document.oral') : t('agreements.document.none')}</p>
      )}
      {manage && !oral ? (
        <form className="form" noValidate onSubmit={(event) => void upload(event)}>
          <div className={fileError ? 'field field--error' : 'field'}>
            <label htmlFor={FILE_ID} className="field__label">
              {t('agreements.document.file')}
            </label>
            <FieldError id={FILE_ID} error={fileError ?? undefined} />
            <input
              ref={fileInput}
              id={FILE_ID}
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
              className="field__input"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${FILE_ID}-error` : undefined}
              onChange={() => setFileError(null)}
            />
          </div>
          <Button type="submit" busy={busy}>
            {agreement.document ? t('agreements.document.replace') : t('agreements.document.upload')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

const emptyReview = (): ReviewValues => ({ reviewedOn: today(), outcome: '', notes: '', nextReviewOn: '' });

function ReviewSection({
  agreement,
  onReviewed,
}: {
  agreement: Agreement;
  onReviewed: (view: Agreement) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [values, setValues] = useState<ReviewValues>(emptyReview);
  const [sent, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const { problem, errors } = useAgreementProblem(sent);
  const set = (changes: Partial<ReviewValues>) => setValues((v) => ({ ...v, ...changes }));
  const refs = {
    reviewedOn: { id: 'review-reviewed-on', label: t('agreements.review.reviewedOnField') },
    outcome: { id: 'review-outcome', label: t('agreements.review.outcomeField') },
    notes: { id: 'review-notes', label: t('agreements.review.notesField') },
    nextReviewOn: { id: 'review-next', label: t('agreements.review.nextField') },
  } satisfies Record<string, FieldRef>;

  const columns: Column<AgreementReview>[] = [
    {
      key: 'reviewedOn',
      header: t('agreements.review.reviewedOn'),
      rowHeader: true,
      cell: (r) => format.day(r.reviewedOn),
    },
    {
      key: 'outcome',
      header: t('agreements.review.outcome'),
      cell: (r) => t(`agreements.outcomes.${r.outcome}`),
    },
    {
      key: 'notes',
      header: t('agreements.review.notes'),
      cell: (r) => <span className="preserve-lines">{r.notes ?? t('common.none')}</span>,
    },
    { key: 'next', header: t('agreements.review.nextReviewOn'), cell: (r) => format.day(r.nextReviewOn) },
    { key: 'by', header: t('agreements.review.by'), cell: (r) => r.createdBy.displayName },
  ];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = checkReview(values, today());
    const body = reviewBodyOf(values);
    if (found.length > 0 || body === null) {
      setProblem(clientValidationProblem(found));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/agreements/{id}/reviews', { params: { path: { id: agreement.id } }, body }),
    );
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      setValues(emptyReview());
      onReviewed(result.data);
    } else setProblem(result.problem);
  }

  return (
    <section aria-labelledby="agreement-reviews">
      <h2 id="agreement-reviews">{t('agreements.review.heading')}</h2>
      <p>{t('agreements.review.intro')}</p>
      <DataTable
        caption={t('agreements.review.caption')}
        columns={columns}
        rows={agreement.reviews}
        rowKey={(r) => r.id}
        empty={t('agreements.review.empty')}
      />
      {agreement.permissions.manage ? (
        <>
          <h3>{t('agreements.review.formHeading')}</h3>
          <form className="form" noValidate onSubmit={(event) => void submit(event)}>
            <ErrorSummary problem={problem} fields={refs} />
            <TextField
              id={refs.reviewedOn.id}
              type="date"
              label={refs.reviewedOn.label}
              value={values.reviewedOn}
              onValueChange={(reviewedOn) => set({ reviewedOn })}
              error={errors.reviewedOn}
            />
            <RadioGroup
              id={refs.outcome.id}
              legend={refs.outcome.label}
              options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`agreements.outcomes.${o}`) }))}
              value={values.outcome}
              onValueChange={(outcome) => {
                if (isOneOf(REVIEW_OUTCOMES, outcome)) set({ outcome });
              }}
              error={errors.outcome}
            />
            <TextArea
              id={refs.notes.id}
              label={refs.notes.label}
              hint={t('agreements.review.notesHint')}
              optional
              maxLength={4000}
              value={values.notes}
              onValueChange={(notes) => set({ notes })}
              error={errors.notes}
            />
            {values.outcome === 'end' ? (
              <p className="field__hint">{t('agreements.review.endHint')}</p>
            ) : (
              <TextField
                id={refs.nextReviewOn.id}
                type="date"
                label={refs.nextReviewOn.label}
                hint={t('agreements.review.nextHint')}
                optional
                value={values.nextReviewOn}
                onValueChange={(nextReviewOn) => set({ nextReviewOn })}
                error={errors.nextReviewOn}
              />
            )}
            <Button type="submit" busy={busy}>
              {t('agreements.review.submit')}
            </Button>
          </form>
        </>
      ) : null}
    </section>
  );
}
