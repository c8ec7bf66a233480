import type { ProjectionCheckRequest } from '@shtp/core/ebike';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Spin } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useProjectionReport } from '../../api/ebike-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';

/** How often the card asks for the report while a requested check has not reported yet. */
const WAITING_REFRESH_MS = 5_000;

/**
 * 台账核对: the last check of every vehicle's current registration against its signed business ledger (nightly at
 * 04:10, 立即核对 here, or by an administrator with npm run ebike:projection). A difference means a row was changed
 * outside the ledger; it is restored with the rebuild (npm run ebike:projection -- --rebuild).
 */
export function ProjectionReportCard({ canRun }: { canRun: boolean }) {
  // When a requested check was queued: the card polls until a report newer than that arrives.
  const [waitingSince, setWaitingSince] = useState<string | null>(null);
  const report = useProjectionReport(waitingSince ? WAITING_REFRESH_MS : false);
  const r = report.data;
  const waiting = waitingSince !== null && !(r && r.checkedAt > waitingSince);
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const run = useMutation({
    mutationFn: () => api.post<ProjectionCheckRequest>('/api/ebike/uploads/projection-check'),
    onSuccess: (job) => {
      if (job.state === 'done') {
        message.info('本小时已核对过，结果见下方');
        return;
      }
      message.success('核对已排入任务队列，完成后此处自动更新');
      setWaitingSince(job.queuedAt);
    },
    onError: (error) => reportError(error),
  });
  return (
    <Card
      size="small"
      title="台账核对（当前登记与业务台账）"
      data-testid="projection-report"
      extra={
        canRun && (
          <Button onClick={() => run.mutate()} loading={run.isPending || waiting} data-testid="projection-check-run">
            {waiting ? '核对中' : '立即核对'}
          </Button>
        )
      }
    >
      {report.isPending ? (
        <Spin />
      ) : report.isError ? (
        <Alert type="warning" showIcon title={report.error.message} />
      ) : !r ? (
        <Alert type="info" showIcon title="尚未核对（每日 04:10 自动核对）" />
      ) : r.differences.length === 0 ? (
        <Alert type="success" showIcon title={`${formatDateTime(r.checkedAt)} 核对 ${r.checked} 辆车，当前登记与台账一致`} />
      ) : (
        <Alert
          type={r.rebuild ? 'warning' : 'error'}
          showIcon
          title={`${formatDateTime(r.checkedAt)} 核对 ${r.checked} 辆车，${r.differences.length} 辆与台账不一致${r.rebuild ? '，已按台账恢复' : ''}`}
          description={r.differences.map((d) => (
            <div key={d.vehicleId}>
              <Link to={`/ebike/vehicles/${d.vehicleId}`}>车辆 {d.vehicleId}</Link>：{d.items.join('、')}
            </div>
          ))}
        />
      )}
    </Card>
  );
}
