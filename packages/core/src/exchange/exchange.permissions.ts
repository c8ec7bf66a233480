/** Permission codes of the 数据交换 module (G11–G13): watch the packages of both directions, operate the crossing. */
export const EXCHANGE_P = {
  menu: 'exchange',
  view: 'exchange:view',
  operate: 'exchange:operate',
} as const;
