import { Card, Tabs } from 'antd';
import { MaterialsPanel } from './MaterialsPanel';
import { SinglePanel } from './SinglePanel';

/** 识别工作台: one document (type, fields with confidence, checks, invoice authenticity) or one case's materials (T21). */
export default function WorkbenchPage() {
  return (
    <Card title="识别工作台">
      <Tabs
        items={[
          { key: 'single', label: '证件识别', children: <SinglePanel /> },
          { key: 'materials', label: '非沪籍材料核查', children: <MaterialsPanel /> },
        ]}
      />
    </Card>
  );
}
