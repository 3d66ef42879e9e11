import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import {
  CONSENT_FORMS,
  CONSENT_LANGUAGES,
  DATA_CATEGORIES,
  isOneOf,
  LEGAL_BASES,
  PURPOSES,
  RECIPIENT_KINDS,
  SUBJECT_REQUEST_KINDS,
  type Anonymisation,
  type ClientView,
  type Consent,
  type ConsentForm,
  type ConsentInput,
  type ConsentKind,
  type ConsentLanguage,
  type DataCategory,
  type FieldProblem,
  type Problem,
  type ProcessingBasis,
  type Purpose,
  type RecipientKind,
  type SubjectRequestKind,
} from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import { CheckboxGroup, FieldError, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import {
  consentStatus,
  PRIVACY_SECTION_ID,
  printPath,
  printState,
  releasePrefillOf,
  usePrivacyLabels,
  type ReleasePrefill,
} from './labels';

/** What anonymisation keeps for statistics, as the server names it. */
const KEPT_FOR_STATISTICS = [
  'birthYear',
  'gender',
  'residenceStatus',
  'countryOfOrigin',
  'legalDomain',
  'district',
  'arrivalYear',
  'caseKinds',
  'phases',
  'dates',
  'closureReasons',
] as const;

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const UPLOAD_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

interface SectionProps {
  client: ClientView;
  /** The client changed on the server (processing basis, anonymisation): load it again. */
  onChanged: () => void;
}

/**
 * Einwilligungen & Datenschutz on the client page: consents and releases with their status, recording and
 * revoking them, another legal basis, printable forms, the Art. 15 access report and data-subject requests.
 */
export function ConsentSection({ client, onChanged }: SectionProps) {
  const { t } = useTranslation();
  const consents = useResource(`consents:${client.id}`, () =>
    call(api.GET('/api/clients/{id}/consents', { params: { path: { id: client.id } } })),
  );
  const location = useLocation();
  // Coming from a refused disclosure: the release form opens with its recipient, purpose and data.
  const [prefill] = useState(() => releasePrefillOf(location.state));
  const [message, setMessage] = useState<string | null>(null);
  const [mode, setMode] = useState<'none' | ConsentKind>(prefill ? 'release' : 'none');
  const [revoking, setRevoking] = useState<Consent | null>(null);
  const [anonymisation, setAnonymisation] = useState<Anonymisation | null>(null);
  const list = consents.data;
  const writable = !client.anonymised;

  function changed(note: string) {
    setMessage(note);
    consents.reload();
    onChanged();
  }

  return (
    <section aria-labelledby={`${PRIVACY_SECTION_ID}-heading`} id={PRIVACY_SECTION_ID} className="panel">
      <h2 id={`${PRIVACY_SECTION_ID}-heading`}>{t('privacy.heading')}</h2>
      <StatusRegion message={message} focus />
      {anonymisation ? <AnonymisationSummary summary={anonymisation} /> : null}
      {consents.result && !consents.result.ok ? (
        <ProblemAlert problem={consents.result.problem} onRetry={consents.reload} />
      ) : null}
      {list ? (
        <>
          <BasisSummary basis={list.basis} guardianRequired={list.guardianRequiredToday} />
          <ConsentTable
            consents={list.items}
            writable={writable}
            onRevoke={(consent) => {
              setMessage(null);
              setRevoking(consent);
            }}
          />
        </>
      ) : consents.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      {client.anonymised ? <p>{t('privacy.anonymisedNoRevoke')}</p> : null}
      {writable && mode === 'none' ? (
        <div className="actions">
          <Button
            variant="secondary"
            onClick={() => {
              setMessage(null);
              setMode('data_processing');
            }}
          >
            {t('privacy.recordConsent')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setMessage(null);
              setMode('release');
            }}
          >
            {t('privacy.recordRelease')}
          </Button>
        </div>
      ) : null}
      {writable && mode !== 'none' ? (
        <ConsentRecordForm
          client={client}
          release={mode === 'release'}
          prefill={mode === 'release' ? prefill : null}
          onCancel={() => setMode('none')}
          onSaved={(consent) => {
            setMode('none');
            changed(t('privacy.saved', { kind: t(`privacy.kinds.${consent.kind}`) }));
          }}
        />
      ) : null}
      <RevokeDialog
        consent={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(result) => {
          setRevoking(null);
          setAnonymisation(result);
          changed(result ? t('privacy.anonymisedHeading') : t('privacy.revoked'));
        }}
      />
      <PrintForms consents={list?.items ?? []} />
      {writable ? (
        <LegalBasisForm
          key={list?.basis.legalBasis ?? 'none'}
          clientId={client.id}
          basis={list?.basis ?? null}
          onSaved={() => changed(t('privacy.legalBasisSaved'))}
        />
      ) : null}
      <section aria-labelledby="privacy-export">
        <h3 id="privacy-export">{t('privacy.exportHeading')}</h3>
        <p>{t('privacy.exportIntro')}</p>
        <Link to={`/print/export/${encodeURIComponent(client.id)}`} className="button button--secondary">
          {t('privacy.exportOpen')}
        </Link>
      </section>
      <SubjectRequestForm clientId={client.id} onSaved={() => setMessage(t('privacy.requestSaved'))} />
    </section>
  );
}

function BasisSummary({ basis, guardianRequired }: { basis: ProcessingBasis; guardianRequired: boolean }) {
  const { t } = useTranslation();
  const labels = usePrivacyLabels();
  return (
    <div>
      <h3>{t('privacy.basisHeading')}</h3>
      <p>
        {basis.consent
          ? t('privacy.basisConsent')
          : basis.legalBasis
            ? t('privacy.basisLegal', { basis: labels.legalBasis(basis.legalBasis) })
            : t('privacy.basisNone')}
      </p>
      <p>{t('privacy.basisCm', { value: basis.caseManagementConsent ? t('common.yes') : t('common.no') })}</p>
      {guardianRequired ? <p>{t('privacy.guardianToday')}</p> : null}
    </div>
  );
}

function ConsentTable({
  consents,
  writable,
  onRevoke,
}: {
  consents: readonly Consent[];
  writable: boolean;
  onRevoke: (consent: Consent) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = usePrivacyLabels();
  const day = today();
  const statusText = (consent: Consent) => {
    const status = consentStatus(consent, day);
    if (status === 'revoked') return t('privacy.statusRevoked', { date: format.day(consent.revoked?.on) });
    if (status === 'valid') return t('privacy.statusValid');
    return status === 'expired' ? t('privacy.statusExpired') : t('privacy.statusNotYet');
  };
  const columns: Column<Consent>[] = [
    {
      key: 'kind',
      header: t('privacy.kind'),
      rowHeader: true,
      cell: (c) => (
        <>
          {labels.kind(c.kind)}
          {c.recipient ? (
            <>
              <br />
              <span dir="auto">
                {t('privacy.release', {
                  recipient: c.recipient.name,
                  recipientKind: labels.recipientKind(c.recipient.kind),
                  purpose: labels.purpose(c.purpose),
                  categories: labels.categories(c.categories),
                })}
              </span>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'given',
      header: t('privacy.given'),
      cell: (c) => (
        <>
          {t('privacy.givenLine', {
            date: format.day(c.givenOn),
            by:
              c.givenBy === 'guardian'
                ? t('privacy.byGuardian', { name: c.guardian?.name ?? '' })
                : t('privacy.byClient'),
            form: isOneOf(CONSENT_FORMS, c.form) ? t(`consent.forms.${c.form}`) : c.form,
          })}
          {c.witness ? (
            <>
              <br />
              {t('privacy.witnessLine', { witness: c.witness })}
            </>
          ) : null}
          {c.document ? (
            <>
              <br />
              <a href={`/api/documents/${encodeURIComponent(c.document.id)}`} download={c.document.filename}>
                {t('privacy.document', { filename: c.document.filename })}
              </a>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'validUntil',
      header: t('privacy.validUntil'),
      cell: (c) => format.day(c.validUntil, t('privacy.unlimited')),
    },
    { key: 'language', header: t('privacy.language'), cell: (c) => labels.language(c.language) },
    { key: 'status', header: t('privacy.status'), cell: statusText },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (c) =>
        writable && c.revoked === null ? (
          <Button
            variant="secondary"
            aria-label={t('privacy.revokeLabel', { kind: labels.kind(c.kind), date: format.day(c.givenOn) })}
            onClick={() => onRevoke(c)}
          >
            {t('privacy.revoke')}
          </Button>
        ) : (
          t('common.none')
        ),
    },
  ];
  return (
    <DataTable
      caption={t('privacy.listCaption')}
      columns={columns}
      rows={consents}
      rowKey={(c) => c.id}
      empty={t('privacy.empty')}
    />
  );
}

interface RecordValues {
  kind: ConsentKind;
  givenBy: 'client' | 'guardian';
  guardianPersonId: string;
  form: ConsentForm | '';
  witness: string;
  file: File | null;
  givenOn: string;
  validUntil: string;
  language: ConsentLanguage;
  recipientKind: RecipientKind;
  recipientName: string;
  purpose: Purpose | '';
  categories: DataCategory[];
}

/** Checks before sending; pointers as the server reports them. */
export function checkRecordValues(values: RecordValues, day: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = (pointer: string) => problems.push({ pointer, code: 'required', message: '' });
  if (values.givenBy === 'guardian' && values.guardianPersonId === '') required('/guardianPersonId');
  if (values.form === '') required('/form');
  if (values.form === 'oral' && values.witness.trim() === '') required('/witness');
  if (values.form === 'written' && values.file === null) required('/documentId');
  if (values.givenOn === '') required('/givenOn');
  else if (values.givenOn > day) problems.push({ pointer: '/givenOn', code: 'in-future', message: '' });
  if (values.validUntil !== '' && values.givenOn !== '' && values.validUntil < values.givenOn) {
    problems.push({ pointer: '/validUntil', code: 'date-order', message: '' });
  }
  if (values.kind === 'release') {
    if (values.recipientName.trim().length < 2) required('/recipient/name');
    if (values.purpose === '') required('/purpose');
    if (values.categories.length === 0) {
      problems.push({ pointer: '/categories', code: 'minItems', message: '', params: { limit: 1 } });
    }
  }
  return problems;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function ConsentRecordForm({
  client,
  release,
  prefill,
  onCancel,
  onSaved,
}: {
  client: ClientView;
  release: boolean;
  prefill: ReleasePrefill | null;
  onCancel: () => void;
  onSaved: (consent: Consent) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const prefix = release ? 'release' : 'consent-record';
  const [values, setValues] = useState<RecordValues>({
    kind: release ? 'release' : 'data_processing',
    givenBy: 'client',
    guardianPersonId: '',
    form: '',
    witness: '',
    file: null,
    givenOn: today(),
    validUntil: '',
    language: 'de',
    recipientKind: prefill?.recipientKind ?? 'organisation',
    recipientName: prefill?.recipientName ?? '',
    purpose: prefill?.purpose ?? '',
    categories: prefill?.categories ?? [],
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const set = (changes: Partial<RecordValues>) => setValues((v) => ({ ...v, ...changes }));
  const errors = text.fieldErrors(problem);
  const guardians = client.relatedPersons.filter((p) => p.isGuardian);
  const id = (field: string) => `${prefix}-${field}`;
  const refs: Record<string, FieldRef> = {
    kind: { id: id('kind'), label: t('privacy.kindField') },
    givenBy: { id: id('given-by'), label: t('consent.givenBy') },
    guardianPersonId: { id: id('guardian'), label: t('consent.guardian') },
    form: { id: id('form'), label: t('consent.form') },
    witness: { id: id('witness'), label: t('consent.witness') },
    documentId: { id: id('file'), label: t('privacy.upload') },
    givenOn: { id: id('given-on'), label: t('consent.givenOn') },
    validUntil: { id: id('valid-until'), label: t('consent.validUntil') },
    language: { id: id('language'), label: t('consent.language') },
    'recipient.kind': { id: id('recipient-kind'), label: t('privacy.recipientKind') },
    'recipient.name': { id: id('recipient-name'), label: t('privacy.recipientName') },
    purpose: { id: id('purpose'), label: t('privacy.purpose') },
    categories: { id: id('categories'), label: t('privacy.categoriesField') },
  };
  const heading = release ? t('privacy.releaseFormHeading') : t('privacy.consentFormHeading');

  function chooseFile(file: File | null) {
    setFileError(null);
    if (file && file.size > MAX_UPLOAD_BYTES) setFileError(t('privacy.uploadTooLarge'));
    else if (file && !isOneOf(UPLOAD_TYPES, file.type)) setFileError(t('privacy.uploadType'));
    set({ file: file && file.size <= MAX_UPLOAD_BYTES && isOneOf(UPLOAD_TYPES, file.type) ? file : null });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks = checkRecordValues(values, today());
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    let documentId: string | null = null;
    if (values.form === 'written' && values.file) {
      const file = values.file;
      const contentType = isOneOf(UPLOAD_TYPES, file.type) ? file.type : 'application/pdf';
      const uploaded = await call(
        api.POST('/api/clients/{id}/documents', {
          params: { path: { id: client.id } },
          body: { filename: file.name, contentType, contentBase64: await readBase64(file) },
        }),
      );
      if (!uploaded.ok) {
        setSubmitting(false);
        setProblem(uploaded.problem);
        return;
      }
      documentId = uploaded.data.id;
    }
    const body: ConsentInput = {
      kind: values.kind,
      givenBy: values.givenBy,
      form: values.form === '' ? 'oral' : values.form,
      givenOn: values.givenOn,
      language: values.language,
      ...(values.givenBy === 'guardian' ? { guardianPersonId: values.guardianPersonId } : {}),
      ...(values.form === 'oral' ? { witness: values.witness.trim() } : {}),
      ...(documentId ? { documentId } : {}),
      ...(values.validUntil !== '' ? { validUntil: values.validUntil } : {}),
      ...(values.kind === 'release'
        ? {
            recipient: { kind: values.recipientKind, name: values.recipientName.trim() },
            ...(values.purpose !== '' ? { purpose: values.purpose } : {}),
            categories: values.categories,
          }
        : {}),
    };
    const result = await call(
      api.POST('/api/clients/{id}/consents', { params: { path: { id: client.id } }, body }),
    );
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else setProblem(result.problem);
  }

  return (
    <form
      className="form"
      noValidate
      aria-labelledby={`${prefix}-heading`}
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={`${prefix}-heading`}>{heading}</h3>
      {release ? <p>{t('privacy.releaseIntro')}</p> : null}
      <ErrorSummary problem={problem} fields={refs} />
      {release ? (
        <>
          <RadioGroup
            id={id('recipient-kind')}
            legend={t('privacy.recipientKind')}
            options={RECIPIENT_KINDS.map((kind) => ({
              value: kind,
              label: t(`privacy.recipientKinds.${kind}`),
            }))}
            value={values.recipientKind}
            onValueChange={(kind) => set({ recipientKind: kind === 'person' ? 'person' : 'organisation' })}
            error={errors['recipient.kind']}
          />
          <TextField
            id={id('recipient-name')}
            label={t('privacy.recipientName')}
            dir="auto"
            autoComplete="off"
            maxLength={200}
            value={values.recipientName}
            onValueChange={(recipientName) => set({ recipientName })}
            error={errors['recipient.name'] ?? errors.recipient}
          />
          <SelectField
            id={id('purpose')}
            label={t('privacy.purpose')}
            value={values.purpose}
            options={[
              { value: '', label: t('responsibility.choose') },
              ...PURPOSES.map((purpose) => ({ value: purpose, label: t(`privacy.purposes.${purpose}`) })),
            ]}
            onValueChange={(purpose) => set({ purpose: isOneOf(PURPOSES, purpose) ? purpose : '' })}
            error={errors.purpose}
          />
          <CheckboxGroup
            id={id('categories')}
            legend={t('privacy.categoriesField')}
            options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`privacy.categories.${c}`) }))}
            values={values.categories}
            onValuesChange={(categories) =>
              set({ categories: categories.filter((c): c is DataCategory => isOneOf(DATA_CATEGORIES, c)) })
            }
            error={errors.categories}
          />
        </>
      ) : (
        <RadioGroup
          id={id('kind')}
          legend={t('privacy.kindField')}
          options={(['data_processing', 'case_management'] as const).map((kind) => ({
            value: kind,
            label: t(`privacy.kinds.${kind}`),
          }))}
          value={values.kind}
          onValueChange={(kind) =>
            set({ kind: kind === 'case_management' ? 'case_management' : 'data_processing' })
          }
          error={errors.kind}
        />
      )}
      <RadioGroup
        id={id('given-by')}
        legend={t('consent.givenBy')}
        hint={t('consent.givenByHint')}
        options={[
          { value: 'client', label: t('consent.byClient') },
          { value: 'guardian', label: t('consent.byGuardian') },
        ]}
        value={values.givenBy}
        onValueChange={(givenBy) => set({ givenBy: givenBy === 'guardian' ? 'guardian' : 'client' })}
        error={errors.givenBy}
      />
      {values.givenBy === 'guardian' ? (
        guardians.length === 0 ? (
          <p id={id('guardian')} className={errors.guardianPersonId ? 'field__error' : 'field__hint'}>
            {t('consent.noGuardian')}
          </p>
        ) : (
          <SelectField
            id={id('guardian')}
            label={t('consent.guardian')}
            value={values.guardianPersonId}
            options={[
              { value: '', label: t('responsibility.choose') },
              ...guardians.map((g) => ({ value: g.id, label: g.name })),
            ]}
            onValueChange={(guardianPersonId) => set({ guardianPersonId })}
            error={errors.guardianPersonId}
          />
        )
      ) : null}
      <RadioGroup
        id={id('form')}
        legend={t('consent.form')}
        options={CONSENT_FORMS.map((form) => ({ value: form, label: t(`consent.forms.${form}`) }))}
        value={values.form}
        onValueChange={(form) => set({ form: isOneOf(CONSENT_FORMS, form) ? form : '' })}
        error={errors.form}
      />
      {values.form === 'oral' ? (
        <TextField
          id={id('witness')}
          label={t('consent.witness')}
          hint={t('consent.witnessHint')}
          dir="auto"
          autoComplete="off"
          maxLength={200}
          value={values.witness}
          onValueChange={(witness) => set({ witness })}
          error={errors.witness}
        />
      ) : null}
      {values.form === 'written' ? (
        <div className={errors.documentId || fileError ? 'field field--error' : 'field'}>
          <label htmlFor={id('file')} className="field__label">
            {t('privacy.upload')}
          </label>
          <p id={`${id('file')}-hint`} className="field__hint">
            {t('privacy.uploadHint')}
          </p>
          <FieldError id={id('file')} error={fileError ?? errors.documentId} />
          <input
            id={id('file')}
            type="file"
            className="field__input"
            accept={UPLOAD_TYPES.join(',')}
            aria-describedby={`${id('file')}-hint${fileError || errors.documentId ? ` ${id('file')}-error` : ''}`}
            aria-invalid={fileError || errors.documentId ? true : undefined}
            onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
          />
        </div>
      ) : null}
      <div className="field-row">
        <TextField
          id={id('given-on')}
          type="date"
          label={t('consent.givenOn')}
          max={today()}
          value={values.givenOn}
          onValueChange={(givenOn) => set({ givenOn })}
          error={errors.givenOn}
        />
        <TextField
          id={id('valid-until')}
          type="date"
          label={t('consent.validUntil')}
          optional
          value={values.validUntil}
          onValueChange={(validUntil) => set({ validUntil })}
          error={errors.validUntil}
        />
      </div>
      <SelectField
        id={id('language')}
        label={t('consent.language')}
        value={values.language}
        options={CONSENT_LANGUAGES.map((language) => ({
          value: language,
          label: t(`consent.languages.${language}`),
        }))}
        onValueChange={(language) =>
          set({ language: isOneOf(CONSENT_LANGUAGES, language) ? language : 'de' })
        }
        error={errors.language}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : t('privacy.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Link
          className="button button--link"
          to={printPath(values.kind, values.language, { release })}
          state={
            release
              ? printState({
                  recipient: values.recipientName,
                  purpose: values.purpose === '' ? '' : t(`privacy.purposes.${values.purpose}`),
                  categories: values.categories,
                  validUntil: values.validUntil,
                })
              : undefined
          }
        >
          {release ? t('privacy.printThisRelease') : t('privacy.print')}
        </Link>
      </div>
    </form>
  );
}

function RevokeDialog({
  consent,
  onClose,
  onRevoked,
}: {
  consent: Consent | null;
  onClose: () => void;
  onRevoked: (anonymisation: Anonymisation | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={consent !== null} title={t('privacy.revokeTitle')} onClose={onClose}>
      {consent ? (
        <RevokeForm key={consent.id} consent={consent} onCancel={onClose} onRevoked={onRevoked} />
      ) : null}
    </Dialog>
  );
}

function RevokeForm({
  consent,
  onCancel,
  onRevoked,
}: {
  consent: Consent;
  onCancel: () => void;
  onRevoked: (anonymisation: Anonymisation | null) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useProblemText();
  const labels = usePrivacyLabels();
  const [revokedOn, setRevokedOn] = useState(today());
  const [revokedBy, setRevokedBy] = useState<'client' | 'guardian'>(consent.givenBy);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const anonymises = consent.kind === 'data_processing';
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    const result = await call(
      api.POST('/api/consents/{id}/revoke', {
        params: { path: { id: consent.id } },
        body: { version: consent.version, revokedOn, revokedBy },
      }),
    );
    setSubmitting(false);
    if (result.ok) onRevoked(result.data.anonymisation);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p>
        {t('privacy.revokeIntro', { kind: labels.kind(consent.kind), date: format.day(consent.givenOn) })}
      </p>
      {anonymises ? (
        <div className="alert alert--error">
          <p>{t('privacy.revokeAnonymiseWarning')}</p>
        </div>
      ) : null}
      <ErrorSummary
        problem={problem}
        fields={{
          revokedOn: { id: 'revoke-on', label: t('privacy.revokedOn') },
          revokedBy: { id: 'revoke-by', label: t('privacy.revokedBy') },
        }}
      />
      <TextField
        id="revoke-on"
        type="date"
        label={t('privacy.revokedOn')}
        max={today()}
        value={revokedOn}
        onValueChange={setRevokedOn}
        error={errors.revokedOn}
      />
      <RadioGroup
        id="revoke-by"
        legend={t('privacy.revokedBy')}
        options={[
          { value: 'client', label: t('consent.byClient') },
          { value: 'guardian', label: t('consent.byGuardian') },
        ]}
        value={revokedBy}
        onValueChange={(by) => setRevokedBy(by === 'guardian' ? 'guardian' : 'client')}
        error={errors.revokedBy}
      />
      <div className="actions">
        <Button type="submit" variant="danger" busy={submitting}>
          {anonymises ? t('privacy.revokeConfirmAnonymise') : t('privacy.revokeConfirm')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** What revoking the data-processing consent removed, and what stays for statistics. */
function AnonymisationSummary({ summary }: { summary: Anonymisation }) {
  const { t } = useTranslation();
  const { removed } = summary;
  const items = [
    removed.names ? t('privacy.removedNames') : null,
    removed.contactData ? t('privacy.removedContact') : null,
    removed.address ? t('privacy.removedAddress') : null,
    removed.healthNotes ? t('privacy.removedHealth') : null,
    t('privacy.removedRelated', { count: removed.relatedPersons }),
    t('privacy.removedDocuments', { count: removed.documents }),
    t('privacy.removedJournal', { count: removed.journalTexts }),
    t('privacy.removedFollowUps', { count: removed.followUpTexts }),
    t('privacy.removedCaseTexts', { count: removed.caseFreeTexts }),
    t('privacy.removedNetwork', { count: removed.networkContacts }),
    t('privacy.removedAssessments', { count: removed.assessments }),
    t('privacy.removedPlans', { count: removed.plans }),
    t('privacy.removedReferrals', { count: removed.referrals }),
    t('privacy.removedConferences', { count: removed.conferences }),
  ].filter((item): item is string => item !== null);
  const kept = summary.kept.map((key) =>
    isOneOf(KEPT_FOR_STATISTICS, key) ? t(`privacy.kept.${key}`) : key,
  );
  return (
    <Alert kind="info">
      <h3>{t('privacy.anonymisedHeading')}</h3>
      <div className="columns">
        <section aria-labelledby="anonymised-removed">
          <h4 id="anonymised-removed">{t('privacy.removedHeading')}</h4>
          <ul>
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="anonymised-kept">
          <h4 id="anonymised-kept">{t('privacy.keptHeading')}</h4>
          <ul>
            {kept.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      </div>
    </Alert>
  );
}

/** Links to the printable forms in the chosen language (the client's language beside the German text). */
function PrintForms({ consents }: { consents: readonly Consent[] }) {
  const { t } = useTranslation();
  const labels = usePrivacyLabels();
  const last = consents.find((c) => isOneOf(CONSENT_LANGUAGES, c.language));
  const [language, setLanguage] = useState<ConsentLanguage>(
    last && isOneOf(CONSENT_LANGUAGES, last.language) ? last.language : 'de',
  );
  return (
    <section aria-labelledby="privacy-print">
      <h3 id="privacy-print">{t('privacy.printHeading')}</h3>
      <p>{t('privacy.printIntro')}</p>
      <SelectField
        id="privacy-print-language"
        label={t('privacy.printLanguage')}
        value={language}
        options={CONSENT_LANGUAGES.map((l) => ({ value: l, label: t(`consent.languages.${l}`) }))}
        onValueChange={(l) => setLanguage(isOneOf(CONSENT_LANGUAGES, l) ? l : 'de')}
      />
      <ul>
        {(['data_processing', 'case_management', 'release'] as const).map((kind) => (
          <li key={kind}>
            <Link to={printPath(kind, language)}>
              {t('privacy.print')}: {labels.kind(kind)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function LegalBasisForm({
  clientId,
  basis,
  onSaved,
}: {
  clientId: string;
  basis: ProcessingBasis | null;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [legalBasis, setLegalBasis] = useState(basis?.legalBasis ?? '');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const chosen = isOneOf(LEGAL_BASES, legalBasis) ? legalBasis : null;
    if (chosen && note.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/note', code: 'required', message: '' }]));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.PUT('/api/clients/{id}/legal-basis', {
        params: { path: { id: clientId } },
        body: { legalBasis: chosen, note: note.trim() === '' ? null : note.trim() },
      }),
    );
    setSubmitting(false);
    if (result.ok) {
      setProblem(null);
      onSaved();
    } else setProblem(result.problem);
  }

  return (
    <form
      className="form"
      noValidate
      aria-labelledby="privacy-legal-basis"
      onSubmit={(event) => void submit(event)}
    >
      <h3 id="privacy-legal-basis">{t('privacy.legalBasisHeading')}</h3>
      <p className="field__hint">{t('privacy.legalBasisIntro')}</p>
      <ErrorSummary
        problem={problem}
        fields={{
          legalBasis: { id: 'privacy-legal-basis-value', label: t('privacy.legalBasis') },
          note: { id: 'privacy-legal-basis-note', label: t('privacy.legalBasisNote') },
        }}
      />
      <SelectField
        id="privacy-legal-basis-value"
        label={t('privacy.legalBasis')}
        value={legalBasis}
        options={[
          { value: '', label: t('privacy.legalBasisNone') },
          ...LEGAL_BASES.map((b) => ({ value: b, label: t(`privacy.legalBases.${b}`) })),
        ]}
        onValueChange={setLegalBasis}
        error={errors.legalBasis}
      />
      <TextArea
        id="privacy-legal-basis-note"
        label={t('privacy.legalBasisNote')}
        optional={legalBasis === ''}
        dir="auto"
        maxLength={2000}
        value={note}
        onValueChange={setNote}
        error={errors.note}
      />
      <Button type="submit" variant="secondary" busy={submitting}>
        {t('privacy.legalBasisSave')}
      </Button>
    </form>
  );
}

function SubjectRequestForm({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [kind, setKind] = useState<SubjectRequestKind | ''>('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks: FieldProblem[] = [];
    if (kind === '') checks.push({ pointer: '/kind', code: 'required', message: '' });
    if (receivedOn === '') checks.push({ pointer: '/receivedOn', code: 'required', message: '' });
    if (checks.length > 0 || kind === '') {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/clients/{id}/requests', {
        params: { path: { id: clientId } },
        body: { kind, receivedOn, description: description.trim() === '' ? null : description.trim() },
      }),
    );
    setSubmitting(false);
    if (result.ok) {
      setProblem(null);
      setKind('');
      setDescription('');
      onSaved();
    } else setProblem(result.problem);
  }

  return (
    <form
      className="form"
      noValidate
      aria-labelledby="privacy-request"
      onSubmit={(event) => void submit(event)}
    >
      <h3 id="privacy-request">{t('privacy.requestHeading')}</h3>
      <p className="field__hint">{t('privacy.requestIntro')}</p>
      <ErrorSummary
        problem={problem}
        fields={{
          kind: { id: 'privacy-request-kind', label: t('privacy.requestKind') },
          receivedOn: { id: 'privacy-request-received', label: t('privacy.receivedOn') },
          description: { id: 'privacy-request-description', label: t('privacy.description') },
        }}
      />
      <RadioGroup
        id="privacy-request-kind"
        legend={t('privacy.requestKind')}
        options={SUBJECT_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.requestKinds.${k}`) }))}
        value={kind}
        onValueChange={(k) => setKind(isOneOf(SUBJECT_REQUEST_KINDS, k) ? k : '')}
        error={errors.kind}
      />
      <TextField
        id="privacy-request-received"
        type="date"
        label={t('privacy.receivedOn')}
        max={today()}
        value={receivedOn}
        onValueChange={setReceivedOn}
        error={errors.receivedOn}
      />
      <TextArea
        id="privacy-request-description"
        label={t('privacy.description')}
        optional
        dir="auto"
        maxLength={4000}
        value={description}
        onValueChange={setDescription}
        error={errors.description}
      />
      <Button type="submit" variant="secondary" busy={submitting}>
        {t('privacy.requestSave')}
      </Button>
    </form>
  );
}
