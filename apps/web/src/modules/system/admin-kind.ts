import type { AdminKind } from '@shtp/core/platform';

/** 三员分立 names. */
export const ADMIN_KIND_LABELS: Record<AdminKind, string> = {
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};
