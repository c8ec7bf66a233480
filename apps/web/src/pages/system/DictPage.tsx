import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type DictType, P } from '@shtp/core/platform';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, List, Row, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { DictItemsPanel } from './DictItemsPanel';
import { DictTypeFormModal } from './DictTypeFormModal';

type Dialog = { type?: DictType };

export default function DictPage() {
  const can = usePermission();
  const editable = can(P.dictEdit);
  const types = useQuery({ queryKey: queryKeys.dictTypes, queryFn: () => api.get<DictType[]>('/api/system/dict/types') });
  const [selectedCode, setSelectedCode] = useState<string>();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const selected = types.data?.find((type) => type.code === selectedCode) ?? types.data?.[0];

  return (
    <Row gutter={16}>
      <Col xs={24} lg={7}>
        <Card
          title="字典类型"
          size="small"
          extra={
            editable && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({})} data-testid="dict-type-create">
                新增字典
              </Button>
            )
          }
        >
          <List
            loading={types.isPending}
            dataSource={types.data}
            renderItem={(type) => (
              <List.Item
                className={type.code === selected?.code ? 'dict-type dict-type-selected' : 'dict-type'}
                onClick={() => setSelectedCode(type.code)}
                actions={
                  editable ? [<Button key="edit" type="text" size="small" icon={<EditOutlined />} title="编辑字典" onClick={() => setDialog({ type })} />] : []
                }
              >
                <List.Item.Meta title={type.name} description={type.code} />
                {type.builtIn && <Tag>内置</Tag>}
                {!type.enabled && <Tag>停用</Tag>}
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={17}>
        {selected ? (
          <DictItemsPanel key={selected.code} type={selected} editable={editable} />
        ) : (
          <Card>
            <Empty description="请选择字典类型" />
          </Card>
        )}
      </Col>
      {dialog && (
        <DictTypeFormModal
          type={dialog.type}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setSelectedCode(saved.code);
            setDialog(null);
          }}
        />
      )}
    </Row>
  );
}
