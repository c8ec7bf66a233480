import type { VehicleDetail } from '@shtp/core/ebike';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form } from 'antd';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { ApiRequestError } from '../../api/client';
import { ebikeKeys, postBusiness } from '../../api/ebike-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { FormModal } from '../../shared/FormModal';
import { clearChangedErrors, parseWithLeftovers } from './parse-form';
import { useSubmissionKey } from './submission-key';

/** Why the server did not do the business, beyond a field's error. */
type Problem = { kind: 'stale' } | { kind: 'refused'; message: string };

function problemOf(error: unknown): Problem | null {
  if (!(error instanceof ApiRequestError) || error.status !== 409) return null;
  if (error.code === 'VERSION_CONFLICT') return { kind: 'stale' };
  if (error.code === 'BUSINESS_REFUSED') return { kind: 'refused', message: error.message };
  return null;
}

interface BusinessModalProps<V> {
  title: string;
  vehicle: VehicleDetail;
  /** The business route under `/api/ebike/vehicles/:id/`. */
  path: string;
  /** The shared body schema; the vehicle's version is added to the body. */
  schema: z.ZodType;
  toBody: (values: V) => object;
  initialValues?: Partial<V>;
  saveTestId: string;
  width?: number;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A business on the vehicle page: its form, checked with the shared schema, sent with the version the officer
 * saw and an Idempotency-Key. A stale version asks for a refresh; the state machine's refusal is shown as the
 * server words it; bad items go under their fields.
 */
export function BusinessModal<V extends object>({
  title,
  vehicle,
  path,
  schema,
  toBody,
  initialValues,
  saveTestId,
  width,
  onClose,
  children,
}: BusinessModalProps<V>) {
  const [form] = Form.useForm<V>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const submissionKey = useSubmissionKey();
  const [problem, setProblem] = useState<Problem | null>(null);

  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ebikeKeys.all });
    onClose();
  };
  const run = useMutation({
    mutationFn: (body: unknown) => postBusiness(`/api/ebike/vehicles/${vehicle.id}/${path}`, body, submissionKey.current()),
    onSuccess: ({ business }) => {
      submissionKey.renew();
      message.success(`${business.typeLabel}已办理，流水号 ${business.lsh}`);
      refresh();
    },
    onError: (error) => {
      const found = problemOf(error);
      if (found) setProblem(found);
      else reportError(error, form);
    },
  });

  const onValuesChange = (changed: object) => {
    submissionKey.renew();
    clearChangedErrors(form, changed);
  };

  const submit = (values: V) => {
    setProblem(null);
    const parsed = parseWithLeftovers(form, schema, { ...toBody(values), version: vehicle.version });
    if ('body' in parsed) run.mutate(parsed.body);
    else if (parsed.leftover.length > 0) message.error(parsed.leftover.join('；'));
  };

  return (
    <FormModal title={title} saving={run.isPending} onSave={() => form.submit()} onCancel={onClose} saveTestId={saveTestId} saveText="办理" width={width}>
      {problem?.kind === 'stale' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="数据已被他人修改，请刷新后重试"
          action={
            <Button size="small" onClick={refresh} data-testid="business-refresh">
              刷新
            </Button>
          }
          data-testid="business-problem"
        />
      )}
      {problem?.kind === 'refused' && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem.message} data-testid="business-problem" />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} onValuesChange={onValuesChange}>
        {children}
      </Form>
    </FormModal>
  );
}
