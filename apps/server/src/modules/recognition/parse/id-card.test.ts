import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../engine/types.ts';
import { readIdCard } from './id-card.ts';
import { fieldValues, ocrLine } from './ocr-line.fixture.ts';

/** A line at (x, y) on a card, optionally tilted by `angle` radians around the origin. */
const at = (text: string, x: number, y: number, angle = 0): OcrLine =>
  ocrLine(text, x, y, { charWidth: 28, height: 32, confidence: 0.98, meanRgb: [220, 220, 220], angle });

const front = (angle = 0) => [
  at('姓名', 56, 70, angle),
  at('王军芳', 160, 70, angle),
  at('性别', 56, 134, angle),
  at('女', 160, 134, angle),
  at('民族', 270, 134, angle),
  at('回', 370, 134, angle),
  at('出生', 56, 198, angle),
  at('1960年4月27日', 160, 198, angle),
  at('住址', 56, 262, angle),
  at('上海市奉贤区沪太路815', 160, 262, angle),
  at('弄27号288室', 160, 306, angle),
  at('公民身份号码', 56, 440, angle),
  at('310120196004270341', 290, 440, angle),
];

describe('ID card front', () => {
  it('reads every field by its label, with provenance', () => {
    const r = readIdCard(front());
    expect(r.side).toBe('front');
    const v = fieldValues(r.front!);
    expect(v).toEqual({
      name: '王军芳',
      sex: '女',
      ethnicity: '回',
      birthDate: '1960-04-27',
      address: '上海市奉贤区沪太路815弄27号288室',
      idNumber: '310120196004270341',
    });
    expect(r.front!.address.source!.lines).toEqual([9, 10]);
    expect(r.checks.every((c) => c.result === 'pass')).toBe(true);
  });

  it('rebuilds rows on a tilted photo', () => {
    const r = readIdCard(front(0.1));
    expect(r.front!.name.value).toBe('王军芳');
    expect(r.front!.ethnicity.value).toBe('回');
    expect(r.front!.address.value).toBe('上海市奉贤区沪太路815弄27号288室');
  });

  it('reads labels glued to values and cross-checks sex and birth date with the number', () => {
    const lines = [at('姓名张三', 56, 70), at('性别男民族汉', 56, 134), at('出生1960年4月28日', 56, 198), at('公民身份号码310120196004270341', 56, 440)];
    const r = readIdCard(lines);
    expect(r.front).toMatchObject({ name: { value: '张三' }, sex: { value: '男' }, ethnicity: { value: '汉' } });
    const checks = Object.fromEntries(r.checks.map((c) => [c.code, c.result]));
    expect(checks).toMatchObject({ 'idcard.sexMatchesNumber': 'fail', 'idcard.birthDateMatchesNumber': 'fail', 'idcard.address.found': 'fail' });
  });
});

describe('ID card back', () => {
  it('reads the authority and the validity period', () => {
    const r = readIdCard([
      at('中华人民共和国', 260, 80),
      at('居民身份证', 260, 170),
      at('签发机关', 120, 380),
      at('上海市公安局浦东分局', 290, 380),
      at('有效期限', 120, 448),
      at('2015.03.07-2035.03.07', 290, 448),
    ]);
    expect(r.side).toBe('back');
    expect(r.back).toMatchObject({ authority: { value: '上海市公安局浦东分局' }, validFrom: { value: '2015-03-07' }, validTo: { value: '2035-03-07' } });
    expect(r.checks.find((c) => c.code === 'idcard.validity.shape')!.result).toBe('pass');
  });

  it('accepts 长期 and flags an impossible period', () => {
    expect(readIdCard([at('有效期限', 120, 448), at('2012.11.11-长期', 290, 448)], 'back').back!.validTo.value).toBe('长期');
    const r = readIdCard([at('签发机关', 120, 380), at('西安市公安局', 290, 380), at('有效期限', 120, 448), at('2015.03.04-2031.03.04', 290, 448)], 'back');
    expect(r.checks.find((c) => c.code === 'idcard.validity.shape')!.result).toBe('fail');
  });
});
