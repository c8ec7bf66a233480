import { describe, expect, it } from 'vitest';
import { normalisePersonName } from './person-name.ts';

describe('normalisePersonName', () => {
  it('writes one spelling whatever spaces, widths and name dots were typed', () => {
    expect(normalisePersonName(' 王 小 明 ')).toBe('王小明');
    for (const typed of ['阿卜杜·热合曼', '阿卜杜•热合曼', '阿卜杜・热合曼', '阿卜杜.热合曼', '阿卜杜．热合曼'])
      expect(normalisePersonName(typed)).toBe('阿卜杜·热合曼');
    expect(normalisePersonName('ＬＩ　Ｌｅｉ')).toBe('LILei');
  });
});
