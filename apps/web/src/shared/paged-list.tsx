import { Input, Select, Space, Table, type TableProps } from 'antd';
import { type ReactNode, useState } from 'react';
import type { Page } from '../api/client';
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
  /** More toolbar items after the two filters. */
  children?: ReactNode;
}

/** The toolbar of such a list: 查询 by keyword and 全部状态. */
export function KeywordStatusToolbar<S extends string>({ filters, placeholder, statuses, labels, searchTestId, children }: KeywordStatusToolbarProps<S>) {
  return (
    <Space className="toolbar" wrap>
      <Input.Search placeholder={placeholder} allowClear enterButton="查询" onSearch={filters.onSearch} data-testid={searchTestId} />
      <Select
        placeholder="全部状态"
        allowClear
        className="status-filter"
        value={filters.status}
        onChange={filters.onStatus}
        options={statuses.map((value) => ({ value, label: labels[value] }))}
      />
      {children}
    </Space>
  );
}

type PagedTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'pagination'> & {
  result: { data?: Page<T>; isFetching: boolean };
  pagination: ReturnType<typeof usePagination>['tablePagination'];
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
      pagination={pagination(result.data?.total)}
      {...table}
    />
  );
}
