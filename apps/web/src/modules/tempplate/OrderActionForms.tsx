import { FIRST_CHECK_RESULTS, FirstCheckBodySchema, REVIEW_DECISIONS, ReviewBodySchema, type WarningDetail } from '@shtp/core/tempplate';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Radio } from 'antd';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { tempplateKeys } from './tempplate-queries';

const options = (codes: Record<string, string>) => Object.entries(codes).map(([value, label]) => ({ value, label }));

/** One order step as a form: validated with the API's schema, sent with the order's version. */
function StepForm<S extends z.ZodType>({
  w,
  path,
  schema,
  title,
  children,
}: {
  w: WarningDetail;
  path: string;
  schema: S;
  title: string;
  children: React.ReactNode;
}) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const step = useFormMutation(form, {
    mutationFn: (body: unknown) => api.post<WarningDetail>(`/api/tempplate/warnings/${w.id}/${path}`, body),
    success: `${title}已提交`,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tempplateKeys.all }),
  });
  const submit = (values: Record<string, unknown>) => {
    const body = parseFormValues(form, schema, { ...values, version: w.version });
    if (body) step.mutate(body);
  };
  return (
    <Card size="small" title={title}>
      <Form form={form} layout="vertical" onFinish={submit} data-testid={`form-${path}`}>
        {children}
        <Button type="primary" htmlType="submit" loading={step.isPending}>
          提交{title}
        </Button>
      </Form>
    </Card>
  );
}

/** The first-check and review forms, shown only as the order's actions allow for this user. */
export function OrderActionForms({ w }: { w: WarningDetail }) {
  return (
    <>
      {w.actions.firstCheck.allowed && (
        <StepForm w={w} path="first-check" schema={FirstCheckBodySchema} title="初核">
          <Form.Item name="result" label="初核结论" required>
            <Radio.Group options={options(FIRST_CHECK_RESULTS)} />
          </Form.Item>
          <Form.Item name="text" label="初核意见" required>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </StepForm>
      )}
      {w.actions.review.allowed && (
        <StepForm w={w} path="review" schema={ReviewBodySchema} title="复核">
          <Form.Item name="decision" label="复核意见" required>
            <Radio.Group options={options(REVIEW_DECISIONS)} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
            {({ getFieldValue }) =>
              getFieldValue('decision') === 'overrule' && (
                <Form.Item name="result" label="改判结论" required>
                  <Radio.Group options={options(FIRST_CHECK_RESULTS)} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="text" label="复核说明" required>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </StepForm>
      )}
    </>
  );
}
