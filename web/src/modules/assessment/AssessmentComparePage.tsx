import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { CheckboxField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import { FieldName } from './AnswerField';
import { caseFilePath } from './AssessmentPage';
import { AnswerValue, useLang } from './AnswerValue';
import { formatNumber, idOf, inTimeOrder, isVisible, mergedSections, pick } from './form';
import type { Assessment, Comparison } from './model';
import { NEED_KINDS } from './model';
import { toTemplate, type Field, type Template } from './template';
import './assessment.css';

const NOT_FOUND = {
  ok: false as const,
  problem: { type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' },
};

/** Two assessments side by side, section by section: the earlier on the left, changed answers marked. */
export function AssessmentComparePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const [params] = useSearchParams();
  const left = params.get('left') ?? '';
  const right = params.get('right') ?? '';
  const comparison = useResource(`${left}:${right}`, () =>
    left && right
      ? call(api.GET('/api/assessments/compare', { params: { query: { left, right } } }))
      : Promise.resolve(NOT_FOUND),
  );
  const data = comparison.result?.ok ? comparison.result.data : null;

  return (
    <Page title={t('assessment.compare.title')} heading={data ? <CompareHeading data={data} /> : undefined}>
      <p>
        <Link to={caseFilePath(caseId)}>{t('assessment.compare.back')}</Link>
      </p>
      {comparison.result && !comparison.result.ok ? (
        <ProblemAlert problem={comparison.result.problem} onRetry={comparison.reload} />
      ) : null}
      {comparison.loading ? <p role="status">{t('app.loading')}</p> : null}
      {data ? <ComparisonView data={data} /> : null}
    </Page>
  );
}

function CompareHeading({ data }: { data: Comparison }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const [earlier, later] = inTimeOrder(data.left, data.right);
  return t('assessment.compare.heading', {
    title: pick(later.template.title, lang),
    earlier: format.day(earlier.conductedOn),
    later: format.day(later.conductedOn),
  });
}

function fieldOf(template: Template, key: string): Field | undefined {
  return template.sections.flatMap((s) => s.fields).find((f) => f.key === key);
}

function ComparisonView({ data }: { data: Comparison }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const [onlyChanges, setOnlyChanges] = useState(false);
  const [earlier, later] = inTimeOrder(data.left, data.right);
  const templates = useMemo(
    () => ({ earlier: toTemplate(earlier.definition), later: toTemplate(later.definition) }),
    [earlier.definition, later.definition],
  );
  const sections = mergedSections(templates.earlier, templates.later);
  const changed = new Set(data.changed);
  const earlierHeader = t('assessment.compare.earlier', { date: format.day(earlier.conductedOn) });
  const laterHeader = t('assessment.compare.later', { date: format.day(later.conductedOn) });

  return (
    <>
      <p>{t('assessment.compare.intro')}</p>
      {earlier.template.key !== later.template.key ? (
        <Alert kind="info">{t('assessment.compare.otherInstrument')}</Alert>
      ) : earlier.template.version !== later.template.version ? (
        <Alert kind="info">
          {t('assessment.compare.versions', {
            earlier: earlier.template.version,
            later: later.template.version,
          })}
        </Alert>
      ) : null}
      {earlier.hiddenFields.length > 0 || later.hiddenFields.length > 0 ? (
        <Alert kind="info">{t('assessment.page.hiddenNote')}</Alert>
      ) : null}
      <p>{t('assessment.compare.changedCount', { count: data.changed.length })}</p>
      <CheckboxField
        id="compare-only-changes"
        label={t('assessment.compare.onlyChanges')}
        checked={onlyChanges}
        onCheckedChange={setOnlyChanges}
      />
      {sections.map((section) => {
        const rows = section.fields.filter((field) => {
          const before = fieldOf(templates.earlier, field.key);
          const after = fieldOf(templates.later, field.key);
          const shown =
            (before !== undefined && isVisible(before, earlier.answers)) ||
            (after !== undefined && isVisible(after, later.answers));
          return shown && (!onlyChanges || changed.has(field.key));
        });
        const headingId = idOf(`compare.${section.key}`);
        const hasScore = section.score !== undefined;
        return (
          <section key={section.key} aria-labelledby={headingId} className="assessment-section">
            <h2 id={headingId}>{pick(section.title, lang)}</h2>
            {rows.length === 0 && onlyChanges ? (
              <p>{t('assessment.compare.noChanges')}</p>
            ) : (
              <div className="answer-table-wrap">
                <table className="table compare-table" aria-labelledby={headingId}>
                  <thead>
                    <tr>
                      <th scope="col">{t('assessment.compare.question')}</th>
                      <th scope="col">{earlierHeader}</th>
                      <th scope="col">{laterHeader}</th>
                      <th scope="col">{t('assessment.compare.change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((field) => {
                      const isChanged = changed.has(field.key);
                      return (
                        <tr key={field.key} className={isChanged ? 'compare-row--changed' : undefined}>
                          <th scope="row">
                            <FieldName field={field} lang={lang} />
                          </th>
                          <td>
                            <SideValue
                              template={templates.earlier}
                              assessment={earlier}
                              fieldKey={field.key}
                            />
                          </td>
                          <td>
                            <SideValue template={templates.later} assessment={later} fieldKey={field.key} />
                          </td>
                          <td>
                            {isChanged ? (
                              <strong className="tag tag--changed">{t('assessment.compare.changed')}</strong>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                  {hasScore ? (
                    <tfoot>
                      <tr>
                        <th scope="row">
                          {section.score?.kind === 'sum'
                            ? t('assessment.field.scoreSum')
                            : t('assessment.field.scoreMean')}
                        </th>
                        <td>
                          <ScoreSide assessment={earlier} sectionKey={section.key} />
                        </td>
                        <td>
                          <ScoreSide assessment={later} sectionKey={section.key} />
                        </td>
                        <td />
                      </tr>
                    </tfoot>
                  ) : null}
                </table>
              </div>
            )}
          </section>
        );
      })}
      <section aria-labelledby="compare-needs" className="assessment-section">
        <h2 id="compare-needs">{t('assessment.compare.needsHeading')}</h2>
        <div className="columns">
          <NeedsColumn heading={earlierHeader} assessment={earlier} />
          <NeedsColumn heading={laterHeader} assessment={later} />
        </div>
      </section>
    </>
  );
}

function SideValue({
  template,
  assessment,
  fieldKey,
}: {
  template: Template;
  assessment: Assessment;
  fieldKey: string;
}) {
  const { t } = useTranslation();
  const field = fieldOf(template, fieldKey);
  if (!field || !isVisible(field, assessment.answers))
    return <span className="muted">{t('assessment.field.notShown')}</span>;
  return <AnswerValue field={field} value={assessment.answers[fieldKey]} />;
}

function ScoreSide({ assessment, sectionKey }: { assessment: Assessment; sectionKey: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = assessment.scores[sectionKey];
  return typeof score === 'number' ? (
    formatNumber(score, lang)
  ) : (
    <span className="muted">{t('assessment.field.scoreNone')}</span>
  );
}

function NeedsColumn({ heading, assessment }: { heading: string; assessment: Assessment }) {
  const { t } = useTranslation();
  return (
    <div>
      <h3>{heading}</h3>
      {NEED_KINDS.map((kind) => {
        const items = assessment.needs.filter((n) => n.kind === kind).sort((a, b) => a.priority - b.priority);
        return (
          <div key={kind}>
            <h4>{kind === 'need' ? t('assessment.needs.needs') : t('assessment.needs.resources')}</h4>
            {items.length === 0 ? (
              <p className="muted">
                {kind === 'need' ? t('assessment.needs.noNeeds') : t('assessment.needs.noResources')}
              </p>
            ) : (
              <ol>
                {items.map((need) => (
                  <li key={need.id} dir="auto">
                    {need.hidden ? <span className="muted">{t('assessment.needs.hidden')}</span> : need.text}
                  </li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
    </div>
  );
}
