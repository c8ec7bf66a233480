import { describe, expect, it } from 'vitest';
import { checkPasswordChange } from './password-change-validation';

describe('checkPasswordChange', () => {
  it('accepts a strong new password that is confirmed', () => {
    expect(checkPasswordChange({ oldPassword: 'Init#2024a', newPassword: 'Traffic#2025', confirmPassword: 'Traffic#2025' }, 'zhangsan')).toEqual({
      ok: true,
      body: { oldPassword: 'Init#2024a', newPassword: 'Traffic#2025' },
    });
  });

  it('explains every policy problem under the new password and a mismatch under the confirmation', () => {
    const check = checkPasswordChange({ oldPassword: 'x', newPassword: 'zhangsan1', confirmPassword: 'other' }, 'zhangsan');
    expect(check).toEqual({
      ok: false,
      errors: [
        {
          name: ['newPassword'],
          errors: ['密码须包含大写字母、小写字母、数字、特殊字符中的至少 3 类', '密码不能包含用户名'],
        },
        { name: ['confirmPassword'], errors: ['两次输入的新密码不一致'] },
      ],
    });
  });

  it('requires the old password', () => {
    const check = checkPasswordChange({ newPassword: 'Traffic#2025', confirmPassword: 'Traffic#2025' }, 'zhangsan');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors).toEqual([{ name: ['oldPassword'], errors: ['原密码必须填写'] }]);
  });
});
