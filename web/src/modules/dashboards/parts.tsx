import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Problem } from '../../api/types';
import { ProblemAlert } from '../../ui/Alert';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { Pager } from '../../ui/Pager';
import type { DashboardFollowUp } from './model';
import './dashboards.css';
import { TableRegion } from '../../ui/TableRegion';

/**
 * One panel of a dashboard: a section named by its heading. `wide` takes the whole row (lists with several
 * columns); `quietCaptions` keeps the captions of its tables for screen readers only, where the heading
 * already says what the table holds.
 */
export function Panel({
  heading,
  wide = false,
  quietCaptions = false,
  children,
}: {
  heading: string;
  wide?: boolean;
  quietCaptions?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const className = ['panel', wide ? 'panel--wide' : '', quietCaptions ? 'panel--quiet-captions' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <section aria-labelledby={id} className={className}>
      <h3 id={id}>{heading}</h3>
      {children}
    </section>
  );
}

/** A role's dashboard: a region named by its heading, its panels in a grid, loading and failure stated. */
export function DashboardFrame({
  heading,
  problem,
  onRetry,
  loading,
  ready,
  children,
}: {
  heading: string;
  problem: Problem | null;
  onRetry: () => void;
  loading: boolean;
  /** Data has arrived (until then a loading note stands in for the panels). */
  ready: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id} className="dashboard">
      <h2 id={id}>{heading}</h2>
      {problem ? <ProblemAlert problem={problem} onRetry={onRetry} /> : null}
      {!ready && loading ? <p role="status">{t('app.loading')}</p> : null}
      {children}
    </section>
  );
}

/**
 * A small summary table with a caption and a total row. Wide ones scroll inside a focusable region, so
 * keyboard users can scroll them too (as DataTable does).
 */
export function SummaryTable({ caption, children }: { caption: string; children: ReactNode }) {
  const id = useId();
  return (
    <TableRegion labelledBy={id}>
      <table className="table table--compact">
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </TableRegion>
  );
}

/** Paging below a list, only when it has more than one page. */
export function ListPager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  return total > pageSize ? <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} /> : null;
}

/** "Meine nächsten Wiedervorlagen": due date (overdue said in words), text, the case or "own task". */
export function FollowUpsPanel({
  items,
  total,
  overdue,
  page,
  pageSize,
  onPage,
}: {
  items: readonly DashboardFollowUp[];
  total: number;
  overdue: number | null;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Panel heading={t('dashboards.followUps.heading')}>
      {overdue !== null && overdue > 0 ? (
        <p>
          <span className="tag tag--overdue">{t('dashboards.followUps.overdue', { count: overdue })}</span>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('dashboards.followUps.none')}</p>
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
                    {f.case.clientName ? <> – {f.case.clientName}</> : null}
                  </Link>
                ) : (
                  t('dashboards.followUps.personal')
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ListPager page={page} pageSize={pageSize} total={total} onPage={onPage} />
      <p>
        <Link to="/follow-ups">{t('dashboards.followUps.all')}</Link>
      </p>
    </Panel>
  );
}

/**
 * A count the planning level sees: the number, or "< n" for a suppressed one (read out as "fewer than n").
 */
export function Figure({ value, min }: { value: number | null; min: number }) {
  const { t, i18n } = useTranslation();
  if (value !== null) return <>{new Intl.NumberFormat(i18n.language).format(value)}</>;
  return (
    <>
      <span aria-hidden="true">{t('dashboards.planner.below', { min })}</span>
      <span className="visually-hidden">{t('dashboards.planner.belowSpoken', { min })}</span>
    </>
  );
}

/** A list as a captioned table, or, when it is empty, a sentence saying so. */
export function ListTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: string;
}) {
  if (rows.length === 0) return <p>{empty}</p>;
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={rowKey} empty={empty} />;
}
