import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type QueryParams, toQueryString } from '../api/client';

/**
 * 导出Excel of a list page: the server streams the workbook of the list's current filters. A plain navigation lets the
 * browser write it to disk as it arrives (no blob in memory).
 */
export function ExportButton({ path, filters = {}, testId }: { path: string; filters?: QueryParams; testId: string }) {
  return (
    <Button icon={<DownloadOutlined />} onClick={() => window.location.assign(`${path}${toQueryString(filters)}`)} data-testid={testId}>
      导出Excel
    </Button>
  );
}
