import { z } from 'zod';
import { defineParam } from '../../platform/params/param-definition.ts';
import { DOC_TYPE_LABEL, DOC_TYPES } from './classify/classify.ts';

const m = 'recognition';
const MATERIAL_TYPES = DOC_TYPES.filter((t) => t !== 'other');

/**
 * Phase-2 parameters: the tax verification deadline, the materials required of a non-Shanghai applicant (T21) and
 * how many images one materials check may carry.
 */
export const documentParams = {
  verifyTimeoutSeconds: defineParam.duration({
    key: 'recognition.invoice.verifyTimeoutSeconds',
    module: m,
    label: '发票查验超时',
    description: '向税务机关查验发票的最长等待时间；超时则“发票存在/状态”检查为未知，不判为通过',
    defaultValue: 5,
    min: 1,
    max: 60,
    unit: 'seconds',
  }),
  requiredMaterials: defineParam.list({
    key: 'recognition.t21.requiredMaterials',
    module: m,
    label: '非沪籍申请人须提供的材料',
    description: `T21：申请人身份证号码非上海（行政区划代码不以 31 开头）时须上传的材料，每项一种材料，可用“|”分隔可互相替代的证件类型（${MATERIAL_TYPES.map((t) => `${t}=${DOC_TYPE_LABEL[t]}`).join('，')}）。默认值为假设（DOMAIN.md §2 未核实具体清单）`,
    defaultValue: ['id-card-front', 'residence-permit'],
    item: z
      .string()
      .min(1)
      .max(200)
      .refine(
        (s) => s.split('|').every((t) => (MATERIAL_TYPES as readonly string[]).includes(t)),
        `须为证件类型代码（${MATERIAL_TYPES.join('、')}），可用“|”分隔`,
      ),
    maxItems: 10,
  }),
  maxMaterialImages: defineParam.number({
    key: 'recognition.materials.maxImages',
    module: m,
    label: '材料核查图片数上限',
    description: '一次材料核查（T21）最多上传的图片张数',
    defaultValue: 6,
    min: 1,
    max: 20,
    unit: '张',
  }),
};
