import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { OrgUnit, Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, FieldError, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import {
  checkNewInstrument,
  importBodyOf,
  importOutcome,
  localized,
  minimalInstrument,
  parseJson,
  partOf,
  type Place,
} from './editor';
import { InstrumentErrorSummary, useInstrumentProblems } from './problems';
import type { InstrumentSummary } from './types';

const instrumentPath = (id: string) => `/admin/instruments/${id}`;

/**
 * Instrumente (org admin): the organisation's instruments, which org unit offers which, a new instrument and
 * the import of an exported one.
 */
export function InstrumentsPage() {
  const { t, i18n } = useTranslation();
  const instruments = useResource('instruments', () => call(api.GET('/api/instruments')));
  const units = useResource('org-units', () => call(api.GET('/api/org-units')));
  const [message, setMessage] = useState<string | null>(null);
  const items = instruments.data?.items ?? [];

  const columns: Column<InstrumentSummary>[] = [
    {
      key: 'title',
      header: t('instruments.list.name'),
      rowHeader: true,
      cell: (item) => <Link to={instrumentPath(item.id)}>{localized(item.title, i18n.language)}</Link>,
    },
    { key: 'key', header: t('instruments.list.key'), cell: (item) => <code>{item.key}</code> },
    { key: 'version', header: t('instruments.list.version'), cell: (item) => item.currentVersion },
    {
      key: 'origin',
      header: t('instruments.list.origin'),
      cell: (item) => (item.shipped ? t('instruments.list.shipped') : t('instruments.list.own')),
    },
  ];

  return (
    <Page title={t('instruments.title')}>
      <p>{t('instruments.intro')}</p>
      <StatusRegion message={message} />
      {instruments.result && !instruments.result.ok ? (
        <ProblemAlert problem={instruments.result.problem} onRetry={instruments.reload} />
      ) : null}
      {instruments.data ? (
        <DataTable
          caption={t('instruments.list.caption')}
          columns={columns}
          rows={items}
          rowKey={(item) => item.id}
          empty={t('instruments.list.empty')}
          busy={instruments.loading}
        />
      ) : instruments.loading ? (
        <p role="status">{t('instruments.loading')}</p>
      ) : null}

      <section aria-labelledby="instruments-offer">
        <h2 id="instruments-offer">{t('instruments.offer.heading')}</h2>
        <p>{t('instruments.offer.intro')}</p>
        {units.result && !units.result.ok ? (
          <ProblemAlert problem={units.result.problem} onRetry={units.reload} />
        ) : null}
        {units.data && instruments.data ? (
          units.data.items.length === 0 ? (
            <p>{t('instruments.offer.noUnits')}</p>
          ) : items.length === 0 ? (
            <p>{t('instruments.offer.noInstruments')}</p>
          ) : (
            units.data.items.map((unit) => (
              <OfferForm
                key={unit.id}
                unit={unit}
                instruments={items}
                onSaved={() => {
                  setMessage(t('instruments.offer.saved', { unit: unit.name }));
                  instruments.reload();
                }}
              />
            ))
          )
        ) : null}
      </section>

      <section aria-labelledby="instruments-create">
        <h2 id="instruments-create">{t('instruments.create.heading')}</h2>
        <p>{t('instruments.create.intro')}</p>
        <CreateForm />
      </section>

      <section aria-labelledby="instruments-import">
        <h2 id="instruments-import">{t('instruments.import.heading')}</h2>
        <p>{t('instruments.import.intro')}</p>
        <ImportForm known={items} onImported={instruments.reload} />
      </section>
    </Page>
  );
}

/** The instruments one org unit offers: a fieldset of checkboxes, saved as the unit's whole list. */
function OfferForm({
  unit,
  instruments,
  onSaved,
}: {
  unit: OrgUnit;
  instruments: readonly InstrumentSummary[];
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState(() =>
    instruments.filter((i) => i.enabledOrgUnitIds.includes(unit.id)).map((i) => i.id),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await call(
      api.PUT('/api/org-units/{id}/instruments', {
        params: { path: { id: unit.id } },
        body: { templateIds: values },
      }),
    );
    setBusy(false);
    setProblem(result.ok ? null : result.problem);
    if (result.ok) onSaved();
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} />
      <CheckboxGroup
        id={`offer-${unit.id}`}
        legend={t('instruments.offer.legend', { unit: unit.name })}
        options={instruments.map((i) => ({ value: i.id, label: localized(i.title, i18n.language) }))}
        values={values}
        onValuesChange={setValues}
      />
      <Button type="submit" busy={busy}>
        {t('instruments.offer.save')}
        <span className="visually-hidden">: {unit.name}</span>
      </Button>
    </form>
  );
}

const CREATE_IDS = {
  key: 'instrument-new-key',
  titleDe: 'instrument-new-title-de',
  titleEn: 'instrument-new-title-en',
};

/** The create form's control for a problem of the definition it sends (key and title; the rest is fixed). */
function createTarget(place: Place): string | null {
  if (place.section !== undefined) return null;
  const part = partOf(place.path);
  if (part?.name === 'key') return CREATE_IDS.key;
  if (part?.name === 'title') return part.language === 'en' ? CREATE_IDS.titleEn : CREATE_IDS.titleDe;
  return null;
}

/** "Neues Instrument": key and title; one section with one text field, then on to its page. */
function CreateForm() {
  const { t, i18n } = useTranslation();
  const problems = useInstrumentProblems();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [title, setTitle] = useState({ de: '', en: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const placed = problems.placed(problem, null, createTarget);
  const errors = problems.byTarget(placed);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const input = { key: key.trim(), title: { de: title.de.trim(), en: title.en.trim() } };
    const found = checkNewInstrument(input);
    if (found.length > 0) {
      setProblem(clientValidationProblem(found));
      return;
    }
    // The first section and field are named in both languages at once: a definition carries both.
    const de = i18n.getFixedT('de');
    const en = i18n.getFixedT('en');
    const definition = minimalInstrument(input, {
      section: { de: de('instruments.create.sectionTitle'), en: en('instruments.create.sectionTitle') },
      field: { de: de('instruments.create.fieldLabel'), en: en('instruments.create.fieldLabel') },
    });
    setBusy(true);
    const result = await call(api.POST('/api/instruments', { body: { definition } }));
    setBusy(false);
    if (result.ok) {
      void navigate(instrumentPath(result.data.id), { state: { created: true } });
      return;
    }
    setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <InstrumentErrorSummary problem={problem} placed={placed} />
      <TextField
        id={CREATE_IDS.key}
        label={t('instruments.create.key')}
        hint={t('instruments.create.keyHint')}
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        value={key}
        onValueChange={setKey}
        error={errors[CREATE_IDS.key]}
      />
      <TextField
        id={CREATE_IDS.titleDe}
        label={t('instruments.create.titleDe')}
        maxLength={2000}
        value={title.de}
        onValueChange={(de) => setTitle({ ...title, de })}
        error={errors[CREATE_IDS.titleDe]}
      />
      <TextField
        id={CREATE_IDS.titleEn}
        label={t('instruments.create.titleEn')}
        optional
        maxLength={2000}
        value={title.en}
        onValueChange={(en) => setTitle({ ...title, en })}
        error={errors[CREATE_IDS.titleEn]}
      />
      <Button type="submit" busy={busy}>
        {t('instruments.create.submit')}
      </Button>
    </form>
  );
}

interface Imported {
  message: string;
  link: { id: string; title: string };
}

const IMPORT_FILE_ID = 'instrument-import-file';

function ImportForm({ known, onImported }: { known: readonly InstrumentSummary[]; onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const problems = useInstrumentProblems();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [busy, setBusy] = useState(false);
  const placed = problems.placed(problem, null, () => null);

  function refuse(message: string) {
    setFileError(message);
    fileInput.current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setImported(null);
    setProblem(null);
    setFileError(null);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      refuse(t('instruments.import.noFile'));
      return;
    }
    const parsed = parseJson(await file.text());
    if (!parsed.ok) {
      refuse(t('instruments.import.invalidJson'));
      return;
    }
    const body = importBodyOf(parsed.value);
    if (body === null) {
      refuse(t('instruments.import.notAnInstrument'));
      return;
    }
    setBusy(true);
    const result = await call(api.POST('/api/instruments/import', { body }));
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const { instrument } = result.data;
    const before = known.find((item) => item.id === instrument.id);
    const title = localized(instrument.title, i18n.language);
    setImported({
      message: t(`instruments.import.${importOutcome(result.data, before)}`, {
        title,
        version: instrument.currentVersion,
      }),
      link: { id: instrument.id, title },
    });
    if (fileInput.current) fileInput.current.value = '';
    onImported();
  }

  return (
    <>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <InstrumentErrorSummary
          problem={problem}
          placed={placed}
          linked={false}
          heading={t('instruments.import.failed')}
        />
        <div className={fileError ? 'field field--error' : 'field'}>
          <label htmlFor={IMPORT_FILE_ID} className="field__label">
            {t('instruments.import.file')}
          </label>
          <FieldError id={IMPORT_FILE_ID} error={fileError ?? undefined} />
          <input
            ref={fileInput}
            id={IMPORT_FILE_ID}
            type="file"
            accept=".json,application/json"
            className="field__input"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${IMPORT_FILE_ID}-error` : undefined}
            onChange={() => setFileError(null)}
          />
        </div>
        <Button type="submit" busy={busy}>
          {t('instruments.import.submit')}
        </Button>
      </form>
      <div role="status" className={imported ? 'alert alert--success' : 'status-empty'}>
        {imported ? (
          <>
            <p>{imported.message}</p>
            <p>
              <Link to={instrumentPath(imported.link.id)}>
                {t('instruments.import.open', { title: imported.link.title })}
              </Link>
            </p>
          </>
        ) : null}
      </div>
    </>
  );
}
