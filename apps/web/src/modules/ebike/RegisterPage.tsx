import { PLATE_KINDS, RegisterBodySchema } from '@shtp/core/ebike';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ebikeKeys, postBusiness, usePreregistrationDraft } from '../../api/ebike-queries';
import { errorText, useErrorReporter } from '../../forms/server-errors';
import { parseFormValues } from '../../forms/zod-form';
import { codeOptions } from './code-labels';
import { NEW_OWNER, OwnerFields, type OwnerForm } from './OwnerFields';
import { clearChangedErrors } from './parse-form';
import { useSubmissionKey } from './submission-key';
import { NEW_VEHICLE, VehicleItemsFields, type VehicleItemsForm, vehicleItemsBody } from './VehicleItemsFields';

interface RegisterForm {
  vehicle: VehicleItemsForm;
  owner: OwnerForm;
  hasAgent: boolean;
  agent?: { idNumber?: string; name?: string };
  plateKind: string;
  plateNumber?: string;
}

const INITIAL: RegisterForm = { vehicle: NEW_VEHICLE, owner: NEW_OWNER, hasAgent: false, plateKind: 'P' };

function registerBody(v: RegisterForm, preregNo: string | null) {
  return {
    vehicle: vehicleItemsBody(v.vehicle),
    owner: v.owner,
    agent: v.hasAgent ? v.agent : undefined,
    plateKind: v.plateKind,
    plateNumber: v.plateNumber?.trim() ? v.plateNumber : undefined,
    preregNo: preregNo ?? undefined,
  };
}

/**
 * 业务办理 / 注册登记 (E1): the 六合一 items, checked with the shared schema, then by the server. Opened from 网上预登记
 * (`?prereg=YD…`), it is prefilled from the accepted pre-registration and completes it (已登记 with the 流水号).
 */
export default function RegisterPage() {
  const [form] = Form.useForm<RegisterForm>();
  const [search] = useSearchParams();
  const preregNo = search.get('prereg');
  const draft = usePreregistrationDraft(preregNo);
  useEffect(() => {
    if (!draft.data) return;
    const { owner, vehicle, plateNumber } = draft.data;
    form.setFieldsValue({ owner, vehicle: { ...NEW_VEHICLE, ...vehicle }, ...(plateNumber && { plateNumber }) });
  }, [draft.data, form]);
  const hasAgent = Form.useWatch('hasAgent', form);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const submissionKey = useSubmissionKey();

  const register = useMutation({
    mutationFn: (body: unknown) => postBusiness('/api/ebike/vehicles', body, submissionKey.current()),
    onSuccess: ({ vehicle, business }) => {
      submissionKey.renew();
      queryClient.invalidateQueries({ queryKey: ebikeKeys.all });
      message.success(`注册登记已办理，号牌 ${vehicle.plate ?? '—'}，流水号 ${business.lsh}${preregNo ? `；网上预登记 ${preregNo} 已登记` : ''}`);
      navigate(`/ebike/vehicles/${vehicle.id}`);
    },
    onError: (error) => reportError(error, form),
  });

  const onValuesChange = (changed: object) => {
    submissionKey.renew();
    clearChangedErrors(form, changed);
  };

  const submit = (values: RegisterForm) => {
    const body = parseFormValues(form, RegisterBodySchema, registerBody(values, preregNo));
    if (body) register.mutate(body);
  };

  return (
    <Form form={form} layout="vertical" initialValues={INITIAL} onFinish={submit} onValuesChange={onValuesChange} data-testid="register-form">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {preregNo && (
          <Alert
            type={draft.error ? 'error' : 'info'}
            showIcon
            data-testid="register-prereg"
            title={
              draft.error
                ? `网上预登记 ${preregNo}：${errorText(draft.error)}`
                : `按网上预登记 ${preregNo} 预填（所有人明文已记入审计）；请核验车辆与证件，补全其余项目后办理，办理后该预登记即为已登记`
            }
          />
        )}
        <Card title="车辆信息">
          <VehicleItemsFields />
        </Card>
        <Card title="所有人">
          <OwnerFields name="owner" />
          <Form.Item name="hasAgent" valuePropName="checked" style={{ marginBottom: hasAgent ? undefined : 0 }}>
            <Checkbox data-testid="agent-toggle">由代理人办理</Checkbox>
          </Form.Item>
          {hasAgent && (
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name={['agent', 'idNumber']} label="代理人身份证号码" required>
                  <Input maxLength={18} autoComplete="off" data-testid="agent-id-number" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['agent', 'name']} label="代理人姓名" required>
                  <Input maxLength={30} data-testid="agent-name" />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Card>
        <Card title="号牌">
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="plateKind" label="号牌种类" required>
                <Select options={codeOptions(PLATE_KINDS)} data-testid="plate-kind" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="plateNumber" label="号牌号码" extra="留空则从本部门号牌库自动分配；也可填写库中空闲的号码">
                <Input maxLength={12} autoComplete="off" data-testid="plate-number" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="register-submit">
            办理注册登记
          </Button>
          <Button onClick={() => form.resetFields()} disabled={register.isPending}>
            清空
          </Button>
        </Space>
      </Space>
    </Form>
  );
}
