import { describe, expect, it } from 'vitest';
import { at } from '../parse/ocr-line.fixture.ts';
import { classifyDocument } from './classify.ts';
import { type ClassifiedImage, checkMaterials } from './materials.ts';

const CARD = { width: 856, height: 540 };
const PAGE = { width: 1400, height: 860 };

describe('classifyDocument', () => {
  it('tells a residence permit from an ID card front although both carry 姓名 and 公民身份号码', () => {
    const permit = classifyDocument(
      [at('上海市居住证', 200, 40), at('姓名', 50, 100), at('居住地址', 50, 200), at('公民身份号码', 50, 450), at('440305198511224564', 290, 450)],
      CARD,
    );
    expect(permit.type).toBe('residence-permit');
    const front = classifyDocument(
      [
        at('姓名', 50, 70),
        at('性别', 50, 130),
        at('民族', 250, 130),
        at('出生', 50, 190),
        at('住址', 50, 250),
        at('公民身份号码', 50, 450),
        at('440305198511224564', 290, 450),
      ],
      CARD,
    );
    expect(front.type).toBe('id-card-front');
    expect(front.confidence).toBeGreaterThan(0.7);
    expect(front.scores[0]).toEqual({ type: 'id-card-front', score: expect.any(Number) });
  });

  it('tells the classic invoice from the 数电 one by 电子发票 and the code', () => {
    const classic = classifyDocument([at('机动车销售统一发票', 500, 40), at('发票代码', 1000, 40), at('发票号码', 1000, 80), at('价税合计', 50, 300)], PAGE);
    expect(classic.type).toBe('motor-invoice');
    const digital = classifyDocument(
      [at('电子发票（机动车销售统一发票）', 400, 40), at('发票号码：24312000000012345678', 1000, 40), at('价税合计（大写）', 50, 300)],
      PAGE,
    );
    expect(digital.type).toBe('digital-invoice');
  });

  it('tells a 统一社会信用代码证书 from a business licence and a 三证合一 tax certificate, which carry the same code', () => {
    const code = [at('统一社会信用代码', 110, 270), at('91310115MA1FL0Q10W', 400, 270), at('法定代表人（负责人）', 110, 460)];
    const certificate = classifyDocument([at('统一社会信用代码证书', 670, 170), ...code, at('机构名称', 110, 340), at('有效期', 110, 580)], PAGE);
    expect(certificate.type).toBe('uscc-certificate');
    expect(certificate.label).toBe('统一社会信用代码证书');
    const licence = classifyDocument([at('营业执照', 670, 190), ...code, at('名称', 110, 340), at('注册资本', 720, 290), at('登记机关', 760, 760)], PAGE);
    expect(licence.type).toBe('business-licence');
    const tax = classifyDocument([at('税务登记证', 670, 190), ...code, at('纳税人名称', 110, 340), at('发证机关', 760, 740)], PAGE);
    expect(tax.type).toBe('tax-registration');
  });

  it('calls an image without the keywords of any type other, with little confidence', () => {
    const r = classifyDocument([at('沪A·12345', 10, 10)], { width: 480, height: 170 });
    expect(r).toMatchObject({ type: 'other', label: '其他' });
    expect(r.confidence).toBeLessThan(0.5);
  });
});

describe('checkMaterials (T21)', () => {
  const applicant = '440305198511224564';
  const img = (index: number, type: ClassifiedImage['classification']['type'], extra: Partial<ClassifiedImage> = {}): ClassifiedImage => ({
    index,
    classification: { type, label: type, confidence: 0.9, scores: [], characters: 80 },
    ...extra,
  });
  const inForce = [{ code: 'permit.validity.current', name: '居住证在有效期内', result: 'pass' as const, message: '有效至 2028-09-15' }];

  it('does not apply to a Shanghai ID', () => {
    const r = checkMaterials('310115199003071239', ['residence-permit'], []);
    expect(r).toMatchObject({ applicable: false, complete: true, idArea: { code: '310115', shanghai: true } });
  });

  it('reports present, missing and unreadable per requirement, alternatives included', () => {
    const unreadable: ClassifiedImage = { index: 2, classification: { type: 'other', label: '其他', confidence: 0.3, scores: [], characters: 3 } };
    const r = checkMaterials(
      applicant,
      ['residence-permit', 'business-licence|import-certificate', 'id-card-front'],
      [img(0, 'residence-permit', { idNumber: applicant, checks: inForce }), img(1, 'import-certificate')],
    );
    expect(r.materials.map((m) => m.status)).toEqual(['present', 'present', 'missing']);
    expect(r.materials[1]).toMatchObject({ label: '营业执照 或 货物进口证明书', images: [1] });
    expect(r.complete).toBe(false);
    const withBlur = checkMaterials(applicant, ['id-card-front'], [unreadable]);
    expect(withBlur.materials[0]).toMatchObject({ status: 'unreadable', message: expect.stringContaining('第 3 张图片无法识别') });
  });

  it('is complete only when the permit is the applicant’s and in force', () => {
    const ok = checkMaterials(applicant, ['residence-permit'], [img(0, 'residence-permit', { idNumber: applicant, checks: inForce })]);
    expect(ok.complete).toBe(true);
    const other = checkMaterials(applicant, ['residence-permit'], [img(0, 'residence-permit', { idNumber: '110105200112310724', checks: inForce })]);
    expect(other.complete).toBe(false);
    expect(other.materials[0]?.checks.map((c) => c.result)).toEqual(['fail', 'pass']);
    const expired = checkMaterials(
      applicant,
      ['residence-permit'],
      [img(0, 'residence-permit', { idNumber: applicant, checks: [{ ...inForce[0]!, result: 'fail', message: '居住证已于 2024-01-01 过期' }] })],
    );
    expect(expired.complete).toBe(false);
  });
});
