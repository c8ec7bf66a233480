import { Input, Segmented, Select, Space, Table, type TableProps } from 'antd';
import { type ReactNode, useState } from 'react';
import type { Page } from '../api/client';
import { ExportButton } from './ExportButton';
import { usePagination } from './use-pagination';

/**
 * A server-paged list filtered by a keyword and a status (users, devices, service accounts …): the query to send
 * and the handlers of the toolbar. A new filter starts again on page 1.
 */
export function useKeywordStatusList<S extends string>() {
  const [keyword, setKeyword] = useState('');
  const [status, setStatus] = useState<S>();
  const { page, pageSize, reset, tablePagination } = usePagination();
  return {
    query: { page, pageSize, keyword, status },
    reset,
    tablePagination,
    filters: {
      keyword,
      status,
      onSearch: (value: string) => {
        setKeyword(value.trim());
        reset();
      },
      onStatus: (value: S | undefined) => {
        setStatus(value);
        reset();
      },
    },
  };
}

interface KeywordStatusToolbarProps<S extends string> {
  filters: ReturnType<typeof useKeywordStatusList<S>>['filters'];
  placeholder: string;
  statuses: readonly S[];
  labels: Record<S, string>;
  searchTestId?: string;
  /** 导出Excel of the list under the same keyword and status (the server's export route of the list). */
  exportPath?: string;
  /** More toolbar items after the two filters. */
  children?: ReactNode;
}

/** The toolbar of such a list: 查询 by keyword, 全部状态, and 导出Excel when the list has an export. */
export function KeywordStatusToolbar<S extends string>({
  filters,
  placeholder,
  statuses,
  labels,
  searchTestId,
  exportPath,
  children,
}: KeywordStatusToolbarProps<S>) {
  return (
    <Space className="toolbar" wrap>
      <Input.Search placeholder={placeholder} allowClear enterButton="查询" onSearch={filters.onSearch} data-testid={searchTestId} />
      <StatusSelect labels={labels} statuses={statuses} value={filters.status} onChange={filters.onStatus} />
      {exportPath && <ExportButton path={exportPath} filters={{ keyword: filters.keyword || undefined, status: filters.status }} testId="list-export" />}
      {children}
    </Space>
  );
}

/** 全部状态: a list's status filter over its code table (value → Chinese name), in the table's order unless `statuses` says. */
export function StatusSelect<S extends string>({
  labels,
  statuses = Object.keys(labels) as S[],
  value,
  onChange,
  placeholder = '全部状态',
}: {
  labels: Readonly<Record<S, string>>;
  statuses?: readonly S[];
  value: S | undefined;
  onChange: (value: S | undefined) => void;
  placeholder?: string;
}) {
  return (
    <Select<S>
      placeholder={placeholder}
      allowClear
      className="status-filter"
      value={value}
      onChange={onChange}
      options={statuses.map((s) => ({ value: s, label: labels[s] }))}
    />
  );
}

/** 全部 or one code of a code table (value → Chinese name), in the table's order: the segmented twin of StatusSelect. */
export function FilterSegmented<S extends string>({
  labels,
  value,
  onChange,
  'data-testid': testId,
}: {
  labels: Readonly<Record<S, string>>;
  value: S | undefined;
  onChange: (value: S | undefined) => void;
  'data-testid'?: string;
}) {
  return (
    <Segmented<S | 'all'>
      value={value ?? 'all'}
      onChange={(next) => onChange(next === 'all' ? undefined : next)}
      options={[{ value: 'all', label: '全部' }, ...(Object.keys(labels) as S[]).map((s) => ({ value: s, label: labels[s] }))]}
      data-testid={testId}
    />
  );
}

type PagedTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'pagination'> & {
  result: { data?: Pick<Page<T>, 'items'> & { total?: number }; isFetching: boolean };
  /** Absent: the rows the server answered whole (a short list), on one page. */
  pagination?: ReturnType<typeof usePagination>['tablePagination'];
};

/**
 * One server page of rows (keyed by id unless told), scrolling sideways rather than squeezing its columns; loading
 * while fetching unless told otherwise (a list that refreshes itself shows its rows meanwhile).
 */
export function PagedTable<T extends object>({ result, pagination, ...table }: PagedTableProps<T>) {
  return (
    <Table<T>
      rowKey="id"
      scroll={{ x: 'max-content' }}
      dataSource={result.data?.items}
      loading={result.isFetching}
      pagination={pagination ? pagination(result.data?.total) : false}
      {...table}
    />
  );
}
