import {
  DEVICE_CAPABILITIES,
  DEVICE_CAPABILITY_LABELS,
  type Device,
  type DeviceCapability,
  DeviceCreateBodySchema,
  DeviceUpdateBodySchema,
} from '@shtp/core/platform';
import type { DepartmentNode } from '@shtp/core/system';
import { Alert, Checkbox, Form, Input, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { departmentOptions } from '../../shared/department-tree';
import { FormModal } from '../../shared/FormModal';

interface DeviceForm {
  code?: string;
  name?: string;
  departmentId?: number;
  publicKey?: string;
  capabilities?: DeviceCapability[];
}

const capabilityOptions = DEVICE_CAPABILITIES.map((c) => ({ value: c, label: DEVICE_CAPABILITY_LABELS[c] }));

interface DeviceFormModalProps {
  /** The device to edit; absent to register one. */
  device?: Device;
  tree: DepartmentNode[];
  onClose: () => void;
  onSaved: () => void;
}

/**
 * 登记终端 / 编辑终端: code, name, department and the SM2 public key (PEM or hex) the device's envelopes are verified
 * with. When editing, an empty key field keeps the registered key; a pasted one replaces it.
 */
export function DeviceFormModal({ device, tree, onClose, onSaved }: DeviceFormModalProps) {
  const [form] = Form.useForm<DeviceForm>();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => (device ? api.put<Device>(`/api/security/devices/${device.id}`, body) : api.post<Device>('/api/security/devices', body)),
    success: (saved) => (device ? `已保存终端 ${saved.code}` : `已登记终端 ${saved.code}（公钥指纹 ${saved.fingerprint}）`),
    onSuccess: () => {
      onSaved();
    },
  });

  const submit = (values: DeviceForm) => {
    const publicKey = values.publicKey?.trim() ? values.publicKey : undefined;
    const body = device
      ? parseFormValues(form, DeviceUpdateBodySchema, { name: values.name, departmentId: values.departmentId, capabilities: values.capabilities, publicKey })
      : parseFormValues(form, DeviceCreateBodySchema, {
          code: values.code,
          name: values.name,
          departmentId: values.departmentId,
          capabilities: values.capabilities,
          publicKey: values.publicKey,
        });
    if (body) save.mutate(body);
  };

  return (
    <FormModal
      title={device ? `编辑终端：${device.code}` : '登记终端'}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="device-save"
      saveText={device ? '保存' : '登记'}
      width={640}
    >
      <Alert
        type="info"
        showIcon
        className="auth-alert"
        title="终端编号即数字信封的发送方标识，须与终端上配置的一致。公钥为终端 SM2 密钥对的公钥：PEM（-----BEGIN PUBLIC KEY-----）或 04 开头的 130 位十六进制；终端私钥不离开终端。"
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={device ? { name: device.name, departmentId: device.departmentId, capabilities: device.capabilities } : { capabilities: ['pda'] }}
        onFinish={submit}
      >
        {!device && (
          <Form.Item name="code" label="终端编号" required>
            <Input maxLength={64} placeholder="如 PDA-JA-0001" data-testid="device-code" />
          </Form.Item>
        )}
        <Form.Item name="name" label="终端名称" required>
          <Input maxLength={64} data-testid="device-name" />
        </Form.Item>
        <Form.Item name="departmentId" label="所属部门" required>
          <TreeSelect treeData={departmentOptions(tree)} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="请选择部门" />
        </Form.Item>
        <Form.Item
          name="capabilities"
          label="终端类型"
          required
          extra="执法终端可办理路面执法业务；只有登记为酒精测试仪（或绑定酒精测试仪的执法终端，两项都选）才能推送酒精测量数据。"
        >
          <Checkbox.Group options={capabilityOptions} data-testid="device-capabilities" />
        </Form.Item>
        <Form.Item name="publicKey" label={device ? '更换 SM2 公钥（留空则不更换）' : 'SM2 公钥'} required={!device}>
          <Input.TextArea rows={6} spellCheck={false} placeholder="-----BEGIN PUBLIC KEY-----" data-testid="device-public-key" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
