import { describe, expect, it } from 'vitest';
import { readBusinessLicence } from './business-licence.ts';
import { readImportCertificate } from './import-certificate.ts';
import { at, fieldValues } from './ocr-line.fixture.ts';
import { readResidencePermit } from './residence-permit.ts';
import { readTaxRegistration } from './tax-registration.ts';
import { readUsccCertificate } from './uscc-certificate.ts';

describe('readBusinessLicence', () => {
  const lines = [
    at('统一社会信用代码', 80, 70),
    at('91310115MA1FL0Q10W', 290, 70),
    at('营业执照', 500, 160),
    at('名称', 110, 270),
    at('上海某某汽车销售有限公司', 280, 270),
    at('注册资本', 720, 270),
    at('人民币500万元整', 860, 270),
    at('类型', 110, 340),
    at('有限责任公司（自然人独资）', 280, 340),
    at('成立日期', 720, 340),
    at('2018年03月12日', 860, 340),
    at('法定代表人', 110, 410),
    at('李娜', 280, 410),
    at('营业期限', 720, 410),
    at('2018年03月12日至长期', 860, 410),
    at('住所', 110, 480),
    at('上海市浦东新区张江镇科苑路88号', 280, 480),
  ];

  it('reads the fields by label and verifies the USCC', () => {
    const r = readBusinessLicence(lines);
    expect(fieldValues(r.fields)).toMatchObject({
      uscc: '91310115MA1FL0Q10W',
      name: '上海某某汽车销售有限公司',
      legalRepresentative: '李娜',
      established: '2018-03-12',
      term: '2018年03月12日至长期',
      address: '上海市浦东新区张江镇科苑路88号',
    });
    expect(r.checks.find((c) => c.code === 'licence.uscc.check')?.result).toBe('pass');
  });

  it('fails a USCC with a wrong check character (O read for 0 is folded first)', () => {
    const r = readBusinessLicence(lines.map((l) => (l.text === '91310115MA1FL0Q10W' ? at('91310115MA1FLOQ10X', 290, 70) : l)));
    expect(r.fields.uscc.value).toBe('91310115MA1FL0Q10X');
    expect(r.checks.find((c) => c.code === 'licence.uscc.check')?.result).toBe('fail');
  });
});

describe('readImportCertificate', () => {
  it('reads the certificate number and the VIN, dropping the glyph echoed by an overlapping box', () => {
    const echo = at('证明书号2', 820, 200);
    echo.box = [
      [820, 200],
      [945, 200],
      [945, 230],
      [820, 230],
    ];
    const r = readImportCertificate([
      at('货物进口证明书', 440, 120),
      echo,
      at('220120240012345', 930, 200),
      at('车辆识别代号（VIN）', 50, 300),
      at('LSVAU2187N2123456', 300, 300),
      at('品牌', 50, 360),
      at('宝马', 300, 360),
      at('进口日期', 50, 420),
      at('2024年05月10日', 300, 420),
    ]);
    expect(r.fields.certificateNo.value).toBe('220120240012345');
    expect(r.fields.vin.value).toBe('LSVAU2187N2123456');
    expect(r.fields.brand.value).toBe('宝马');
    expect(r.fields.importDate.value).toBe('2024-05-10');
    expect(r.checks.find((c) => c.code === 'import.vin.check')?.result).toBe('pass');
  });
});

describe('readResidencePermit', () => {
  const lines = [
    at('上海市居住证', 260, 40),
    at('姓名', 56, 110),
    at('刘洋', 170, 110),
    at('居住地址', 56, 220),
    at('上海市徐汇区枫林路街道人民', 180, 220),
    at('路703弄25号503室', 180, 260),
    at('签发机关', 56, 350),
    at('上海市公安局徐汇分局', 180, 350),
    at('有效期限', 56, 400),
    at('2025.09.15-2028.09.15', 180, 400),
    at('公民身份号码', 56, 470),
    at('440305198511224564', 290, 470),
  ];

  it('reads holder, ID number, the wrapped address, authority and validity', () => {
    const r = readResidencePermit(lines, '2026-01-01');
    expect(fieldValues(r.fields)).toMatchObject({
      name: '刘洋',
      idNumber: '440305198511224564',
      address: '上海市徐汇区枫林路街道人民路703弄25号503室',
      authority: '上海市公安局徐汇分局',
      validFrom: '2025-09-15',
      validTo: '2028-09-15',
    });
    expect(r.checks.every((c) => c.result === 'pass')).toBe(true);
  });

  it('fails an expired permit and finds the validity without its label', () => {
    const r = readResidencePermit(
      lines.filter((l) => l.text !== '有效期限'),
      '2029-01-01',
    );
    expect(r.fields.validTo.value).toBe('2028-09-15');
    expect(r.checks.find((c) => c.code === 'permit.validity.current')).toMatchObject({ result: 'fail', message: '居住证已于 2028-09-15 过期' });
  });
});

describe('readTaxRegistration', () => {
  const certificate = (number: string) => [
    at('税务登记证', 500, 120),
    at(`税字 ${number} 号`, 500, 190),
    at('纳税人名称', 110, 270),
    at('上海某某汽车销售有限公司', 300, 270),
    at('法定代表人（负责人）', 110, 340),
    at('李娜', 300, 340),
    at('地址', 110, 410),
    at('上海市浦东新区张江镇科苑路88号', 300, 410),
    at('登记注册类型', 110, 480),
    at('有限责任公司', 300, 480),
    at('经营范围', 110, 550),
    at('汽车销售', 300, 550),
    at('发证机关', 700, 700),
    at('上海市浦东新区国家税务局', 850, 700),
    at('发证日期', 700, 760),
    at('2012年06月08日', 850, 760),
  ];

  it('reads a pre-2015 certificate: the 15-character number (area + organisation code) away from its label, verified', () => {
    const r = readTaxRegistration(certificate('310115MA1FL0Q10'));
    expect(r.form).toBe('pre-2015');
    expect(fieldValues(r.fields)).toEqual({
      taxpayerId: '310115MA1FL0Q10',
      name: '上海某某汽车销售有限公司',
      legalRepresentative: '李娜',
      address: '上海市浦东新区张江镇科苑路88号',
      registrationType: '有限责任公司',
      scope: '汽车销售',
      authority: '上海市浦东新区国家税务局',
      issuedOn: '2012-06-08',
    });
    expect(r.checks.find((c) => c.code === 'tax.taxpayerId.check')).toMatchObject({ result: 'pass', message: expect.stringContaining('15 位') });
  });

  it('reads the USCC form (三证合一) by its label, and fails a number whose organisation check is wrong', () => {
    const uscc = readTaxRegistration([at('统一社会信用代码', 80, 70), at('91310115MA1FL0Q10W', 300, 70), ...certificate('').slice(2)]);
    expect(uscc.form).toBe('uscc');
    expect(uscc.fields.taxpayerId.value).toBe('91310115MA1FL0Q10W');
    const bad = readTaxRegistration(certificate('310115MA1FL0Q12'));
    expect(bad.form).toBeNull();
    expect(bad.fields.taxpayerId.value).toBe('310115MA1FL0Q12');
    expect(bad.checks.find((c) => c.code === 'tax.taxpayerId.check')).toMatchObject({ result: 'fail', message: '纳税人识别号中的组织机构代码校验位错误' });
  });
});

describe('readUsccCertificate (T17)', () => {
  const certificate = (code: string, validity: string) => [
    at('统一社会信用代码证书', 670, 170),
    at('统一社会信用代码', 110, 270),
    at(code, 420, 270),
    at('机构名称', 110, 340),
    at('上海某某汽车服务有限公司', 400, 340),
    at('机构类型', 110, 400),
    at('企业法人', 400, 400),
    at('法定代表人（负责人）', 110, 460),
    at('王强', 400, 460),
    at('住所', 110, 520),
    at('上海市闵行区马桥镇振兴路795弄44号', 400, 520),
    at('有效期', 110, 580),
    at(validity, 400, 580),
    at('颁发单位', 760, 740),
    at('上海市闵行区市场监督管理局', 950, 740),
    at('发证日期', 760, 800),
    at('2024年05月26日', 950, 800),
  ];

  it('reads every field by its label, the title not taken for the code label, and passes a verifying code in force', () => {
    const r = readUsccCertificate(certificate('91310115MA1FL0Q10W', '自2024年05月26日至2029年05月26日'), '2026-12-03');
    expect(Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]))).toEqual({
      uscc: '91310115MA1FL0Q10W',
      name: '上海某某汽车服务有限公司',
      orgType: '企业法人',
      legalRepresentative: '王强',
      address: '上海市闵行区马桥镇振兴路795弄44号',
      validity: '自2024年05月26日至2029年05月26日',
      authority: '上海市闵行区市场监督管理局',
      issuedOn: '2024-05-26',
    });
    expect(r.checks.find((c) => c.code === 'usccCert.uscc.check')).toMatchObject({ result: 'pass', message: expect.stringContaining('GB 32100') });
    expect(r.checks.find((c) => c.code === 'usccCert.validity.current')).toMatchObject({ result: 'pass', message: '有效至 2029-05-26' });
    expect(r.checks.filter((c) => c.result === 'fail')).toEqual([]);
  });

  it('fails a code whose check character is wrong (kept, not read as missing) and a validity that ended the day before', () => {
    const r = readUsccCertificate(certificate('91310115MA1FL0Q10X', '自2015年04月15日至2026年12月02日'), '2026-12-03');
    expect(r.fields.uscc.value).toBe('91310115MA1FL0Q10X');
    expect(r.checks.find((c) => c.code === 'usccCert.uscc.check')).toMatchObject({ result: 'fail', message: expect.stringContaining('校验位') });
    expect(r.checks.find((c) => c.code === 'usccCert.validity.current')).toMatchObject({ result: 'fail', message: '证书已于 2026-12-02 过期' });
  });

  it('finds the code by shape away from its label; says what it could not read', () => {
    const lines = [
      at('统一社会信用代码证书', 670, 170),
      at('代码 91310115MA1FL0Q10W', 700, 900),
      at('有效期', 110, 580),
      at('自2024年05月26日至长期', 400, 580),
    ];
    const r = readUsccCertificate(lines, '2026-12-03');
    expect(r.fields.uscc.value).toBe('91310115MA1FL0Q10W');
    expect(r.checks.find((c) => c.code === 'usccCert.validity.current')).toMatchObject({ result: 'pass', message: '有效至 长期' });
    expect(r.checks.filter((c) => c.result === 'fail').map((c) => c.message)).toEqual(['未识别到机构名称', '未识别到颁发单位']);
    expect(readUsccCertificate([at('统一社会信用代码证书', 670, 170)]).checks.map((c) => c.result)).toEqual(['unknown', 'unknown', 'fail', 'fail']);
  });
});
