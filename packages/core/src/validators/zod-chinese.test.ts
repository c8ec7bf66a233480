import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chineseIssueMessage, installChineseZodMessages } from './zod-chinese.ts';

const messageOf = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);

describe('Chinese zod messages', () => {
  beforeAll(() => installChineseZodMessages());

  it('word every common issue in Chinese, per field, without English type names', () => {
    const Form = z.strictObject({
      name: z.string().min(2).max(4),
      note: z.string().min(1),
      count: z.number().int().min(1).max(10),
      ratio: z.number().positive(),
      kind: z.enum(['A', 'B']),
      day: z.iso.date(),
      tags: z.array(z.string()).min(1),
      agree: z.literal(true),
      step: z.number().multipleOf(5),
    });
    const issues = messageOf(Form, {
      name: '张',
      note: '',
      count: 1.5,
      ratio: 0,
      kind: 'C',
      day: '2026/01/31',
      tags: [],
      agree: false,
      step: 7,
      extra: 1,
    });
    expect(issues).toEqual([
      'name:不能少于 2 个字符',
      'note:必须填写',
      'count:须为整数',
      'ratio:须大于 0',
      'kind:须为以下之一：“A”、“B”',
      'day:须为日期，如 2026-01-31',
      'tags:请至少选择一项',
      'agree:须为“是”',
      'step:须为 5 的倍数',
      ':不允许的字段：extra',
    ]);
    expect(messageOf(Form.pick({ name: true, count: true }).strict(), { name: '张三李四王', count: 11 })).toEqual([
      'name:不能超过 4 个字符',
      'count:不能大于 10',
    ]);
  });

  it('a missing or null field asks for input; a value of the wrong kind names the kind', () => {
    const Form = z.object({ name: z.string(), count: z.number(), when: z.enum(['上午', '下午']), list: z.array(z.number()) });
    expect(messageOf(Form, { name: null, count: 'x', list: 'y' })).toEqual(['name:必须填写', 'count:须为数字', 'when:必须填写', 'list:须为列表']);
    expect(messageOf(z.number(), Number.NaN)).toEqual([':须为有效数字']);
  });

  it("a schema's own words still win over the platform's", () => {
    expect(messageOf(z.string({ error: '请输入姓名' }), undefined)).toEqual([':请输入姓名']);
    expect(messageOf(z.string().max(2, '姓名过长'), '张三丰')).toEqual([':姓名过长']);
  });

  it('leaves only unknown issue codes to the locale', () => {
    expect(chineseIssueMessage({ code: 'custom', input: 1, path: [] } as never)).toBe('输入有误');
    expect(chineseIssueMessage({ code: 'something_new', input: 1, path: [] } as never)).toBeUndefined();
  });
});
