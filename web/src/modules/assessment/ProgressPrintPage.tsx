import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui/Alert';
import { today, useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import { PrintToolbar } from '../consent/ConsentPrintPage';
import { useLang } from './AnswerValue';
import { formatNumber, pick } from './form';
import type { ProgressSeries } from './model';
import { ProgressChart } from './ProgressChart';
import { chartScale, trendOf, type Trend } from './progress';
import './assessment.css';

/**
 * The progress picture for the client, on paper: plain language in the Sie-form, short sentences, the chart
 * with a table, and one sentence per area saying what changed since the last time.
 */
export function ProgressPrintPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { caseId = '' } = useParams();
  const progress = useResource(`progress:${caseId}`, () =>
    call(api.GET('/api/cases/{id}/assessments/progress', { params: { path: { id: caseId } } })),
  );
  const caseView = useResource(`case:${caseId}`, () =>
    call(api.GET('/api/cases/{id}', { params: { path: { id: caseId } } })),
  );
  const client = caseView.data?.client ?? null;

  useEffect(() => {
    document.title = `${t('assessment.print.title')} – ${t('app.name')}`;
  }, [t]);

  const series = progress.data?.series ?? null;
  return (
    <div className="print-page progress-print">
      <PrintToolbar hint={t('assessment.print.hint')} />
      {progress.result && !progress.result.ok ? <ProblemAlert problem={progress.result.problem} /> : null}
      {progress.loading ? <p role="status">{t('app.loading')}</p> : null}
      {series ? (
        <article>
          <h1 className="print-form__title">{t('assessment.print.title')}</h1>
          {client ? (
            <p dir="auto">
              {t('assessment.print.for', { name: `${client.givenNames} ${client.familyName}` })}
            </p>
          ) : null}
          <p>{t('assessment.print.date', { date: format.day(today()) })}</p>
          <p>
            {t('assessment.print.intro1')} {t('assessment.print.intro2')} {t('assessment.print.intro3')}
          </p>
          {series.length === 0 ? <p>{t('assessment.print.empty')}</p> : null}
          {series.map((s) => (
            <PrintedSeries key={s.templateKey} series={s} />
          ))}
        </article>
      ) : null}
    </div>
  );
}

function PrintedSeries({ series }: { series: ProgressSeries }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const scale = chartScale(series.dimensions);
  const headingId = `print-${series.templateKey}`;
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  const n = (value: number) => formatNumber(value, lang);
  function sentence(domain: string, trend: Trend): string {
    switch (trend.kind) {
      case 'none':
        return t('assessment.print.none', { domain });
      case 'single':
        return t('assessment.print.single', { domain, value: n(trend.value) });
      case 'same':
        return t('assessment.print.same', { domain, to: n(trend.to) });
      case 'up':
        return t('assessment.print.up', { domain, from: n(trend.from), to: n(trend.to) });
      case 'down':
        return t('assessment.print.down', { domain, from: n(trend.from), to: n(trend.to) });
    }
  }
  return (
    <section aria-labelledby={headingId} className="print-section">
      <h2 id={headingId} className="print-form__heading">
        {t('assessment.print.heading', { title: pick(series.title, lang) })}
      </h2>
      <p>
        {t('assessment.print.dates', {
          list: list.format(series.points.map((p) => format.day(p.conductedOn))),
        })}{' '}
        {scale.kind === 'raw'
          ? t('assessment.print.scale', {
              min: formatNumber(scale.min, lang),
              max: formatNumber(scale.max, lang),
            })
          : t('assessment.print.percent')}
      </p>
      <h3 className="print-form__heading">{t('assessment.print.changes')}</h3>
      <ul className="progress-print__sentences">
        {series.dimensions.map((dimension) => (
          <li key={dimension.key}>
            {sentence(pick(dimension.label, lang), trendOf(dimension.key, series.points))}
          </li>
        ))}
      </ul>
      <ProgressChart series={series} print caption={t('assessment.print.tableCaption')} />
    </section>
  );
}
