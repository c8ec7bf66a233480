import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type QueryParams, toQueryString } from '../api/client';

/**
 * 导出Excel of a list page: the server streams the workbook of the list's current filters. A plain navigation lets the
 * browser write it to disk as it arrives (no blob in memory). `filters` may be read at the click (a filter form as it
 * stands, searched or not).
 */
export function ExportButton({ path, filters = {}, testId }: { path: string; filters?: QueryParams | (() => QueryParams); testId: string }) {
  const query = () => toQueryString(typeof filters === 'function' ? filters() : filters);
  return (
    <Button icon={<DownloadOutlined />} onClick={() => window.location.assign(`${path}${query()}`)} data-testid={testId}>
      导出Excel
    </Button>
  );
}
