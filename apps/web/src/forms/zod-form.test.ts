import { UserCreateBodySchema } from '@shtp/core/system';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssuesToFieldErrors } from './zod-form';

describe('zodIssuesToFieldErrors', () => {
  it('puts each Chinese schema message under its field', () => {
    const result = UserCreateBodySchema.safeParse({ username: '1abc', displayName: ' ', policeNo: '12', departmentId: 0, expiresAt: null });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToFieldErrors(result.error)).toEqual([
      { name: ['username'], errors: ['用户名须以字母开头，3–32 位字母、数字、下划线或点'] },
      { name: ['displayName'], errors: ['姓名必须填写'] },
      { name: ['policeNo'], errors: ['警号须为 6 位数字'] },
      { name: ['departmentId'], errors: ['所属部门必须选择'] },
    ]);
  });

  it('collects several messages of one field together', () => {
    const schema = z.object({ value: z.object({ start: z.string().min(5, '太短').regex(/:/, '须为 HH:mm') }) });
    const result = schema.safeParse({ value: { start: '8' } });
    if (result.success) throw new Error('expected a failure');
    expect(zodIssuesToFieldErrors(result.error)).toEqual([{ name: ['value', 'start'], errors: ['太短', '须为 HH:mm'] }]);
  });
});
