import { z } from 'zod';
import { defineParam } from '../../platform/params/param-definition.ts';

const m = 'appointments';

/** 非机动车登记预约 parameters: which windows take bookings, their slots and how many citizens fit in one. */
export const appointmentsParams = {
  stations: defineParam.list({
    key: 'appointments.stations',
    module: m,
    label: '可预约的登记站点',
    description: '每项为“部门代码|站点名称”；部门代码为公安网受理部门的代码，预约经数据交换送达该部门',
    defaultValue: ['310101000000|黄浦交警支队非机动车登记点', '310104000000|徐汇交警支队非机动车登记点'],
    maxItems: 200,
    item: z.string().regex(/^[0-9A-Za-z-]{2,20}\|.{2,40}$/, '格式须为“部门代码|站点名称”'),
  }),
  slots: defineParam.list({
    key: 'appointments.slots',
    module: m,
    label: '预约时段',
    description: '每日可预约的时段，格式 HH:MM-HH:MM',
    defaultValue: ['09:00-10:00', '10:00-11:00', '13:30-14:30', '14:30-15:30', '15:30-16:30'],
    maxItems: 24,
    item: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, '时段格式须为 HH:MM-HH:MM'),
  }),
  capacityPerSlot: defineParam.number({
    key: 'appointments.capacityPerSlot',
    module: m,
    label: '每时段可预约人数',
    description: '同一站点同一日同一时段最多的有效预约数',
    defaultValue: 20,
    min: 1,
    max: 1000,
    unit: '人',
  }),
  maxDaysAhead: defineParam.number({
    key: 'appointments.maxDaysAhead',
    module: m,
    label: '最多提前预约天数',
    description: '可预约今天之后此天数以内的日期（不含今天）',
    defaultValue: 14,
    min: 1,
    max: 90,
    unit: '天',
  }),
  preregPhotoMaxMegabytes: defineParam.number({
    key: 'appointments.preregPhotoMaxMegabytes',
    module: m,
    label: '网上预登记照片大小上限',
    description: '市民随网上预登记上传的每张照片（JPEG、PNG）的最大大小；照片随预登记经数据交换送公安网，四张照片之和须小于数据交换的每个数据包大小上限',
    defaultValue: 5,
    min: 1,
    max: 10,
    unit: 'MB',
  }),
};
