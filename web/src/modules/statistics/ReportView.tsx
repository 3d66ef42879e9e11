import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  chartSeries,
  hasSuppressed,
  tableColumns,
  type Report,
  type ReportCell,
  type ReportRow,
  type ReportSection,
  type ReportTable,
} from './model';
import { TableRegion } from '../../ui/TableRegion';

const ReportChart = lazy(() => import('./ReportChart').then((module) => ({ default: module.ReportChart })));

/**
 * A report as the server built it, rendered generically: a heading per section, a data table per table
 * (caption, row headers, the figures exactly as sent), a footnote where counts are hidden, and a chart
 * beside the tables that ask for one.
 */
export function ReportView({ report, busy }: { report: Report; busy: boolean }) {
  const { t } = useTranslation();
  if (report.sections.length === 0) return <p>{t('statistics.report.noSections')}</p>;
  return (
    <div className="stat-report" aria-busy={busy || undefined}>
      {report.sections.map((section) => (
        <Section key={section.key} section={section} threshold={report.threshold} />
      ))}
    </div>
  );
}

function Section({ section, threshold }: { section: ReportSection; threshold: number }) {
  const headingId = useId();
  return (
    <section className="stat-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{section.title}</h2>
      {section.tables.map((table) => (
        <StatisticsTable key={table.key} table={table} threshold={threshold} />
      ))}
    </section>
  );
}

function StatisticsTable({ table, threshold }: { table: ReportTable; threshold: number }) {
  const { t, i18n } = useTranslation();
  const captionId = useId();
  const suppressed = hasSuppressed(table);
  const { rowHeading, figures } = tableColumns(table);
  const series = table.chart ? chartSeries(table, i18n.language) : [];
  const width = figures.length + 1;
  return (
    <div className="stat-table">
      <TableRegion labelledBy={captionId}>
        <table className="table stat-table__table">
          <caption id={captionId}>{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeading ?? t('statistics.report.rowHeader')}</th>
              {figures.map((column) => (
                <th key={column.key} scope="col" className="stat-num">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={width}>{t('statistics.report.empty')}</td>
              </tr>
            ) : (
              table.rows.map((row) => <Row key={row.key} row={row} columns={figures} threshold={threshold} />)
            )}
          </tbody>
          {table.total ? (
            <tfoot>
              <Row row={table.total} columns={figures} threshold={threshold} />
            </tfoot>
          ) : null}
        </table>
      </TableRegion>
      {suppressed ? (
        <p className="stat-footnote">
          <span aria-hidden="true">* </span>
          {t('statistics.report.footnote', { threshold })}
        </p>
      ) : null}
      {table.note ? <p className="stat-note">{table.note}</p> : null}
      {table.chart && table.rows.length > 0 && series.length > 0 ? (
        <Suspense fallback={<p className="muted">{t('statistics.report.chartLoading')}</p>}>
          <ReportChart table={table} series={series} />
        </Suspense>
      ) : null}
    </div>
  );
}

function Row({
  row,
  columns,
  threshold,
}: {
  row: ReportRow;
  columns: ReportTable['columns'];
  threshold: number;
}) {
  return (
    <tr>
      <th scope="row">{row.label}</th>
      {columns.map((column) => (
        <Cell key={column.key} cell={row.cells[column.key]} threshold={threshold} />
      ))}
    </tr>
  );
}

/**
 * One figure as the server formatted it. A hidden count keeps the server's text ("< 5"), explained three
 * ways: a mark pointing to the footnote, a tooltip, and words for screen readers.
 */
function Cell({ cell, threshold }: { cell: ReportCell | undefined; threshold: number }) {
  const { t } = useTranslation();
  if (cell === undefined) return <td className="stat-num">–</td>;
  if (!cell.suppressed) return <td className="stat-num">{cell.display}</td>;
  const explanation = t('statistics.report.suppressed', { threshold });
  return (
    <td className="stat-num stat-suppressed">
      <abbr title={explanation}>{cell.display}</abbr>
      <sup aria-hidden="true">*</sup>
      <span className="visually-hidden"> ({explanation})</span>
    </td>
  );
}
