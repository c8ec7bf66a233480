import { InboxOutlined } from '@ant-design/icons';
import {
  type ClassifyResult,
  type IdCardResult,
  IMPORT_FIELD_LABELS,
  type ImportCertificateResult,
  INVOICE_FIELD_LABELS,
  type InvoiceResult,
  LICENCE_FIELD_LABELS,
  type LicenceResult,
  type PlateResult,
  RECOGNITION_P,
  type RecognitionCheck,
} from '@shtp/core/recognition';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Upload } from 'antd';
import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client';
import { usePermission } from '../../auth/session';
import { RecaptureCard } from './RecaptureCard';
import { ChecksTable, FieldsTable } from './ResultView';
import { RECAPTURE_TYPE_OF_READER, recaptureTypeOfClassified } from './recapture-view';
import { type FieldRow, fieldRows, idCardView, plateView, readingView } from './recognition-view';
import { useRecapture } from './use-recapture';

type Kind = 'classify' | 'plate' | 'id-card' | 'invoice' | 'licence' | 'import-certificate' | ClassifiedKind;
/** Documents without a reader of their own: the classifier reads them (and says when the image is something else). */
type ClassifiedKind = 'tax-registration' | 'uscc-certificate';
/** The readers, each shown to those with its permission. */
const KINDS: { value: Kind; label: string; permission: string }[] = [
  { value: 'classify', label: '自动判断类型', permission: RECOGNITION_P.classify },
  { value: 'plate', label: '号牌', permission: RECOGNITION_P.plate },
  { value: 'id-card', label: '居民身份证', permission: RECOGNITION_P.idCard },
  { value: 'invoice', label: '发票（真伪核验）', permission: RECOGNITION_P.invoice },
  { value: 'licence', label: '营业执照', permission: RECOGNITION_P.licence },
  { value: 'import-certificate', label: '货物进口证明书', permission: RECOGNITION_P.importCertificate },
  { value: 'tax-registration', label: '税务登记证', permission: RECOGNITION_P.classify },
  { value: 'uscc-certificate', label: '统一社会信用代码证书', permission: RECOGNITION_P.classify },
];
const CLASSIFIED_KINDS: readonly Kind[] = ['tax-registration', 'uscc-certificate'] satisfies ClassifiedKind[];
const isClassifiedKind = (kind: Kind): kind is ClassifiedKind => CLASSIFIED_KINDS.includes(kind);
const labelOf = (kind: Kind) => KINDS.find((k) => k.value === kind)!.label;
const TAX_FORM: Record<'pre-2015' | 'uscc', string> = { 'pre-2015': '2015 年前税务登记证（15 位纳税人识别号）', uscc: '三证合一（统一社会信用代码）' };
/** What a plate photo shows is a vehicle, not a document: no recapture model applies. */
const RECAPTURE_OF_KIND = { ...RECAPTURE_TYPE_OF_READER, plate: null };

/** The image chosen as one document type was read as another. */
class NotTheChosenType extends Error {
  constructor(found: string, chosen: string) {
    super(`该图片识别为「${found}」，不是${chosen}；请换一张图片，或选择“自动判断类型”`);
  }
}

interface View {
  title: string;
  extra: { label: string; value: string }[];
  fields: FieldRow[];
  checks: RecognitionCheck[];
  verification?: InvoiceResult['verification'];
}

function toView(kind: Kind, body: unknown): View {
  if (kind === 'classify') {
    const r = body as ClassifyResult;
    return { title: r.label, extra: [{ label: '类型置信度', value: `${Math.round(r.confidence * 100)}%` }], ...readingView(r.reading) };
  }
  if (isClassifiedKind(kind)) {
    const r = body as ClassifyResult;
    if (r.reading.type !== kind) throw new NotTheChosenType(r.label, labelOf(kind));
    const form = r.reading.type === 'tax-registration' ? r.reading.taxRegistration.form : undefined;
    const extra = form === undefined ? [] : [{ label: '证书形式', value: form ? TAX_FORM[form] : '未识别' }];
    return { title: labelOf(kind), extra, ...readingView(r.reading) };
  }
  if (kind === 'plate') {
    const r = body as PlateResult;
    return { title: r.typeLabel ?? '号牌', checks: [], ...plateView(r) };
  }
  if (kind === 'id-card') {
    const r = body as IdCardResult;
    return { title: r.side === 'back' ? '居民身份证（背面）' : '居民身份证（正面）', extra: [], ...idCardView(r) };
  }
  if (kind === 'invoice') {
    const r = body as InvoiceResult;
    return {
      title: r.kindLabel ?? '发票',
      extra: [{ label: '二维码', value: r.qr.found ? (r.qr.content ?? '') : '未找到' }],
      fields: fieldRows(r.fields, INVOICE_FIELD_LABELS),
      checks: r.checks,
      verification: r.verification,
    };
  }
  if (kind === 'licence') {
    const r = body as LicenceResult;
    return { title: '营业执照', extra: [], fields: fieldRows(r.fields, LICENCE_FIELD_LABELS), checks: r.checks };
  }
  const r = body as ImportCertificateResult;
  return { title: '货物进口证明书', extra: [], fields: fieldRows(r.fields, IMPORT_FIELD_LABELS), checks: r.checks };
}

const VERIFY_TEXT: Record<InvoiceResult['verification']['outcome'], string> = {
  found: '税务机关有该发票记录',
  'not-found': '查无此票',
  mismatch: '查验要素不一致',
  unavailable: '税务查验不可用',
  'not-queried': '未查验',
};

/**
 * One image: its type (or the chosen reader), the fields with confidence, the checks; invoices with their tax-bureau
 * check; and 翻拍检测 as the type found (after classification) or chosen (alongside the reading).
 */
export function SinglePanel() {
  const [form] = Form.useForm();
  const [kind, setKind] = useState<Kind>('classify');
  const [file, setFile] = useState<File | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recapture = useRecapture();
  const can = usePermission();

  async function submit(values: Record<string, string | undefined>) {
    if (!file) {
      setError('请先选择图片');
      return;
    }
    const data = new FormData();
    if (kind === 'invoice') for (const [k, v] of Object.entries(values)) if (v) data.append(k, v);
    data.append('image', file);
    setBusy(true);
    setError(null);
    const checkRecapture = recapture.start();
    const picked = kind === 'classify' ? null : kind;
    if (picked) void checkRecapture(0, file, RECAPTURE_OF_KIND[picked], labelOf(picked));
    try {
      const body = await api.postForm(`/api/recognition/${isClassifiedKind(kind) ? 'classify' : kind}`, data);
      setView(toView(kind, body));
      if (!picked) {
        const classified = body as ClassifyResult;
        void checkRecapture(0, file, recaptureTypeOfClassified(classified.type), classified.label);
      }
    } catch (e) {
      setView(null);
      setError(
        e instanceof ApiRequestError
          ? [e.message, ...e.details.map((d) => `${d.field}：${d.message}`)].join('；')
          : e instanceof NotTheChosenType
            ? e.message
            : '识别失败',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item label="识别方式">
            <Radio.Group
              options={KINDS.filter((k) => can(k.permission)).map(({ value, label }) => ({ value, label }))}
              optionType="button"
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              data-testid="recognition-kind"
            />
          </Form.Item>
          <Upload.Dragger
            accept="image/jpeg,image/png,image/webp"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{kind === 'plate' ? '点击或拖入一张车辆照片或号牌图片（JPEG、PNG、WebP）' : '点击或拖入一张证件照片（JPEG、PNG、WebP）'}</p>
          </Upload.Dragger>
          {kind === 'invoice' && (
            <Space wrap style={{ marginTop: 12 }}>
              <Form.Item name="vin" label="业务车架号（可选）">
                <Input placeholder="与票面比对" allowClear />
              </Form.Item>
              <Form.Item name="buyerId" label="申请人证件号码（可选）">
                <Input allowClear />
              </Form.Item>
              <Form.Item name="buyerName" label="申请人名称（可选）">
                <Input allowClear />
              </Form.Item>
              <Form.Item name="totalAmount" label="价税合计（元，可选）">
                <Input allowClear />
              </Form.Item>
            </Space>
          )}
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
            识别
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {view && (
        <Card size="small" title={`识别结果：${view.title}`}>
          {view.extra.length > 0 && (
            <Descriptions size="small" column={1} items={view.extra.map((e) => ({ key: e.label, label: e.label, children: e.value }))} />
          )}
          {view.verification && (
            <Alert
              style={{ margin: '12px 0' }}
              type={
                view.verification.outcome === 'found' && view.verification.status === '正常'
                  ? 'success'
                  : view.verification.outcome === 'unavailable'
                    ? 'warning'
                    : 'error'
              }
              showIcon
              message={`税务查验：${VERIFY_TEXT[view.verification.outcome]}${view.verification.status ? `（${view.verification.status}）` : ''}`}
              description={view.verification.message ?? undefined}
            />
          )}
          <FieldsTable rows={view.fields} />
          <ChecksTable checks={view.checks} />
        </Card>
      )}
      <RecaptureCard state={recapture.states[0]} />
    </Space>
  );
}
