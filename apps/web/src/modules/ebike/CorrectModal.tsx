import { BATTERY_TYPES, CORRECTABLE_ITEMS, type CorrectableKey, CorrectBodySchema, VEHICLE_ITEM_LABELS, type VehicleDetail } from '@shtp/core/ebike';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { BusinessModal } from './BusinessModal';
import { codeOptions } from './code-labels';
import { ColourSelect } from './VehicleItemsFields';

/** A correctable item's label, as the history shows it. */
const itemLabel = (key: CorrectableKey) => VEHICLE_ITEM_LABELS[CORRECTABLE_ITEMS[key]] ?? key;

interface CorrectForm {
  businessId?: number;
  chosen: CorrectableKey[];
  items: Partial<Record<CorrectableKey, unknown>>;
  reason?: string;
}

/** The input of one correctable item; codes pick from their tables. */
function itemInput(key: CorrectableKey): ReactNode {
  switch (key) {
    case 'colours':
      return <ColourSelect />;
    case 'batteryType':
      return <Select options={codeOptions(BATTERY_TYPES)} />;
    case 'districtCode':
      return <Select options={codeOptions(SHANGHAI_DISTRICTS)} showSearch={{ optionFilterProp: 'label' }} />;
    case 'batteryVoltage':
      return <InputNumber suffix="V" style={{ width: '100%' }} />;
    case 'purchaseDate':
      return <DatePicker style={{ width: '100%' }} />;
    default:
      return <Input maxLength={100} data-testid={`correct-item-${key}`} />;
  }
}

function correctBody(v: CorrectForm) {
  const items: Record<string, unknown> = {};
  for (const key of v.chosen) {
    const value = v.items[key];
    items[key] = key === 'purchaseDate' ? (value as Dayjs | undefined)?.format('YYYY-MM-DD') : value;
  }
  return { businessId: v.businessId, items, reason: v.reason };
}

/**
 * 更正 (E7): pick a business of the history, the items it recorded that were wrong, their right values and why. The
 * businesses and their items are those the server allows (`actions.correct.targets`). Opened for a business 六合一
 * rejected (`businessId`, from 上传监控 or the history), the 更正 repairs it: it goes up in that business's place.
 */
export function CorrectModal({ vehicle, onClose, businessId }: { vehicle: VehicleDetail; onClose: () => void; businessId?: number | undefined }) {
  const targets = vehicle.actions.correct.targets.flatMap(({ businessId, items }) => {
    const b = vehicle.businesses.find((entry) => entry.id === businessId);
    return b ? [{ id: businessId, label: `${b.lsh} ${b.typeLabel}`, items }] : [];
  });
  return (
    <BusinessModal<CorrectForm>
      title={`更正 · ${vehicle.plate ?? vehicle.zcbm}`}
      vehicle={vehicle}
      path="correct"
      schema={CorrectBodySchema}
      toBody={correctBody}
      initialValues={{ chosen: [], items: {}, ...(businessId !== undefined && targets.some((t) => t.id === businessId) && { businessId }) }}
      saveTestId="correct-save"
      width={720}
      onClose={onClose}
    >
      <Form.Item name="businessId" label="被更正的业务" required>
        <Select placeholder="请选择历史业务" options={targets.map((t) => ({ value: t.id, label: t.label }))} data-testid="correct-business" />
      </Form.Item>
      <Form.Item noStyle dependencies={['businessId']}>
        {({ getFieldValue }) => {
          const target = targets.find((b) => b.id === getFieldValue('businessId'));
          if (!target) return null;
          return (
            <Form.Item name="chosen" label="更正项目" required>
              <Select
                mode="multiple"
                placeholder="选择需要更正的项目"
                options={target.items.map((key) => ({ value: key, label: itemLabel(key) }))}
                data-testid="correct-items"
              />
            </Form.Item>
          );
        }}
      </Form.Item>
      <Form.Item noStyle dependencies={['chosen']}>
        {({ getFieldValue }) => (
          <Row gutter={16}>
            {(getFieldValue('chosen') as CorrectableKey[]).map((key) => (
              <Col span={12} key={key}>
                <Form.Item name={['items', key]} label={`${itemLabel(key)}（更正为）`} required>
                  {itemInput(key)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        )}
      </Form.Item>
      <Form.Item name="reason" label="更正原因" required>
        <Input.TextArea maxLength={200} rows={2} data-testid="correct-reason" />
      </Form.Item>
    </BusinessModal>
  );
}
