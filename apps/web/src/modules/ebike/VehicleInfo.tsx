import { ACQUIRE_WAYS, BATTERY_TYPES, NMV_TYPES, OWNER_TYPES, PLATE_KINDS, type VehicleDetail } from '@shtp/core/ebike';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { Descriptions, Space, Tag } from 'antd';
import { formatDate, formatDateTime } from '../../shared/format';
import { codeLabel, STATUS_COLOURS } from './code-labels';

export function StatusTags({ labels }: { labels: string[] }) {
  return (
    <Space size={4} data-testid="vehicle-status">
      {labels.map((label) => (
        <Tag key={label} color={STATUS_COLOURS[label] ?? 'default'}>
          {label}
        </Tag>
      ))}
    </Space>
  );
}

/** The vehicle's current 六合一 items. */
export function VehicleItems({ v }: { v: VehicleDetail }) {
  return (
    <Descriptions size="small" bordered column={3} data-testid="vehicle-items">
      <Descriptions.Item label="号牌号码">
        <span data-testid="vehicle-plate">{v.plate ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label="号牌种类">{codeLabel(PLATE_KINDS, v.plateKind)}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <StatusTags labels={v.statusLabels} />
      </Descriptions.Item>
      <Descriptions.Item label="车辆类型">{codeLabel(NMV_TYPES, v.vehicleType)}</Descriptions.Item>
      <Descriptions.Item label="整车编码">{v.zcbm}</Descriptions.Item>
      <Descriptions.Item label="电机号">{v.motorNo}</Descriptions.Item>
      <Descriptions.Item label="品牌">{v.brand}</Descriptions.Item>
      <Descriptions.Item label="型号">{v.model}</Descriptions.Item>
      <Descriptions.Item label="车身颜色">
        <span data-testid="vehicle-colours">{v.colours.join('/')}</span>
      </Descriptions.Item>
      <Descriptions.Item label="CCC证书编号">{v.cccCertNo}</Descriptions.Item>
      <Descriptions.Item label="合格证编号">{v.hgzNo ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="蓄电池">
        {codeLabel(BATTERY_TYPES, v.batteryType)} {v.batteryVoltage} V
      </Descriptions.Item>
      <Descriptions.Item label="购买日期">{formatDate(v.purchaseDate)}</Descriptions.Item>
      <Descriptions.Item label="获得方式">{codeLabel(ACQUIRE_WAYS, v.acquireWay)}</Descriptions.Item>
      <Descriptions.Item label="来历凭证编号">{v.originProof}</Descriptions.Item>
      <Descriptions.Item label="登记部门">{v.departmentName}</Descriptions.Item>
      <Descriptions.Item label="注册日期">{formatDateTime(v.registeredAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The owner as the server sent it: masked unless asked in clear by a holder of the permission. */
export function OwnerItems({ owner }: { owner: VehicleDetail['owner'] }) {
  const organisation = owner.ownerType === '2';
  return (
    <Descriptions size="small" bordered column={3} data-testid="vehicle-owner">
      <Descriptions.Item label="所有人类型">{codeLabel(OWNER_TYPES, owner.ownerType)}</Descriptions.Item>
      <Descriptions.Item label={organisation ? '单位名称' : '姓名'}>
        <span data-testid="owner-name-view">{owner.name ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={organisation ? '统一社会信用代码' : '身份证号码'}>
        <span data-testid="owner-id-view">{owner.idNumber ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label="联系电话">{owner.phone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="登记行政区划">{codeLabel(SHANGHAI_DISTRICTS, owner.districtCode)}</Descriptions.Item>
      <Descriptions.Item label="住所地址">{owner.address ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}
