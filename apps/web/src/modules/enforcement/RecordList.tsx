import { Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { type DayRange, DayRangePicker, rangeDays } from '../../shared/DayRangePicker';
import { ExportButton } from '../../shared/ExportButton';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { useEnforcementPage } from './enforcement-queries';

/**
 * A paged table of one kind of enforcement record, newest first, within the reader's data scope, between the days
 * chosen (起始日期–截止日期, Shanghai days of the record); `exportable`: with 导出Excel of the same list and days
 * (`/api/enforcement/<path>/export`).
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
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [range, setRange] = useState<DayRange>(null);
  const days = rangeDays(range);
  const result = useEnforcementPage<T>(path, { page, pageSize, ...days });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space className="toolbar" wrap>
        <DayRangePicker value={range} onChange={setRange} reset={reset} data-testid={`range-${path}`} />
        {exportable && <ExportButton path={`/api/enforcement/${path}/export`} filters={days} testId={`export-${path}`} />}
      </Space>
      <PagedTable<T> rowKey={rowKey} size="small" columns={columns} result={result} pagination={tablePagination} data-testid={`list-${path}`} />
    </Space>
  );
}
