import { ScanOutlined } from '@ant-design/icons';
import { RECOGNITION_P } from '@shtp/core/recognition';
import { lazyPage } from '../../menu/lazy-page';
import { registerMenuEntries, registerMenuGroups } from '../../menu/registry';

const WorkbenchPage = lazyPage(() => import('./WorkbenchPage'));

/** 图像识别 (police zone): the recognition workbench. */
export function registerRecognitionMenu(): void {
  registerMenuGroups([{ key: 'recognition', label: '图像识别', icon: <ScanOutlined /> }]);
  registerMenuEntries([
    {
      group: 'recognition',
      path: '/recognition/workbench',
      label: '识别工作台',
      permission: RECOGNITION_P.workbench,
      icon: <ScanOutlined />,
      element: <WorkbenchPage />,
    },
  ]);
}
