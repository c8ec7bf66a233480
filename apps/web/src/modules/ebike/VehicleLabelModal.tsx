import { type VehicleDetail, VehicleLabelBodySchema } from '@shtp/core/ebike';
import type { SecurityLabel } from '@shtp/core/platform';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { ebikeKeys, setVehicleLabel } from '../../api/ebike-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';
import { SECURITY_LABEL_OPTIONS } from '../../shared/SecurityLabelTag';
import { clearChangedErrors, parseWithLeftovers } from './parse-form';

interface Values {
  label?: SecurityLabel;
  reason?: string;
}

/**
 * 安全标记 of a vehicle record (AC-6): who may see and handle it besides roles and data scope; the change is audited.
 * Offers the labels the server allows this user (none above their clearance).
 */
export function VehicleLabelModal({ vehicle, onClose }: { vehicle: VehicleDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: Parameters<typeof setVehicleLabel>[1]) => setVehicleLabel(vehicle.id, body),
    success: '安全标记已设置',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ebikeKeys.all });
      onClose();
    },
  });
  const submit = (values: Values) => {
    const parsed = parseWithLeftovers(form, VehicleLabelBodySchema, values);
    if ('body' in parsed) save.mutate(parsed.body);
  };
  return (
    <FormModal
      title={`安全标记 · ${vehicle.plate ?? vehicle.zcbm}`}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="label-save"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="安全标记高于用户安全标记的民警将查不到、也不能办理该车辆；不能设为高于本人安全标记的密级。"
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ label: vehicle.securityLabel as SecurityLabel }}
        onFinish={submit}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
      >
        <Form.Item name="label" label="安全标记" required>
          <Select options={SECURITY_LABEL_OPTIONS.filter((o) => vehicle.actions.label.labels.includes(o.value))} data-testid="label-select" />
        </Form.Item>
        <Form.Item name="reason" label="设置原因" required>
          <Input.TextArea maxLength={200} rows={2} placeholder="如：受保护人员车辆" data-testid="label-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
