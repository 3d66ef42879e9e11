import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type ApiResult } from '../../api/client';
import { PHASES, type Phase } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import type { CaseListLinkState } from '../cases/caseList';
import { useCaseLabels } from '../cases/labels';

const WORKING_PHASES = PHASES.filter((phase) => phase !== 'closed');
const LIST_LIMIT = 200;

export type PhaseCounts = Record<Phase, number>;

/** Counts cases by phase from a list of cases. */
export function countByPhase(items: readonly { phase: Phase }[]): PhaseCounts {
  const counts = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as PhaseCounts;
  for (const item of items) counts[item.phase] += 1;
  return counts;
}

/**
 * The running cases the user is responsible for, counted by phase: one list request in the usual case, one
 * count per phase only for caseloads beyond a page.
 */
async function loadPhaseCounts(userId: string): Promise<ApiResult<PhaseCounts>> {
  const first = await call(
    api.GET('/api/cases', { params: { query: { responsibleUserId: userId, pageSize: LIST_LIMIT } } }),
  );
  if (!first.ok) return first;
  if (first.data.total <= first.data.items.length) return { ok: true, data: countByPhase(first.data.items) };
  const counts = countByPhase([]);
  for (const phase of WORKING_PHASES) {
    const result = await call(
      api.GET('/api/cases', { params: { query: { responsibleUserId: userId, phase, pageSize: 1 } } }),
    );
    if (!result.ok) return result;
    counts[phase] = result.data.total;
  }
  return { ok: true, data: counts };
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const caseWork = me.roles.includes('case_manager') || me.roles.includes('team_lead');
  return (
    <Page title={t('home.title')} heading={t('home.greeting', { name: me.displayName })}>
      {caseWork ? (
        <div className="home-grid">
          <NextFollowUps />
          <MyCases userId={me.id} />
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('home.organisation')}</dt>
          <dd>{me.organisation.name}</dd>
        </div>
        <div>
          <dt>{t('home.roles')}</dt>
          <dd>
            <ul className="plain-list">
              {me.roles.map((role) => (
                <li key={role}>{t(`roles.${role}`)}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('home.orgUnits')}</dt>
          <dd>
            {me.orgUnits.length === 0 ? (
              t('home.noOrgUnits')
            ) : (
              <ul className="plain-list">
                {me.orgUnits.map((unit) => (
                  <li key={unit.id}>{unit.name}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </Page>
  );
}

function NextFollowUps() {
  const { t } = useTranslation();
  const format = useFormat();
  const followUps = useResource('home-follow-ups', () =>
    call(api.GET('/api/follow-ups/mine', { params: { query: { pageSize: 5 } } })),
  );
  const items = followUps.data?.items ?? [];
  return (
    <section aria-labelledby="home-follow-ups" className="panel">
      <h2 id="home-follow-ups">{t('home.followUpsHeading')}</h2>
      {followUps.result && !followUps.result.ok ? (
        <ProblemAlert problem={followUps.result.problem} onRetry={followUps.reload} />
      ) : null}
      {followUps.data === null ? (
        followUps.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : items.length === 0 ? (
        <p>{t('home.noFollowUps')}</p>
      ) : (
        <ul className="follow-up-list">
          {items.map((f) => (
            <li key={f.id}>
              <p className="follow-up-list__due">
                {format.day(f.dueOn)}
                {f.overdue ? (
                  <>
                    {' '}
                    <span className="tag tag--overdue">{t('followUps.overdue')}</span>
                  </>
                ) : null}
              </p>
              <p dir="auto" className="follow-up-list__text">
                {f.text}
              </p>
              <p className="follow-up-list__case">
                {f.case ? (
                  <Link to={`/cases/${encodeURIComponent(f.case.id)}?tab=followUps`}>
                    {f.case.caseNumber}
                  </Link>
                ) : (
                  t('followUps.personal')
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/follow-ups">{t('home.allFollowUps')}</Link>
      </p>
    </section>
  );
}

function MyCases({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const counts = useResource(`home-cases:${userId}`, () => loadPhaseCounts(userId));
  const data = counts.data;
  const total = data ? WORKING_PHASES.reduce((sum, phase) => sum + data[phase], 0) : 0;
  const link = (phase?: Phase): CaseListLinkState => ({
    filters: { responsibleUserId: userId, ...(phase ? { phase } : {}) },
  });
  return (
    <section aria-labelledby="home-cases" className="panel">
      <h2 id="home-cases">{t('home.casesHeading')}</h2>
      {counts.result && !counts.result.ok ? (
        <ProblemAlert problem={counts.result.problem} onRetry={counts.reload} />
      ) : null}
      {data ? (
        <table className="table table--compact">
          <caption className="visually-hidden">{t('home.casesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('home.phase')}</th>
              <th scope="col">{t('home.count')}</th>
            </tr>
          </thead>
          <tbody>
            {WORKING_PHASES.map((phase) => (
              <tr key={phase}>
                <th scope="row">{labels.phase(phase)}</th>
                <td>
                  {data[phase] > 0 ? (
                    <Link to="/cases" state={link(phase)}>
                      {data[phase]}
                      <span className="visually-hidden"> – {labels.phase(phase)}</span>
                    </Link>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('home.total')}</th>
              <td>{total}</td>
            </tr>
          </tfoot>
        </table>
      ) : counts.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      <p>
        <Link to="/cases" state={link()}>
          {t('home.allCases')}
        </Link>
      </p>
    </section>
  );
}
