import {
  SERVICE_SCOPES,
  SERVICE_SIGN_ALGS,
  type ServiceAccount,
  ServiceAccountCreateBodySchema,
  type ServiceAccountCredential,
  ServiceAccountUpdateBodySchema,
} from '@shtp/core/platform';
import type { DepartmentNode } from '@shtp/core/system';
import { Alert, Checkbox, Form, Input, InputNumber, Radio, Select, Space, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { departmentOptions } from '../../shared/department-tree';
import { FormModal } from '../../shared/FormModal';
import { bodyOf, formOf, NEW_ACCOUNT_DEFAULTS, type ServiceAccountForm } from './service-account-form';

interface Props {
  /** Absent: register a new account. */
  account?: ServiceAccount;
  tree: DepartmentNode[];
  onClose: () => void;
  /** `credential` when an account was registered (its secret, if any, is shown once by the caller). */
  onSaved: (credential?: ServiceAccountCredential) => void;
}

/** Register a service account (name, department, scopes, addresses, signing, limits) or change one. */
export function ServiceAccountFormModal({ account, tree, onClose, onSaved }: Props) {
  const [form] = Form.useForm<ServiceAccountForm>();
  const creating = account === undefined;
  const signAlg = Form.useWatch('signAlg', form);
  const ipAllowlist = Form.useWatch('ipAllowlist', form);

  // No toast: the caller says what was saved (and shows a new account's secret once).
  const save = useFormMutation(form, {
    mutationFn: async (body: unknown): Promise<ServiceAccountCredential | undefined> => {
      if (creating) return api.post<ServiceAccountCredential>('/api/security/service-accounts', body);
      await api.put<ServiceAccount>(`/api/security/service-accounts/${account.id}`, body);
      return undefined;
    },
    onSuccess: (credential) => onSaved(credential),
  });

  const submit = (values: ServiceAccountForm) => {
    const body = parseFormValues(form, creating ? ServiceAccountCreateBodySchema : ServiceAccountUpdateBodySchema, bodyOf(values, creating));
    if (body) save.mutate(body);
  };

  return (
    <FormModal
      title={creating ? '新增接入应用' : `编辑接入应用 ${account.appId}`}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="service-account-save"
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={creating ? NEW_ACCOUNT_DEFAULTS : formOf(account)} onFinish={submit}>
        <Form.Item name="name" label="应用名称" required>
          <Input placeholder="如 市交通委数据平台" maxLength={64} data-testid="service-account-name" />
        </Form.Item>
        <Form.Item name="departmentId" label="所属部门" required extra="调用产生的审计记录以此部门为操作部门">
          <TreeSelect treeData={departmentOptions(tree)} treeDefaultExpandAll placeholder="请选择" data-testid="service-account-department" />
        </Form.Item>
        <Form.Item name="scopes" label="授权范围" required>
          <Checkbox.Group>
            <Space direction="vertical">
              {SERVICE_SCOPES.map((s) => (
                <Checkbox key={s.code} value={s.code}>
                  <code>{s.code}</code> {s.name}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="ipAllowlist" label="来源地址白名单" extra="IP 地址或 CIDR 地址段，输入后回车；留空表示不限来源地址">
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder="如 10.1.0.0/16" data-testid="service-account-ips" />
        </Form.Item>
        {(ipAllowlist?.length ?? 0) === 0 && <Alert type="warning" showIcon className="auth-alert" title="未设置白名单：任何来源地址持有正确签名都可调用。" />}
        {creating && (
          <Form.Item name="signAlg" label="签名方式" required>
            <Radio.Group
              options={SERVICE_SIGN_ALGS.map((alg) => ({ value: alg, label: alg === 'SM2' ? 'SM2（对方持私钥，登记其公钥）' : 'HMAC-SM3（系统生成密钥）' }))}
            />
          </Form.Item>
        )}
        {creating && signAlg === 'SM2' && (
          <Form.Item name="publicKey" label="对方 SM2 公钥" required extra="PEM，或 04 开头的 130 位十六进制">
            <Input.TextArea rows={4} data-testid="service-account-public-key" />
          </Form.Item>
        )}
        <Space size="large" wrap>
          <Form.Item name="rateLimitRps" label="每秒请求数" extra="令牌补充速率，0.1–1000">
            <InputNumber step={1} />
          </Form.Item>
          <Form.Item name="rateLimitBurst" label="突发请求数" extra="令牌桶容量，1–10000">
            {/* No precision: a fraction is refused with the schema's message instead of being rounded. */}
            <InputNumber data-testid="service-account-burst" />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}
