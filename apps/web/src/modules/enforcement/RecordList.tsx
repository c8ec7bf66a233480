import { Space, type TableColumnsType } from 'antd';
import { ExportButton } from '../../shared/ExportButton';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { useEnforcementPage } from './enforcement-queries';

/**
 * A paged table of one kind of enforcement record, newest first, within the reader's data scope; `exportable`: with
 * 导出Excel of the same list (`/api/enforcement/<path>/export`).
 */
export function RecordList<T extends object>({
  path,
  columns,
  rowKey = 'id',
  exportable = false,
}: {
  path: string;
  columns: TableColumnsType<T>;
  rowKey?: string;
  exportable?: boolean;
}) {
  const { page, pageSize, tablePagination } = usePagination();
  const result = useEnforcementPage<T>(path, { page, pageSize });
  const table = <PagedTable<T> rowKey={rowKey} size="small" columns={columns} result={result} pagination={tablePagination} data-testid={`list-${path}`} />;
  if (!exportable) return table;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ExportButton path={`/api/enforcement/${path}/export`} testId={`export-${path}`} />
      {table}
    </Space>
  );
}
