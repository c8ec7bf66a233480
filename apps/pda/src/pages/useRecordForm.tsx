import { Form, Toast } from 'antd-mobile';
import { useState } from 'react';
import { usePda } from '../context.tsx';
import type { RecordKind } from '../offline/outbox.ts';
import { PhotoPicker } from './PhotoPicker.tsx';

/**
 * A record form of the handheld: its photos, and the submission that puts the record (under the ID the payload
 * carries) and then its photos in the outbox, tells the officer whether it went or waits, and clears the form.
 */
export function useRecordForm(kind: RecordKind, url: string) {
  const { submit, online } = usePda();
  const [form] = Form.useForm();
  const [photos, setPhotos] = useState<Blob[]>([]);
  const send = async (title: string, payload: { id: string }) => {
    await submit({ id: payload.id, kind, title, url, payload }, photos);
    Toast.show({ content: online ? '已提交' : '已保存，联网后自动发送' });
    form.resetFields();
    setPhotos([]);
  };
  const photoField = (
    <Form.Item label="现场照片">
      <PhotoPicker photos={photos} onChange={setPhotos} />
    </Form.Item>
  );
  return { form, send, photoField };
}
