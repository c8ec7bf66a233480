import type { Me } from '@shtp/core/platform';
import type { ClassifyResult, LicenceResult, MaterialsResult, RecaptureResponse } from '@shtp/core/recognition';
import { LICENCE_FIELD_LABELS, RECOGNITION_P as RP, TAX_REGISTRATION_FIELD_LABELS, USCC_CERTIFICATE_FIELD_LABELS } from '@shtp/core/recognition';
import { idNumberCheckChar } from '@shtp/core/validators';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { MaterialsPanel } from './MaterialsPanel';
import { RECAPTURE_NOTE } from './recapture-view';
import { SinglePanel } from './SinglePanel';

/** 翻拍检测 in the 识别工作台: the card after a classification or a chosen reader, the tags of the materials panel. */

// The session and antd load first; on a busy machine that takes several seconds.
const SLOW = { timeout: 15_000 };
const WORKBENCH = [RP.menu, RP.workbench, RP.classify, RP.licence, RP.materials];

const supervisor = (permissions: string[]): Me =>
  testMe({
    id: 7,
    username: 'supervisor01',
    displayName: '监管民警01',
    department: { id: 3, name: '浦东交警支队' },
    roles: [{ code: 'supervisor', name: '审核监管民警' }],
    permissions,
  });

const meta = { lines: [], image: { format: 'jpeg', width: 1200, height: 800 }, engine: { name: 'paddleocr', ms: 900, waitedMs: 0 } };
const field = (value: string | null) => ({ value, confidence: value ? 0.97 : 0, source: null });

const idCardBack: ClassifyResult = {
  type: 'id-card-back',
  label: '居民身份证（国徽面）',
  confidence: 0.92,
  scores: [],
  characters: 40,
  reading: {
    type: 'id-card-back',
    idCard: {
      side: 'back',
      front: null,
      back: { authority: field('上海市公安局浦东分局'), validFrom: field('2020-01-01'), validTo: field('2040-01-01') },
      checks: [],
    },
  },
  ...meta,
};
const other: ClassifyResult = { ...idCardBack, type: 'other', label: '其他', reading: { type: 'other' } };
const taxRegistration: ClassifyResult = {
  ...idCardBack,
  type: 'tax-registration',
  label: '税务登记证',
  reading: {
    type: 'tax-registration',
    taxRegistration: {
      form: 'pre-2015',
      fields: {
        ...(Object.fromEntries(Object.keys(TAX_REGISTRATION_FIELD_LABELS).map((k) => [k, field(null)])) as Record<
          keyof typeof TAX_REGISTRATION_FIELD_LABELS,
          ReturnType<typeof field>
        >),
        taxpayerId: field('310115123456789'),
        name: field('上海示例电动车销售有限公司'),
      },
      checks: [],
    },
  },
};
const usccCertificate: ClassifyResult = {
  ...idCardBack,
  type: 'uscc-certificate',
  label: '统一社会信用代码证书',
  reading: {
    type: 'uscc-certificate',
    usccCertificate: {
      fields: {
        ...(Object.fromEntries(Object.keys(USCC_CERTIFICATE_FIELD_LABELS).map((k) => [k, field(null)])) as Record<
          keyof typeof USCC_CERTIFICATE_FIELD_LABELS,
          ReturnType<typeof field>
        >),
        uscc: field('91310115MA1FL0Q10W'),
        name: field('上海示例汽车服务有限公司'),
      },
      checks: [{ code: 'usccCert.validity.current', name: '证书在有效期内', result: 'fail', message: '证书已于 2019-04-15 过期' }],
    },
  },
};
const licence: LicenceResult = {
  fields: Object.fromEntries(Object.keys(LICENCE_FIELD_LABELS).map((k) => [k, field(null)])) as LicenceResult['fields'],
  checks: [],
  ...meta,
};

const recapture = (over: Partial<RecaptureResponse>): RecaptureResponse => ({
  docType: 'id-card',
  score: 0.87,
  decision: 'recapture',
  threshold: 0.55,
  attack: 'screen',
  reasons: [
    { cue: 'spectrum', feature: 'spectrumPeak', value: 3.2, weight: 2.1, message: '检测到屏幕摩尔纹（频谱中有明显周期性峰值）' },
    { cue: 'colour', feature: 'blackLevel', value: 41, weight: 0.8, message: '黑位抬高（屏幕背光或纸面反射，无纯黑）' },
  ],
  modelVersion: 'recapture-v1-synthetic',
  features: {},
  image: { format: 'jpeg', width: 1200, height: 800 },
  ms: { decode: 20, features: 60 },
  ...over,
});

// A synthetic non-Shanghai applicant (valid check character, nobody's number).
const APPLICANT = `32010219900307123${idNumberCheckChar('32010219900307123')}`;

const photo = (name = 'photo.jpg') => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], name, { type: 'image/jpeg' });

function posts(fetchMock: ReturnType<typeof mockFetch>, path: string) {
  return fetchMock.mock.calls.filter(([url, init]) => String(url) === path && init?.method === 'POST').map(([, init]) => init?.body as FormData);
}

async function upload(files: File[]) {
  const input = (await screen.findByText(/点击或拖入|拖入同一业务/, {}, SLOW)).closest('.ant-upload')?.querySelector('input[type=file]');
  if (!input) throw new Error('no file input');
  fireEvent.change(input, { target: { files } });
  // rc-upload hands the files to beforeUpload asynchronously.
  await waitFor(() => expect(screen.getAllByText(files[files.length - 1]?.name ?? '').length).toBeGreaterThan(0), SLOW);
}

async function recognise(me: Me, replies: Parameters<typeof mockFetch>[0], reader?: string) {
  const fetchMock = mockFetch({ 'GET /api/auth/me': { status: 200, body: me }, ...replies });
  renderWithProviders(<SinglePanel />);
  await upload([photo()]);
  if (reader) fireEvent.click(screen.getByText(reader));
  fireEvent.click(screen.getByRole('button', { name: '识别' }));
  return fetchMock;
}

const card = () => screen.findByTestId('recapture-card', {}, SLOW);
const decisionTag = async () => within(await card()).findByTestId('recapture-decision', {}, SLOW);

describe('翻拍检测 card', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('after classification checks the mapped type and shows 疑似翻拍 in red with the score, threshold, reasons, model and the note', async () => {
    const fetchMock = await recognise(supervisor([...WORKBENCH, RP.recapture]), {
      'POST /api/recognition/classify': { status: 200, body: idCardBack },
      'POST /api/recognition/recapture': { status: 200, body: recapture({}) },
    });
    await waitFor(() => expect(within(screen.getByTestId('recapture-card')).getByText('疑似翻拍')).toBeTruthy(), SLOW);
    const body = posts(fetchMock, '/api/recognition/recapture')[0];
    expect(body?.get('docType')).toBe('id-card');
    expect(body?.get('image')).toBeInstanceOf(File);
    const box = await card();
    expect((await decisionTag()).className).toMatch(/red/);
    expect(within(box).getByTestId('recapture-score').textContent).toContain('0.87');
    expect(within(box).getByTestId('recapture-score').textContent).toContain('阈值 0.55');
    expect(within(box).getByText('更可能为屏幕翻拍')).toBeTruthy();
    expect(within(box).getByText('检测到屏幕摩尔纹（频谱中有明显周期性峰值）')).toBeTruthy();
    expect(within(box).getByText('黑位抬高（屏幕背光或纸面反射，无纯黑）')).toBeTruthy();
    expect(within(box).getByText('recapture-v1-synthetic')).toBeTruthy();
    expect(within(box).getByText(RECAPTURE_NOTE)).toBeTruthy();
    // The document itself is shown as well.
    expect(screen.getByText('识别结果：居民身份证（国徽面）')).toBeTruthy();
  });

  it('with a chosen reader checks its type and shows 原件 in green without cues', async () => {
    const fetchMock = await recognise(
      supervisor([...WORKBENCH, RP.recapture]),
      {
        'POST /api/recognition/licence': { status: 200, body: licence },
        'POST /api/recognition/recapture': { status: 200, body: recapture({ docType: 'business-licence', score: 0.12, decision: 'original', reasons: [] }) },
      },
      '营业执照',
    );
    const tag = await decisionTag();
    await waitFor(() => expect(tag.textContent).toBe('原件'), SLOW);
    expect(tag.className).toMatch(/green/);
    expect(posts(fetchMock, '/api/recognition/recapture')[0]?.get('docType')).toBe('business-licence');
    expect(within(await card()).getByText('未发现翻拍线索')).toBeTruthy();
    expect(within(await card()).queryByText('更可能为屏幕翻拍')).toBeNull();
  });

  it('reads a 税务登记证 in its own mode through the classifier and checks it as one for recapture', async () => {
    const fetchMock = await recognise(
      supervisor([...WORKBENCH, RP.recapture]),
      {
        'POST /api/recognition/classify': { status: 200, body: taxRegistration },
        'POST /api/recognition/recapture': { status: 200, body: recapture({ docType: 'tax-registration', score: 0.1, decision: 'original', reasons: [] }) },
      },
      '税务登记证',
    );
    expect(await screen.findByText('识别结果：税务登记证', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('2015 年前税务登记证（15 位纳税人识别号）')).toBeTruthy();
    expect(screen.getByText('纳税人识别号')).toBeTruthy();
    expect(screen.getByText('310115123456789')).toBeTruthy();
    expect(posts(fetchMock, '/api/recognition/classify')).toHaveLength(1);
    await waitFor(() => expect(posts(fetchMock, '/api/recognition/recapture')[0]?.get('docType')).toBe('tax-registration'), SLOW);
  });

  it('in 税务登记证 mode says what the image was read as when it is another document, without a result', async () => {
    await recognise(supervisor(WORKBENCH), { 'POST /api/recognition/classify': { status: 200, body: idCardBack } }, '税务登记证');
    expect(await screen.findByText('该图片识别为「居民身份证（国徽面）」，不是税务登记证；请换一张图片，或选择“自动判断类型”', {}, SLOW)).toBeTruthy();
    expect(screen.queryByText(/识别结果：/)).toBeNull();
  });

  it('reads a 统一社会信用代码证书 in its own mode through the classifier, without a form line, and checks it as the certificate type', async () => {
    const fetchMock = await recognise(
      supervisor([...WORKBENCH, RP.recapture]),
      {
        'POST /api/recognition/classify': { status: 200, body: usccCertificate },
        'POST /api/recognition/recapture': { status: 200, body: recapture({ docType: 'tax-registration', score: 0.1, decision: 'original', reasons: [] }) },
      },
      '统一社会信用代码证书',
    );
    expect(await screen.findByText('识别结果：统一社会信用代码证书', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('机构名称')).toBeTruthy();
    expect(screen.getByText('91310115MA1FL0Q10W')).toBeTruthy();
    expect(screen.getByText('证书已于 2019-04-15 过期')).toBeTruthy();
    expect(screen.queryByText('证书形式')).toBeNull();
    expect(posts(fetchMock, '/api/recognition/classify')).toHaveLength(1);
    await waitFor(() => expect(posts(fetchMock, '/api/recognition/recapture')[0]?.get('docType')).toBe('tax-registration'), SLOW);
  });

  it('in 统一社会信用代码证书 mode refuses a 税务登记证 with what it was read as', async () => {
    await recognise(supervisor(WORKBENCH), { 'POST /api/recognition/classify': { status: 200, body: taxRegistration } }, '统一社会信用代码证书');
    expect(await screen.findByText('该图片识别为「税务登记证」，不是统一社会信用代码证书；请换一张图片，或选择“自动判断类型”', {}, SLOW)).toBeTruthy();
    expect(screen.queryByText(/识别结果：/)).toBeNull();
  });

  it('shows a score just under the threshold as 待人工确认 in orange', async () => {
    await recognise(supervisor([...WORKBENCH, RP.recapture]), {
      'POST /api/recognition/classify': { status: 200, body: idCardBack },
      'POST /api/recognition/recapture': { status: 200, body: recapture({ score: 0.5, decision: 'uncertain', attack: 'print' }) },
    });
    await waitFor(async () => expect((await decisionTag()).textContent).toBe('待人工确认'), SLOW);
    expect((await decisionTag()).className).toMatch(/orange/);
    expect(within(await card()).getByText('更可能为打印件翻拍')).toBeTruthy();
  });

  it('says 不适用 for a type without a recapture model and calls nothing', async () => {
    const fetchMock = await recognise(supervisor([...WORKBENCH, RP.recapture]), {
      'POST /api/recognition/classify': { status: 200, body: other },
    });
    expect((await decisionTag()).textContent).toBe('不适用');
    expect(within(await card()).getByText('其他暂无翻拍检测模型，未检测')).toBeTruthy();
    expect(posts(fetchMock, '/api/recognition/recapture')).toHaveLength(0);
  });

  it('is hidden, and the route not called, without the recognition:recapture permission', async () => {
    const fetchMock = await recognise(supervisor(WORKBENCH), { 'POST /api/recognition/classify': { status: 200, body: idCardBack } });
    await screen.findByText('识别结果：居民身份证（国徽面）', {}, SLOW);
    expect(screen.queryByTestId('recapture-card')).toBeNull();
    expect(posts(fetchMock, '/api/recognition/recapture')).toHaveLength(0);
  });

  it('tags each image of the materials panel with its decision, 不适用 for other types', async () => {
    const materials: MaterialsResult = {
      applicable: true,
      idArea: { code: '320102', shanghai: false },
      complete: false,
      message: '缺少居住证',
      requirements: ['id-card', 'residence-permit'],
      materials: [],
      images: [
        { index: 0, type: 'id-card-front', label: '居民身份证（人像面）', confidence: 0.9, characters: 60 },
        { index: 1, type: 'other', label: '其他', confidence: 0.4, characters: 3 },
      ],
    };
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: supervisor([...WORKBENCH, RP.recapture]) },
      'POST /api/recognition/materials': { status: 200, body: materials },
      'POST /api/recognition/recapture': { status: 200, body: recapture({}) },
    });
    renderWithProviders(<MaterialsPanel />);
    await upload([photo('id.jpg'), photo('note.jpg')]);
    fireEvent.change(screen.getByLabelText('申请人公民身份号码'), { target: { value: APPLICANT } });
    fireEvent.click(screen.getByRole('button', { name: '核查材料' }));
    await waitFor(() => expect(within(screen.getByTestId('material-image-0')).getByText('疑似翻拍')).toBeTruthy(), SLOW);
    expect(within(screen.getByTestId('material-image-1')).getByText('翻拍检测不适用')).toBeTruthy();
    const sent = posts(fetchMock, '/api/recognition/recapture');
    expect(sent).toHaveLength(1);
    const [first] = sent as [FormData];
    expect(first.get('docType')).toBe('id-card');
    expect((first.get('image') as File).name).toBe('id.jpg');
  });
});
