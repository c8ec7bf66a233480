import { DEFAULT_SECURITY_LABEL, SECURITY_LABELS, type SecurityLabel } from '@shtp/core/platform';
import { DEFAULT_EBIKE_PLATE_PATTERN, ebikePlateRegExp } from '@shtp/core/validators';
import { z } from 'zod';
import { defineParam } from '../../platform/params/param-definition.ts';

const m = 'ebike';

/** 电动自行车 parameters. The plate format and recycling periods are assumptions (DOMAIN.md §1.7) kept editable. */
export const ebikeParams = {
  platePatterns: defineParam.list({
    key: 'ebike.plate.patterns',
    module: m,
    label: '电动自行车号牌格式',
    description:
      '号牌号码（去掉分隔符后）须整串匹配其中之一的正则表达式；登记、号段生成和图像识别都按此判断。上海电动自行车号牌格式未经确认（默认“沪”+发牌机关字母+6位字母数字，为假设值），请按市公安局规定修改',
    defaultValue: [DEFAULT_EBIKE_PLATE_PATTERN.source],
    maxItems: 10,
    item: z
      .string()
      .min(3)
      .max(100)
      .refine((s) => {
        try {
          ebikePlateRegExp(s);
          return true;
        } catch {
          return false;
        }
      }, '不是有效的正则表达式'),
  }),
  plateCoolingDays: defineParam.number({
    key: 'ebike.plate.coolingDays',
    module: m,
    label: '号牌回收冷却期',
    description: '注销或换领后收回的号码，经过此天数后才能再次分配（补领时遗失的号牌作废，不再分配）',
    defaultValue: 180,
    min: 0,
    max: 3650,
    unit: '天',
  }),
  uploadMaxAttempts: defineParam.number({
    key: 'ebike.upload.maxAttempts',
    module: m,
    label: '六合一上传最大尝试次数',
    description: '网络或对方故障时自动重试的次数，用完后标记为上传失败，可在上传监控中手工重新上传',
    defaultValue: 8,
    min: 1,
    max: 50,
    unit: '次',
  }),
  defaultSecurityLabel: defineParam.enumOf<SecurityLabel>({
    key: 'ebike.securityLabel.default',
    module: m,
    label: '新登记车辆的安全标记',
    description:
      '注册登记时车辆记录获得的安全标记（AC-6）；用户的安全标记低于记录的安全标记时看不到、也不能办理该车辆。个别车辆（如受保护人员的车辆）由审核监管民警单独调高',
    security: true,
    defaultValue: DEFAULT_SECURITY_LABEL,
    options: Object.entries(SECURITY_LABELS).map(([value, label]) => ({ value: value as SecurityLabel, label })),
  }),
};
