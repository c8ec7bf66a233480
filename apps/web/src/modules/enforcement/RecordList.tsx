import type { TableColumnsType } from 'antd';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { useEnforcementPage } from './enforcement-queries';

/** A paged table of one kind of enforcement record, newest first, within the reader's data scope. */
export function RecordList<T extends object>({ path, columns, rowKey = 'id' }: { path: string; columns: TableColumnsType<T>; rowKey?: string }) {
  const { page, pageSize, tablePagination } = usePagination();
  const result = useEnforcementPage<T>(path, { page, pageSize });
  return <PagedTable<T> rowKey={rowKey} size="small" columns={columns} result={result} pagination={tablePagination} data-testid={`list-${path}`} />;
}
