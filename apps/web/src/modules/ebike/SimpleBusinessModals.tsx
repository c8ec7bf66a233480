import {
  CANCEL_REASONS,
  CancelBodySchema,
  LockBodySchema,
  REPLACE_MODES,
  RecoverBodySchema,
  ReplacePlateBodySchema,
  TheftBodySchema,
  UnlockBodySchema,
  type VehicleDetail,
} from '@shtp/core/ebike';
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BusinessModal } from './BusinessModal';
import { codeOptions } from './code-labels';

interface ModalProps {
  vehicle: VehicleDetail;
  onClose: () => void;
}

const name = (v: VehicleDetail) => v.plate ?? v.zcbm;
const blankToUndefined = (s: string | undefined) => (s?.trim() ? s : undefined);

/** 注销登记 (E4): the reason; a cancelled vehicle accepts no further business. */
export function CancelModal({ vehicle, onClose }: ModalProps) {
  return (
    <BusinessModal<{ reason?: string; note?: string }>
      title={`注销登记 · ${name(vehicle)}`}
      vehicle={vehicle}
      path="cancel"
      schema={CancelBodySchema}
      toBody={(v) => ({ reason: v.reason, note: blankToUndefined(v.note) })}
      saveTestId="cancel-save"
      onClose={onClose}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="注销后该车辆不能再办理任何业务" />
      <Form.Item name="reason" label="注销原因" required>
        <Select options={codeOptions(CANCEL_REASONS)} placeholder="请选择" data-testid="cancel-reason" />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input.TextArea maxLength={200} rows={2} />
      </Form.Item>
    </BusinessModal>
  );
}

/** 补换牌登记 (E5): 补领 retires the lost number for good, 换领 recycles it; the new number is allocated or chosen. */
export function ReplacePlateModal({ vehicle, onClose }: ModalProps) {
  return (
    <BusinessModal<{ mode?: string; plateNumber?: string }>
      title={`补换牌登记 · ${name(vehicle)}`}
      vehicle={vehicle}
      path="replace-plate"
      schema={ReplacePlateBodySchema}
      toBody={(v) => ({ mode: v.mode, plateNumber: blankToUndefined(v.plateNumber) })}
      saveTestId="replace-save"
      onClose={onClose}
    >
      <Form.Item name="mode" label="补换类型" required>
        <Select options={codeOptions(REPLACE_MODES)} placeholder="请选择" data-testid="replace-mode" />
      </Form.Item>
      <Form.Item name="plateNumber" label="新号牌号码" extra="留空则从本部门号牌库自动分配">
        <Input maxLength={12} data-testid="replace-plate" />
      </Form.Item>
    </BusinessModal>
  );
}

/** 失窃登记 (E6): when, where and the police report; a stolen vehicle cannot be transferred, changed or re-plated. */
export function TheftModal({ vehicle, onClose }: ModalProps) {
  return (
    <BusinessModal<{ lostOn?: Dayjs | null; place?: string; caseNo?: string }>
      title={`失窃登记 · ${name(vehicle)}`}
      vehicle={vehicle}
      path="theft"
      schema={TheftBodySchema}
      toBody={(v) => ({ lostOn: v.lostOn?.format('YYYY-MM-DD'), place: v.place, caseNo: blankToUndefined(v.caseNo) })}
      initialValues={{ lostOn: dayjs() }}
      saveTestId="theft-save"
      onClose={onClose}
    >
      <Form.Item name="lostOn" label="失窃日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="theft-date" />
      </Form.Item>
      <Form.Item name="place" label="失窃地点" required>
        <Input maxLength={100} data-testid="theft-place" />
      </Form.Item>
      <Form.Item name="caseNo" label="报案编号">
        <Input maxLength={40} data-testid="theft-case-no" />
      </Form.Item>
    </BusinessModal>
  );
}

/** 失窃找回 (E6). */
export function RecoverModal({ vehicle, onClose }: ModalProps) {
  return (
    <BusinessModal<{ note?: string }>
      title={`失窃找回 · ${name(vehicle)}`}
      vehicle={vehicle}
      path="recover"
      schema={RecoverBodySchema}
      toBody={(v) => v}
      saveTestId="recover-save"
      onClose={onClose}
    >
      <Form.Item name="note" label="找回情况" required>
        <Input.TextArea maxLength={200} rows={3} data-testid="recover-note" />
      </Form.Item>
    </BusinessModal>
  );
}

/** 锁定 (E8): the reason; the vehicle then accepts only 解锁, by the locking department or one above it. */
export function LockModal({ vehicle, onClose }: ModalProps) {
  return (
    <BusinessModal<{ reason?: string }>
      title={`锁定 · ${name(vehicle)}`}
      vehicle={vehicle}
      path="lock"
      schema={LockBodySchema}
      toBody={(v) => v}
      saveTestId="lock-save"
      onClose={onClose}
    >
      <Form.Item name="reason" label="锁定原因" required>
        <Input.TextArea maxLength={200} rows={3} data-testid="lock-reason" />
      </Form.Item>
    </BusinessModal>
  );
}

/** 解锁 (E8). */
export function UnlockModal({ vehicle, onClose }: ModalProps) {
  return (
    <BusinessModal<{ reason?: string }>
      title={`解锁 · ${name(vehicle)}`}
      vehicle={vehicle}
      path="unlock"
      schema={UnlockBodySchema}
      toBody={(v) => v}
      saveTestId="unlock-save"
      onClose={onClose}
    >
      {vehicle.lock && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${vehicle.lock.departmentName} 锁定：${vehicle.lock.reason}`}
          description="只有锁定部门或其上级部门可以解锁"
        />
      )}
      <Form.Item name="reason" label="解锁原因" required>
        <Input.TextArea maxLength={200} rows={3} data-testid="unlock-reason" />
      </Form.Item>
    </BusinessModal>
  );
}
