import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type ApiResult } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, ListEntry, OrganisationSettings, Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';

/**
 * Einstellungen: the organisation's lists (districts, indication criteria), caseload thresholds, retention
 * periods and the plan rules.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('settings.title')}>
      <ListSettings
        kind="districts"
        heading={t('settings.districtsHeading')}
        intro={t('settings.districtsIntro')}
        caption={t('settings.districtsCaption')}
      />
      <ListSettings
        kind="criteria"
        heading={t('settings.criteriaHeading')}
        intro={t('settings.criteriaIntro')}
        caption={t('settings.criteriaCaption')}
      />
      <Thresholds />
    </Page>
  );
}

type ListKind = 'districts' | 'criteria';
interface ListPatch {
  version: number;
  label?: string;
  sortOrder?: number;
  archived?: boolean;
}

/** The two lists have the same shape and rules; only the path differs. */
const LIST_API = {
  list(kind: ListKind, includeArchived: boolean) {
    const params = { params: { query: { includeArchived } } };
    return kind === 'districts'
      ? call(api.GET('/api/districts', params))
      : call(api.GET('/api/indication-criteria', params));
  },
  add(kind: ListKind, body: { label: string; sortOrder: number }): Promise<ApiResult<ListEntry>> {
    return kind === 'districts'
      ? call(api.POST('/api/districts', { body }))
      : call(api.POST('/api/indication-criteria', { body }));
  },
  patch(kind: ListKind, id: string, body: ListPatch): Promise<ApiResult<ListEntry>> {
    const options = { params: { path: { id } }, body };
    return kind === 'districts'
      ? call(api.PATCH('/api/districts/{id}', options))
      : call(api.PATCH('/api/indication-criteria/{id}', options));
  },
};

function ListSettings({
  kind,
  heading,
  intro,
  caption,
}: {
  kind: ListKind;
  heading: string;
  intro: string;
  caption: string;
}) {
  const { t } = useTranslation();
  const [includeArchived, setIncludeArchived] = useState(false);
  const entries = useResource(`${kind}:${includeArchived}`, () => LIST_API.list(kind, includeArchived));
  const [renaming, setRenaming] = useState<ListEntry | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const items = [...(entries.data?.items ?? [])].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.label.localeCompare(b.label),
  );
  const active = items.filter((entry) => !entry.archived);
  const headingId = `settings-${kind}`;

  function done(note: string) {
    setMessage(note);
    setProblem(null);
    setRenaming(null);
    entries.reload();
  }

  async function patch(entry: ListEntry, body: Omit<ListPatch, 'version'>, note: string) {
    if (busy !== null) return;
    setBusy(entry.id);
    const result = await LIST_API.patch(kind, entry.id, { version: entry.version, ...body });
    setBusy(null);
    if (result.ok) done(note);
    else {
      setProblem(result.problem);
      if (result.problem.code === 'version-conflict') entries.reload();
    }
  }

  /**
   * Moves an entry one place among the active ones. Positions are renumbered 10, 20, 30 … so that equal or
   * missing sort orders from earlier cannot block the move; only entries whose position changes are saved.
   */
  async function move(entry: ListEntry, by: -1 | 1) {
    const index = active.findIndex((e) => e.id === entry.id);
    const other = active[index + by];
    if (index < 0 || other === undefined || busy !== null) return;
    const reordered = [...active];
    reordered[index] = other;
    reordered[index + by] = entry;
    setBusy(entry.id);
    for (const [i, e] of reordered.entries()) {
      const sortOrder = (i + 1) * 10;
      if (e.sortOrder === sortOrder) continue;
      const result = await LIST_API.patch(kind, e.id, { version: e.version, sortOrder });
      if (!result.ok) {
        setBusy(null);
        setProblem(result.problem);
        entries.reload();
        return;
      }
    }
    setBusy(null);
    done(t('settings.moved', { label: entry.label }));
  }

  const columns: Column<ListEntry>[] = [
    {
      key: 'position',
      header: t('settings.position'),
      cell: (entry) => (entry.archived ? t('common.none') : active.indexOf(entry) + 1),
    },
    { key: 'label', header: t('settings.label'), rowHeader: true, cell: (entry) => entry.label },
    {
      key: 'status',
      header: t('settings.status'),
      cell: (entry) => (entry.archived ? t('settings.archived') : t('settings.active')),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (entry) => {
        const index = active.indexOf(entry);
        const name = <span className="visually-hidden">: {entry.label}</span>;
        return (
          <div className="row-actions">
            <Button variant="secondary" onClick={() => setRenaming(entry)}>
              {t('settings.rename')}
              {name}
            </Button>
            {entry.archived ? (
              <Button
                variant="secondary"
                busy={busy === entry.id}
                onClick={() =>
                  void patch(entry, { archived: false }, t('settings.restored', { label: entry.label }))
                }
              >
                {t('settings.restore')}
                {name}
              </Button>
            ) : (
              <>
                <Button
                  variant="secondary"
                  disabled={index <= 0}
                  busy={busy === entry.id}
                  onClick={() => void move(entry, -1)}
                >
                  {t('settings.moveUp')}
                  {name}
                </Button>
                <Button
                  variant="secondary"
                  disabled={index >= active.length - 1}
                  busy={busy === entry.id}
                  onClick={() => void move(entry, 1)}
                >
                  {t('settings.moveDown')}
                  {name}
                </Button>
                <Button
                  variant="danger"
                  busy={busy === entry.id}
                  onClick={() =>
                    void patch(entry, { archived: true }, t('settings.archivedDone', { label: entry.label }))
                  }
                >
                  {t('settings.archive')}
                  {name}
                </Button>
              </>
            )}
          </div>
        );
      },
    },
  ];

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p>{intro}</p>
      <StatusRegion message={message} focus />
      {problem ? <ProblemAlert problem={problem} /> : null}
      <CheckboxField
        id={`${headingId}-archived`}
        label={t('settings.includeArchived')}
        checked={includeArchived}
        onCheckedChange={setIncludeArchived}
      />
      {entries.result && !entries.result.ok ? (
        <ProblemAlert problem={entries.result.problem} onRetry={entries.reload} />
      ) : null}
      {entries.data ? (
        <DataTable
          caption={caption}
          columns={columns}
          rows={items}
          rowKey={(entry) => entry.id}
          empty={t('settings.empty')}
          busy={entries.loading}
        />
      ) : null}
      <LabelForm
        id={`${headingId}-new`}
        label={t('settings.add')}
        submitLabel={t('settings.addSubmit')}
        onSubmit={async (label) => {
          const last = active.at(-1);
          const result = await LIST_API.add(kind, { label, sortOrder: (last?.sortOrder ?? 0) + 10 });
          if (result.ok) done(t('settings.added', { label: result.data.label }));
          return result.ok ? null : result.problem;
        }}
      />
      <Dialog
        open={renaming !== null}
        title={renaming ? t('settings.renameTitle', { label: renaming.label }) : ''}
        onClose={() => setRenaming(null)}
      >
        {renaming ? (
          <LabelForm
            id={`${headingId}-rename`}
            label={t('settings.label')}
            initial={renaming.label}
            submitLabel={t('common.save')}
            onCancel={() => setRenaming(null)}
            onSubmit={async (label) => {
              const result = await LIST_API.patch(kind, renaming.id, { version: renaming.version, label });
              if (result.ok) done(t('settings.renamed', { label: result.data.label }));
              else if (result.problem.code === 'version-conflict') entries.reload();
              return result.ok ? null : result.problem;
            }}
          />
        ) : null}
      </Dialog>
    </section>
  );
}

function LabelForm({
  id,
  label,
  initial = '',
  submitLabel,
  onSubmit,
  onCancel,
}: {
  id: string;
  label: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (label: string) => Promise<Problem | null>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [value, setValue] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const field = { id, label };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (value.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/label', code: 'required', message: '' }]));
      return;
    }
    setSubmitting(true);
    const result = await onSubmit(value.trim());
    setSubmitting(false);
    setProblem(result);
    if (result === null && initial === '') setValue('');
  }

  return (
    <form className="form form--inline" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={{ label: field }} />
      <TextField
        id={id}
        label={label}
        autoComplete="off"
        maxLength={200}
        value={value}
        onValueChange={setValue}
        error={text.fieldErrors(problem).label}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function isSettings(value: unknown): value is OrganisationSettings {
  return (
    typeof value === 'object' &&
    value !== null &&
    'caseloadWarnPerFte' in value &&
    'caseloadMaxPerFte' in value &&
    'version' in value
  );
}

function Thresholds() {
  const { t } = useTranslation();
  const settings = useResource('organisation', () => call(api.GET('/api/organisation')));
  const [known, setKnown] = useState<OrganisationSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const current =
    known && settings.data && known.version >= settings.data.version ? known : (settings.data ?? known);

  return (
    <section aria-labelledby="settings-thresholds">
      <h2 id="settings-thresholds">{t('settings.thresholdsHeading')}</h2>
      <p>{t('settings.thresholdsIntro')}</p>
      <StatusRegion message={message} />
      {settings.result && !settings.result.ok ? (
        <ProblemAlert problem={settings.result.problem} onRetry={settings.reload} />
      ) : null}
      {current ? (
        <ThresholdForm
          key={current.version}
          settings={current}
          onSaved={(saved) => {
            setKnown(saved);
            setMessage(t('settings.thresholdsSaved'));
          }}
          onUseCurrent={(next) => {
            setMessage(null);
            if (next) setKnown(next);
            else settings.reload();
          }}
        />
      ) : null}
    </section>
  );
}

/** The organisation's numeric settings, each a whole number; one list drives state, checks, body and fields. */
const NUMBER_SETTINGS = [
  { key: 'caseloadWarnPerFte', id: 'threshold-warn', label: 'settings.warn', group: 'caseload' },
  { key: 'caseloadMaxPerFte', id: 'threshold-max', label: 'settings.max', group: 'caseload' },
  {
    key: 'retentionReviewAfterDays',
    id: 'retention-review',
    label: 'settings.reviewAfter',
    group: 'retention',
  },
  { key: 'retentionCloseAfterDays', id: 'retention-close', label: 'settings.closeAfter', group: 'retention' },
  {
    key: 'retentionAnonymiseAfterDays',
    id: 'retention-anonymise',
    label: 'settings.anonymiseAfter',
    group: 'retention',
  },
] as const;
type NumberSetting = (typeof NUMBER_SETTINGS)[number]['key'];

type PlanLabel = OrganisationSettings['planLabel'];
const PLAN_LABELS: readonly PlanLabel[] = [
  'hilfeplan',
  'integrationsfoerderplan',
  'foerderplan',
  'entwicklungsplan',
  'unterstuetzungsplan',
];
/** The plan rules' limit on goals (issue 6): empty means no limit. */
const PLAN_MAX_GOALS = { min: 1, max: 20 } as const;

function ThresholdForm({
  settings,
  onSaved,
  onUseCurrent,
}: {
  settings: OrganisationSettings;
  onSaved: (settings: OrganisationSettings) => void;
  onUseCurrent: (settings: OrganisationSettings | null) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [values, setValues] = useState<Record<NumberSetting, string>>(
    () =>
      Object.fromEntries(NUMBER_SETTINGS.map((f) => [f.key, String(settings[f.key])])) as Record<
        NumberSetting,
        string
      >,
  );
  const [planLabel, setPlanLabel] = useState<PlanLabel>(settings.planLabel);
  const [planMaxGoals, setPlanMaxGoals] = useState(
    settings.planMaxGoals === null ? '' : String(settings.planMaxGoals),
  );
  const [planRequireIndicator, setPlanRequireIndicator] = useState(settings.planRequireIndicator);
  const [sharesAggregates, setSharesAggregates] = useState(settings.sharesAggregates);
  const [secondFactorRequired, setSecondFactorRequired] = useState(settings.secondFactorRequired);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const refs = {
    ...Object.fromEntries(NUMBER_SETTINGS.map((f) => [f.key, { id: f.id, label: t(f.label) }])),
    planLabel: { id: 'plan-label', label: t('settings.planLabel') },
    planMaxGoals: { id: 'plan-max-goals', label: t('settings.planMaxGoals') },
    secondFactorRequired: { id: 'second-factor-required', label: t('secondFactor.settings.required') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const whole = (value: string) => /^\d+$/.test(value.trim());
    const checks: FieldProblem[] = NUMBER_SETTINGS.filter((f) => !whole(values[f.key])).map((f) => ({
      pointer: `/${f.key}`,
      code: 'wholeNumber',
      message: '',
    }));
    const warn = values.caseloadWarnPerFte;
    const max = values.caseloadMaxPerFte;
    if (whole(warn) && whole(max) && Number(max) < Number(warn)) {
      checks.push({ pointer: '/caseloadMaxPerFte', code: 'threshold-order', message: '' });
    }
    const maxGoals = planMaxGoals.trim();
    if (maxGoals !== '' && !whole(maxGoals)) {
      checks.push({ pointer: '/planMaxGoals', code: 'wholeNumber', message: '' });
    } else if (maxGoals !== '' && Number(maxGoals) < PLAN_MAX_GOALS.min) {
      checks.push({
        pointer: '/planMaxGoals',
        code: 'minimum',
        message: '',
        params: { limit: PLAN_MAX_GOALS.min },
      });
    } else if (maxGoals !== '' && Number(maxGoals) > PLAN_MAX_GOALS.max) {
      checks.push({
        pointer: '/planMaxGoals',
        code: 'maximum',
        message: '',
        params: { limit: PLAN_MAX_GOALS.max },
      });
    }
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const numbers = Object.fromEntries(NUMBER_SETTINGS.map((f) => [f.key, Number(values[f.key])])) as Record<
      NumberSetting,
      number
    >;
    const result = await call(
      api.PATCH('/api/organisation', {
        body: {
          version: settings.version,
          ...numbers,
          planLabel,
          planMaxGoals: maxGoals === '' ? null : Number(maxGoals),
          planRequireIndicator,
          sharesAggregates,
          secondFactorRequired,
        },
      }),
    );
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else setProblem(result.problem);
  }

  const fieldsOf = (group: 'caseload' | 'retention') =>
    NUMBER_SETTINGS.filter((f) => f.group === group).map((f) => (
      <TextField
        key={f.key}
        id={f.id}
        label={t(f.label)}
        inputMode="numeric"
        autoComplete="off"
        value={values[f.key]}
        onValueChange={(value) => setValues((current) => ({ ...current, [f.key]: value }))}
        error={errors[f.key]}
      />
    ));

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <ConflictNotice
          heading={t('users.conflictHeading')}
          text={t('settings.conflictText')}
          hint={t('users.conflictHint')}
          action={t('users.conflictReload')}
          onAction={() => onUseCurrent(isSettings(problem.current) ? problem.current : null)}
        />
      ) : (
        <ErrorSummary problem={problem} fields={refs} />
      )}
      <div className="field-row">{fieldsOf('caseload')}</div>
      <fieldset className="fieldset">
        <legend>{t('settings.retentionLegend')}</legend>
        <p>{t('settings.retentionIntro')}</p>
        <div className="field-row">{fieldsOf('retention')}</div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.planLegend')}</legend>
        <p>{t('settings.planIntro')}</p>
        <SelectField
          id="plan-label"
          label={t('settings.planLabel')}
          hint={t('settings.planLabelHint')}
          value={planLabel}
          options={PLAN_LABELS.map((value) => ({ value, label: t(`settings.planLabels.${value}`) }))}
          onValueChange={(value) => {
            const chosen = PLAN_LABELS.find((label) => label === value);
            if (chosen) setPlanLabel(chosen);
          }}
          error={errors.planLabel}
        />
        <TextField
          id="plan-max-goals"
          label={t('settings.planMaxGoals')}
          hint={t('settings.planMaxGoalsHint')}
          inputMode="numeric"
          autoComplete="off"
          value={planMaxGoals}
          onValueChange={setPlanMaxGoals}
          error={errors.planMaxGoals}
        />
        <CheckboxField
          id="plan-require-indicator"
          label={t('settings.planRequireIndicator')}
          hint={t('settings.planRequireIndicatorHint')}
          checked={planRequireIndicator}
          onCheckedChange={setPlanRequireIndicator}
        />
      </fieldset>
      <fieldset>
        <legend>{t('settings.sharingLegend')}</legend>
        <p className="field__hint">
          {settings.coordinationOffice ? t('settings.isCoordinationOffice') : t('settings.sharingIntro')}
        </p>
        <CheckboxField
          id="shares-aggregates"
          label={t('settings.sharesAggregates')}
          hint={t('settings.sharesAggregatesHint')}
          checked={sharesAggregates}
          onCheckedChange={setSharesAggregates}
        />
      </fieldset>
      <fieldset>
        <legend>{t('secondFactor.settings.legend')}</legend>
        <CheckboxField
          id="second-factor-required"
          label={t('secondFactor.settings.required')}
          hint={t('secondFactor.settings.requiredHint')}
          checked={secondFactorRequired}
          onCheckedChange={setSecondFactorRequired}
        />
      </fieldset>
      <Button type="submit" busy={submitting}>
        {submitting ? t('common.saving') : t('common.save')}
      </Button>
    </form>
  );
}
