import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from './TableRegion';

export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** Set on the column that names the row (e.g. the name): rendered as a row header. */
  rowHeader?: boolean;
  /** Set when the server can sort by this column. */
  sortKey?: string;
}

export interface Sorting {
  key: string;
  order: 'asc' | 'desc';
}

interface DataTableProps<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: string;
  busy?: boolean;
  sorting?: Sorting;
  onSort?: (sorting: Sorting) => void;
}

/**
 * A data table with caption and scoped headers. On narrow screens it scrolls inside a focusable region,
 * so keyboard users can scroll it too.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  busy = false,
  sorting,
  onSort,
}: DataTableProps<Row>) {
  const { t } = useTranslation();
  const captionId = useId();

  function header(column: Column<Row>) {
    if (column.sortKey === undefined || onSort === undefined) return column.header;
    const active = sorting?.key === column.sortKey;
    const nextOrder = active && sorting.order === 'asc' ? 'desc' : 'asc';
    const sortKey = column.sortKey;
    return (
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort({ key: sortKey, order: nextOrder })}
      >
        {column.header}
        {active ? (
          <span className="sort-button__state">
            <span aria-hidden="true">{sorting.order === 'asc' ? ' ▲' : ' ▼'}</span>
            <span className="visually-hidden">
              {' '}
              ({sorting.order === 'asc' ? t('table.sortAscending') : t('table.sortDescending')})
            </span>
          </span>
        ) : null}
      </button>
    );
  }

  function ariaSort(column: Column<Row>): 'ascending' | 'descending' | undefined {
    if (column.sortKey === undefined || sorting?.key !== column.sortKey) return undefined;
    return sorting.order === 'asc' ? 'ascending' : 'descending';
  }

  return (
    <TableRegion labelledBy={captionId}>
      <table className="table" aria-busy={busy || undefined}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" aria-sort={ariaSort(column)}>
                {header(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.key} scope="row">
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.key}>{column.cell(row)}</td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableRegion>
  );
}
