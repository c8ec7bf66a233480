/**
 * The port to 六合一 (公安交通管理综合应用平台) for non-motor-vehicle registration writes. Field names follow
 * its pinyin style (DOMAIN.md §1.4); the codes marked [A] are assumptions until the interface document is had.
 */
export type LiuheyiWriteKind = 'business' | 'status' | 'correction';

export interface LiuheyiWrite {
  /** 流水号, 13 digits (yyMMdd + 7-digit sequence): the far side deduplicates by it. */
  lsh: string;
  kind: LiuheyiWriteKind;
  /** kind=business: A 注册 / B 转移 / D 变更 / G 注销 / K 补换. */
  ywlx?: 'A' | 'B' | 'D' | 'G' | 'K' | undefined;
  ywyy?: string | undefined;
  /** kind=status: C 被盗抢 (失窃/找回), O 锁定 (锁定/解锁). */
  zt?: { flag: 'C' | 'O'; set: boolean } | undefined;
  /** kind=correction: the 流水号 whose items are corrected. */
  correctsLsh?: string | undefined;
  items: LiuheyiItems;
  operator: { blr: string; glbm: string };
  occurredAt: string;
}

export interface LiuheyiItems {
  hphm: string | null;
  /** 号牌种类: P 普通 / K 专用 (快递外卖) [A]. */
  hpzl: string;
  zcbm: string;
  djh: string;
  clpp: string;
  clxh: string;
  csys: string;
  /** 使用性质: P 普通 / K 快递外卖专用 [A]. */
  clyt: 'P' | 'K';
  ccczsbh: string;
  hgzbh?: string | null;
  /** 所有人类型: 1 个人, 2 单位. */
  syrlx: '1' | '2';
  /** 身份证明名称: A 居民身份证, B 统一社会信用代码 [A]. */
  sfzmmc: string;
  sfzmhm: string;
  syrmc: string;
  lxdh: string;
  djxzqh: string;
  zsxxdz: string;
  fzjg: string;
}

export interface LiuheyiAck {
  lsh: string;
  remoteId: string;
  acceptedAt: string;
  /** The far side already had this 流水号 with the same content. */
  duplicate: boolean;
}

/** The far side refused the content: do not retry; show `reason` to the officer (corrected through 更正). */
export class LiuheyiRejectedError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`六合一退回（${code}）：${reason}`);
  }
}

/** Timeout, connection error, 5xx or an answer that cannot be read: retry with backoff. */
export class LiuheyiUnavailableError extends Error {}

export interface LiuheyiPort {
  write(w: LiuheyiWrite): Promise<LiuheyiAck>;
  query(lsh: string): Promise<LiuheyiAck | null>;
}
