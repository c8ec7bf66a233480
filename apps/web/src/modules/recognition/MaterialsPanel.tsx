import { InboxOutlined } from '@ant-design/icons';
import type { MaterialsResult } from '@shtp/core/recognition';
import { Alert, Button, Card, Form, Input, List, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client';
import { RecaptureTag } from './RecaptureCard';
import { ChecksTable } from './ResultView';
import { recaptureTypeOfClassified } from './recapture-view';
import { MATERIAL_TAG } from './recognition-view';
import { useRecapture } from './use-recapture';

/**
 * T21: several images of one temporary-plate case and the applicant's ID number → materials present, missing,
 * unreadable; then each image's 翻拍检测 decision as its classified type (one after another: OCR load is heavy).
 */
export function MaterialsPanel() {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [result, setResult] = useState<MaterialsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recapture = useRecapture();

  async function submit({ idNumber }: { idNumber: string }) {
    const data = new FormData();
    data.append('idNumber', idNumber);
    for (const f of files) if (f.originFileObj) data.append('images', f.originFileObj);
    setBusy(true);
    setError(null);
    const checkRecapture = recapture.start();
    try {
      const answer = await api.postForm<MaterialsResult>('/api/recognition/materials', data);
      setResult(answer);
      void checkAll(answer, checkRecapture);
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiRequestError ? [e.message, ...e.details.map((d) => d.message)].join('；') : '核查失败');
    } finally {
      setBusy(false);
    }
  }

  async function checkAll(answer: MaterialsResult, check: ReturnType<typeof recapture.start>) {
    for (const image of answer.images) {
      const file = files[image.index]?.originFileObj;
      if (file) await check(image.index, file, recaptureTypeOfClassified(image.type), image.label);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="idNumber" label="申请人公民身份号码" rules={[{ required: true, message: '请填写申请人身份证号码' }]}>
            <Input maxLength={18} style={{ maxWidth: 320 }} />
          </Form.Item>
          <Upload.Dragger
            accept="image/jpeg,image/png,image/webp"
            multiple
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>拖入同一业务的全部材料图片（身份证、居住证、发票等）</p>
          </Upload.Dragger>
          <Button type="primary" htmlType="submit" loading={busy} disabled={files.length === 0} style={{ marginTop: 12 }}>
            核查材料
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {result && (
        <Card size="small" title="材料核查结果（T21）">
          <Alert style={{ marginBottom: 12 }} type={!result.applicable || result.complete ? 'success' : 'error'} showIcon message={result.message} />
          {result.images.length > 0 && (
            <Typography.Paragraph>
              图片类型：
              {result.images.map((i) => (
                <Space key={i.index} size={0} data-testid={`material-image-${i.index}`}>
                  <Tag>
                    第 {i.index + 1} 张：{i.label}（{Math.round(i.confidence * 100)}%）
                  </Tag>
                  <RecaptureTag state={recapture.states[i.index]} />
                </Space>
              ))}
            </Typography.Paragraph>
          )}
          <List
            dataSource={result.materials}
            renderItem={(m) => (
              <List.Item key={m.requirement}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space>
                    <Tag color={MATERIAL_TAG[m.status].color}>{MATERIAL_TAG[m.status].text}</Tag>
                    <Typography.Text strong>{m.label}</Typography.Text>
                    <Typography.Text type="secondary">{m.message}</Typography.Text>
                  </Space>
                  {m.checks.length > 0 && <ChecksTable checks={m.checks} />}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
