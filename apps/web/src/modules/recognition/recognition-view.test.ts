import { describe, expect, it } from 'vitest';
import { fieldRows, idCardView, plateView, readingView, sortChecks } from './recognition-view';

const field = (value: string | null, confidence = 0.91) => ({ value, confidence, source: value ? { lines: [0], text: `src ${value}`, box: [] } : null });

describe('recognition workbench view', () => {
  it('shows a plate reading: the number picked, its type, confidence and colour, then every candidate', () => {
    const source = { lines: [0], text: '沪A·12345', box: [] };
    const view = plateView({
      plate: '沪A12345',
      type: 'ordinary',
      typeLabel: '普通汽车号牌',
      confidence: 0.934,
      colour: 'blue',
      box: null,
      source,
      candidates: [
        { plate: '沪A12345', types: ['ordinary'], type: 'ordinary', confidence: 0.934, colour: 'blue', source },
        { plate: '沪A1234S', types: ['ordinary'], type: 'ordinary', confidence: 0.41, colour: 'blue', source },
      ],
      rejected: [],
      lines: [],
      image: { format: 'jpeg', width: 1, height: 1 },
      engine: { name: 't', ms: 1, waitedMs: 0 },
    } as Parameters<typeof plateView>[0]);
    expect(view.extra).toEqual([
      { label: '号牌号码', value: '沪A12345' },
      { label: '号牌类型', value: '普通汽车号牌' },
      { label: '置信度', value: '93%' },
      { label: '底色', value: '蓝' },
    ]);
    expect(view.fields.map((f) => [f.label, f.value, f.confidence])).toEqual([
      ['候选 1', '沪A12345', 93],
      ['候选 2', '沪A1234S', 41],
    ]);
    expect(
      plateView({ ...({} as Parameters<typeof plateView>[0]), plate: null, typeLabel: null, confidence: 0, colour: null, candidates: [] }).extra[0],
    ).toEqual({
      label: '号牌号码',
      value: '未识别到号牌',
    });
  });

  it('labels the side of an ID card that was read', () => {
    const back = { authority: field('上海市公安局黄浦分局'), validFrom: field('2020-01-01'), validTo: field('长期') };
    const view = idCardView({ front: null, back, checks: [{ code: 'c', name: 'n', result: 'pass', message: '' }] });
    expect(view.fields.map((f) => [f.label, f.value])).toEqual([
      ['签发机关', '上海市公安局黄浦分局'],
      ['有效期起', '2020-01-01'],
      ['有效期止', '长期'],
    ]);
    expect(view.checks).toHaveLength(1);
  });

  it('labels the fields of a classified residence permit and keeps confidence as a percentage', () => {
    const view = readingView({
      type: 'residence-permit',
      residencePermit: {
        fields: {
          name: field('刘洋'),
          sex: field('女'),
          idNumber: { ...field('440305198511224564'), facts: null },
          address: field(null),
          authority: field('上海市公安局徐汇分局'),
          validFrom: field('2025-09-15'),
          validTo: field('2028-09-15', 0.876),
        },
        checks: [],
      },
    });
    expect(view.fields.find((f) => f.key === 'address')).toMatchObject({ label: '居住地址', value: null, source: null });
    expect(view.fields.find((f) => f.key === 'validTo')).toMatchObject({ label: '有效期止', confidence: 88, source: 'src 2028-09-15' });
  });

  it('labels the fields of a classified 税务登记证 with the shared labels, its checks kept', () => {
    const check = { code: 'tax.taxpayerId.check', name: '纳税人识别号校验', result: 'pass' as const, message: '校验通过' };
    const empty = ['name', 'legalRepresentative', 'address', 'registrationType', 'scope', 'authority', 'issuedOn'] as const;
    const view = readingView({
      type: 'tax-registration',
      taxRegistration: {
        form: 'pre-2015',
        fields: { taxpayerId: field('310115MA1FL0Q10'), ...Object.fromEntries(empty.map((k) => [k, field(null)])) } as never,
        checks: [check],
      },
    });
    expect(view.fields[0]).toMatchObject({ key: 'taxpayerId', label: '纳税人识别号', value: '310115MA1FL0Q10' });
    expect(view.fields.find((f) => f.key === 'authority')?.label).toBe('发证机关');
    expect(view.checks).toEqual([check]);
  });

  it('labels the fields of a classified 统一社会信用代码证书 with the shared labels', () => {
    const rest = ['orgType', 'legalRepresentative', 'address', 'validity', 'authority', 'issuedOn'] as const;
    const view = readingView({
      type: 'uscc-certificate',
      usccCertificate: {
        fields: {
          uscc: field('91310115MA1FL0Q10W'),
          name: field('上海某某汽车服务有限公司'),
          ...Object.fromEntries(rest.map((k) => [k, field(null)])),
        } as never,
        checks: [],
      },
    });
    expect(view.fields.map((f) => f.label)).toEqual([
      '统一社会信用代码',
      '机构名称',
      '机构类型',
      '法定代表人（负责人）',
      '住所',
      '有效期',
      '颁发单位',
      '发证日期',
    ]);
    expect(view.fields[1]).toMatchObject({ key: 'name', value: '上海某某汽车服务有限公司' });
  });

  it('uses the shared invoice labels and shows failed checks first', () => {
    expect(fieldRows({ vin: field('LSVAU2187N2123456') }, { vin: '车辆识别代号/车架号码' })[0]?.label).toBe('车辆识别代号/车架号码');
    const sorted = sortChecks([
      { code: 'a', name: 'a', result: 'pass', message: '' },
      { code: 'b', name: 'b', result: 'unknown', message: '' },
      { code: 'c', name: 'c', result: 'fail', message: '' },
    ]);
    expect(sorted.map((c) => c.code)).toEqual(['c', 'b', 'a']);
    expect(readingView({ type: 'other' })).toEqual({ fields: [], checks: [] });
  });
});
