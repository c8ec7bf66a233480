/**
 * The port to 六合一 (公安交通管理综合应用平台) for non-motor-vehicle registration writes. Field names follow
 * its pinyin style (DOMAIN.md §1.4); the codes marked [A] are assumptions until the interface document is had
 * (see README.md beside this file and liuheyi.codes.ts).
 */
export type LiuheyiWriteKind = 'business' | 'status' | 'correction';

export interface LiuheyiWrite {
  /** 流水号, 13 digits (yyMMdd + 7-digit sequence): the far side deduplicates by it. */
  lsh: string;
  kind: LiuheyiWriteKind;
  /** kind=business: A 注册 / B 转移 / D 变更 / G 注销 / K 补换. */
  ywlx?: 'A' | 'B' | 'D' | 'G' | 'K' | undefined;
  /** 业务原因: B needs BA/BB/BC; D may carry DA/DB/DC; A, G and K carry none. */
  ywyy?: string | undefined;
  /** kind=status: C 被盗抢 (失窃/找回), O 锁定 (锁定/解锁). */
  zt?: { flag: 'C' | 'O'; set: boolean } | undefined;
  /** kind=correction: the 流水号 whose items are corrected. */
  correctsLsh?: string | undefined;
  /** The vehicle's items after the business. */
  items: LiuheyiItems;
  /**
   * The business's own elements (README: business → elements), e.g. zxyy 注销原因, bhlx 补换类型, sqrq/sqdd/bajbh
   * 失窃日期/地点/报案编号, zhqk 找回情况, sdyy/sdbm 锁定原因/部门, jsyy 解锁原因, gzyy/gzxm 更正原因/项目, bgxm 变更项目.
   */
  details?: Record<string, string> | undefined;
  /** 经办人 username, managing department code (12 digits). */
  operator: { blr: string; glbm: string };
  /** ISO time of the business. */
  occurredAt: string;
}

export interface LiuheyiItems {
  /** 号牌号码; null before a plate is allocated (allowed on 注册 only). */
  hphm: string | null;
  /** 号牌种类 [A]: P 普通号牌 / K 专用号牌（快递外卖）— the e-bike plate kinds of @shtp/core PLATE_KINDS. */
  hpzl: string;
  /** 整车编码, 15 digits. */
  zcbm: string;
  /** 电机号. */
  djh: string;
  clpp: string;
  clxh: string;
  /** 车身颜色: 1–3 distinct GA 24.8 letters (A 白 … J 黑, Z 其他), e.g. 'AJ'. */
  csys: string;
  /** 车辆用途 [A]: P 普通 / K 快递外卖专用; must agree with hpzl. */
  clyt: 'P' | 'K';
  /** CCC 证书编号 (16 digits [A]). */
  ccczsbh: string;
  /** 产品合格证编号 (optional). */
  hgzbh?: string | null | undefined;
  /** 所有人类型: 1 个人, 2 单位. */
  syrlx: '1' | '2';
  /** 身份证明名称 [A]: A 居民身份证 (syrlx 1), B 统一社会信用代码 (syrlx 2). */
  sfzmmc: string;
  sfzmhm: string;
  syrmc: string;
  lxdh: string;
  /** 登记行政区划, 6-digit GB/T 2260 code in use. */
  djxzqh: string;
  zsxxdz: string;
  /** 发证机关, e.g. 沪A; equals the first two characters of hphm when there is one. */
  fzjg: string;
  /** 车辆类型 [A]: 1 电动自行车, 2 残疾人机动轮椅车, 3 人力三轮车. */
  cllx: string;
  /** 获得方式 [A]: A 购买, B 赠予, C 继承, Z 其他. */
  hdfs: string;
  /** 来历凭证编号. */
  lypzbh: string;
  /** 购买日期 YYYY-MM-DD. */
  gmrq: string;
  /** 蓄电池类型 [A]: 1 铅酸, 2 锂离子, 9 其他. */
  xdclx: string;
  /** 蓄电池标称电压 (V), decimal text. */
  xdcdy: string;
  /** 委托方式 [A]: 1 本人办理, 2 委托代理人 (then dlrxm and dlrsfzmhm). */
  wtfs: '1' | '2';
  /** 代理人姓名, 身份证号码 (wtfs 2 only). */
  dlrxm?: string | null | undefined;
  dlrsfzmhm?: string | null | undefined;
}

/** The far side's answer to a daily reconciliation query: what it accepted on a day (China time). */
export interface LiuheyiReconciliation {
  /** YYYY-MM-DD. */
  day: string;
  /** Accepted writes per business key (A, B, D, G, K; C1/C0 失窃/找回; O1/O0 锁定/解锁; GZ 更正). */
  counts: Record<string, number>;
  /** Every 流水号 it accepted that day. */
  serials: string[];
}

export interface LiuheyiAck {
  lsh: string;
  /** The far side's own record ID (the simulator's is 'LHY' + 12 digits). */
  remoteId: string;
  /** When the far side first accepted the 流水号 (ISO). */
  acceptedAt: string;
  /** The far side already had this 流水号 with the same content (a resend). Always true on a query. */
  duplicate: boolean;
}

/** The far side refused the content: do not retry; show `reason` to the officer (corrected through 更正). */
export class LiuheyiRejectedError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`六合一退回（${code}）：${reason}`);
    this.name = 'LiuheyiRejectedError';
  }
}

/** Timeout, connection error, 5xx or an answer that cannot be read: retry with backoff. */
export class LiuheyiUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiuheyiUnavailableError';
  }
}

export interface LiuheyiPort {
  write(w: LiuheyiWrite): Promise<LiuheyiAck>;
  /** The far side's record of a 流水号, or null if it has none. */
  query(lsh: string): Promise<LiuheyiAck | null>;
  /** What the far side accepted on a day (YYYY-MM-DD, China time) [A: interface 01Q62]. */
  reconcile(day: string): Promise<LiuheyiReconciliation>;
}
