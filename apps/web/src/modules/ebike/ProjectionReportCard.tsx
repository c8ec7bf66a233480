import { Alert, Card, Spin } from 'antd';
import { Link } from 'react-router';
import { useProjectionReport } from '../../api/ebike-queries';
import { formatDateTime } from '../../shared/format';

/**
 * 台账核对: the last check of every vehicle's current registration against its signed business ledger (nightly at
 * 04:10, or by an administrator with npm run ebike:projection). A difference means a row was changed outside the
 * ledger; it is restored with the rebuild (npm run ebike:projection -- --rebuild).
 */
export function ProjectionReportCard() {
  const report = useProjectionReport();
  const r = report.data;
  return (
    <Card size="small" title="台账核对（当前登记与业务台账）" data-testid="projection-report">
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
