import { z } from 'zod';
import { defineParam } from '../../platform/params/param-definition.ts';

const m = 'enforcement';
const num = (key: string, label: string, description: string, defaultValue: number, min: number, max: number, unit: string) =>
  defineParam.number({ key: `enforcement.${key}`, module: m, label, description, defaultValue, min, max, unit });

/** 交通执法II parameters: the [A] rules of DOMAIN.md §3 (first violation, alcohol, blood custody) kept editable. */
export const enforcementParams = {
  firstViolationCodes: defineParam.list({
    key: 'enforcement.firstViolation.codes',
    module: m,
    label: '首违免罚适用的违法代码',
    description: '可适用首违警告的违法代码（须为可警告、不记分的轻微违法）；全国与本市清单未找到，默认值为假设，请按公布的清单修改',
    defaultValue: ['1039', '2004', '2007', '2009', '2012', '2088', '3001', '3005'],
    maxItems: 200,
    item: z.string().regex(/^\d{4}[0-9A-Z]?$/, '违法代码为 4 位数字或 5 位（含后缀）'),
  }),
  payDays: num(
    'fine.payDays',
    '罚款缴纳期限',
    '自处罚决定书作出之日起此天数内缴纳罚款；逾期每日按罚款数额的 3% 加处罚款（行政处罚法第六十七、七十二条）',
    15,
    1,
    90,
    '天',
  ),
  firstViolationMonths: num('firstViolation.months', '首违判断期间', '此期间内同一当事人或车辆有同一违法代码的记录，即不属首违', 12, 1, 60, '月'),
  dailyCap: num('simpleProcedure.dailyCap', '民警每日简易程序上限', '民警当日开具的简易程序决定书与警告达到此数后，终端不再受理新的', 50, 1, 500, '份'),
  brac2bac: num('alcohol.bracToBac', '呼气换算系数', '血液酒精含量(mg/100mL) = 呼气酒精含量(mg/L) × 此系数（血液:呼气 2200:1，GB 19522）', 220, 100, 300, '倍'),
  drinkThreshold: num('alcohol.drinkThreshold', '饮酒驾驶阈值', '血液酒精含量达到此值为饮酒驾驶（GB 19522-2024）', 20, 1, 200, 'mg/100mL'),
  drunkThreshold: num('alcohol.drunkThreshold', '醉酒驾驶阈值', '血液酒精含量达到此值为醉酒驾驶（GB 19522-2024）', 80, 1, 400, 'mg/100mL'),
  calibrationValidDays: num('alcohol.calibrationValidDays', '测试仪检定有效期', '检定日期起此天数内的测试仪结果方可作为证据（JJG 657）', 365, 1, 1000, '天'),
  deviceLinkMinutes: num(
    'alcohol.deviceLinkMinutes',
    '测试仪数据关联时间窗',
    '测试仪推送的测量时间与民警录入的检测时间相差不超过此分钟数时自动关联',
    10,
    1,
    120,
    '分钟',
  ),
  photoMaxSide: num('photo.maxSide', '终端照片最长边', '执法终端拍摄的照片在本机压缩到此像素数（最长边）后排队上传（P11）', 1600, 640, 4096, '像素'),
  photoQuality: num('photo.quality', '终端照片压缩质量', '执法终端压缩照片的 JPEG 质量（百分数，越大越清晰、越大）', 80, 40, 95, '%'),
  labDays: num('blood.labDays', '血样送检期限', '抽血后应在此天数内送达检验机构（处理程序规定第三十六条）', 5, 1, 30, '天'),
  notifyDays: num('blood.notifyDays', '检验结果告知期限', '收到检验结果后应在此天数内书面告知当事人', 5, 1, 30, '天'),
};
