import { EmergencyBodySchema, type RoadworksCase } from '@shtp/core/roadworks';
import { useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';

interface Values {
  caseNo: string;
  applicant: string;
  startedAt: Dayjs | null;
  requestedTo: Dayjs | null;
  lanes: string;
  locationText: string;
}

/** 抢修补办: an emergency repair dug first (art.34); the 24-hour filing deadline runs from the start of digging. */
export function EmergencyModal({ onClose, onFiled }: { onClose: () => void; onFiled: (c: RoadworksCase) => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => api.post<RoadworksCase>('/api/roadworks/cases/emergency', body),
    success: '已登记，请定位路段并审批',
    onSuccess: (c) => {
      queryClient.invalidateQueries({ queryKey: ['roadworks', 'cases'] });
      onFiled(c);
    },
  });
  const submit = () => {
    const v = form.getFieldsValue();
    const body = parseFormValues(form, EmergencyBodySchema, {
      ...v,
      startedAt: v.startedAt?.toISOString(),
      requestedTo: v.requestedTo?.format('YYYY-MM-DD'),
    });
    if (body) save.mutate(body);
  };
  return (
    <FormModal title="管线抢修补办登记" saving={save.isPending} onSave={submit} onCancel={onClose} saveTestId="emergency-save">
      <Form form={form} layout="vertical">
        <Form.Item name="caseNo" label="办件编号" required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="applicant" label="申请单位" required>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="startedAt" label="开挖时间" required>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="requestedTo" label="预计完工日期" required>
          <DatePicker />
        </Form.Item>
        <Form.Item name="lanes" label="占用车道" required>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="locationText" label="施工地点描述" required>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
