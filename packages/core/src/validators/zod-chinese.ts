/**
 * Chinese field messages for every zod issue a schema does not word itself. zod's own zh-CN locale still names
 * types and origins in English ("期望 string，实际接收 undefined"), so the platform's words come first and the
 * locale is only the last fallback. Installed once per process or page with `installChineseZodMessages()`.
 */
import { z } from 'zod';
import { zhCN } from 'zod/locales';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  date: '日期',
  array: '列表',
  tuple: '列表',
  set: '列表',
  file: '文件',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: '编号',
  guid: '编号',
  datetime: '日期时间，如 2026-01-31T08:00:00Z',
  date: '日期，如 2026-01-31',
  time: '时间，如 08:00:00',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  cidrv4: 'IPv4 网段',
  cidrv6: 'IPv6 网段',
  base64: 'Base64 编码',
  base64url: 'Base64 编码',
};

const FILE_SIZE_UNIT = '字节';

/** A value as a user reads it, in quotes; true/false as 是/否. */
function shown(value: unknown): string {
  if (typeof value === 'boolean') return value ? '“是”' : '“否”';
  return `“${String(value)}”`;
}

const isEmpty = (input: unknown) => input === undefined || input === null;

function invalidType(issue: Issue & { expected?: string }): string {
  if (isEmpty(issue.input)) return '必须填写';
  if (issue.expected === 'number' && typeof issue.input === 'number') return '须为有效数字';
  const name = TYPE_NAMES[issue.expected ?? ''];
  return name ? `须为${name}` : '格式不正确';
}

function tooSmall(issue: Issue & { origin?: string; minimum?: number | bigint; inclusive?: boolean }): string {
  const min = String(issue.minimum);
  switch (issue.origin) {
    case 'string':
      return Number(issue.minimum) <= 1 ? '必须填写' : `不能少于 ${min} 个字符`;
    case 'array':
    case 'set':
      return Number(issue.minimum) <= 1 ? '请至少选择一项' : `至少 ${min} 项`;
    case 'file':
      return `文件不能小于 ${min} ${FILE_SIZE_UNIT}`;
    case 'date':
      return `不能早于 ${new Date(Number(issue.minimum)).toISOString().slice(0, 10)}`;
    default:
      return issue.inclusive ? `不能小于 ${min}` : `须大于 ${min}`;
  }
}

function tooBig(issue: Issue & { origin?: string; maximum?: number | bigint; inclusive?: boolean }): string {
  const max = String(issue.maximum);
  switch (issue.origin) {
    case 'string':
      return `不能超过 ${max} 个字符`;
    case 'array':
    case 'set':
      return `最多 ${max} 项`;
    case 'file':
      return `文件不能超过 ${max} ${FILE_SIZE_UNIT}`;
    case 'date':
      return `不能晚于 ${new Date(Number(issue.maximum)).toISOString().slice(0, 10)}`;
    default:
      return issue.inclusive ? `不能大于 ${max}` : `须小于 ${max}`;
  }
}

function invalidFormat(issue: Issue & { format?: string; prefix?: string; suffix?: string; includes?: string }): string {
  if (issue.format === 'starts_with') return `须以“${issue.prefix}”开头`;
  if (issue.format === 'ends_with') return `须以“${issue.suffix}”结尾`;
  if (issue.format === 'includes') return `须包含“${issue.includes}”`;
  const name = FORMAT_NAMES[issue.format ?? ''];
  return name ? `须为${name}` : '格式不正确';
}

/** The platform's Chinese message for an issue, or undefined to leave it to the locale. */
export function chineseIssueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'not_multiple_of':
      return Number(issue.divisor) === 1 ? '须为整数' : `须为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_value': {
      const values = (issue.values ?? []) as unknown[];
      if (isEmpty(issue.input)) return '必须填写';
      return values.length === 1 ? `须为${shown(values[0])}` : `须为以下之一：${values.map(shown).join('、')}`;
    }
    case 'unrecognized_keys':
      return `不允许的字段：${(issue.keys as string[]).join('、')}`;
    case 'invalid_union':
      return isEmpty(issue.input) ? '必须填写' : '输入有误';
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return '输入有误';
    default:
      return undefined;
  }
}

/**
 * Sets the Chinese messages for this process (server) or page (console). The locale is zod's zh-CN; the
 * platform's map is the custom map, which zod keeps even if another copy of zod later resets the locale.
 */
export function installChineseZodMessages(): void {
  z.config({ ...zhCN(), customError: chineseIssueMessage });
}
