import { DOC_TYPE_KEYS, DOC_TYPES, type DocType } from '@shtp/core/archive';
import { Alert, App, Button, Card, Checkbox, Form, Input, Progress, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiRequestError, api } from '../../api/client';
import { uploadResumable } from '../../api/resumable-upload';
import { useErrorReporter } from '../../forms/server-errors';
import { type ArchiveSummary, businessLabel, docLabel, missingText } from './archive-api';
import { BrowserCamera, browserCameraAvailable } from './BrowserCamera';
import { docCamera } from './doc-camera';

type Source = 'file' | 'camera' | 'doc_camera';
interface Added {
  pageId: number;
  /** More than one for a PDF: each of its pages is a page of the archive. */
  pages: number;
  version: number;
  complete: boolean;
  missing: ArchiveSummary['missing'];
}

/** What recognition sees in an upload (A3): a proposed document type, or null when it has none. */
interface Proposal {
  docType: DocType | null;
  recognised: string | null;
  confidence: number | null;
  /** A PDF's page count: recognition read its first page, and all its pages are filed as one document. */
  pdfPages: number | null;
}

/** A page to be replaced (A5), named by the viewer's link: /archive/capture?lsh=…&replace=<page id>&docType=…. */
interface Replacing {
  pageId: number;
  docType: DocType;
}

function replacingFrom(search: URLSearchParams): Replacing | null {
  const pageId = Number(search.get('replace'));
  const docType = search.get('docType') as DocType | null;
  return Number.isSafeInteger(pageId) && pageId > 0 && docType && DOC_TYPE_KEYS.includes(docType) ? { pageId, docType } : null;
}

/** 影像采集 (A3, A5): open the archive of a business by its 流水号, then capture (or replace) its pages by document type. */
export default function CapturePage() {
  const { message, modal } = App.useApp();
  const reportError = useErrorReporter();
  const [search] = useSearchParams();
  const [form] = Form.useForm<{ lsh: string }>();
  const [archive, setArchive] = useState<ArchiveSummary | null>(null);
  const [replacing, setReplacing] = useState<Replacing | null>(() => replacingFrom(search));
  const [docType, setDocType] = useState<DocType>(() => replacing?.docType ?? 'application');
  const [reason, setReason] = useState('');
  const [acceptDoubtful, setAcceptDoubtful] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [cameraOpen, setCameraOpen] = useState(false);

  const open = async ({ lsh }: { lsh: string }) => {
    try {
      setArchive(await api.post<ArchiveSummary>('/api/archive/archives', { lsh: lsh.trim() }));
      setRefusal(null);
    } catch (error) {
      reportError(error);
    }
  };

  // Opened from the viewer (or any link with ?lsh=): the archive is opened at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the link that opened the page
  useEffect(() => {
    const lsh = search.get('lsh');
    if (!lsh) return;
    form.setFieldsValue({ lsh });
    void open({ lsh });
  }, []);

  const capture = async (file: Blob, source: Source) => {
    if (!archive) return;
    setRefusal(null);
    setProgress(0);
    try {
      const uploaded = await uploadResumable(file, { onProgress: (sent, total) => setProgress(Math.round((sent / total) * 100)) });
      // A replacement keeps its document; otherwise recognition may propose another, which the officer confirms or not.
      const proposal = replacing ? null : await api.post<Proposal>(`/api/archive/archives/${archive.id}/classify`, { uploadId: uploaded.uploadId });
      const chosen = proposal?.docType && proposal.docType !== docType ? await confirmDocType(proposal as Proposal & { docType: DocType }) : docType;
      setDocType(chosen);
      const added = await api.post<Added>(`/api/archive/archives/${archive.id}/pages`, {
        uploadId: uploaded.uploadId,
        docType: chosen,
        ...(proposal?.docType && { proposedDocType: proposal.docType }),
        source,
        ...(replacing && { replacesPageId: replacing.pageId }),
        ...(reason.trim() && { reason: reason.trim() }),
        ...(acceptDoubtful && { acceptDoubtful: true }),
      });
      setArchive({ ...archive, version: added.version, complete: added.complete, missing: added.missing });
      message.success(`${replacing ? '已替换' : '已采集'}：${docLabel(chosen)}${added.pages > 1 ? `（${added.pages} 页）` : ''}`);
      setAcceptDoubtful(false);
      setReplacing(null);
      setReason('');
    } catch (error) {
      if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) setRefusal(error.message);
      else if (error instanceof Error) setRefusal(error.message);
    } finally {
      setProgress(null);
    }
  };

  /** Asks the officer whether to file the page as recognition proposes or as they chose. */
  const confirmDocType = (proposal: Proposal & { docType: DocType }) =>
    new Promise<DocType>((resolve) => {
      modal.confirm({
        title: '材料类型识别',
        content: `${proposal.pdfPages ? `该 PDF（共 ${proposal.pdfPages} 页）第 1 页` : '该页'}识别为“${proposal.recognised}”（置信度 ${proposal.confidence}%），建议归为“${docLabel(proposal.docType)}”，当前所选为“${docLabel(docType)}”。${(proposal.pdfPages ?? 0) > 1 ? '各页将归为同一材料类型；不同材料请分开上传。' : ''}`,
        okText: `归为${docLabel(proposal.docType)}`,
        cancelText: `仍归为${docLabel(docType)}`,
        onOk: () => resolve(proposal.docType),
        onCancel: () => resolve(docType),
      });
    });

  const fromDocCamera = async () => {
    try {
      await capture(await docCamera().capture(), 'doc_camera');
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : '高拍仪拍摄失败');
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="影像采集">
        <Form form={form} layout="inline" onFinish={open}>
          <Form.Item name="lsh" label="流水号" rules={[{ required: true, pattern: /^\d{13}$/, message: '请输入 13 位流水号' }]}>
            <Input placeholder="13 位业务流水号" data-testid="capture-lsh" allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="capture-open">
            打开档案
          </Button>
        </Form>
      </Card>
      {archive && (
        <Card
          title={`流水号 ${archive.lsh} · ${businessLabel(archive.businessType)} · ${archive.applicant === 'agent' ? '代理人办理' : '本人办理'}`}
          extra={<Link to={`/archive/archives/${archive.id}`}>查看档案</Link>}
        >
          {archive.complete ? (
            <Alert type="success" showIcon message="必需材料已采集齐全" data-testid="capture-complete" />
          ) : (
            <Alert type="warning" showIcon message={`尚缺：${missingText(archive.missing)}`} data-testid="capture-missing" />
          )}
          <Space direction="vertical" style={{ marginTop: 16, width: '100%' }}>
            <Space wrap>
              <Typography.Text>材料类型</Typography.Text>
              <Select
                style={{ width: 240 }}
                value={docType}
                onChange={setDocType}
                disabled={replacing !== null}
                data-testid="capture-doc-type"
                options={DOC_TYPE_KEYS.map((k) => ({ value: k, label: DOC_TYPES[k] }))}
              />
              {archive.missing.map((m) => (
                <Tag key={m.docType} color="orange">
                  {docLabel(m.docType)}
                </Tag>
              ))}
            </Space>
            {replacing && (
              <Alert
                type="info"
                showIcon
                message={`替换页面：${docLabel(replacing.docType)}（原页保留为历史版本）`}
                action={
                  <Button size="small" onClick={() => setReplacing(null)}>
                    取消替换
                  </Button>
                }
                data-testid="capture-replacing"
              />
            )}
            {(archive.complete || replacing) && (
              <Input
                placeholder={replacing ? '替换原因（必填）' : '补录原因（档案已齐全，补录须填写）'}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={200}
                data-testid="capture-reason"
              />
            )}
            <Space wrap>
              <Button onClick={fromDocCamera} disabled={progress !== null} data-testid="capture-doc-camera">
                高拍仪拍摄{docCamera().simulated ? '（模拟）' : ''}
              </Button>
              {browserCameraAvailable() && (
                <Button onClick={() => setCameraOpen(true)} disabled={progress !== null} data-testid="capture-browser-camera">
                  摄像头拍摄
                </Button>
              )}
              <label className="ant-btn ant-btn-default">
                拍照 / 选择文件（JPEG、PNG、TIFF、PDF；PDF 按页存档）
                <input
                  type="file"
                  accept="image/jpeg,image/png,image/tiff,application/pdf"
                  capture="environment"
                  hidden
                  data-testid="capture-file"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void capture(file, file.type.startsWith('image/') ? 'camera' : 'file');
                  }}
                />
              </label>
              <Checkbox checked={acceptDoubtful} onChange={(e) => setAcceptDoubtful(e.target.checked)}>
                疑似模糊但清晰可辨，仍然采用
              </Checkbox>
            </Space>
            <BrowserCamera open={cameraOpen} onClose={() => setCameraOpen(false)} onCapture={(page) => void capture(page, 'camera')} />
            {progress !== null && <Progress percent={progress} size="small" />}
            {refusal && <Alert type="error" showIcon message={refusal} data-testid="capture-refusal" />}
          </Space>
        </Card>
      )}
    </Space>
  );
}
