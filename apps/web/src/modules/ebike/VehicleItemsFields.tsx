import { ACQUIRE_WAYS, BATTERY_TYPES, COLOURS, NMV_TYPES } from '@shtp/core/ebike';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { codeOptions } from './code-labels';

/** The 六合一 vehicle items in a form (VehicleItemsSchema before parsing; the date is a Dayjs). */
export interface VehicleItemsForm {
  vehicleType: string;
  zcbm?: string;
  motorNo?: string;
  brand?: string;
  model?: string;
  colours?: string[];
  cccCertNo?: string;
  hgzNo?: string;
  batteryType?: string;
  batteryVoltage?: number | null;
  purchaseDate?: Dayjs | null;
  acquireWay?: string;
  originProof?: string;
}

export const NEW_VEHICLE: VehicleItemsForm = { vehicleType: 'ebike', acquireWay: 'purchase', colours: [] };

/** The body's vehicle items: the date as YYYY-MM-DD, an empty optional 合格证编号 left out. */
export function vehicleItemsBody(v: VehicleItemsForm) {
  return {
    ...v,
    batteryVoltage: v.batteryVoltage ?? undefined,
    purchaseDate: v.purchaseDate ? v.purchaseDate.format('YYYY-MM-DD') : undefined,
    hgzNo: v.hgzNo?.trim() ? v.hgzNo : undefined,
  };
}

/** A colour picker of up to 3 distinct body colours (GA 24.8 codes). */
export function ColourSelect(props: { value?: string[]; onChange?: (v: string[]) => void; 'data-testid'?: string }) {
  return <Select mode="multiple" maxCount={3} options={codeOptions(COLOURS)} placeholder="最多选择 3 种" {...props} />;
}

/** One field of the vehicle items, a third of the row wide. */
function Cell({ name, children, ...item }: { name: keyof VehicleItemsForm; label: string; required?: boolean; extra?: string; children: ReactNode }) {
  return (
    <Col span={8}>
      <Form.Item name={['vehicle', name]} {...item}>
        {children}
      </Form.Item>
    </Col>
  );
}

/** 车辆信息 of the registration form, under the form path `vehicle`. */
export function VehicleItemsFields() {
  return (
    <Row gutter={16}>
      <Cell name="vehicleType" label="车辆类型" required>
        <Select options={codeOptions(NMV_TYPES)} data-testid="vehicle-type" />
      </Cell>
      <Cell name="zcbm" label="整车编码" required extra="15 位数字，见 CCC 证书">
        <Input maxLength={15} autoComplete="off" data-testid="vehicle-zcbm" />
      </Cell>
      <Cell name="motorNo" label="电机号" required>
        <Input maxLength={30} autoComplete="off" data-testid="vehicle-motor-no" />
      </Cell>
      <Cell name="brand" label="品牌" required>
        <Input maxLength={30} data-testid="vehicle-brand" />
      </Cell>
      <Cell name="model" label="型号" required>
        <Input maxLength={30} data-testid="vehicle-model" />
      </Cell>
      <Cell name="colours" label="车身颜色" required>
        <ColourSelect data-testid="vehicle-colours" />
      </Cell>
      <Cell name="cccCertNo" label="CCC证书编号" required extra="16 位数字">
        <Input maxLength={16} autoComplete="off" data-testid="vehicle-ccc" />
      </Cell>
      <Cell name="hgzNo" label="合格证编号">
        <Input maxLength={30} data-testid="vehicle-hgz" />
      </Cell>
      <Cell name="purchaseDate" label="购买日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="vehicle-purchase-date" />
      </Cell>
      <Cell name="batteryType" label="蓄电池类型" required>
        <Select options={codeOptions(BATTERY_TYPES)} placeholder="请选择" data-testid="vehicle-battery-type" />
      </Cell>
      <Cell name="batteryVoltage" label="蓄电池标称电压" required>
        <InputNumber suffix="V" style={{ width: '100%' }} data-testid="vehicle-battery-voltage" />
      </Cell>
      <Cell name="acquireWay" label="获得方式" required>
        <Select options={codeOptions(ACQUIRE_WAYS)} data-testid="vehicle-acquire-way" />
      </Cell>
      <Cell name="originProof" label="来历凭证编号" required extra="购车发票号码等">
        <Input maxLength={30} data-testid="vehicle-origin-proof" />
      </Cell>
    </Row>
  );
}
