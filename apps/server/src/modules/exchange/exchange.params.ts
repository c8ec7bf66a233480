import { z } from 'zod';
import { defineParam } from '../../platform/params/param-definition.ts';

const m = 'exchange';

/** 数据交换 parameters: the gap's operator decides the payload types and sizes; the rest are operating choices. */
export const exchangeParams = {
  allowedChannels: defineParam.list({
    key: 'exchange.allowedChannels',
    module: m,
    label: '允许交换的数据类型',
    description: '网闸允许通过的业务数据类型（通道名）；不在清单中的数据不封装发出，收到的也隔离',
    defaultValue: [
      'vehicles',
      'motor-vehicles',
      'drivers',
      'violations',
      'users',
      'payments',
      'appointments',
      'appointment-status',
      'registrations',
      'registration-status',
      'police-users',
      'resend-requests',
      'receipts',
    ],
    maxItems: 30,
    item: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, '通道名须为小写字母、数字和连字符'),
  }),
  recognisedRoles: defineParam.list({
    key: 'exchange.recognisedRoles',
    module: m,
    label: '互认到互联网区的用户角色',
    description:
      '每项为“公安网角色代码|互联网区角色代码”（如 supervisor|web_reviewer）；持有左侧角色的启用账户经数据交换在互联网区建立对应角色的账户（姓名脱敏，不含密码），停用、删除或不再持有时互联网区账户随之停用；为空则不发出任何用户',
    defaultValue: [],
    maxItems: 50,
    item: z.string().regex(/^[a-z][a-z0-9_-]{0,40}\|[a-z][a-z0-9_-]{0,40}$/, '格式须为“公安网角色代码|互联网区角色代码”'),
  }),
  maxRecordsPerPackage: defineParam.number({
    key: 'exchange.maxRecordsPerPackage',
    module: m,
    label: '每个数据包的最大记录数',
    description: '封装时每包最多的记录数（超过每包大小上限时自动减半）；包越大，封装每条记录的开销越小',
    // 20,000 vehicle records are ~6–8 MB, far below the default size limit; at 5,000 a package, 1 M records took 61–66 s
    // to cross on the quiet 2-core bench box against 44–46 s at 20,000 (docs/benchmarks/exchange.md).
    defaultValue: 20_000,
    min: 1,
    max: 1_000_000,
    unit: '条',
  }),
  maxPackageBytes: defineParam.number({
    key: 'exchange.maxPackageBytes',
    module: m,
    label: '每个数据包的大小上限',
    description: '网闸允许的单个文件大小；超过的数据包不发出（先按记录数拆分），收到的超限数据包隔离',
    defaultValue: 50 * 1024 * 1024,
    min: 1024,
    max: 2 * 1024 * 1024 * 1024,
    unit: '字节',
  }),
  minAgeSeconds: defineParam.duration({
    key: 'exchange.minAgeSeconds',
    module: m,
    label: '数据包最短静置时间',
    description: '完成标记写入后经过此时间才处理，以免读到网闸仍在复制的文件',
    defaultValue: 5,
    min: 0,
    max: 3600,
    unit: 'seconds',
  }),
  retentionDays: defineParam.duration({
    key: 'exchange.retentionDays',
    module: m,
    label: '发出数据包的留存天数',
    description: '发出的数据包副本保留此天数，供对方发现缺号时重发',
    defaultValue: 14,
    min: 1,
    max: 365,
    unit: 'days',
  }),
};
