import { EyeInvisibleOutlined, EyeOutlined, PrinterOutlined, ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { VEHICLE_BUSINESSES, type VehicleBusiness, type VehicleDetail } from '@shtp/core/ebike';
import { Alert, Button, Card, Result, Space, Spin, Tag } from 'antd';
import { type ComponentType, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useVehicle, viewPii } from '../../api/ebike-queries';
import { formatDateTime } from '../../shared/format';
import { SecurityLabelTag } from '../../shared/SecurityLabelTag';
import { ArchiveCompleteness, useVehicleArchives } from './ArchiveCompleteness';
import { BusinessHistory } from './BusinessHistory';
import { BusinessReceipt } from './BusinessReceipt';
import { ChangeModal } from './ChangeModal';
import { CorrectModal } from './CorrectModal';
import { PiiViewModal } from './PiiViewModal';
import { CancelModal, LockModal, RecoverModal, ReplacePlateModal, TheftModal, UnlockModal } from './SimpleBusinessModals';
import { TransferModal } from './TransferModal';
import { useResend } from './use-resend';
import { OwnerItems, VehicleItems } from './VehicleInfo';
import { VehicleLabelModal } from './VehicleLabelModal';

/** Each business's button on the vehicle page (shown in the order of VEHICLE_BUSINESSES) and its dialog. */
const BUTTONS: Record<VehicleBusiness, string> = {
  transfer: '转移',
  change: '变更',
  replace_plate: '补换牌',
  theft: '失窃',
  recover: '找回',
  correct: '更正',
  lock: '锁定',
  unlock: '解锁',
  cancel: '注销',
};
const MODALS: Record<VehicleBusiness, ComponentType<{ vehicle: VehicleDetail; onClose: () => void }>> = {
  transfer: TransferModal,
  change: ChangeModal,
  cancel: CancelModal,
  replace_plate: ReplacePlateModal,
  theft: TheftModal,
  recover: RecoverModal,
  correct: CorrectModal,
  lock: LockModal,
  unlock: UnlockModal,
};

function StateAlerts({ v }: { v: VehicleDetail }) {
  return (
    <>
      {v.lock && (
        <Alert
          type="warning"
          showIcon
          title={`已锁定：${v.lock.reason}`}
          description={`锁定部门 ${v.lock.departmentName} · 经办人 ${v.lock.lockedBy} · ${formatDateTime(v.lock.lockedAt)}；解锁前不能办理其他业务`}
          data-testid="lock-info"
        />
      )}
      {v.stolen && <Alert type="error" showIcon title="车辆处于被盗抢状态：停止办理转移、变更、补换牌，找回后恢复" />}
      {v.cancelled && <Alert type="info" showIcon title="车辆已注销，不能再办理任何业务" />}
    </>
  );
}

/**
 * 车辆页: current items and security label, owner (masked unless shown in clear for a stated reason), state, the
 * businesses the user may do — as the server decides them for this user (`actions`), never by rules of its own —
 * and the history.
 */
export default function VehiclePage() {
  const id = Number(useParams().id);
  const [clearView, setClearView] = useState<VehicleDetail | null>(null);
  const [dialog, setDialog] = useState<'pii' | 'label' | null>(null);
  const [open, setOpen] = useState<VehicleBusiness | null>(null);
  // ?repair=<business id>: opened from 上传监控 to repair a rejected business through 更正.
  const [search, setSearch] = useSearchParams();
  const repairId = search.get('repair') ? Number(search.get('repair')) : undefined;
  const [repairing, setRepairing] = useState<number | undefined>(repairId);
  // ?receipt=<流水号>: the 受理回执 to print, opened after a registration or from the history.
  const receipt = search.get('receipt');
  const setReceipt = (lsh: string | null) => setSearch(lsh ? { receipt: lsh } : {}, { replace: true });
  const vehicle = useVehicle(id);
  const resend = useResend();
  const archives = useVehicleArchives(id).data;

  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="车辆不存在" />;
  if (vehicle.isPending) return <Spin />;
  if (vehicle.isError) {
    return <Result status="warning" title={vehicle.error.message} extra={<Button onClick={() => vehicle.refetch()}>重试</Button>} />;
  }
  const v = vehicle.data;
  const OpenModal = open ? MODALS[open] : null;
  const closeRepair = () => {
    setRepairing(undefined);
    if (search.has('repair')) setSearch({}, { replace: true });
  };
  const rejected = v.businesses.filter((b) => b.upload.status === 'rejected');
  // A clear view belongs to the version it was read at: after a business the owner is masked again.
  const clear = clearView?.version === v.version ? clearView : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {`车辆 ${v.plate ?? v.zcbm}`}
            <SecurityLabelTag label={v.securityLabel} testId="vehicle-label" />
          </Space>
        }
        extra={
          <Space wrap>
            {VEHICLE_BUSINESSES.filter((business) => v.actions[business].allowed).map((business) => (
              <Button key={business} onClick={() => setOpen(business)} danger={business === 'cancel'} data-testid={`action-${business}`}>
                {BUTTONS[business]}
              </Button>
            ))}
            {v.actions.label.allowed && (
              <Button icon={<SafetyOutlined />} onClick={() => setDialog('label')} data-testid="action-label">
                安全标记
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="vehicle-print">
              打印档案
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => vehicle.refetch()} title="刷新" />
          </Space>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <StateAlerts v={v} />
          {rejected.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={`六合一退回了 ${rejected.map((b) => `${b.lsh}（${b.typeLabel}）`).join('、')}`}
              description={`${rejected[0]!.upload.error ?? ''}；该车此后的业务等待其处理。退回原因在登记事项中的，请在业务历史中点击“更正重报”；原因不在登记事项中的（如六合一的车辆状态），处理后点击“重新上传”。`}
              data-testid="rejected-info"
            />
          )}
          <VehicleItems v={v} />
        </Space>
      </Card>
      <Card
        title="所有人"
        extra={
          clear ? (
            <Space>
              <Tag color="orange" data-testid="clear-tag">
                {clear.fullIdNumber ? '明文·完整号码（已记录审计）' : '明文（已记录审计）'}
              </Tag>
              <Button icon={<EyeInvisibleOutlined />} onClick={() => setClearView(null)}>
                恢复脱敏
              </Button>
            </Space>
          ) : (
            v.actions.piiView.allowed && (
              <Button icon={<EyeOutlined />} onClick={() => setDialog('pii')} data-testid="show-clear">
                显示明文
              </Button>
            )
          )
        }
      >
        <OwnerItems owner={(clear ?? v).owner} />
      </Card>
      <Card title="业务历史">
        <BusinessHistory
          businesses={v.businesses}
          onRepair={v.actions.correct.allowed ? setRepairing : undefined}
          resendable={v.actions.resend.businessIds}
          onResend={v.actions.resend.allowed ? (businessId) => resend.mutate(businessId) : undefined}
          onReceipt={setReceipt}
          archives={archives}
        />
      </Card>
      <ArchiveCompleteness vehicleId={v.id} />
      {OpenModal && <OpenModal vehicle={v} onClose={() => setOpen(null)} />}
      {receipt && <BusinessReceipt vehicle={clear ?? v} lsh={receipt} onClose={() => setReceipt(null)} />}
      {repairing !== undefined && v.actions.correct.allowed && <CorrectModal vehicle={v} businessId={repairing} onClose={closeRepair} />}
      {dialog === 'pii' && (
        <PiiViewModal
          fullIdPurposes={v.actions.piiView.fullIdPurposes}
          view={(body) => viewPii(v.id, body)}
          onViewed={setClearView}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'label' && <VehicleLabelModal vehicle={v} onClose={() => setDialog(null)} />}
    </Space>
  );
}
