import { BATTERY_TYPES, ChangeBodySchema, PLATE_KINDS, type VehicleDetail } from '@shtp/core/ebike';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { BusinessModal } from './BusinessModal';
import { codeOptions, colourCodes } from './code-labels';
import { ColourSelect } from './VehicleItemsFields';

interface ChangeForm {
  colours: string[];
  phone?: string;
  districtCode: string;
  address?: string;
  batteryType: string;
  batteryVoltage: number | null;
  plateKind: string;
  plateNumber?: string;
}

const blankToUndefined = (s: string | undefined) => (s?.trim() ? s : undefined);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Only what differs from the registered items goes into the body: the rest is not a change. */
function changeBody(v: ChangeForm, current: ChangeForm) {
  return {
    colours: sameSet(v.colours, current.colours) ? undefined : v.colours,
    phone: blankToUndefined(v.phone),
    districtCode: v.districtCode === current.districtCode ? undefined : v.districtCode,
    address: blankToUndefined(v.address),
    batteryType: v.batteryType === current.batteryType ? undefined : v.batteryType,
    batteryVoltage: v.batteryVoltage === current.batteryVoltage ? undefined : (v.batteryVoltage ?? undefined),
    plateKind: v.plateKind === current.plateKind ? undefined : v.plateKind,
    plateNumber: v.plateKind === current.plateKind ? undefined : blankToUndefined(v.plateNumber),
  };
}

/** 变更登记 (E3): colours, phone, address and district, battery, and the 普通 ↔ 专用 号牌 switch (a new number). */
export function ChangeModal({ vehicle, onClose }: { vehicle: VehicleDetail; onClose: () => void }) {
  const current: ChangeForm = {
    colours: colourCodes(vehicle.colours),
    districtCode: vehicle.owner.districtCode,
    batteryType: vehicle.batteryType,
    batteryVoltage: vehicle.batteryVoltage,
    plateKind: vehicle.plateKind,
  };
  return (
    <BusinessModal<ChangeForm>
      title={`变更登记 · ${vehicle.plate ?? vehicle.zcbm}`}
      vehicle={vehicle}
      path="change"
      schema={ChangeBodySchema}
      toBody={(v) => changeBody(v, current)}
      initialValues={current}
      saveTestId="change-save"
      width={720}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="colours" label="车身颜色">
            <ColourSelect data-testid="change-colours" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label="联系电话" extra="不变更请留空">
            <Input maxLength={20} data-testid="change-phone" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="districtCode" label="登记行政区划">
            <Select options={codeOptions(SHANGHAI_DISTRICTS)} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="address" label="住所地址" extra="不变更请留空">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="batteryType" label="蓄电池类型">
            <Select options={codeOptions(BATTERY_TYPES)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="batteryVoltage" label="蓄电池标称电压">
            <InputNumber suffix="V" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="plateKind" label="号牌种类" extra="改变种类将换发另一号段的号码">
            <Select options={codeOptions(PLATE_KINDS)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item noStyle dependencies={['plateKind']}>
            {({ getFieldValue }) =>
              getFieldValue('plateKind') !== current.plateKind && (
                <Form.Item name="plateNumber" label="新号牌号码" extra="留空则自动分配">
                  <Input maxLength={12} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Col>
      </Row>
    </BusinessModal>
  );
}
