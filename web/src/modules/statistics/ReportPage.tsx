import { useState, type FormEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { statisticsApi, type ExportFormat } from './api';
import {
  choosesOrganisations,
  coversWholeOrganisation,
  exportHref,
  filtersFrom,
  quickPeriods,
  reportQuery,
  scopeOptions,
  searchOf,
  type NamedRef,
  type PresetKey,
  type Report,
  type ReportFilters,
} from './model';
import { ReportView } from './ReportView';

const FIELD_IDS = {
  from: 'statistics-from',
  to: 'statistics-to',
  orgUnitIds: 'statistics-org-units',
  organisationIds: 'statistics-organisations',
} as const;

/**
 * One report preset: period and scope in the address (so a report can be bookmarked), the report as tables
 * with charts, printable, and the same query as CSV and XLSX downloads.
 */
export function ReportPage({ preset }: { preset: PresetKey }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const day = today();
  const filters = filtersFrom(params, preset, day);
  const search = searchOf(reportQuery(filters));
  // The server words the report in the request's language: a new language asks again.
  const report = useResource(`${i18n.language}:${preset}?${search}`, () =>
    statisticsApi.report(preset, filters),
  );
  const organisations = choosesOrganisations(preset);
  const allUnits = !organisations && coversWholeOrganisation(me.roles, preset);
  // Whoever may report on the whole organisation chooses among its units; a team lead among their own.
  const orgUnits = useResource(`org-units:${allUnits}`, () =>
    allUnits
      ? call(api.GET('/api/org-units', { params: { query: { includeArchived: false } } }))
      : Promise.resolve({ ok: true as const, data: { items: me.orgUnits } }),
  );
  const problem = report.result && !report.result.ok ? report.result.problem : null;
  // A refusal that names fields (a period, an org unit not one's own) belongs to the form.
  const formProblem =
    problem && (problem.status === 400 || (problem.errors?.length ?? 0) > 0) ? problem : null;
  // While the next report loads the last one stays in place; after a refusal nothing is shown that the
  // fields do not describe.
  const shown: Report | null = report.result ? (report.result.ok ? report.result.data : null) : report.data;

  // The report names only the organisations it covers; those seen during the visit stay choosable.
  const [seenOrganisations, setSeenOrganisations] = useState<NamedRef[]>([]);
  const covered = shown?.scope.organisations ?? [];
  if (covered.some((o) => !seenOrganisations.some((s) => s.id === o.id))) {
    setSeenOrganisations(scopeOptions(seenOrganisations, covered, [], i18n.language));
  }

  const options = organisations
    ? scopeOptions(seenOrganisations, covered, filters.organisationIds, i18n.language)
    : scopeOptions(
        (orgUnits.data?.items ?? []).map((unit) => ({ id: unit.id, name: unit.name })),
        shown?.scope.orgUnits ?? [],
        filters.orgUnitIds,
        i18n.language,
      );

  return (
    <Page title={t(`statistics.presets.${preset}`)}>
      <p className="no-print">
        <Link to="/statistics">{t('statistics.report.back')}</Link>
      </p>
      <ReportFilterForm
        key={search}
        preset={preset}
        filters={filters}
        today={day}
        options={options}
        problem={formProblem}
        onShow={(next) => setParams(reportQuery(next))}
      />
      {problem && !formProblem ? <ProblemAlert problem={problem} onRetry={report.reload} /> : null}
      {shown ? (
        <>
          <ReportMeta report={shown} />
          <div className="actions no-print">
            <Button variant="secondary" onClick={() => window.print()}>
              {t('statistics.report.print')}
            </Button>
          </div>
          <ReportView report={shown} busy={report.loading} />
          {report.result?.ok ? <Downloads preset={preset} filters={filters} /> : null}
        </>
      ) : report.loading ? (
        <p role="status">{t('statistics.report.loading')}</p>
      ) : null}
    </Page>
  );
}

/** What the figures cover: period, organisations or units, when made, and that small counts are hidden. */
function ReportMeta({ report }: { report: Report }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = (entries: readonly NamedRef[]) => entries.map((e) => e.name).join(', ');
  return (
    <div className="stat-meta">
      {/* The server's title when it says more than the page's heading (e.g. the year). */}
      {report.title !== t(`statistics.presets.${report.preset}`) ? (
        <p className="stat-meta__title">{report.title}</p>
      ) : null}
      <ul className="plain-list">
        <li>
          {t('statistics.report.period', {
            from: format.day(report.period.from),
            to: format.day(report.period.to),
          })}
        </li>
        {report.scope.organisations.length > 0 ? (
          <li>
            {t('statistics.report.organisationsIncluded', { names: names(report.scope.organisations) })}
          </li>
        ) : null}
        {/* The server names the units a report is restricted to; none means all of them. */}
        {choosesOrganisations(report.preset) ? null : report.scope.orgUnits.length > 0 ? (
          <li>{t('statistics.report.orgUnitsIncluded', { names: names(report.scope.orgUnits) })}</li>
        ) : (
          <li>{t('statistics.report.allOrgUnits')}</li>
        )}
        <li>{t('statistics.report.generatedAt', { at: format.dateTime(report.generatedAt) })}</li>
      </ul>
      <p>{t('statistics.report.anonymised', { threshold: report.threshold })}</p>
    </div>
  );
}

function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * CSV and XLSX of the same query. The links work as links (open in a new tab, copy the address); a plain
 * click fetches the file through the app, so it is in the page's language and a refusal is said here.
 */
function Downloads({ preset, filters }: { preset: PresetKey; filters: ReportFilters }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function download(event: MouseEvent<HTMLAnchorElement>, fileFormat: ExportFormat) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy !== null) return;
    setBusy(fileFormat);
    setProblem(null);
    const result = await statisticsApi.exportFile(preset, filters, fileFormat);
    setBusy(null);
    if (result.ok) saveFile(result.data.blob, result.data.filename);
    else setProblem(result.problem);
  }

  const link = (fileFormat: ExportFormat, label: string) => (
    <a
      href={exportHref(preset, filters, fileFormat)}
      download
      aria-disabled={busy === fileFormat || undefined}
      onClick={(event) => void download(event, fileFormat)}
    >
      {label}
    </a>
  );

  return (
    <section className="no-print" aria-labelledby="statistics-downloads">
      <h2 id="statistics-downloads">{t('statistics.report.downloads')}</h2>
      <p>{t('statistics.report.downloadsHint')}</p>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <ul className="actions plain-list">
        <li>{link('csv', t('statistics.report.csv'))}</li>
        <li>{link('xlsx', t('statistics.report.xlsx'))}</li>
      </ul>
      <p role="status" className={busy ? 'muted' : 'status-empty'}>
        {busy ? t('statistics.report.downloading') : null}
      </p>
    </section>
  );
}

interface ReportFilterFormProps {
  preset: PresetKey;
  filters: ReportFilters;
  today: string;
  options: readonly NamedRef[];
  problem: Problem | null;
  onShow: (filters: ReportFilters) => void;
}

/** Period and scope; remounted with every new address, so it always starts from what is asked for. */
function ReportFilterForm({ preset, filters, today, options, problem, onShow }: ReportFilterFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useProblemText();
  const [draft, setDraft] = useState<ReportFilters>(filters);
  const errors = text.fieldErrors(problem);
  const organisations = choosesOrganisations(preset);
  const scopeField = organisations ? 'organisationIds' : 'orgUnitIds';
  const labels = {
    from: t('statistics.report.from'),
    to: t('statistics.report.to'),
    orgUnitIds: t('statistics.report.orgUnits'),
    organisationIds: t('statistics.report.organisations'),
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onShow({ ...draft, from: draft.from.trim(), to: draft.to.trim() });
  }

  function quickLabel(key: 'lastYear' | 'yearToDate' | 'thisMonth' | 'lastMonth', from: string) {
    return t(`statistics.report.${key}`, { year: from.slice(0, 4) });
  }

  return (
    <search className="filters no-print">
      <form noValidate onSubmit={submit} aria-labelledby="statistics-filters">
        <h2 id="statistics-filters" className="filters__title">
          {t('statistics.report.filters')}
        </h2>
        <ErrorSummary
          problem={problem}
          fields={{
            from: { id: FIELD_IDS.from, label: labels.from },
            to: { id: FIELD_IDS.to, label: labels.to },
            [scopeField]: { id: FIELD_IDS[scopeField], label: labels[scopeField] },
          }}
        />
        <div className="filters__fields">
          <TextField
            id={FIELD_IDS.from}
            type="date"
            label={labels.from}
            error={errors.from}
            value={draft.from}
            onValueChange={(from) => setDraft({ ...draft, from })}
          />
          <TextField
            id={FIELD_IDS.to}
            type="date"
            label={labels.to}
            error={errors.to}
            value={draft.to}
            onValueChange={(to) => setDraft({ ...draft, to })}
          />
        </div>
        <div className="stat-quick">
          <span id="statistics-quick">{t('statistics.report.quick')}:</span>
          <ul className="plain-list stat-quick__list" aria-labelledby="statistics-quick">
            {quickPeriods(preset, today).map(({ key, period }) => (
              <li key={key}>
                <Link to={`?${searchOf(reportQuery({ ...filters, ...period }))}`}>
                  {quickLabel(key, period.from)}
                  <span className="visually-hidden">
                    {' '}
                    ({format.day(period.from)} – {format.day(period.to)})
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
        {options.length > 0 || errors[scopeField] ? (
          <CheckboxGroup
            id={FIELD_IDS[scopeField]}
            legend={labels[scopeField]}
            hint={
              organisations ? t('statistics.report.organisationsHint') : t('statistics.report.orgUnitsHint')
            }
            error={errors[scopeField]}
            options={options.map((o) => ({ value: o.id, label: o.name }))}
            values={draft[scopeField]}
            onValuesChange={(values) => setDraft({ ...draft, [scopeField]: [...values].sort() })}
          />
        ) : null}
        <div className="actions">
          <Button type="submit">{t('statistics.report.show')}</Button>
        </div>
      </form>
    </search>
  );
}
