import type { TablePaginationConfig } from 'antd';
import { useCallback, useState } from 'react';

export const DEFAULT_PAGE_SIZE = 20;

/** Page state for a server-paged table; `reset` goes back to page 1 when the filters change. */
export function usePagination() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);

  const reset = useCallback(() => setPage(1), []);
  const tablePagination = useCallback(
    (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (count) => `共 ${count} 条`,
      onChange: (nextPage, nextSize) => {
        setPage(nextSize === pageSize ? nextPage : 1);
        setPageSize(nextSize);
      },
    }),
    [page, pageSize],
  );
  return { page, pageSize, reset, tablePagination };
}
