import { PrinterOutlined } from '@ant-design/icons';
import { PLATE_KINDS, type VehicleDetail } from '@shtp/core/ebike';
import { Button, Descriptions, Modal, Typography } from 'antd';
import { formatDateTime } from '../../shared/format';
import { codeLabel } from './code-labels';

/**
 * 受理回执 of one business of a vehicle, ready to print: the print style sheet prints only this sheet (no console
 * around it, no buttons). The owner is printed as shown — masked unless shown in clear.
 */
export function BusinessReceipt({ vehicle, lsh, onClose }: { vehicle: VehicleDetail; lsh: string; onClose: () => void }) {
  const business = vehicle.businesses.find((b) => b.lsh === lsh);
  return (
    <Modal
      open
      title="受理回执"
      width={720}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="receipt-print">
          打印
        </Button>,
      ]}
    >
      {business ? (
        <div className="print-sheet" data-testid="receipt">
          <Typography.Title level={4} style={{ textAlign: 'center' }}>
            上海市电动自行车{business.typeLabel}受理回执
          </Typography.Title>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="流水号">{business.lsh}</Descriptions.Item>
            <Descriptions.Item label="业务">{business.typeLabel}</Descriptions.Item>
            <Descriptions.Item label="号牌号码">{vehicle.plate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="号牌种类">{codeLabel(PLATE_KINDS, vehicle.plateKind)}</Descriptions.Item>
            <Descriptions.Item label="品牌型号">
              {vehicle.brand} {vehicle.model}
            </Descriptions.Item>
            <Descriptions.Item label="整车编码">{vehicle.zcbm}</Descriptions.Item>
            <Descriptions.Item label="所有人">{vehicle.owner.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="证件号码">{vehicle.owner.idNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="办理部门">{business.departmentName}</Descriptions.Item>
            <Descriptions.Item label="经办人">{business.operator}</Descriptions.Item>
            <Descriptions.Item label="办理时间" span={2}>
              {formatDateTime(business.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            请妥善保管本回执。凭流水号可查询业务办理及上报状态。
          </Typography.Paragraph>
        </div>
      ) : (
        <Typography.Text type="danger">该车辆没有流水号为 {lsh} 的业务</Typography.Text>
      )}
    </Modal>
  );
}
