import { TRANSFER_MODES, TransferBodySchema, type VehicleDetail } from '@shtp/core/ebike';
import { Form, Input, Select } from 'antd';
import { BusinessModal } from './BusinessModal';
import { codeOptions } from './code-labels';
import { NEW_OWNER, OwnerFields, type OwnerForm } from './OwnerFields';

interface TransferForm {
  mode: 'BA' | 'BB';
  owner: OwnerForm;
  plateNumber?: string;
}

/** 转移登记 (E2): the new owner; BB takes a new number (allocated, or a free one the owner chose). */
export function TransferModal({ vehicle, onClose }: { vehicle: VehicleDetail; onClose: () => void }) {
  return (
    <BusinessModal<TransferForm>
      title={`转移登记 · ${vehicle.plate ?? vehicle.zcbm}`}
      vehicle={vehicle}
      path="transfer"
      schema={TransferBodySchema}
      toBody={(v) => ({ mode: v.mode, owner: v.owner, plateNumber: v.mode === 'BB' && v.plateNumber?.trim() ? v.plateNumber : undefined })}
      initialValues={{ mode: 'BA', owner: NEW_OWNER }}
      saveTestId="transfer-save"
      width={720}
      onClose={onClose}
    >
      <Form.Item name="mode" label="转移方式" required>
        <Select options={codeOptions(TRANSFER_MODES)} data-testid="transfer-mode" />
      </Form.Item>
      <OwnerFields name="owner" />
      <Form.Item noStyle dependencies={['mode']}>
        {({ getFieldValue }) =>
          getFieldValue('mode') === 'BB' && (
            <Form.Item name="plateNumber" label="新号牌号码" extra="留空则自动分配">
              <Input maxLength={12} data-testid="transfer-plate" />
            </Form.Item>
          )
        }
      </Form.Item>
    </BusinessModal>
  );
}
