import { MATERIAL_KINDS, type MaterialKind, type WarningDetail } from '@shtp/core/tempplate';
import { Button, Col, Descriptions, Drawer, Empty, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../shared/format';
import { AttachmentsCard } from './AttachmentsCard';
import { EvidenceImages } from './EvidenceImages';
import { OrderActionForms } from './OrderActionForms';
import { useWarning } from './tempplate-queries';

const material = (k: string) => MATERIAL_KINDS[k as MaterialKind] ?? k;

/** The evidence next to the business it concerns: what was compared, against what, under which threshold and window. */
function Evidence({ w }: { w: WarningDetail }) {
  const e = w.evidence;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="item"
        pagination={false}
        dataSource={e.compared}
        columns={[
          { title: '比对项', dataIndex: 'item' },
          { title: '本业务', dataIndex: 'value' },
          { title: '比对对象 / 阈值', dataIndex: 'against' },
        ]}
        data-testid="evidence"
      />
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="阈值">{e.threshold ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="统计期">{e.window ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="规则版本 / 参数版本">{`v${w.ruleVersion} / 参数集 ${w.paramSetVersion}`}</Descriptions.Item>
        {e.note && <Descriptions.Item label="说明">{e.note}</Descriptions.Item>}
      </Descriptions>
      {e.related.length > 0 && (
        <Table
          size="small"
          rowKey="businessId"
          pagination={false}
          dataSource={e.related}
          columns={[
            { title: '相关临牌', dataIndex: 'plate' },
            { title: '发放时间', dataIndex: 'issuedAt', render: formatDateTime },
          ]}
        />
      )}
    </Space>
  );
}

/** A warning's detail: the evidence and the business (masked) beside the document images, the order's signed steps and its actions. */
export function WarningDrawer({ id, onClose, onAssign }: { id: number | null; onClose: () => void; onAssign: (id: number) => void }) {
  const detail = useWarning(id);
  const w = detail.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size={1200} title={w ? `${w.rule} ${w.ruleName}` : '预警详情'} destroyOnHidden>
      {!w ? (
        <Empty description={detail.isError ? '无法读取预警' : '读取中'} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="warning-detail">
          <Typography.Title level={5}>{w.summary}</Typography.Title>
          <Row gutter={16}>
            <Col span={13}>
              <Typography.Title level={5}>证据</Typography.Title>
              <Evidence w={w} />
              <Descriptions size="small" column={1} bordered title="临牌业务" style={{ marginTop: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label="临牌号码">{w.plate}</Descriptions.Item>
                <Descriptions.Item label="车辆识别代号">{w.vin}</Descriptions.Item>
                <Descriptions.Item label="所有人">{w.business.ownerName}</Descriptions.Item>
                <Descriptions.Item label="身份证明号码">{w.business.ownerIdNumber}</Descriptions.Item>
                <Descriptions.Item label="联系电话">{w.business.phone}</Descriptions.Item>
                <Descriptions.Item label="销售单位">{w.business.dealer ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="办理部门 / 民警">{`${w.departmentName} / ${w.business.officer}`}</Descriptions.Item>
                <Descriptions.Item label="受理 / 发放">{`${formatDateTime(w.business.acceptedAt)} / ${formatDateTime(w.issuedAt)}`}</Descriptions.Item>
                <Descriptions.Item label="有效期">{`${w.business.validFrom} 至 ${w.business.validTo}`}</Descriptions.Item>
                <Descriptions.Item label="交强险终止">{w.business.insuranceEnd}</Descriptions.Item>
                <Descriptions.Item label="影像化资料">
                  {w.business.materials.map((m) => (
                    <Tag key={m}>{material(m)}</Tag>
                  ))}
                </Descriptions.Item>
              </Descriptions>
            </Col>
            <Col span={11}>
              <Typography.Title level={5}>影像化资料</Typography.Title>
              <EvidenceImages w={w} />
            </Col>
          </Row>
          <Timeline
            items={w.steps.map((s) => ({
              content: `${formatDateTime(s.at)} ${s.by} ${s.actionName}${s.result ? `：${s.result}` : ''}${s.text ? `（${s.text}）` : ''}${s.signed ? ' · 已签名' : ''}`,
            }))}
          />
          {w.actions.assign.allowed && (
            <Button onClick={() => onAssign(w.id)} data-testid="assign-one">
              {w.state === 'unassigned' ? '分配' : '改派'}
            </Button>
          )}
          <AttachmentsCard w={w} />
          <OrderActionForms w={w} />
        </Space>
      )}
    </Drawer>
  );
}
