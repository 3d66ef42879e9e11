import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import './evaluation.css';
import { DIMENSIONS, type Evaluation, type GoalToRate } from './model';

/** The evaluation as it was saved, for reading (a closed case, or someone who may not change it). */
export function EvaluationSummary({
  evaluation,
  goals,
}: {
  evaluation: Evaluation;
  goals: readonly GoalToRate[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('evaluation.view.notGiven');
  const rating = new Map(evaluation.goals.map((g) => [g.goalId, g.attainment]));
  const columns: Column<GoalToRate>[] = [
    {
      key: 'goal',
      header: t('evaluation.view.goalColumn'),
      rowHeader: true,
      cell: (g) => (
        <span dir="auto">
          {g.parentId
            ? t('evaluation.form.subGoal', { wording: g.wording })
            : t('evaluation.form.goal', { wording: g.wording })}
        </span>
      ),
    },
    {
      key: 'attainment',
      header: t('evaluation.view.attainmentColumn'),
      cell: (g) => {
        const a = rating.get(g.id);
        return a ? t(`plan.panel.attainment.${a}`) : t('evaluation.form.notRated');
      },
    },
  ];
  return (
    <>
      <dl className="facts facts--small">
        <div>
          <dt>{t('evaluation.form.evaluatedOn')}</dt>
          <dd>{format.day(evaluation.evaluatedOn)}</dd>
        </div>
        <div>
          <dt>{t('evaluation.form.endedBy')}</dt>
          <dd>{evaluation.endedBy ? t(`evaluation.form.endedByOption.${evaluation.endedBy}`) : none}</dd>
        </div>
        <div>
          <dt>{t('evaluation.form.lifeSituation')}</dt>
          <dd>
            {evaluation.lifeSituation
              ? t(`evaluation.form.lifeSituationOption.${evaluation.lifeSituation}`)
              : none}
          </dd>
        </div>
        <div>
          <dt>{t('evaluation.form.mode')}</dt>
          <dd>
            {t(`evaluation.form.modeOption.${evaluation.satisfactionMode}`)}
            {evaluation.satisfactionLanguage
              ? ` (${t(`evaluation.form.languageOption.${evaluation.satisfactionLanguage}`)})`
              : null}
          </dd>
        </div>
        {DIMENSIONS.map((d) => (
          <div key={d}>
            <dt>{t(`evaluation.form.dimension.${d}`)}</dt>
            <dd>
              {evaluation.satisfaction[d] === null
                ? none
                : t('evaluation.view.satisfaction', { value: evaluation.satisfaction[d] })}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('evaluation.form.methods')}</dt>
          <dd>
            {evaluation.methods.length > 0
              ? evaluation.methods.map((m) => t(`evaluation.form.method.${m}`)).join(', ')
              : none}
          </dd>
        </div>
        <div>
          <dt>{t('evaluation.form.destination')}</dt>
          <dd>
            {evaluation.destination
              ? t(`evaluation.form.destinationOption.${evaluation.destination}`)
              : t('evaluation.form.destinationNone')}
          </dd>
        </div>
        <div>
          <dt>{t('evaluation.form.gapsFound')}</dt>
          <dd dir="auto" className="evaluation-text">
            {evaluation.gapsFound ?? none}
          </dd>
        </div>
        <div>
          <dt>{t('evaluation.form.summary')}</dt>
          <dd dir="auto" className="evaluation-text">
            {evaluation.summary ?? none}
          </dd>
        </div>
        <div>
          <dt>{t('evaluation.form.followUpLegend')}</dt>
          <dd>
            {evaluation.followUpDueOn
              ? t('evaluation.form.followUpDue', { date: format.day(evaluation.followUpDueOn) })
              : evaluation.followUpOffered
                ? t('evaluation.form.followUpOffered')
                : none}
          </dd>
        </div>
      </dl>
      {goals.length > 0 ? (
        <DataTable
          caption={t('evaluation.view.goalsCaption')}
          columns={columns}
          rows={goals}
          rowKey={(g) => g.id}
          empty={t('evaluation.form.noGoals')}
        />
      ) : null}
    </>
  );
}
