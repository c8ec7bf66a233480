/** Password rules of 等保三级 IA-1; the numbers come from system parameters. */
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

/** Frequent passwords that satisfy the class rule yet are the first ones an attacker tries. */
const WEAK_PASSWORDS = new Set(
  [
    '123456',
    '12345678',
    'password',
    'admin@123',
    'admin123',
    'abc@123',
    'abc123456',
    'p@ssw0rd',
    'passw0rd',
    'qwer@1234',
    'qwe@123456',
    'root@123',
    'test@123',
    'a123456',
    'aa123456',
    'abcd@1234',
    'admin@1234',
    'password1',
    'password@123',
    'welcome@123',
    'shanghai@123',
    'jj@123456',
  ].map((p) => p.toLowerCase()),
);

export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
}

/** Returns the Chinese reasons a password is refused; empty when it is acceptable. */
export function checkPasswordPolicy(password: string, username: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码长度至少 ${policy.minLength} 位`);
  if (passwordClasses(password) < policy.minClasses) problems.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`);
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  if (WEAK_PASSWORDS.has(password.toLowerCase())) problems.push('密码过于常见，请换一个');
  return problems;
}
