import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, call, type ApiResult } from '../../api/client';
import type { paths } from '../../api/schema';
import { isOneOf, type Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/fields';
import { formatDay } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import './print.css';

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type PlanEnvelope = Json<paths['/api/cases/{id}/plan']['get']['responses'][200]>;
type Plan = NonNullable<PlanEnvelope['plan']>;
type PlanLabel = PlanEnvelope['label'];
type Goal = Plan['goals'][number];
type SubGoal = Goal['subGoals'][number];
type Step = Goal['steps'][number];
type PrintLanguage = paths['/api/cases/{id}/plan/print']['get']['parameters']['query']['language'];

/** The plain-language labels of the printout, as server/src/modules/plan/print.ts sends them. */
type PrintLabels = { title: Record<PlanLabel, string> } & Record<
  | 'intro'
  | 'forPerson'
  | 'date'
  | 'goal'
  | 'subGoal'
  | 'indicator'
  | 'targetOn'
  | 'steps'
  | 'what'
  | 'who'
  | 'byWhen'
  | `who_${Step['who']}`
  | 'done'
  | 'nextAppointment'
  | 'review'
  | 'obligations'
  | 'signatures'
  | 'signatureClient'
  | 'signatureCaseManager'
  | 'placeAndDate'
  | 'voluntary',
  string
>;
type LabelKey = Exclude<keyof PrintLabels, 'title'>;

interface Printout {
  language: PrintLanguage;
  direction: 'ltr' | 'rtl';
  labels: PrintLabels;
  german: PrintLabels | null;
  label: PlanLabel;
  clientName: string;
  organisation: string;
  caseNumber: string;
  printedOn: string;
  nextAppointment: string | null;
  plan: Plan;
}

const PRINT_LANGUAGES: readonly PrintLanguage[] = ['de', 'en', 'ar', 'uk'];
/** Each language named in itself, so the client can find theirs in the list. */
const LANGUAGE_NAMES: Record<PrintLanguage, string> = {
  de: 'Deutsch',
  en: 'English',
  ar: 'العربية',
  uk: 'Українська',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The route's response schema is an open object; check the parts the page relies on before using it. */
function isPrintout(value: unknown): value is Printout {
  return (
    isObject(value) &&
    isOneOf(PRINT_LANGUAGES, value.language) &&
    (value.direction === 'ltr' || value.direction === 'rtl') &&
    isObject(value.labels) &&
    isObject(value.labels.title) &&
    (value.german === null || isObject(value.german)) &&
    typeof value.label === 'string' &&
    isObject(value.plan) &&
    Array.isArray(value.plan.goals)
  );
}

async function loadPrintout(caseId: string, language: PrintLanguage): Promise<ApiResult<Printout>> {
  const result = await call(
    api.GET('/api/cases/{id}/plan/print', { params: { path: { id: caseId }, query: { language } } }),
  );
  if (!result.ok) return result;
  if (isPrintout(result.data)) return { ok: true, data: result.data };
  return {
    ok: false,
    problem: { type: 'about:blank', title: 'Unexpected response', status: 500, code: 'internal' },
  };
}

/** Dates as numbers (01.03.2026): readable in every language of the printout, and the same in both. */
const day = (iso: string | null) => (iso ? formatDay(iso, 'de') : '');

const active = <T extends { status: string }>(items: readonly T[]) =>
  items.filter((item) => item.status !== 'dropped');

/**
 * The client's printout of the plan (issue 6): plain-language labels in the client's language with the German
 * beside them, Arabic right to left; the plan's own texts stay as they were written. Dropped goals and steps
 * are left out: the client signs what still holds.
 */
export function PlanPrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { caseId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get('language');
  const language: PrintLanguage = isOneOf(PRINT_LANGUAGES, requested) ? requested : 'de';
  const printout = useResource(`plan-print:${caseId}:${language}`, () => loadPrintout(caseId, language));
  const data = printout.result?.ok ? printout.result.data : null;
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${data ? data.labels.title[data.label] : t('plan.tab')} – ${t('app.name')}`;
  }, [data, t]);

  function switchLanguage(value: string) {
    if (!isOneOf(PRINT_LANGUAGES, value)) return;
    setMessage(null);
    setProblem(null);
    const next = new URLSearchParams(params);
    next.set('language', value);
    setParams(next);
  }

  async function handOut(shown: Printout) {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setProblem(null);
    const result = await call(
      api.POST('/api/cases/{id}/plan/handouts', {
        params: { path: { id: caseId } },
        body: { language: shown.language, version: shown.plan.version },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setMessage(
        t('plan.print.handedOut', {
          version: shown.plan.version,
          language: LANGUAGE_NAMES[shown.language],
        }),
      );
    } else {
      setProblem(result.problem);
      // The plan changed since this page loaded: show the current version before it is handed out.
      if (result.problem.code === 'version-conflict') printout.reload();
    }
  }

  return (
    <div className="print-page plan-print">
      <div className="print-toolbar no-print">
        <Button variant="secondary" onClick={() => void navigate(-1)}>
          {t('print.back')}
        </Button>
        <SelectField
          id="plan-print-language"
          label={t('plan.print.language')}
          value={language}
          options={PRINT_LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
          onValueChange={switchLanguage}
        />
        <Button onClick={() => window.print()}>{t('plan.print.print')}</Button>
        {data ? (
          <Button variant="secondary" busy={busy} onClick={() => void handOut(data)}>
            {t('plan.print.handout')}
          </Button>
        ) : null}
        <p className="field__hint">{t('plan.print.hint')}</p>
      </div>
      <div className="no-print">
        <StatusRegion message={message} focus />
        {problem ? <ProblemAlert problem={problem} /> : null}
        {printout.result && !printout.result.ok ? (
          <ProblemAlert problem={printout.result.problem} onRetry={printout.reload} />
        ) : null}
        {printout.loading ? <p role="status">{t('app.loading')}</p> : null}
      </div>
      {data ? <PrintedPlan printout={data} /> : null}
    </div>
  );
}

/** A label in the client's language, then " / " and the German, each marked with its language. */
function Both({ printout, text }: { printout: Printout; text: (labels: PrintLabels) => string }) {
  const own = (
    <span lang={printout.language} dir={printout.direction}>
      {text(printout.labels)}
    </span>
  );
  if (printout.german === null) return own;
  return (
    <>
      {own} / <span lang="de">{text(printout.german)}</span>
    </>
  );
}

/** The same content once per language, side by side (client's language first), or once for German. */
function Columns({
  printout,
  children,
}: {
  printout: Printout;
  children: (labels: PrintLabels) => ReactNode;
}) {
  return (
    <div className={printout.german ? 'print-form__columns' : 'print-form__single'}>
      <div
        className="print-form__column"
        lang={printout.language}
        dir={printout.direction}
        data-column="client-language"
      >
        {children(printout.labels)}
      </div>
      {printout.german ? (
        <div className="print-form__column" lang="de" dir="ltr" data-column="german">
          {children(printout.german)}
        </div>
      ) : null}
    </div>
  );
}

function PrintedPlan({ printout }: { printout: Printout }) {
  const { t } = useTranslation();
  const { plan } = printout;
  const label = (key: LabelKey) => <Both printout={printout} text={(labels) => labels[key]} />;
  return (
    <article className="plan-print__sheet" lang="de">
      <h1 className="print-form__title">
        <Both printout={printout} text={(labels) => labels.title[printout.label]} />
      </h1>
      <Columns printout={printout}>
        {(labels) => (
          <>
            <p>
              {labels.forPerson}: <span dir="auto">{printout.clientName}</span>
            </p>
            <p>
              {labels.date}: <span dir="ltr">{day(printout.printedOn)}</span>
            </p>
            <p>{labels.intro}</p>
          </>
        )}
      </Columns>

      {active(plan.goals).map((goal, index) => (
        <section key={goal.id} className="print-section plan-print__goal">
          <h2 className="print-form__heading">
            <Both printout={printout} text={(labels) => `${labels.goal} ${index + 1}`} />
          </h2>
          <GoalBody printout={printout} goal={goal} />
          {active(goal.subGoals).map((subGoal, subIndex) => (
            <section key={subGoal.id} className="plan-print__sub-goal">
              <h3 className="print-form__heading">
                <Both
                  printout={printout}
                  text={(labels) => `${labels.subGoal} ${index + 1}.${subIndex + 1}`}
                />
              </h3>
              <GoalBody printout={printout} goal={subGoal} />
            </section>
          ))}
        </section>
      ))}

      {plan.header.obligations ? (
        <section className="print-section">
          <h2 className="print-form__heading">{label('obligations')}</h2>
          <p className="plan-print__text" dir="auto">
            {plan.header.obligations}
          </p>
        </section>
      ) : null}

      <dl className="plan-print__dates print-section">
        <div>
          <dt>{label('nextAppointment')}</dt>
          <dd className={printout.nextAppointment ? undefined : 'plan-print__blank'}>
            {day(printout.nextAppointment)}
          </dd>
        </div>
        <div>
          <dt>{label('review')}</dt>
          <dd className={plan.header.reviewOn ? undefined : 'plan-print__blank'}>
            {day(plan.header.reviewOn)}
          </dd>
        </div>
      </dl>

      <Columns printout={printout}>
        {(labels) => <p className="print-form__declaration">{labels.voluntary}</p>}
      </Columns>

      <section className="print-section">
        <h2 className="print-form__heading">{label('signatures')}</h2>
        <div className="print-form__signatures">
          {(['placeAndDate', 'signatureClient', 'placeAndDate', 'signatureCaseManager'] as const).map(
            (key, index) => (
              <div key={index} className="print-form__signature">
                <span>{label(key)}</span>
              </div>
            ),
          )}
        </div>
      </section>

      <p className="print-form__meta">
        {t('plan.print.meta', {
          organisation: printout.organisation,
          caseNumber: printout.caseNumber,
          version: plan.version,
        })}
      </p>
    </article>
  );
}

function GoalBody({ printout, goal }: { printout: Printout; goal: Goal | SubGoal }) {
  const label = (key: LabelKey) => <Both printout={printout} text={(labels) => labels[key]} />;
  const steps = active(goal.steps);
  return (
    <>
      <p className="plan-print__wording" dir="auto">
        {goal.wording}
      </p>
      {goal.indicator || goal.targetOn ? (
        <dl className="plan-print__facts">
          {goal.indicator ? (
            <div>
              <dt>{label('indicator')}</dt>
              <dd className="plan-print__text" dir="auto">
                {goal.indicator}
              </dd>
            </div>
          ) : null}
          {goal.targetOn ? (
            <div>
              <dt>{label('targetOn')}</dt>
              <dd>{day(goal.targetOn)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {steps.length > 0 ? (
        <table className="table plan-print__steps">
          <caption>{label('steps')}</caption>
          <thead>
            <tr>
              <th scope="col">{label('what')}</th>
              <th scope="col">{label('who')}</th>
              <th scope="col">{label('byWhen')}</th>
              <th scope="col">{label('done')}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <tr key={step.id}>
                <td className="plan-print__text" dir="auto">
                  {step.what}
                </td>
                <td>
                  {label(`who_${step.who}`)}
                  {step.whoName ? (
                    <>
                      {' '}
                      (<span dir="auto">{step.whoName}</span>)
                    </>
                  ) : null}
                </td>
                <td>{day(step.dueOn)}</td>
                <td>
                  {step.status === 'done' ? (
                    <>
                      ✓ {label('done')}
                      {step.doneOn ? <> {day(step.doneOn)}</> : null}
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
