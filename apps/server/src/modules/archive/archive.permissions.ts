import { ARCHIVE_P as AP } from '@shtp/core/archive';
import type { PermissionNode } from '@shtp/core/platform';

export { AP };

const a = (code: string, name: string): PermissionNode => ({ code, name, type: 'action', children: [] });

export const ARCHIVE_PERMISSIONS: PermissionNode = {
  code: AP.menu,
  name: '影像档案',
  type: 'menu',
  children: [
    a(AP.capture, '影像采集与补录'),
    a(AP.view, '影像查询与查看'),
    a(AP.download, '下载影像'),
    a(AP.print, '打印影像'),
    a(AP.warnings, '未采集齐全预警'),
    a(AP.stats, '采集统计'),
    a(AP.catalogue, '维护必需材料目录'),
    a(AP.hold, '设置或解除法律保全'),
    a(AP.dispose, '到期档案处置（申请与审批，须两人）'),
  ],
};

/** Built-in roles on a new database: the window captures and views, the supervisor also watches, counts and prints. */
export const ARCHIVE_ROLE_PROPOSALS: Record<string, string[]> = {
  window_officer: [AP.menu, AP.capture, AP.view],
  supervisor: [AP.menu, AP.view, AP.download, AP.print, AP.warnings, AP.stats, AP.catalogue, AP.hold, AP.dispose],
};
