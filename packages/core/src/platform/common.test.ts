import { describe, expect, it } from 'vitest';
import { BigIdParamsSchema, codeField, IdParamsSchema, idField, PG_INTEGER_MAX, text } from './common.ts';

describe('input text and ids PostgreSQL can store', () => {
  it('text fields name the field in every message, the storability check included', () => {
    const name = text('姓名', 10);
    expect(name.safeParse('ab\u0000c').error?.issues.map((i) => i.message)).toEqual(['姓名含有不允许的字符（空字符 U+0000 或不完整的 Unicode 字符）']);
    expect(name.safeParse('  ').error?.issues[0]?.message).toBe('姓名必须填写');
    expect(name.safeParse('一二三四五六七八九十一').error?.issues[0]?.message).toBe('姓名不能超过 10 个字符');
  });

  it('ids are bounded as their column is', () => {
    expect(IdParamsSchema.safeParse({ id: String(PG_INTEGER_MAX) }).success).toBe(true);
    expect(IdParamsSchema.safeParse({ id: '2147483648' }).error?.issues[0]?.message).toBe('ID 无效');
    expect(BigIdParamsSchema.parse({ id: '2147483648' })).toEqual({ id: 2_147_483_648 });
    expect(BigIdParamsSchema.safeParse({ id: '9223372036854775808' }).success).toBe(false);
    expect(idField('所属部门', { missing: '所属部门必须选择' }).safeParse(undefined).error?.issues[0]?.message).toBe('所属部门必须选择');
    expect(idField('所属部门').safeParse(2 ** 31).error?.issues[0]?.message).toBe('所属部门无效');
  });

  it('a code field asks for a choice when none was made, and calls an unknown code invalid', () => {
    const kind = codeField({ P: '普通号牌', K: '专用号牌' }, '号牌种类');
    expect(kind.parse('K')).toBe('K');
    expect(kind.safeParse(undefined).error?.issues[0]?.message).toBe('请选择号牌种类');
    expect(kind.safeParse(null).error?.issues[0]?.message).toBe('请选择号牌种类');
    expect(kind.safeParse('X').error?.issues[0]?.message).toBe('号牌种类无效');
  });
});
