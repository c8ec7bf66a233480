import { defineParam } from '../../platform/params/param-definition.ts';

const m = 'roadworks';

/** 道路施工 parameters: the periods of 城市道路管理条例 art.33–34 and the repeated-digging window (R4). */
export const roadworksParams = {
  protectionYearsNew: defineParam.number({
    key: 'roadworks.protection.newYears',
    module: m,
    label: '新建、改建扩建道路的掘路保护期',
    description: '城市道路管理条例第33条：新建、扩建、改建的城市道路交付使用后5年内不得挖掘（市政府批准的除外）',
    defaultValue: 5,
    min: 0,
    max: 20,
    unit: '年',
  }),
  protectionYearsOverhaul: defineParam.number({
    key: 'roadworks.protection.overhaulYears',
    module: m,
    label: '大修道路的掘路保护期',
    description: '城市道路管理条例第33条：大修的城市道路竣工后3年内不得挖掘（市政府批准的除外）',
    defaultValue: 3,
    min: 0,
    max: 20,
    unit: '年',
  }),
  repeatMonths: defineParam.number({
    key: 'roadworks.repeat.months',
    module: m,
    label: '重复掘路预警期',
    description: '同一路段在此月数内再次掘路时预警（R4），证据列出此前的许可',
    defaultValue: 12,
    min: 1,
    max: 60,
    unit: '月',
  }),
  emergencyFilingHours: defineParam.number({
    key: 'roadworks.emergency.filingHours',
    module: m,
    label: '抢修补办时限',
    description: '城市道路管理条例第34条：管线抢修可先行破路，须在24小时内补办批准手续',
    defaultValue: 24,
    min: 1,
    max: 168,
    unit: '小时',
  }),
};
