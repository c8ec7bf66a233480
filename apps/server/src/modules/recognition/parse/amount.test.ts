import { describe, expect, it } from 'vitest';
import { formatFen, parseAmountFigures, parseAmountWords } from './amount.ts';

describe('amounts in figures', () => {
  it('reads the grouped amount however blur renders the separators', () => {
    for (const t of ['¥219,900.00', '219.900.00', '219 900.00', '￥219，900.00', 'Y219,9OO.00', '219900.00', '¥ 219900.00']) {
      expect(parseAmountFigures(t), t).toBe(21_990_000);
    }
  });

  it('tells a decimal point from grouping by the two digits after it', () => {
    expect(parseAmountFigures('1,234,567.89')).toBe(123_456_789);
    expect(parseAmountFigures('219,900')).toBe(21_990_000);
    expect(parseAmountFigures('25,298.2')).toBe(2_529_820);
    expect(parseAmountFigures('小写')).toBeNull();
    expect(formatFen(2_529_823)).toBe('25298.23');
    expect(formatFen(5)).toBe('0.05');
  });
});

describe('amounts in capital words', () => {
  const cases: [string, number][] = [
    ['⊗贰拾壹万玖仟玖佰圆整', 21_990_000],
    ['壹拾玖万贰仟零伍拾圆整', 19_205_000],
    ['肆拾叁万贰仟肆佰贰拾玖圆整', 43_242_900],
    ['壹佰贰拾叁圆零伍分', 12_305],
    ['壹佰贰拾叁圆柒角捌分', 12_378],
    ['伍角整', 50],
    ['壹拾万零伍圆整', 10_000_500],
    ['拾万圆整', 10_000_000],
    ['壹亿零贰佰万圆整', 10_200_000_000],
    ['叁仟零壹万零壹拾圆正', 3_001_001_000],
    ['贰拾壹萬玖仟玖佰元整', 21_990_000],
    ['参拾柒万捌仟陆佰柒拾伍圆柒角玖分', 37_867_579], // 参: how OCR (and handwriting) often gives 叁
    ['人民币(大写)壹万圆整', 1_000_000],
  ];
  it.each(cases)('%s → %i fen', (words, fen) => {
    expect(parseAmountWords(words)).toBe(fen);
  });

  it('refuses words it cannot read instead of guessing', () => {
    expect(parseAmountWords('贰拾壹万玖仟玖佰')).toBeNull(); // no 圆: not an amount
    expect(parseAmountWords('贰拾壹万玖仟玖白圆整')).toBeNull(); // 白 is not 佰
    expect(parseAmountWords('价税合计')).toBeNull();
    expect(parseAmountWords('壹佰圆伍')).toBeNull();
  });
});
